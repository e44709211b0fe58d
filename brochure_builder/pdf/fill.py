"""How much of a page's text area its text takes, read from the rendered PDF."""
from __future__ import annotations

import io

from ..profiles import MM, Output


def last_page_fill(pdf: bytes, output: Output | None) -> float:
    """The share (0 to 1) of the last page's text area above its lowest line of text.

    Running headers and footers sit in the margins, outside the area, and do not count.
    """
    from pypdf import PdfReader  # noqa: PLC0415

    page = PdfReader(io.BytesIO(pdf)).pages[-1]
    top_mm, _, bottom_mm, _ = output.margins_mm if output is not None else (0, 0, 0, 0)
    area_top = float(page.trimbox.top) - top_mm * MM
    area_height = float(page.trimbox.height) - (top_mm + bottom_mm) * MM
    if area_height <= 0:
        return 1.0
    lowest = lowest_text(page, area_top - area_height, area_top)
    return 0.0 if lowest is None else (area_top - lowest) / area_height


def lowest_text(page, area_bottom: float, area_top: float = float("inf")) -> float | None:
    """The lowest text baseline within [area_bottom, area_top], None when there is none."""
    from pypdf import mult  # noqa: PLC0415

    lowest = [float("inf")]

    def visit(text, cm, tm, font_dict, font_size) -> None:
        y = mult(tm, cm)[5]
        if text.strip() and area_bottom <= y <= area_top and y < lowest[0]:
            lowest[0] = y

    page.extract_text(visitor_text=visit)
    return lowest[0] if lowest[0] != float("inf") else None
