"""Where the text of a rendered PDF page ends."""
from __future__ import annotations


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
