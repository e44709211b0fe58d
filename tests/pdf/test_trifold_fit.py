"""The tri-fold holds as much of the leaflet as its panels can, in the order the leaflet ranks it."""
import re
from types import SimpleNamespace

import pymupdf
import pytest

from brochure_builder.content.leaflet import load_leaflet
from brochure_builder.pdf.renderer import PX_PER_MM
from brochure_builder.pdf.trifold import choose_sections, hiding_css, least_needed, section_heights
from brochure_builder.profiles import output_for
from brochure_builder.project import Project

from ..conftest import REPO, run_cli

TRIFOLD = output_for("office", "trifold")


def test_priority_one_always_then_each_priority_while_it_fits():
    priorities = {0: 1, 1: 3, 2: 2, 3: 2, 4: 5}
    heights = {0: 1.0, 1: 0.5, 2: 2.5, 3: 0.4, 4: 0.3}
    # priority 1 always (1.0); priority 2 in leaflet order: section 2 (3.5 in all), section 3 (3.9);
    # then neither priority 3 (4.4) nor priority 5 (4.2) fits
    assert choose_sections(priorities, heights, 4) == {0, 2, 3}
    # a section that does not fit is passed over for smaller ones after it, however little room is left
    assert choose_sections({0: 1, 1: 2, 2: 3}, {0: 3.2, 1: 0.9, 2: 0.3}, 4) == {0, 2}
    assert choose_sections({0: 1, 1: 2, 2: 3}, {0: 3.0, 1: 1.5, 2: 0.5}, 4) == {0, 2}
    # in priority order: the room goes to the higher priority first, even when a lower one is smaller
    assert choose_sections({0: 1, 1: 3, 2: 2}, {0: 3.0, 1: 0.4, 2: 0.7}, 4) == {0, 2}
    # sections ranked 1 are chosen even when they overflow: the build then fails rather than drop them
    assert choose_sections({0: 1, 1: 1}, {0: 3.0, 1: 3.0}, 4) == {0, 1}


def test_the_least_needed_section_goes_first_and_never_a_priority_one():
    priorities = {0: 1, 1: 3, 2: 3, 3: 2}
    assert least_needed(priorities, {0, 1, 2, 3}) == 2  # the lowest priority, the later of two
    assert least_needed(priorities, {0}) is None


def test_hidden_sections_leave_the_layout_with_their_marks():
    assert hiding_css({3, 1}) == ("#section-1, #section-1 + section { display: none !important; }\n"
                                  "#section-3, #section-3 + section { display: none !important; }\n"
                                  ".shortened { display: block !important; }\n")
    assert hiding_css(set()) == ""


def test_alternatives_left_out_entirely_still_say_that_no_treatment_is_a_choice():
    # their heading and introduction only: the list hidden, no extra sentence
    assert hiding_css({1}, {3}, {3}) == ("#section-1, #section-1 + section { display: none !important; }\n"
                                         "#section-3 + section > :not(h2, .intro) { display: none !important; }\n"
                                         ".shortened { display: block !important; }\n")
    # no room even for that: the sentence after the last section says it
    assert hiding_css({1, 3}, set(), {3}).endswith(".no-alternatives { display: block !important; }\n")


def test_heights_count_in_panels_across_panel_breaks():
    top = TRIFOLD.margins_mm[0] * PX_PER_MM
    area = (TRIFOLD.format.height_mm - TRIFOLD.margins_mm[0] - TRIFOLD.margins_mm[2]) * PX_PER_MM
    anchors = [{}, {"section-0": (0, top, 0, 0), "section-2": (0, top + area / 2, 0, 0)},
               {"section-5": (0, top + area / 4, 0, 0)}, {"text-end": (0, top + area / 2, 0, 0)}, {}]
    layout = SimpleNamespace(anchors=anchors, pages=5)
    assert {k: round(v, 3) for k, v in section_heights(layout, TRIFOLD).items()} == {0: 0.5, 2: 0.75, 5: 1.25}


@pytest.fixture(scope="module")
def greek_trifold(tmp_path_factory):
    out = tmp_path_factory.mktemp("trifold")
    code, stdout, err = run_cli("build", "--root", str(REPO), "--out", str(out), "--clinic", "lykavittos-athens",
                                "--lang", "el", "--brochure", "chemical-peels", "--format", "trifold")
    assert code == 0, err
    return out / "lykavittos-athens" / "chemical-peels.el.trifold.pdf", stdout


def _section_headings(lang="el"):
    from brochure_builder.catalogs.pofile import read_catalog

    catalog = {m.id: m.string for m in read_catalog(Project.at(REPO), lang) if m.id}
    leaflet = load_leaflet(Project.at(REPO), "chemical-peels")
    return [(section.trifold, catalog[section.heading.text if section.heading else "Frequently asked questions"])
            for section in leaflet.sections]


