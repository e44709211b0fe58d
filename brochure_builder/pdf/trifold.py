"""Tri-fold: which sections the panels hold, a check that they hold them, then imposition on
two A4 sheets.

The renderer lays the leaflet out one panel per page: the cover, up to four
text panels, the back. Text panels are all as wide as the narrowest panel, so
text fits wherever it lands; in a wider slot they are centred. Panels are
placed as the sheet folds: outside [5 | 6 | 1], inside [2 | 3 | 4] from left to
right (2-4 inside, 5 the panel that folds in, 6 the back), mirrored for
right-to-left languages, whose leaflets open the other way.
"""
from __future__ import annotations

import io
from itertools import pairwise

from ..errors import EXIT_FAILED, BrochureError
from ..profiles import MM, Output
from .marks import add_registration_colour, append_operators, drop_links, make_room_for_marks, mark_operators
from .pages import area_px, gap_before
from .renderer import PX_PER_MM, Layout, Renderer

PANELS = 6
TEXT_PANELS = 4  # inside panels 2-4 and the panel that folds in (5)
LTR_SHEETS = ((5, 6, 1), (2, 3, 4))


def sheets(rtl: bool) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(reversed(sheet)) for sheet in LTR_SHEETS) if rtl else LTR_SHEETS


# --- fitting the text to the panels ------------------------------------------------------------
# The template marks where each section starts (id "section-N", N its place in the leaflet) and
# where the text ends ("text-end"); a laid-out document says where those marks landed.

END = "text-end"
SECTION = "section-"


def marks(layout) -> list[tuple[str, int, float]]:
    """(mark, page, y in px) of every section mark and the end mark, in the order they print."""
    found = [(name, page, box[1]) for page, anchors in enumerate(layout.anchors) for name, box in anchors.items()
             if name == END or name.startswith(SECTION)]
    return sorted(found, key=lambda mark: (mark[1], mark[2]))


def _panels_at(page: int, y: float, output: Output) -> float:
    """How many text panels lie before a point (page 0 is the cover)."""
    top, height = area_px(output)
    return (page - 1) + min(max((y - top) / height, 0.0), 1.0)


def text_panels_needed(layout, output: Output) -> float:
    end = [mark for mark in marks(layout) if mark[0] == END]
    return _panels_at(end[0][1], end[0][2], output) if end else float(layout.pages - 2)


def section_heights(layout, output: Output) -> dict[int, float]:
    """Each marked section's height in panels, including the room a page break cost it."""
    found = marks(layout)
    return {int(name[len(SECTION):]): _panels_at(page_b, y_b, output) - _panels_at(page_a, y_a, output)
            for (name, page_a, y_a), (_, page_b, y_b) in pairwise(found) if name.startswith(SECTION)}


def choose_sections(priorities: dict[int, int], heights: dict[int, float], room: float) -> set[int]:
    """The sections to print: priority 1 always, then each of the others that still fits, in
    priority order (leaflet order within a priority). A section that does not fit leaves its room
    to smaller ones after it: a panel part-blank while text is left out helps no reader."""
    chosen = {index for index, priority in priorities.items() if priority == 1}
    used = sum(heights.get(index, 0.0) for index in chosen)
    for index in next_to_try(priorities, chosen):
        if used + heights.get(index, 0.0) <= room:
            chosen.add(index)
            used += heights.get(index, 0.0)
    return chosen


def next_to_try(priorities: dict[int, int], chosen: set[int]) -> list[int]:
    """The sections left out, in the order they would be added."""
    return sorted(set(priorities) - chosen, key=lambda i: (priorities[i], i))


def least_needed(priorities: dict[int, int], chosen: set[int]) -> int | None:
    """The chosen section to give up first: the lowest priority, the last of them; never a 1."""
    optional = [index for index in chosen if priorities[index] > 1]
    return max(optional, key=lambda i: (priorities[i], i)) if optional else None


def _back_pages(layout) -> int:
    end = [mark for mark in marks(layout) if mark[0] == END]
    return layout.pages - 1 - end[0][1] if end else 1  # the back starts on a page of its own


def back_overflows(layout) -> bool:
    """Does the back (contact and document control) need more than its one panel?"""
    return _back_pages(layout) > 1


