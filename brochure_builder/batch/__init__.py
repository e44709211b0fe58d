"""Stage 6, batch: many jobs at once. plan.py decides the matrix, fingerprints.py and manifest.py
what is up to date, workers.py renders on worker processes, run.py runs a batch end to end,
progress.py reports it, index.py writes the staff index.
"""
