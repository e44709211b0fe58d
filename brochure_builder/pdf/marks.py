"""Printer's marks for press output, drawn last so a bleeding background cannot hide them.

Crop marks sit in the bleed at each corner of the trim box, kept a little
clear of the trim line; fold marks (tri-fold) are dashed. All in black ink
only (0 0 0 1 K), so press output carries no RGB at all.
"""
from __future__ import annotations

import io

CLEARANCE = 1.5  # pt between a mark and the trim line
LINE_WIDTH = 0.3  # pt


def mark_operators(trim: tuple[float, float, float, float], bleed: float, folds: list[float] = ()) -> bytes:
    """Content-stream operators for crop marks around `trim` (x0, y0, x1, y1) and fold marks at `folds` (x)."""
    x0, y0, x1, y1 = trim
    length = bleed - CLEARANCE
    ops = [f"q 0 0 0 1 K {LINE_WIDTH} w []0 d"]
    for x, outward_x in ((x0, -1), (x1, 1)):
        for y, outward_y in ((y0, -1), (y1, 1)):
            ops.append(_line(x, y + outward_y * CLEARANCE, x, y + outward_y * bleed))
            ops.append(_line(x + outward_x * CLEARANCE, y, x + outward_x * bleed, y))
    if folds:
        ops.append("[2 1] 0 d")
        for x in folds:
            ops.append(_line(x, y0 - CLEARANCE, x, y0 - CLEARANCE - length))
            ops.append(_line(x, y1 + CLEARANCE, x, y1 + CLEARANCE + length))
    ops.append("Q")
    return ("\n" + "\n".join(ops) + "\n").encode("ascii")


def _line(xa: float, ya: float, xb: float, yb: float) -> str:
    return f"{xa:.3f} {ya:.3f} m {xb:.3f} {yb:.3f} l S"


def append_operators(page, operators: bytes) -> None:
    from pypdf.generic import DecodedStreamObject  # noqa: PLC0415

    stream = DecodedStreamObject()
    stream.set_data(page.get_contents().get_data() + operators)
    page.replace_contents(stream)


def add_crop_marks(pdf: bytes, bleed: float) -> bytes:
    """Crop marks on every page of a rendered press PDF; everything else is kept as it is."""
    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415

    reader = PdfReader(io.BytesIO(pdf))
    # Cloned after construction, not with clone_from=: that would rewrite the trailer /ID from
    # literal to hex strings (the same bytes, but not the same file as the renderer's).
    writer = PdfWriter()
    writer.clone_document_from_reader(reader)
    for page in writer.pages:
        trim = page.trimbox
        append_operators(page, mark_operators((float(trim.left), float(trim.bottom), float(trim.right),
                                               float(trim.top)), bleed))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
