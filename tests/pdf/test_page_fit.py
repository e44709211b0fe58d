"""Page formats: a box kept whole never leaves most of the page before it blank, and never splits."""
from types import SimpleNamespace

import pymupdf

from brochure_builder.pdf.pages import Placement, area_px, fitted_pages, placed
from brochure_builder.profiles import output_for

A4 = output_for("office", "a4")
LARGE = output_for("office", "a4", large_print=True)


def test_a_moved_box_prints_after_the_section_named_and_the_rest_keep_their_order():
    assert Placement().order(5) == [0, 1, 2, 3, 4]
    assert Placement(moved=(2, 3)).order(5) == [0, 1, 3, 2, 4]
    assert Placement(moved=(2, 0)).order(5) == [0, 2, 1, 3, 4]


def marked(index, body):
    return (f'<div class="section-mark" id="section-{index}"></div>{body}'
            f'<div class="section-mark" id="after-{index}"></div>')


def test_the_fitting_moves_a_box_by_its_marks_and_marks_it_tight():
    html = marked(0, "<p>a</p>") + marked(1, '<section class="callout" id="box-1">B</section>') + marked(2, "<p>c</p>")
    moved = placed(html, Placement(moved=(1, 2), tight=frozenset({1})))
    assert moved == (marked(0, "<p>a</p>") + marked(2, "<p>c</p>")
                     + marked(1, '<section class="callout" id="box-1" data-fit="tight">B</section>'))
    assert placed(html, Placement()) == html


def test_a_loose_closing_moves_the_notes_after_the_contact_block_and_lets_the_closing_break():
    html = ('<section class="about"><p>notes</p></section><div class="section-mark" id="after-about"></div>'
            '<div class="closing" id="closing"><section class="contact">C</section>'
            '<div class="section-mark" id="after-contact"></div><footer>F</footer></div>')
    assert placed(html, Placement(loose_closing=True)) == (
        '<div class="closing" id="closing" data-fit="loose"><section class="contact">C</section>'
        '<div class="section-mark" id="after-contact"></div>'
        '<section class="about"><p>notes</p></section><div class="section-mark" id="after-about"></div>'
        '<footer>F</footer></div>')


def test_a_closing_with_its_notes_already_after_the_contact_block_is_left_as_it_is():
    # large print: the template puts the notes after the contact block, with no mark after them
    html = ('<div class="closing" id="closing"><section class="contact">C</section>'
            '<div class="section-mark" id="after-contact"></div><section class="about"><p>notes</p></section>'
            '<footer>F</footer></div>')
    assert placed(html, Placement(loose_closing=True)) == html


def closing_layouts(results, output=A4, contact=0.3):
    """Stand-ins for layouts of a leaflet without boxes: `results[loose]` = (pages, share of the page
    filled before the closing, share of the last page filled); `contact`: the contact block's height."""
    tried = []

    def lay_out(placement):
        tried.append(placement)
        pages, filled, last = results[placement.loose_closing]
        top, height = area_px(output)
        before = "after-3" if placement.loose_closing else "after-about"
        anchors = [{} for _ in range(pages)]
        anchors[pages - 2][before] = (0, top + filled * height, 0, 0)
        anchors[pages - 1]["closing"] = (0, top, 0, 0)
        anchors[pages - 1]["after-contact"] = (0, top + contact * height, 0, 0)
        anchors[pages - 1]["leaflet-end"] = (0, top + last * height, 0, 0)
        return placement, SimpleNamespace(pages=pages, anchors=anchors)

    return lay_out, tried


NO_BOXES = SimpleNamespace(sections=[SimpleNamespace(kind="text") for _ in range(4)])


def test_a_closing_that_left_the_page_before_blank_breaks_after_the_contact_block_when_that_saves_a_page():
    lay_out, tried = closing_layouts({False: (11, 0.2, 0.8), True: (10, 0.9, 0.5)})
    assert fitted_pages(lay_out, NO_BOXES, A4)[0] == Placement(loose_closing=True)
    assert tried == [Placement(), Placement(loose_closing=True)]


def test_a_loose_closing_that_only_moves_the_blank_to_the_last_page_is_not_kept():
    # the same pages, less blank before the closing, but a last page of small print a fifth full
    lay_out, _ = closing_layouts({False: (8, 0.5, 0.5), True: (8, 0.9, 0.2)})
    assert fitted_pages(lay_out, NO_BOXES, A4)[0] == Placement()
    lay_out, _ = closing_layouts({False: (11, 0.2, 0.8), True: (11, 0.6, 0.45)})
    assert fitted_pages(lay_out, NO_BOXES, A4)[0] == Placement(loose_closing=True)


def test_large_print_whose_notes_follow_the_contact_block_is_not_laid_out_again_for_its_closing():
    lay_out, tried = closing_layouts({False: (11, 0.2, 0.8), True: (10, 0.9, 0.5)})

    def without_notes_mark(placement):
        chosen, layout = lay_out(placement)
        for anchors in layout.anchors:
            if "after-about" in anchors:
                anchors["after-3"] = anchors.pop("after-about")
        return chosen, layout

    assert fitted_pages(without_notes_mark, NO_BOXES, LARGE)[0] == Placement() and len(tried) == 1


def test_a_contact_block_taller_than_the_blank_before_it_is_not_tried_there():
    # kept whole, it could not fill the 40 % left: laying the leaflet out again would gain nothing
    lay_out, tried = closing_layouts({False: (11, 0.6, 0.8), True: (10, 0.9, 0.5)}, contact=0.45)
    assert fitted_pages(lay_out, NO_BOXES, A4)[0] == Placement() and len(tried) == 1


