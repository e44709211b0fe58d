"""Stage 5, pdf: HTML to PDF with WeasyPrint (renderer.py), tri-fold imposition (trifold.py),
crop marks (marks.py), running headers and footers as artifacts in tagged PDFs (artifacts.py),
and the checks of built PDFs (preflight.py, scan.py).

A leaf: it imports no other stage, only the shared kernels (errors, files, profiles).
"""
