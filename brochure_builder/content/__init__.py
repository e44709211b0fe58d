"""Stage 1, content: the leaflet schema (leaflet.py) and the inline markup its texts may use (markup.py)."""