def test_the_build_names_the_sections_left_out_and_the_pdf_has_none_of_them(greek_trifold):
    path, stdout = greek_trifold
    note = next(line for line in stdout.splitlines() if line.startswith("note: "))
    assert note.startswith("note: lykavittos-athens/chemical-peels.el.trifold: no room in the tri-fold for ")
    no_room, _, brief = note.partition("; only the heading and introduction of ")
    left_out = re.findall(r'"([^"]+)"', no_room)
    text = " ".join(page.get_text() for page in pymupdf.open(path)).replace("\n", " ")
    headings = _section_headings()
    assert left_out and all(heading in [h for _, h in headings] for heading in left_out)
    # the alternatives, no treatment included: their heading and introduction, not their list
    assert re.findall(r'"([^"]+)"', brief) == ["Άλλες επιλογές, όπως το να μην κάνετε θεραπεία"]
    assert "Μπορείτε επίσης να αποφασίσετε να μην κάνετε καμία θεραπεία." in text
    assert "Καμία θεραπεία." not in text  # the first option of the list
    assert "Το πλήρες φυλλάδιο περιγράφει τις άλλες επιλογές." not in text  # said only where they are all left out
    for priority, heading in headings:
        printed = heading in text
        assert printed == (heading not in left_out), heading
        if priority == 1:
            assert printed, heading  # what the leaflet ranks first is always there


def test_no_panel_is_left_blank_while_sections_are_left_out_and_the_flap_is_announced(greek_trifold):
    path, _ = greek_trifold
    document = pymupdf.open(path)
    outside, inside = document[0], document[1]
    width = outside.rect.width
    # the panel that folds in is on the outside, on the left for a left-to-right leaflet
    flap_text = outside.get_textbox(pymupdf.Rect(0, 0, width / 3, outside.rect.height))
    assert len(flap_text.split()) > 40
    assert "Συνεχίζεται στο εσωτερικό πτερύγιο" in inside.get_text()  # foot of the last inside panel
    # the back panel says that this edition is shortened, and where the full one is
    assert "Αυτή είναι μια συντομευμένη έκδοση του φυλλαδίου" in outside.get_text().replace("\n", " ")


def test_a_box_moved_whole_to_the_next_panel_leaves_its_blank_to_a_section_left_out(greek_trifold):
    """Read with MuPDF. The urgent box does not fit the foot of the inside right panel and moves whole
    to the panel that folds in; that panel was left half blank (54 %) while sections were left out.
    Each inside panel's text now reaches at least 70 % of the way down."""
    path, _ = greek_trifold
    inside = pymupdf.open(path)[1]
    blocks = [block for block in inside.get_text("blocks") if "Συνεχίζεται" not in block[4]]
    top, bottom = min(block[1] for block in blocks), max(block[3] for block in blocks)
    third = inside.rect.width / 3
    for panel in range(3):
        ends = [block[3] for block in blocks if panel * third <= (block[0] + block[2]) / 2 < (panel + 1) * third]
        assert (max(ends) - top) / (bottom - top) > 0.7, panel


def test_text_that_ends_on_the_inside_panels_has_no_cue(project_copy, tmp_path):
    path = project_copy / "brochures" / "chemical-peels.yaml"
    text = re.sub(r"    trifold: \d\n", "", path.read_text())
    # only the first section and the urgent advice: they end well before the panel that folds in
    first = "    kind: text\n    heading: What is a chemical peel?"
    text = text.replace("  - kind: ", "  - trifold: false\n    kind: ").replace(f"  - trifold: false\n{first}",
                                                                            f"  -{first[3:]}", 1)
    path.write_text(text)
    code, stdout, err = run_cli("build", "--root", str(project_copy), "--out", str(tmp_path), "--clinic",
                                "lykavittos-athens", "--lang", "en", "--brochure", "chemical-peels",
                                "--format", "trifold")
    assert (code, err) == (0, "") and "note:" not in stdout
    document = pymupdf.open(tmp_path / "lykavittos-athens" / "chemical-peels.en.trifold.pdf")
    assert "What is a chemical peel?" in document[1].get_text()
    assert "Continued on the fold-in panel" not in document[1].get_text()
    assert "shortened edition" not in document[0].get_text()  # nothing was left out


def test_a_back_panel_that_overflows_fails_instead_of_spilling_onto_a_second_panel(project_copy, tmp_path):
    path = project_copy / "clinics" / "lykavittos-athens.yaml"
    lines = ", ".join(f"Line {n}" for n in range(40))
    path.write_text(re.sub(r"  address:\n(    .*\n)+", f"  address: [{lines}]\n", path.read_text()))
    code, _, err = run_cli("build", "--root", str(project_copy), "--out", str(tmp_path), "--clinic",
                           "lykavittos-athens", "--lang", "en", "--brochure", "chemical-peels", "--format", "trifold")
    assert code == 1
    assert err == ("error: lykavittos-athens/chemical-peels.en.trifold: the back panel (contact and document "
                   "control) needs 2 panels; it has 1\n")
    assert not (tmp_path / "lykavittos-athens" / "chemical-peels.en.trifold.pdf").exists()
