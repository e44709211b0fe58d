"""Babel extraction method for leaflet YAML (entry point `brochure_yaml`).

Each text becomes one message whose comments carry the translator note and
the place in the leaflet, so translators see both in their PO editor.
"""
from __future__ import annotations

from typing import IO, Iterator

from .content import iter_texts, place_name, validate_leaflet
from .yamlfile import line_numbers, parse_yaml


def extract_leaflet(fileobj: IO[bytes], keywords, comment_tags, options) -> Iterator[tuple]:
    """Yield `(lineno, funcname, message, comments)` for every text of one leaflet.

    A leaflet that does not validate raises, so a broken file is never
    silently left out of the template.
    """
    name = getattr(fileobj, "name", "<leaflet>")
    text = fileobj.read().decode("utf-8")
    leaflet = validate_leaflet(parse_yaml(text, str(name)), str(name))
    lines = line_numbers(text)
    for path, value in iter_texts(leaflet):
        comments = [value.note] if value.note else []
        comments.append(f"{leaflet.id}: {place_name(path)}")
        lineno = lines.get(path + ("text",)) or lines.get(path, 0)
        yield lineno, "gettext", value.text, comments
