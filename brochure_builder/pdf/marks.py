"""Printer's marks for press output, drawn last so a bleeding background cannot hide them.

Crop marks sit outside the bleed, at each corner of the trim box: they start
MARK_GAP beyond the bleed edge, so the band that is printed and cut away
stays clean, and the MediaBox grows by MARK_ROOM to hold them (TrimBox inside
BleedBox inside MediaBox). Fold marks (tri-fold) are dashed. All in registration
colour (the Separation colour space named All: every ink of the press at full
strength), so that each printing plate carries the marks the printer aligns and
cuts by, and press output carries no RGB at all.
"""
from __future__ import annotations

import io

from ..profiles import MM

LINE_WIDTH = 0.3  # pt
MARK_GAP = 1 * MM  # between the bleed edge and the start of a mark
MARK_LENGTH = 5 * MM
MARK_ROOM = MARK_GAP + MARK_LENGTH + 1 * MM  # what the MediaBox adds to the BleedBox on each side
REGISTRATION = "/CSRegistration"  # the marks' colour space, in each page's resources


def mark_operators(trim: tuple[float, float, float, float], bleed: float, folds: list[float] = ()) -> bytes:
    """Content-stream operators for crop marks around `trim` (x0, y0, x1, y1) and fold marks at `folds` (x)."""
    x0, y0, x1, y1 = trim
    start, end = bleed + MARK_GAP, bleed + MARK_GAP + MARK_LENGTH
    ops = [f"q {REGISTRATION} CS 1 SCN {LINE_WIDTH} w []0 d"]
    for x, outward_x in ((x0, -1), (x1, 1)):
        for y, outward_y in ((y0, -1), (y1, 1)):
            ops.append(_line(x, y + outward_y * start, x, y + outward_y * end))
            ops.append(_line(x + outward_x * start, y, x + outward_x * end, y))
    if folds:
        ops.append("[2 1] 0 d")
        for x in folds:
            ops.append(_line(x, y0 - start, x, y0 - end))
            ops.append(_line(x, y1 + start, x, y1 + end))
    ops.append("Q")
    return ("\n" + "\n".join(ops) + "\n").encode("ascii")


def make_room_for_marks(page) -> None:
    """The MediaBox (and a CropBox, if any) become the BleedBox plus MARK_ROOM on each side."""
    from pypdf.generic import RectangleObject  # noqa: PLC0415

    bleed = page.bleedbox
    room = RectangleObject((float(bleed.left) - MARK_ROOM, float(bleed.bottom) - MARK_ROOM,
                            float(bleed.right) + MARK_ROOM, float(bleed.top) + MARK_ROOM))
    page.mediabox = room
    if "/CropBox" in page:
        page.cropbox = room


def drop_links(page) -> None:
    """Press output has no use for link annotations (press preflight flags them inside the trim)."""
    annotations = page.get("/Annots")
    if annotations is None:
        return
    kept = [a for a in annotations.get_object() if a.get_object().get("/Subtype") != "/Link"]
    if kept:
        from pypdf.generic import ArrayObject, NameObject  # noqa: PLC0415

        page[NameObject("/Annots")] = ArrayObject(kept)
    else:
        del page["/Annots"]


def add_registration_colour(page) -> None:
    """The colour space the marks are drawn in, added to the page's resources: Separation All,
    shown on a proof (and by a viewer) as all four process inks."""
    from pypdf.generic import (  # noqa: PLC0415
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
    )

    def numbers(*values):
        return ArrayObject([FloatObject(v) for v in values])

    tint = DictionaryObject({NameObject("/FunctionType"): NumberObject(2), NameObject("/Domain"): numbers(0, 1),
                             NameObject("/C0"): numbers(0, 0, 0, 0), NameObject("/C1"): numbers(1, 1, 1, 1),
                             NameObject("/N"): NumberObject(1)})
    space = ArrayObject([NameObject("/Separation"), NameObject("/All"), NameObject("/DeviceCMYK"), tint])
    resources = page["/Resources"].get_object() if "/Resources" in page else DictionaryObject()
    spaces = resources["/ColorSpace"].get_object() if "/ColorSpace" in resources else DictionaryObject()
    spaces[NameObject(REGISTRATION)] = space
    resources[NameObject("/ColorSpace")] = spaces
    page[NameObject("/Resources")] = resources


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
    writer.pdf_header = reader.pdf_header  # PDF/X-4 is PDF 1.6; pypdf would write its own default
    for page in writer.pages:
        trim = page.trimbox
        make_room_for_marks(page)
        drop_links(page)
        add_registration_colour(page)
        append_operators(page, mark_operators((float(trim.left), float(trim.bottom), float(trim.right),
                                               float(trim.top)), bleed))
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)  # the dropped links
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
