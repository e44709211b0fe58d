"""Where a catalog message sits: its places in the leaflets and the templates.

`extract` writes each leaflet text with a `#.` comment naming its place
(`chemical-peels: sections[2].heading`) and a reference to the leaflet file;
a template string has only its reference (`templates/leaflet.html:93`). A
message's places are those leaflet places and template references, read back
from the catalog entry, so `update` can tell a text changed where it stands
from a new text at a new place.
"""
from __future__ import annotations

import re

from babel.messages.catalog import Message

_LEAFLET_FILE = re.compile(r"^brochures/(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$")
_PLACE = re.compile(r"^[a-z_]+(?:\[\d+\]|\.[a-z_]+)*$")  # schema.place_name: sections[2].items[0].text


def places(message: Message) -> frozenset[str]:
    """`leaflet-id: place` for each leaflet text, `templates/<file>:<line>` for each template string."""
    found = set()
    for filename, lineno in message.locations:
        leaflet = _LEAFLET_FILE.match(filename)
        if leaflet:
            prefix = f"{leaflet['id']}: "
            found |= {comment for comment in message.auto_comments
                      if comment.startswith(prefix) and _PLACE.match(comment[len(prefix):])}
        elif filename.startswith("templates/"):
            found.add(f"{filename}:{lineno}")
    return frozenset(found)
