"""Small readers for built PDFs, shared by the tests."""
from pathlib import Path

from pypdf import PdfReader

from brochure_builder.profiles import MM


def text_of(path: Path) -> str:
    """The text as a viewer extracts it (MuPDF; it reads right-to-left ligatures as viewers do, pypdf does not)."""
    import pymupdf  # noqa: PLC0415

    with pymupdf.open(path) as document:
        return "\n".join(page.get_text() for page in document)


def page_sizes_mm(path: Path) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in PdfReader(path).pages}


def fonts_of(path: Path) -> dict[str, bool]:
    """Base font name -> whether its font program is embedded."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def runs(path: Path, page: int) -> list[tuple[float, float, str]]:
    """Text runs of one page as (x, y, text), in the order the PDF draws them."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text.strip()))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return found


def footer_runs(path: Path, page: int, height_pt: float = 60) -> list[tuple[float, str]]:
    """(x, text) of the runs in the bottom margin, left to right as drawn."""
    return [(x, text) for x, y, text in runs(path, page) if y < height_pt]


def independent_problems(pdfs: list[Path]) -> list[str]:
    """What tools nobody here wrote say about built PDFs: MuPDF (every warning, while extracting text
    and drawing every page) and Ghostscript (any message, stopping at the first error).
    Our own preflight is a smoke check; these are the proof."""
    import shutil  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    import pymupdf  # noqa: PLC0415

    problems = []
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    for path in pdfs:
        pymupdf.TOOLS.reset_mupdf_warnings()
        with pymupdf.open(path) as document:
            for page in document:
                page.get_text()
                page.get_pixmap(dpi=18)
        problems += [f"{path.name}: MuPDF: {line}" for line in pymupdf.TOOLS.mupdf_warnings().splitlines()]
    if shutil.which("gs"):
        result = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dPDFSTOPONERROR",
                                 "-sDEVICE=nullpage", *map(str, pdfs)], capture_output=True, text=True)
        problems += [f"Ghostscript: {line}" for line in (result.stdout + result.stderr).splitlines()]
        if result.returncode:
            problems.append(f"Ghostscript exited with {result.returncode}")
    return problems


HEADINGS = ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")


def structure_problems(path: Path) -> list[str]:
    """The Matterhorn Protocol (PDF/UA-1) failure conditions a machine can check, read with pikepdf,
    each named by its checkpoint; an empty list for a PDF that is not tagged (a tri-fold)."""
    import pikepdf  # noqa: PLC0415

    problems = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if "/StructTreeRoot" not in root:
            return []
        if not root.get("/MarkInfo", {}).get("/Marked"):
            problems.append("01-001: MarkInfo /Marked is not true")
        if not str(root.get("/Lang", "")):
            problems.append("11-006: no document language (/Lang)")
        if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle"):
            problems.append("07-002: DisplayDocTitle is not true")
        if b"pdfuaid:part" not in root.Metadata.read_bytes():
            problems.append("06-002: the XMP does not identify PDF/UA")
        elements, held = _elements(root.StructTreeRoot)
        for kind, parent, element in elements:
            if kind in HEADINGS and parent in HEADINGS:
                problems.append(f"14: {kind} inside {parent}")
            if parent == "/L" and kind not in ("/LI", "/L", "/Caption"):
                problems.append(f"16-001: {kind} inside L")
            if parent == "/LI" and kind not in ("/Lbl", "/LBody"):
                problems.append(f"16-002: {kind} inside LI")
            if kind == "/Figure" and not str(element.get("/Alt", "")).strip():
                problems.append("13-004: a Figure without alternative text")
        levels = sorted({kind for kind, _, _ in elements if kind in HEADINGS})
        if levels != list(HEADINGS[:len(levels)]) or [kind for kind, _, _ in elements].count("/H1") != 1:
            problems.append(f"14-003: heading levels {levels}, with {[k for k, _, _ in elements].count('/H1')} H1")
        numbers = root.StructTreeRoot.ParentTree.Nums
        parents = {int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers), 2)}
        for number, page in enumerate(pdf.pages, start=1):
            problems += [f"page {number}: {p}" for p in _page_problems(page, parents, held)]
    return problems


def _elements(tree):
    """(kind, parent kind, element) of every element reachable from the root, and their object ids."""
    import pikepdf  # noqa: PLC0415

    found, held, pending = [], set(), [(tree, None)]
    while pending:
        node, parent = pending.pop()
        kind = str(node.S) if "/S" in node else None
        if kind:
            found.append((kind, parent, node))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid and kid.objgen not in held:
                held.add(kid.objgen)
                pending.append((kid, kind or parent))
    return found, held


def _page_problems(page, parents, held) -> list[str]:
    import pikepdf  # noqa: PLC0415

    elements = parents.get(int(page.obj.get("/StructParents", -1)), [])
    depth, marked, untagged = 0, [], 0
    for operands, operator in pikepdf.parse_content_stream(page):
        operator = str(operator)
        if operator in ("BDC", "BMC"):
            depth += 1
            properties = operands[1] if len(operands) > 1 else None
            if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                marked.append(int(properties.MCID))
        elif operator == "EMC":
            depth -= 1
        elif operator in ("Tj", "TJ", "'", '"') and depth == 0:
            untagged += 1
    problems = [f"01-005: {untagged} text operations outside marked content"] if untagged else []
    entries = [index for index, element in enumerate(elements) if isinstance(element, pikepdf.Dictionary)]
    if sorted(marked) != entries:
        problems.append("01-004: marked content and the parent tree differ")
    if any(elements[mcid].objgen not in held for mcid in marked if mcid < len(elements)):
        problems.append("01-007: content tagged with an element outside the structure tree")
    return problems
