"""Leaflet files: what is accepted, and the exact message for what is not."""
import copy

import pytest

from brochure_builder.content.leaflet import iter_texts, load_leaflet, place_name, validate_leaflet
from brochure_builder.errors import BrochureError
from brochure_builder.project import Project

from ..conftest import REPO, run_cli

VALID = {
    "id": "demo",
    "version": "1.0",
    "reviewed": "2026-01-01",
    "review_due": "2028-01-01",
    "title": "Demo",
    "lead": "A lead.",
    "sections": [
        {"kind": "text", "role": "on-the-day", "heading": "About",
         "items": ["One.", {"text": "Two.", "note": "for translators"}]},
        {"kind": "bullets", "role": "risks", "heading": "Points", "intro": "Intro.",
         "items": [{"text": "A **b**.", "frequency": "rare"}]},
        {"kind": "terms", "role": "alternatives", "heading": "Terms", "items": [{"term": "T", "text": "D"}]},
        {"kind": "faq", "items": [{"question": "Q?", "answer": "A."}]},
        {"kind": "callout", "tone": "urgent", "heading": "Call us", "items": ["If unwell."]},
    ],
    "production": {"written_by": "The team", "clinical_review": "Dr A, dermatologist", "sources": "Guidance X."},
}


def problems(data, expected_id=None):
    with pytest.raises(BrochureError) as caught:
        validate_leaflet(data, "brochures/demo.yaml", expected_id)
    return caught.value.lines()