def check_fits(layout, output: Output, name: str) -> None:
    """Fail, never truncate: does the text fit the four text panels, and the back its one panel?"""
    if (back_pages := _back_pages(layout)) > 1:
        raise BrochureError(f"{name}: the back panel (contact and document control) needs {back_pages} panels; "
                            "it has 1", EXIT_FAILED)
    needed = text_panels_needed(layout, output)
    if needed <= TEXT_PANELS:
        return
    _, area = area_px(output)
    excess_mm = (needed - TEXT_PANELS) * area / PX_PER_MM
    raise BrochureError(
        f"{name}: does not fit the tri-fold: its text needs {needed:.1f} panels, the tri-fold has {TEXT_PANELS} "
        f"(about {excess_mm:.0f} mm of panel height too much); shorten it, or give sections a lower tri-fold "
        "priority ('trifold: 2' to 9, or false)", EXIT_FAILED)


def hiding_css(hidden: set[int], brief: set[int] = frozenset(), alternatives: set[int] = frozenset()) -> str:
    """CSS that leaves these sections (and their marks) out of the layout, prints only the heading
    and introduction of the `brief` ones, and then shows the back panel's note that this edition
    is shortened, and, when the `alternatives` are all left out, the sentence after the text that
    no treatment is a choice. It is added as a user stylesheet, which the document's own rules override unless
    marked important."""
    rules = [f"#{SECTION}{index}, #{SECTION}{index} + section {{ display: none !important; }}\n"
             for index in sorted(hidden)]
    rules += [f"#{SECTION}{index} + section > :not(h2, .intro) {{ display: none !important; }}\n"
              for index in sorted(brief)]
    if hidden or brief:
        rules.append(".shortened { display: block !important; }\n")
    if alternatives and alternatives <= hidden:
        rules.append(".no-alternatives { display: block !important; }\n")
    return "".join(rules)


def fitted_trifold(renderer: Renderer, leaflet, output: Output) -> tuple[Layout, set[int], set[int]]:
    """The tri-fold panels with as much of the leaflet as they hold, in the leaflet's priority
    order; the sections left out; and those printed as their heading and introduction only.

    One layout with every section the tri-fold may print says how tall each one is; the chosen
    set is laid out again to confirm, giving up the least needed section while it still overflows;
    then a section left out that the room still left may hold is tried, in priority order.

    The alternatives, no treatment included, are part of consent: a tri-fold with no room for the
    whole section prints its heading and introduction (which say that no treatment is a choice);
    where even the sections ranked 1 leave no room for that, a sentence after the last section says
    it (`hiding_css`).
    """
    layout = renderer.lay_out()
    priorities = {i: section.trifold for i, section in enumerate(leaflet.sections) if section.trifold}
    if text_panels_needed(layout, output) <= TEXT_PANELS or back_overflows(layout):
        return layout, set(), set()  # a back panel too full is not helped by leaving sections out: check_fits says so
    alternatives = {i for i in priorities if leaflet.sections[i].role == "alternatives"}
    briefs = {i for i in alternatives if getattr(leaflet.sections[i], "intro", None)}

    def lay_out_without(hidden: set[int], brief: bool = True) -> Layout:
        kept_brief = hidden & briefs if brief else set()
        return renderer.lay_out(hiding_css(hidden - kept_brief, kept_brief, alternatives))

    heights = section_heights(layout, output)
    chosen = choose_sections(priorities, heights, TEXT_PANELS)
    brief = True
    while True:
        layout = lay_out_without(set(priorities) - chosen, brief)
        needed, weakest = text_panels_needed(layout, output), least_needed(priorities, chosen)
        if needed <= TEXT_PANELS:
            break
        if weakest is None:
            if not brief or not (set(priorities) - chosen) & briefs:
                break
            brief = False  # not even room for the alternatives' heading: check_fits says what is too long
        else:
            chosen.discard(weakest)
    for index in next_to_try(priorities, chosen):
        # in priority order; a section that does not fit leaves its room to the smaller ones after it.
        # The room includes what a box moved whole to the next panel left blank: a section before
        # the box may fill it.
        room = TEXT_PANELS - needed + _blank_before_boxes(layout, leaflet, chosen, output)
        if needed <= TEXT_PANELS and heights.get(index, 0.0) <= room:
            tried = lay_out_without(set(priorities) - chosen - {index}, brief)
            if (now := text_panels_needed(tried, output)) <= TEXT_PANELS:
                chosen.add(index)
                layout, needed = tried, now
    left_out = set(priorities) - chosen
    printed_brief = left_out & briefs if brief else set()
    return layout, left_out - printed_brief, printed_brief


