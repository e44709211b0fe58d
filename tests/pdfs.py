"""Small readers for built PDFs, shared by the tests."""
from pathlib import Path

from pypdf import PdfReader

from brochure_builder.profiles import MM


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


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
