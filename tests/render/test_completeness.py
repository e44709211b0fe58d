"""`status`: counts per language and leaflet, printable or not."""
import json

from ..catalog_edit import line_of, set_translation
from ..conftest import REPO, run_cli


def rows(root, *args):
    code, out, _ = run_cli("status", "--root", str(root), "--json", *args)
    assert code == 0
    return {(r["lang"], r["leaflet"]): r for r in json.loads(out)["catalogs"]}


def test_complete_catalogs_are_printable_everywhere():
    table = rows(REPO)
    assert {lang for lang, _ in table} == {"ar", "de", "el", "es", "fr"}
    for row in table.values():
        assert row["untranslated"] == row["fuzzy"] == 0
        assert row["translated"] == row["total"] > 80
        assert row["percent"] == 100.0 and row["printable"] is True


def test_fuzzy_counts_apart_from_translated(project_copy):
    set_translation(project_copy, "el", "Chemical peels", "Χημική απολέπιση", fuzzy=True)
    set_translation(project_copy, "el", "Frequently asked questions", "")
    table = rows(project_copy, "--lang", "el")
    peels, meso = table["el", "chemical-peels"], table["el", "mesotherapy-acne-scars"]
    assert (peels["fuzzy"], peels["untranslated"], peels["translated"]) == (1, 1, peels["total"] - 2)
    assert peels["printable"] is False
    # the FAQ heading is a template string both leaflets use; the title only one
    assert (meso["fuzzy"], meso["untranslated"]) == (0, 1)


def test_table_output(project_copy):
    set_translation(project_copy, "el", "Chemical peels", "")
    code, out, _ = run_cli("status", "--root", str(project_copy), "--lang", "el")
    lines = out.splitlines()
    assert lines[0].split() == ["language", "leaflet", "translated", "fuzzy", "untranslated", "obsolete",
                                "done", "printable"]
    peels = lines[1].split()
    assert peels[:2] == ["el", "chemical-peels"] and peels[3:5] == ["0", "1"] and peels[-1] == "no"
    assert lines[2].split()[-2:] == ["100%", "yes"]


def test_review_dates_and_how_far_away_they_are(project_copy):
    code, out, _ = run_cli("status", "--root", str(project_copy), "--today", "2029-11-11", "--json")
    reviews = {r["leaflet"]: r for r in json.loads(out)["reviews"]}
    assert reviews["chemical-peels"] == {"leaflet": "chemical-peels", "version": "1.1", "reviewed": "2026-11-01",
                                         "review_due": "2029-11-01", "days_left": -10, "overdue": True}
    code, out, _ = run_cli("status", "--root", str(project_copy), "--today", "2029-10-31")
    assert out.splitlines()[-1].split()[-3:] == ["in", "1", "day"]
    assert out.splitlines()[-3].split() == ["leaflet", "version", "reviewed", "review", "due", "when"]


def test_missing_lists_each_message_that_keeps_a_leaflet_from_printing(project_copy):
    set_translation(project_copy, "el", "Frequently asked questions", "Συχνές ερωτήσεις", fuzzy=True)
    set_translation(project_copy, "el", "Types of peel", "Τύποι <b>")  # an error check reports
    leaflet = project_copy / "brochures" / "chemical-peels.yaml"
    leaflet.write_text(leaflet.read_text().replace("title: Chemical peels", "title: Chemical skin peels", 1))
    po = "locales/el/LC_MESSAGES/brochures.po"
    code, out, err = run_cli("status", "--root", str(project_copy), "--missing", "el", "--brochure", "chemical-peels")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "el: chemical-peels: 1 untranslated, 1 fuzzy, 1 broken",
        f"  {po}: not in the catalog (run 'make_brochure.py update'): chemical-peels: title: untranslated: "
        "\"Chemical skin peels\"",
        f"  {po}:{line_of(project_copy, 'el', 'Types of peel')}: chemical-peels: sections[2].heading: broken: "
        "\"Types of peel\"",
        f"    {po}:{line_of(project_copy, 'el', 'Types of peel')}: el: \"Types of peel\": HTML is not allowed in a "
        "translation ('<b'); use the inline markup of the source",
        f"  {po}:{line_of(project_copy, 'el', 'Frequently asked questions')}: templates/sections/faq.html:2: fuzzy: "
        "\"Frequently asked questions\"",
    ]
    assert run_cli("update", "--root", str(project_copy), "--lang", "el")[0] == 0  # now it has an entry and a place
    code, out, _ = run_cli("status", "--root", str(project_copy), "--missing", "el", "--json")
    found = json.loads(out)["missing"]
    title = next(m for m in found if m["msgid"] == "Chemical skin peels")
    assert (title["state"], title["places"], title["line"]) == \
           ("fuzzy", ["chemical-peels: title"], line_of(project_copy, "el", "Chemical skin peels"))
    assert {(m["leaflet"], m["msgid"]) for m in found if m["state"] == "fuzzy"} == {
        ("chemical-peels", "Chemical skin peels"), ("chemical-peels", "Frequently asked questions"),
        ("mesotherapy-acne-scars", "Frequently asked questions")}


def test_missing_of_a_complete_language_says_printable():
    code, out, _ = run_cli("status", "--root", str(REPO), "--missing", "ar")
    assert (code, out) == (0, "ar: chemical-peels: printable\nar: mesotherapy-acne-scars: printable\n")
    code, _, err = run_cli("status", "--root", str(REPO), "--missing", "ar", "--brochure", "nope")
    assert (code, err) == (2, "error: unknown leaflet 'nope' (known: chemical-peels, mesotherapy-acne-scars)\n")
