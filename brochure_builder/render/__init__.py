"""Stage 4, render: a leaflet as one HTML document (html.py), and the one answer to which
messages a leaflet uses (usage.py); completeness.py counts them for `status`.
"""
