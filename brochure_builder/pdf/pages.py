"""Page formats: where the boxes kept whole (callouts) and the closing land, read from a laid-out
document.

A box is never split across pages, so a box that does not fit the rest of a page moves whole to
the next, and leaves the rest of the page before it blank. At 17 pt the urgent box fills most of an
A4 page, so the page before it was often left with a few lines. The fitting (`fitted_pages`) then
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

from collections.abc import Callable
from dataclasses import dataclass, field, replace

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
        block, html = _cut(html, _mark(f"section-{box}"), _mark(f"{END}{box}"))
        html = _insert_after(html, _mark(f"{END}{after}"), block)
    for box in sorted(placement.tight):
        html = html.replace(f' id="{BOX}{box}"', f' id="{BOX}{box}" data-fit="tight"', 1)
    if placement.loose_closing and _mark(NOTES_END) in html:  # large print has its notes after the contact block
        notes, html = _cut(html, NOTES, _mark(NOTES_END))
        html = _insert_after(html, _mark(CONTACT_END), notes)
        html = html.replace(f' id="{CLOSING}"', f' id="{CLOSING}" data-fit="loose"', 1)
    return html


def _cut(html: str, start: str, end: str) -> tuple[str, str]:
    """The part of `html` from `start` to the end of `end`, and the rest."""
    first, last = html.index(start), html.index(end) + len(end)
    return html[first:last], html[:first] + html[last:]


def _insert_after(html: str, mark: str, block: str) -> str:
    at = html.index(mark) + len(mark)
    return html[:at] + block + html[at:]


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
    return 1.0 if end is None else _filled(end[1], output)


def _filled(y: float, output: Output) -> float:
    """How much of a page's text area lies above `y`, as a share."""
    top, height = area_px(output)
    return min(max((y - top) / height, 0.0), 1.0)


def blank_between(layout, end_mark: str, start_id: str, output: Output) -> float:
    """The share of a page left blank between where `end_mark` landed and the element `start_id`
    that begins on a later page (0 when it begins on the same page)."""
    end, start = landed(layout, end_mark), landed(layout, start_id)
    if start is None or end is None or end[0] == start[0]:
        return 0.0
    return 1 - _filled(end[1], output)


def worst_gap(layout, order: list[int], boxes: set[int], output: Output) -> float:
    """The largest blank left before any box kept whole, in the order the sections print."""
    return max((gap_before(layout, index, order[place - 1], output)
                for place, index in enumerate(order) if index in boxes and place > 0), default=0.0)


# --- choosing the placement ----------------------------------------------------------------------

def fitted_pages(lay_out: Callable[[Placement], tuple[object, object]], leaflet,
                 output: Output) -> tuple[object, object]:
    """The leaflet on pages, its boxes kept whole placed where they waste least; `lay_out` lays the
    leaflet out with a placement and returns (its renderer, the layout), the pair returned.

    In large print, a box taller than a page is set tighter. When a box left much of the page
    before it blank, the leaflet is laid out again with the box after the next section, set tighter
    where it is (large print), after the section after that, then before the section before it
    (never further from where the leaflet puts it), until a layout leaves no such blank without
    taking more pages; otherwise the layout with the fewest pages, then the smallest blank before a
    box, is kept. The order the sections print in is also the order the tags read them. Then the
    same for the closing (`_fitted_closing`).
    """
    boxes = {index for index, section in enumerate(leaflet.sections) if section.kind == "callout"}
    placement = Placement()
    renderer, layout = lay_out(placement)
    if output.large_print and (tall := frozenset(i for i in boxes if split_across_pages(layout, i))):
        placement = replace(placement, tight=tall)
        renderer, layout = lay_out(placement)
    count = len(leaflet.sections)
    order = placement.order(count)
    stranded = [index for place, index in enumerate(order)
                if index in boxes and place > 0 and gap_before(layout, index, order[place - 1], output) >= GAP]
    if stranded:
        placement, renderer, layout = _placed_boxes(lay_out, placement, renderer, layout, stranded[0], boxes,
                                                    count, output)
    return _fitted_closing(lay_out, placement, renderer, layout, count, output)


def _placed_boxes(lay_out, placement: Placement, renderer, layout, box: int, boxes: set[int], count: int,
                  output: Output) -> tuple[Placement, object, object]:
    """The placement of a box that left the page before it blank which wastes least (see fitted_pages)."""
    pages = layout.pages
    best = (pages, worst_gap(layout, placement.order(count), boxes, output))
    chosen = placement
    tighter = [replace(placement, tight=placement.tight | {box})] \
        if output.large_print and box not in placement.tight else []
    moved = [replace(placement, moved=(box, after))
             for after in (box + 1, box + 2, box - 2) if 0 <= after < count]
    for tried in moved[:1] + tighter + moved[1:]:
        tried_renderer, tried_layout = lay_out(tried)
        score = (tried_layout.pages, worst_gap(tried_layout, tried.order(count), boxes, output))
        if score < best:
            best, chosen, renderer, layout = score, tried, tried_renderer, tried_layout
        if best[0] <= pages and best[1] < GAP:
            break
    return chosen, renderer, layout


def _fitted_closing(lay_out, placement: Placement, renderer, layout, count: int,
                    output: Output) -> tuple[object, object]:
    """When the closing, kept whole, left most of the page before it blank: the notes after the
    contact block and a break allowed there, if that takes fewer pages, or leaves less blank without
    a last page mostly empty."""
    last = placement.order(count)[-1]
    gap = closing_gap(layout, placement, last, output)
    if gap < GAP or landed(layout, NOTES_END) is None:  # large print: the notes follow the contact block already
        return renderer, layout
    if not 0 < contact_height(layout, output) <= gap:  # kept whole, it could not fill the blank: nothing to gain
        return renderer, layout
    tried = replace(placement, loose_closing=True)
    tried_renderer, tried_layout = lay_out(tried)
    fewer_pages = tried_layout.pages < layout.pages
    less_blank = (tried_layout.pages == layout.pages and closing_gap(tried_layout, tried, last, output) < gap
                  and last_page_fill(tried_layout, output) >= LAST_PAGE)  # not a last page of small print
    return (tried_renderer, tried_layout) if fewer_pages or less_blank else (renderer, layout)