def test_a_closing_that_fits_after_the_text_is_laid_out_once():
    lay_out, tried = closing_layouts({False: (8, 0.7, 0.5), True: (7, 0.9, 0.5)})
    assert fitted_pages(lay_out, NO_BOXES, A4)[0] == Placement() and len(tried) == 1


def fake_layouts(pages_for, output):
    """A stand-in for laying the leaflet out: sections 0-3, section 2 a box. `pages_for(placement)`
    says (pages, share of the page filled before the box, box on more than one page)."""
    tried = []

    def lay_out(placement):
        tried.append(placement)
        pages, filled, split = pages_for(placement)
        order = placement.order(4)
        before = order[order.index(2) - 1]
        anchors = [{}, {}, {}, {}]
        top, height = area_px(output)
        anchors[1][f"after-{before}"] = (0, top + filled * height, 0, 0)
        anchors[2]["box-2"] = (0, top, 0, 0)
        if split:
            anchors[3]["box-2"] = (0, top, 0, 0)
        return placement, SimpleNamespace(pages=pages, anchors=anchors)

    return lay_out, tried


LEAFLET = SimpleNamespace(sections=[SimpleNamespace(kind=kind) for kind in ("text", "bullets", "callout", "faq")])


def test_a_box_that_fits_where_it_lands_is_laid_out_once():
    lay_out, tried = fake_layouts(lambda placement: (8, 0.9, False), A4)
    fitted_pages(lay_out, LEAFLET, A4)
    assert tried == [Placement()]


def test_a_box_taller_than_a_page_is_set_tighter_in_large_print():
    lay_out, tried = fake_layouts(lambda placement: (8, 0.9, not placement.tight), LARGE)
    assert fitted_pages(lay_out, LEAFLET, LARGE)[0] == Placement(tight=frozenset({2}))
    # the other editions have no tighter setting: the box runs on, as the renderer must let it
    lay_out, tried = fake_layouts(lambda placement: (8, 0.9, not placement.tight), A4)
    assert fitted_pages(lay_out, LEAFLET, A4)[0] == Placement() and len(tried) == 1


def test_a_box_that_left_the_page_before_blank_is_moved_after_the_next_section_when_that_fills_it():
    # where it is, the box leaves 70 % of the page before it blank; after the next section, 10 %
    results = {Placement(): (9, 0.3, False), Placement(moved=(2, 3)): (9, 0.9, False)}
    lay_out, tried = fake_layouts(lambda placement: results.get(placement, (9, 0.5, False)), LARGE)
    chosen, layout = fitted_pages(lay_out, LEAFLET, LARGE)
    assert chosen == Placement(moved=(2, 3)) and layout.pages == 9
    assert tried == [Placement(), Placement(moved=(2, 3))]  # good enough: nothing else is tried


def test_every_candidate_is_tried_while_none_fills_the_page_and_the_least_wasteful_is_kept():
    results = {Placement(): (9, 0.3, False), Placement(tight=frozenset({2})): (9, 0.55, False)}
    lay_out, tried = fake_layouts(lambda placement: results.get(placement, (9, 0.5, False)), LARGE)
    assert fitted_pages(lay_out, LEAFLET, LARGE)[0] == Placement(tight=frozenset({2}))
    # after the next section, tighter where it is (large print), before the section before it
    assert tried == [Placement(), Placement(moved=(2, 3)), Placement(tight=frozenset({2})), Placement(moved=(2, 0))]


def test_fewer_pages_win_over_a_smaller_blank():
    results = {Placement(): (9, 0.3, False), Placement(moved=(2, 3)): (9, 0.55, False),
               Placement(moved=(2, 0)): (8, 0.5, False)}
    lay_out, _ = fake_layouts(lambda placement: results.get(placement, (9, 0.3, False)), A4)
    assert fitted_pages(lay_out, LEAFLET, A4)[0] == Placement(moved=(2, 0))


def test_no_candidate_better_keeps_the_leaflets_own_order():
    lay_out, _ = fake_layouts(lambda placement: (9, 0.3, False) if placement == Placement() else (10, 0.9, False), A4)
    assert fitted_pages(lay_out, LEAFLET, A4)[0] == Placement()


def test_large_print_keeps_the_contact_details_and_the_booking_code_on_one_page(large):
    """Read with MuPDF: the details used to end one page and the booking code begin the next."""
    with pymupdf.open(large) as document:
        pages = [page.number for page in document for text in ("Nous contacter", "Prenez rendez-vous")
                 if text in page.get_text()]
        assert len(pages) == 2 and pages[0] == pages[1]


def test_large_print_keeps_the_urgent_box_on_one_page_with_the_page_before_it_filled(large):
    """Read with MuPDF. The French large-print mesotherapy leaflet left its page 11 a quarter full
    before the urgent box, which at this size is taller than a page unless set tighter; it then ran
    on to the next page."""
    margins = output_for("office", "a4", large_print=True).margins_mm
    with pymupdf.open(large) as document:
        heading = [page.number for page in document if "Quand contacter le" in page.get_text()]
        numbers = [page.number for page in document if "Numéro d’urgence" in page.get_text()]
        assert len(heading) == 1 and heading == numbers
        before = document[heading[0] - 1]
        area_top, area_bottom = margins[0] * 72 / 25.4, before.rect.height - margins[2] * 72 / 25.4
        text_bottom = max(block[3] for block in before.get_text("blocks") if area_top < block[1] < area_bottom)
        assert (text_bottom - area_top) / (area_bottom - area_top) > 0.6
