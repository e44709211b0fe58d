"""Running headers and footers of tagged PDFs as pagination artifacts.

WeasyPrint tags the text of page margin boxes (the running title, "Page 1 of
5", the version line) as Span elements that no element of the structure tree
holds: a screen reader meets content whose place in the document is unknown
(Matterhorn checkpoint 01). Repeated page furniture is an artifact in PDF/UA,
so each such marked-content sequence becomes `/Artifact <</Type /Pagination>>`
and its orphan element leaves the parent tree. Everything else is kept as it
is; what the pages show does not change.

The change is made on the renderer's own PDF objects just before they are
written (the renderer's finisher), so the file is neither parsed nor written twice.
"""
from __future__ import annotations


def pagination_artifacts(pdf) -> None:
    """Turn orphan marked content into pagination artifacts, in a pydyf document about to be written."""
    import pydyf  # noqa: PLC0415 - WeasyPrint's PDF writer

    root_reference = pdf.catalog.get("StructTreeRoot")
    if root_reference is None:
        return
    numbered = {obj.number: obj for obj in pdf.objects if getattr(obj, "number", None) is not None}

    def resolve(reference):
        return numbered.get(_number(reference))

    root = resolve(root_reference)
    held = _held_elements(root, resolve)
    numbers = resolve(root["ParentTree"])["Nums"]
    parents = {numbers[i]: numbers[i + 1] for i in range(0, len(numbers), 2)}
    kids = pdf.pages["Kids"]  # pydyf keeps page references as flat triples: number, 0, "R"
    for page in (numbered.get(kids[i]) for i in range(0, len(kids), 3)):
        elements = parents.get(page.get("StructParents"))
        if not isinstance(elements, list):
            continue
        orphans = {mcid for mcid, reference in enumerate(elements)
                   if _number(reference) is not None and _number(reference) not in held}
        if not orphans:
            continue
        operations = resolve(page["Contents"]).stream
        for index, item in enumerate(operations):
            # `/Span`, `<</MCID n>>`, `BDC`: how the renderer opens a tagged sequence
            if isinstance(item, dict) and item.get("MCID") in orphans and index > 0:
                operations[index - 1] = "/Artifact"
                operations[index] = pydyf.Dictionary({"Type": "/Pagination"})
        for mcid in orphans:
            elements[mcid] = "null"


def _number(reference) -> int | None:
    """The object number of a pydyf reference (`b"12 0 R"`), None for anything else."""
    if isinstance(reference, bytes | str):
        parts = (reference.decode("ascii") if isinstance(reference, bytes) else reference).split()
        if len(parts) == 3 and parts[2] == "R" and parts[0].isdigit():
            return int(parts[0])
    return None


def _held_elements(root, resolve) -> set[int]:
    """Object numbers of the structure elements reachable from the root."""
    held: set[int] = set()
    pending = [root]
    while pending:
        kids = pending.pop().get("K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            number = _number(kid)
            element = resolve(kid) if number is not None else None
            if element is None or number in held or not isinstance(element, dict) or "S" not in element:
                continue  # marked content, an annotation, or an element already seen
            held.add(number)
            pending.append(element)
    return held
