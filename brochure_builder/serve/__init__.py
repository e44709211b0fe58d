"""The workspace (`make_brochure.py serve`): a local web application over the same pipeline as `build`.

workspace.py reads the content folder into a snapshot and answers for each job
with the build's own functions; messages.py is the translator's view of a job;
watch.py follows the content folder; build.py runs the build command for the
button; app.py holds the pages and their safety rules; server.py runs it.
"""
