"""Right-to-left ligatures that copy, search and read back in the right order.

A PDF draws glyphs in visual order, left to right, so an Arabic or Hebrew line
is stored backwards; a viewer that extracts text turns each right-to-left run
around to recover the order it was written in. The viewers do that character
by character, not glyph by glyph: MuPDF, poppler, PDFium (Chromium) and pdf.js
(Firefox) all do. A ligature glyph stands for several characters (lam + alef
is one glyph, mapped by the font's ToUnicode CMap to "لا"), and turning the
run around character by character reverses those characters too: "على" is
extracted as "عىل", "لا" as "ال", about one Arabic word in eight.

So the ToUnicode entry of a glyph that stands for several right-to-left
characters lists them in visual order, the order the viewer will reverse.
Measured on the demo Arabic leaflet (words that are not in the catalog or the
clinic's file): MuPDF 11.9 % -> 0.7 %, poppler 12.6 % -> 2.4 %, PDFium 12.4 %
-> 1.3 %, pdf.js 11.9 % -> 0.7 %. What remains are marks (shadda, tanween)
that poppler and PDFium give a line of their own because they sit above it.
pypdf, which turns runs around glyph by glyph, reads these ligatures reversed;
no viewer we know of does (docs/accessibility.md).
"""
from __future__ import annotations

import re
import unicodedata

_RIGHT_TO_LEFT = {"R", "AL"}
_LEFT_TO_RIGHT = {"L"}
# One bfchar entry as WeasyPrint writes it: `<glyph> <UTF-16BE of the text>`.
_ENTRY = re.compile(rb"^<([0-9a-fA-F]{4})> <([0-9a-fA-F]+)>$")


def ligatures_in_visual_order(pdf) -> None:
    """Rewrite, in a pydyf document about to be written, every ToUnicode entry of a right-to-left ligature."""
    for obj in pdf.objects:
        lines = getattr(obj, "stream", None)
        if not isinstance(lines, list) or b"/Ordering (UCS)" not in lines[:8]:
            continue
        obj.stream = [_visual_entry(line) if isinstance(line, bytes) else line for line in lines]


def _visual_entry(line: bytes) -> bytes:
    match = _ENTRY.match(line)
    if match is None:
        return line
    text = bytes.fromhex(match[2].decode("ascii")).decode("utf-16-be")
    if not visual_order_needed(text):
        return line
    return b"<%s> <%s>" % (match[1], text[::-1].encode("utf-16-be").hex().encode("ascii"))


def visual_order_needed(text: str) -> bool:
    """A glyph for several characters, written right to left and never left to right."""
    classes = {unicodedata.bidirectional(character) for character in text}
    return len(text) > 1 and bool(classes & _RIGHT_TO_LEFT) and not classes & _LEFT_TO_RIGHT