def changed(**paths):
    data = copy.deepcopy(VALID)
    for dotted, value in paths.items():
        *parents, last = dotted.split("__")
        node = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is None:
            del node[int(last) if last.isdigit() else last]
        else:
            node[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize("brochure_id", ["mesotherapy-acne-scars", "chemical-peels"])
def test_demo_leaflets_are_valid_and_use_every_section_kind(brochure_id):
    leaflet = load_leaflet(Project.at(REPO), brochure_id)
    assert leaflet.id == brochure_id
    assert {s.kind for s in leaflet.sections} == {"text", "bullets", "terms", "faq", "callout"}
    words = sum(len(t.text.split()) for _, t in iter_texts(leaflet))
    assert 900 <= words <= 1500
    assert {s.role for s in leaflet.sections} >= {"on-the-day", "risks", "alternatives"}


def test_valid_leaflet_loads_with_notes_and_strings_alike():
    leaflet = validate_leaflet(VALID, "brochures/demo.yaml", "demo")
    texts = {place_name(path): value for path, value in iter_texts(leaflet)}
    assert texts["sections[0].items[1]"].note == "for translators"
    assert texts["sections[2].items[0].term"].text == "T"
    assert list(texts)[0] == "title"


def test_missing_nested_field_names_the_place():
    data = changed(sections__1__items__0={"note": "x"})
    assert problems(data) == ["brochures/demo.yaml: sections[1].items[0].text: field required"]


def test_every_problem_of_a_file_is_reported_at_once():
    data = changed(title=None, extra="x", review_due="soon", sections__3__items__0__answer=None)
    data["sections"][4]["tone"] = "loud"
    assert problems(data) == [
        "brochures/demo.yaml: review_due: not a date (use YYYY-MM-DD)",
        "brochures/demo.yaml: title: field required",
        "brochures/demo.yaml: sections[3].items[0].answer: field required",
        "brochures/demo.yaml: sections[4].tone: must be one of 'info' or 'urgent', not 'loud'",
        "brochures/demo.yaml: extra: unknown key",
    ]


@pytest.mark.parametrize("data, message", [
    (changed(sections__0__kind="table"),
     "sections[0]: unknown section kind 'table' (expected: text, bullets, terms, faq, callout)"),
    (changed(sections__0__kind=None), "sections[0]: field required: kind"),
    (changed(sections__1__items__0="**never closed"),
     "sections[1].items[0].text: bad inline markup: bold '**' is never closed"),
    (changed(sections__1__items__0="[site](javascript:alert(1))"),
     "sections[1].items[0].text: bad inline markup: ']' without a matching '[text](url)'"),
    (changed(sections__1__items__0="[site](ftp://x.org)"),
     "sections[1].items[0].text: bad inline markup: link must start with one of https:, http:, mailto:, tel:: 'ftp://x.org'"),
    (changed(sections__1__items=[]), "sections[1].items: must not be empty"),
    (changed(sections__2__items__0__colour="red"), "sections[2].items[0].colour: unknown key"),
    (changed(review_due="2025-01-01"), "review_due: must come after reviewed (2026-01-01)"),
    (changed(lead="  padded "), "lead.text: has leading or trailing spaces"),
    (changed(id="Demo_1"), "id: not a valid id (lower-case letters, digits and '-')"),
    (changed(sections__4__items=None), "sections[4]: a callout needs an intro or items"),
    (changed(title=["a"]), "title: must be a mapping"),
    (changed(sections__0__trifold=0), "sections[0].trifold: must be true, false or a priority from 1 to 9, not 0"),
    (changed(sections__2__role=None), "sections: no section has the role 'alternatives'; patient-information "
     "standards ask every leaflet for what happens on the day, the risks and the alternatives, no treatment "
     "included (role: on-the-day, risks, alternatives)"),
    (changed(sections__2__role="benefits"),
     "sections[2].role: must be one of 'on-the-day', 'risks' or 'alternatives', not 'benefits'"),
    (changed(production__sources=None), "production.sources: field required"),
    (changed(sections__1__items=["Redness.", {"text": "Scarring.", "frequency": "rare"}, "Dryness."]),
     "sections[1]: items[0], items[2]: a risk needs how often it happens (frequency: very-common, common, "
     "uncommon, rare, very-rare, not-known)"),
    (changed(sections__1__items__0__frequency="often"),
     "sections[1].items[0].frequency: must be one of 'very-common', 'common', 'uncommon', 'rare', 'very-rare' or "
     "'not-known', not 'often'"),
    (changed(sections__0__trifold="often"),
     "sections[0].trifold: must be true, false or a priority from 1 to 9, not 'often'"),
])
def test_each_error_message(data, message):
    assert problems(data) == [f"brochures/demo.yaml: {message}"]


def test_only_the_risks_say_how_often_they_happen():
    data = changed(sections__4={"kind": "bullets", "heading": "Before", "items": [{"text": "X.", "frequency": "rare"}]})
    assert problems(data) == ["brochures/demo.yaml: sections[4]: items[0].frequency: only the items of the section "
                              "with role: risks say how often they happen"]


@pytest.mark.parametrize(("given", "priority"), [(True, 1), (False, None), (1, 1), (9, 9)])
def test_trifold_is_a_priority(given, priority):
    leaflet = validate_leaflet(changed(sections__0__trifold=given), "brochures/demo.yaml")
    assert leaflet.sections[0].trifold == priority


def test_id_must_match_file_name():
    assert problems(VALID, expected_id="other") == [
        "brochures/demo.yaml: id: must match the file name ('other'), not 'demo'"
    ]


def test_yaml_syntax_error_gives_file_and_line(project_copy):
    (project_copy / "brochures" / "broken.yaml").write_text("id: broken\ntitle: [unclosed\nlead: x\n")
    code, out, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--brochure", "broken")
    assert code == 2
    assert err.startswith("error: brochures/broken.yaml:3: YAML syntax error:")
    assert "Traceback" not in err


def test_duplicate_key_is_an_error(project_copy):
    (project_copy / "brochures" / "dup.yaml").write_text("id: dup\nid: dup\n")
    code, _, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--brochure", "dup")
    assert code == 2
    assert err == "error: brochures/dup.yaml:2: YAML syntax error: duplicate key 'id'\n"


def test_yaml_is_loaded_safely(project_copy):
    (project_copy / "brochures" / "evil.yaml").write_text("id: !!python/object/apply:os.system ['true']\n")
    code, _, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--brochure", "evil")
    assert code == 2
    assert "brochures/evil.yaml:1: YAML syntax error" in err


def test_invalid_leaflet_stops_the_build_with_exit_2_and_all_its_problems(project_copy, tmp_path):
    path = project_copy / "brochures" / "chemical-peels.yaml"
    text = path.read_text().replace("kind: faq", "kind: quiz", 1).replace("title: Chemical peels", "titel: x", 1)
    path.write_text(text)
    line = text.splitlines().index("  - kind: quiz") + 1
    faq = next(i for i, s in enumerate(load_leaflet(Project.at(REPO), "chemical-peels").sections) if s.kind == "faq")
    code, out, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--out", str(tmp_path / "o"))
    assert code == 2
    assert err.splitlines() == [
        "error: brochures/chemical-peels.yaml: title: field required",
        f"error: brochures/chemical-peels.yaml:{line}: sections[{faq}]: unknown section kind 'quiz' "
        "(expected: text, bullets, terms, faq, callout)",
        "error: brochures/chemical-peels.yaml:5: titel: unknown key",
    ]
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("bad_id", ["../x", "/etc/passwd", "a/b", "UPPER", "x.yaml", ""])
def test_ids_are_slugs_checked_before_any_file_is_opened(bad_id, monkeypatch):
    opened = []
    monkeypatch.setattr("pathlib.Path.read_text", lambda self, *a, **k: opened.append(self))
    with pytest.raises(BrochureError) as caught:
        load_leaflet(Project.at(REPO), bad_id)
    assert caught.value.lines() == [f"brochure: not a valid id: {bad_id!r} (lower-case letters, digits and '-')"]
    assert opened == []
