"""Running headers and footers of tagged PDFs as pagination artifacts.

WeasyPrint tags the text of page margin boxes (the running title, "Page 1 of
5", the leaflet line) as Span elements that no element of the structure tree
holds: a screen reader meets content whose place in the document is unknown
(Matterhorn checkpoint 01). Repeated page furniture is an artifact in PDF/UA,
so each such marked-content sequence becomes `/Artifact <</Type /Pagination>>`
and its orphan element leaves the parent tree. Everything else is kept as it
is; what the pages show does not change.
"""
from __future__ import annotations

import io
import re


def pagination_artifacts(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415
    from pypdf.generic import NullObject  # noqa: PLC0415

    reader = PdfReader(io.BytesIO(pdf))
    if "/StructTreeRoot" not in reader.trailer["/Root"]:
        return pdf
    writer = PdfWriter()
    writer.clone_document_from_reader(reader)  # keeps the trailer /ID as written (see marks.py)
    writer.pdf_header = reader.pdf_header
    tree = writer.root_object["/StructTreeRoot"].get_object()
    held = _held_elements(tree)
    numbers = tree["/ParentTree"].get_object()["/Nums"]
    parents = {int(numbers[i]): numbers[i + 1].get_object() for i in range(0, len(numbers), 2)}
    changed_any = False
    for page in writer.pages:
        elements = parents.get(int(page.get("/StructParents", -1)))
        if elements is None:
            continue
        orphans = {mcid for mcid, element in enumerate(elements)
                   if (reference := _reference(element)) is not None and reference.idnum not in held}
        if not orphans:
            continue
        data = _MARKED.sub(lambda match, orphans=orphans: _ARTIFACT if int(match[2]) in orphans else match[0],
                           page.get_contents().get_data())
        for mcid in orphans:
            elements[mcid] = NullObject()
        _set_contents(page, data)
        changed_any = True
    if not changed_any:
        return pdf
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# How WeasyPrint opens a tagged marked-content sequence: `/Span\n<</MCID 29>>\nBDC`.
_MARKED = re.compile(rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"


def _set_contents(page, data: bytes) -> None:
    from pypdf.generic import DecodedStreamObject  # noqa: PLC0415

    stream = DecodedStreamObject()
    stream.set_data(data)
    page.replace_contents(stream)
    page.compress_content_streams()


def _held_elements(tree) -> set[int]:
    """Object numbers of the structure elements reachable from the root."""
    held: set[int] = set()
    pending = [tree]
    while pending:
        node = pending.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, list) else [kids]:
            element = kid.get_object()
            if not hasattr(element, "get") or "/S" not in element:
                continue  # marked content or an object reference, not an element
            reference = _reference(kid)
            if reference is not None:
                if reference.idnum in held:
                    continue
                held.add(reference.idnum)
            pending.append(element)
    return held


def _reference(item):
    from pypdf.generic import IndirectObject  # noqa: PLC0415

    return item if isinstance(item, IndirectObject) else getattr(item, "indirect_reference", None)