def _blank_before_boxes(layout: Layout, leaflet, printed: set[int], output: Output) -> float:
    """The panels' worth left blank at the foot of a panel by boxes that moved whole to the next."""
    order = sorted(printed)
    return sum(gap_before(layout, index, order[place - 1], output) for place, index in enumerate(order)
               if place > 0 and leaflet.sections[index].kind == "callout")


def impose_trifold(panels_pdf: bytes, output: Output, rtl: bool, name: str) -> bytes:
    """Two sheets (outside, inside) from the six panel pages, marks drawn for press."""
    from pypdf import PdfReader, PdfWriter, Transformation  # noqa: PLC0415
    from pypdf.generic import RectangleObject  # noqa: PLC0415

    reader = PdfReader(io.BytesIO(panels_pdf))
    rendered = len(reader.pages)
    if not 3 <= rendered <= PANELS:
        raise BrochureError(f"{name}: expected 3 to {PANELS} tri-fold panels, got {rendered}", EXIT_FAILED)
    # Cloning keeps metadata, language and output intent; the rendered pages are removed at the end.
    # Cloned after construction, not with clone_from=: that would rewrite the trailer /ID from
    # literal to hex strings (the same bytes, but not the same file as the renderer's).
    writer = PdfWriter()
    writer.clone_document_from_reader(reader)
    writer.pdf_header = reader.pdf_header  # the renderer's PDF version (PDF/X-4 is 1.6), not pypdf's default
    pages = list(writer.pages)
    # Panel number -> rendered page; text panels the leaflet does not need stay blank.
    by_panel = {1: pages[0], PANELS: pages[-1], **{2 + i: page for i, page in enumerate(pages[1:-1])}}
    bleed = output.profile.bleed_mm * MM
    width, height = output.format.width_mm * MM, output.format.height_mm * MM
    slots = _slot_widths(output, rtl)
    for sheet, sheet_slots in zip(sheets(rtl), slots, strict=True):
        page = writer.add_blank_page(width + 2 * bleed, height + 2 * bleed)
        x = 0.0
        for index, (number, slot) in enumerate(zip(sheet, sheet_slots, strict=True)):
            panel = by_panel.get(number)
            if panel is not None:
                trim = panel.trimbox
                left = bleed if index == 0 else 0
                right = bleed if index == len(sheet) - 1 else 0
                inset = (slot - float(trim.width)) / 2
                _clip_contents(panel, (float(trim.left) - inset - left, float(trim.bottom) - bleed,
                                       slot + left + right, float(trim.height) + 2 * bleed))
                page.merge_transformed_page(panel, Transformation().translate(
                    bleed + x + inset - float(trim.left), bleed - float(trim.bottom)))
            x += slot
        page.trimbox = RectangleObject((bleed, bleed, width + bleed, height + bleed))
        page.bleedbox = RectangleObject((0, 0, width + 2 * bleed, height + 2 * bleed))
        if bleed:
            folds = [bleed + sum(sheet_slots[:i]) for i in (1, 2)]
            make_room_for_marks(page)
            drop_links(page)
            add_registration_colour(page)
            append_operators(page, mark_operators((bleed, bleed, bleed + width, bleed + height), bleed, folds))
    for _ in range(rendered):
        writer.remove_page(0)
    if bleed:
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)  # the dropped links
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _slot_widths(output: Output, rtl: bool) -> list[list[float]]:
    """Physical panel widths on each sheet, in points: the panel that folds in is the narrowest."""
    fold_in, wide, _ = (width * MM for width in output.format.panels)
    outside, inside = [fold_in, wide, wide], [wide, wide, fold_in]
    if rtl:
        outside, inside = outside[::-1], inside[::-1]
    return [outside, inside]


def _clip_contents(panel, rect) -> None:
    """Nothing of a panel may show outside its own place on the sheet (its bleed only at sheet edges)."""
    from pypdf.generic import DecodedStreamObject  # noqa: PLC0415

    x, y, w, h = rect
    stream = DecodedStreamObject()
    stream.set_data(f"q {x:.3f} {y:.3f} {w:.3f} {h:.3f} re W n\n".encode() + panel.get_contents().get_data() + b"\nQ")
    panel.replace_contents(stream)
