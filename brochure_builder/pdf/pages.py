"""Page formats: where the boxes kept whole (callouts) and the closing land, read from a laid-out
document.

A box is never split across pages, so a box that does not fit the rest of a page moves whole to
the next, and leaves the rest of the page before it blank. At 17 pt the urgent box fills most of an
A4 page, so the page before it was often left with a few lines. The fitting (pipeline.py) then
lays the leaflet out again with the box placed after the section that follows it, as a book
places a figure, and keeps whichever layout wastes least. A box taller than a page is set
tighter (at no less than the edition's smallest text) so it fits one. The closing (contact block,
notes, document control) is kept whole too; where that leaves the page before it mostly blank,
the notes may follow the contact block and the closing break there.

The HTML is rendered once. The template marks where each section starts ("section-N") and ends
("after-N") and names each box ("box-N"): the fitting moves a box by its marks and marks a box
tighter, and a laid-out document says on which pages and at which height the marks landed. No
text of a leaflet or a catalog can contain a mark: text is always escaped.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..profiles import Output
from .renderer import PX_PER_MM

BOX, END = "box-", "after-"
CLOSING, CONTACT_END, NOTES_END, LEAFLET_END = "closing", "after-contact", "after-about", "leaflet-end"
LAST_PAGE = 1 / 3  # a last page less full than this reads as empty
NOTES = '<section class="about">'

GAP = 0.4  # the share of a page left blank before a box that makes placing it elsewhere worth trying


@dataclass(frozen=True)
class Placement:
    """Where the fitting puts the boxes: one box moved to print after another section, and boxes
    set tighter ("tight" in the template's stylesheets)."""

    moved: tuple[int, int] | None = None  # (box, section): the box prints after that section
    tight: frozenset[int] = field(default_factory=frozenset)
    loose_closing: bool = False  # the notes after the contact block, and the closing may break there

    def order(self, count: int) -> list[int]:
        """The sections' indices in the order they print."""
        order = list(range(count))
        if self.moved:
            box, after = self.moved
            order.remove(box)
            order.insert(order.index(after) + 1, box)
        return order


def _mark(name: str) -> str:
    return f'<div class="section-mark" id="{name}"></div>'


def placed(html: str, placement: Placement) -> str:
    """The document with its boxes where `placement` puts them."""
    if placement.moved:
        box, after = placement.moved
        start, end = html.index(_mark(f"section-{box}")), html.index(_mark(f"{END}{box}")) + len(_mark(f"{END}{box}"))
        block, html = html[start:end], html[:start] + html[end:]
        at = html.index(_mark(f"{END}{after}")) + len(_mark(f"{END}{after}"))
        html = html[:at] + block + html[at:]
    for box in sorted(placement.tight):
        html = html.replace(f' id="{BOX}{box}"', f' id="{BOX}{box}" data-fit="tight"', 1)
    if placement.loose_closing and _mark(NOTES_END) in html:  # large print has its notes after the contact block
        start, end = html.index(NOTES), html.index(_mark(NOTES_END)) + len(_mark(NOTES_END))
        notes, html = html[start:end], html[:start] + html[end:]
        at = html.index(_mark(CONTACT_END)) + len(_mark(CONTACT_END))
        html = html[:at] + notes + html[at:]
        html = html.replace(f' id="{CLOSING}"', f' id="{CLOSING}" data-fit="loose"', 1)
    return html


def area_px(output: Output) -> tuple[float, float]:
    """The top of a page's text area and its height, in CSS px."""
    top_mm, _, bottom_mm, _ = output.margins_mm
    return top_mm * PX_PER_MM, (output.format.height_mm - top_mm - bottom_mm) * PX_PER_MM


def landed(layout, mark: str) -> tuple[int, float] | None:
    """(page, y in px) of the first place a mark landed, or None."""
    for page, anchors in enumerate(layout.anchors):
        if mark in anchors:
            return page, anchors[mark][1]
    return None


def split_across_pages(layout, index: int) -> bool:
    """Does box `index` lie on more than one page?"""
    return sum(f"{BOX}{index}" in anchors for anchors in layout.anchors) > 1


def gap_before(layout, index: int, previous: int, output: Output) -> float:
    """The share of a page left blank because box `index` moved whole to the next page, the
    section printed before it being `previous` (0 when it did not move). Only a box has a start
    that moves with it: the mark after the section before stays where that section ended."""
    return blank_between(layout, f"{END}{previous}", f"{BOX}{index}", output)


def closing_gap(layout, placement: Placement, last_section: int, output: Output) -> float:
    """The share of a page left blank before the closing (contact block, notes, document control)."""
    before = f"{END}{last_section}" if placement.loose_closing or landed(layout, NOTES_END) is None else NOTES_END
    return blank_between(layout, before, CLOSING, output)


def contact_height(layout, output: Output) -> float:
    """The contact block's height, as a share of a page (0 without one)."""
    start, end = landed(layout, CLOSING), landed(layout, CONTACT_END)
    if start is None or end is None or start[0] != end[0]:
        return 0.0
    return (end[1] - start[1]) / area_px(output)[1]


def last_page_fill(layout, output: Output) -> float:
    """How full the last page is, as a share of its text area."""
    end = landed(layout, LEAFLET_END)
    if end is None:
        return 1.0
    top, height = area_px(output)
    return min(max((end[1] - top) / height, 0.0), 1.0)


def blank_between(layout, end_mark: str, start_id: str, output: Output) -> float:
    """The share of a page left blank between where `end_mark` landed and the element `start_id`
    that begins on a later page (0 when it begins on the same page)."""
    end, start = landed(layout, end_mark), landed(layout, start_id)
    if start is None or end is None or end[0] == start[0]:
        return 0.0
    top, height = area_px(output)
    return min(max(1 - (end[1] - top) / height, 0.0), 1.0)


def worst_gap(layout, order: list[int], boxes: set[int], output: Output) -> float:
    """The largest blank left before any box kept whole, in the order the sections print."""
    return max((gap_before(layout, index, order[place - 1], output)
                for place, index in enumerate(order) if index in boxes and place > 0), default=0.0)
