"""The staff index: what is ready to print stands apart from what is not, whatever the last build did."""
import datetime as dt

from brochure_builder.batch.index import write_index
from brochure_builder.batch.manifest import Entry, Manifest

from ..index_html import read_index


def entry(lang, title, clinic="jabal-amman", draft=False, review_due="2029-11-01", **changes):
    values = dict(input_hash="h", inputs={}, size=1, leaflet="chemical-peels", lang=lang, clinic=clinic,
                  profile="office", format="a4", large_print=False, title=title, title_lang=lang, version="1.0",
                  reviewed="2026-11-01", review_due=review_due, draft=draft,
                  clinic_name={"jabal-amman": "مركز جبل عمّان", "cedar-toronto": "Cedar Skin Clinic"}.get(clinic),
                  clinic_name_lang={"jabal-amman": "ar", "cedar-toronto": "en"}.get(clinic))
    return Entry(**{**values, **changes})


def index_of(tmp_path, entries, today="2029-01-01"):
    manifest = Manifest.load(tmp_path)
    for path, value in entries.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"%PDF")
        manifest.record(tmp_path / path, value)
    write_index(manifest, dt.date.fromisoformat(today))
    manifest.close()
    return read_index(tmp_path)


def test_drafts_and_overdue_leaflets_are_listed_apart_and_say_why(tmp_path):
    index = index_of(tmp_path, {
        "jabal-amman/chemical-peels.ar.pdf": entry("ar", "التقشير الكيميائي", draft=True),
        "jabal-amman/chemical-peels.en.pdf": entry("en", "Chemical peels"),
        "cedar-toronto/mesotherapy-acne-scars.fr.pdf": entry("fr", "Mésothérapie", clinic="cedar-toronto",
                                                             leaflet="mesotherapy-acne-scars", review_due="2028-12-31"),
        "chemical-peels.el.pdf": entry("el", "Χημική απολέπιση", clinic=None),
    })
    not_ready = {row.href: row.cells["Status"] for row in index.in_section("not-ready")}
    assert not_ready == {"jabal-amman/chemical-peels.ar.pdf": "DRAFT: translation incomplete",
                         "cedar-toronto/mesotherapy-acne-scars.fr.pdf": "REVIEW OVERDUE"}
    assert {row.href for row in index.in_section("ready")} == {"jabal-amman/chemical-peels.en.pdf",
                                                              "chemical-peels.el.pdf"}
    assert index.summary.split() == "4 PDFs in this folder: 2 ready to print, 2 not ready.".split()
    assert {row.clinic for row in index.rows} == {"مركز جبل عمّان", "Cedar Skin Clinic", "Unbranded"}


def test_every_table_has_the_same_columns_and_right_to_left_text_is_set_so_in_a_left_to_right_page(tmp_path):
    index = index_of(tmp_path, {
        "jabal-amman/chemical-peels.ar.pdf": entry("ar", "التقشير الكيميائي <b>&"),
        "jabal-amman/chemical-peels.en.pdf": entry("en", "Chemical peels", draft=True),
        "cedar-toronto/chemical-peels.en.pdf": entry("en", "Chemical peels", clinic="cedar-toronto"),
    })
    assert index.html_attrs == {"lang": "en", "dir": "ltr"}
    assert len(index.columns) == 3 and all(columns == index.columns[0] for columns in index.columns)
    assert [header for _, header in index.columns[0]] == ["Leaflet", "Language", "Edition", "Version",
                                                           "Review due", "Status"]
    arabic = next(row for row in index.rows if row.href.endswith(".ar.pdf"))
    assert arabic.cells["Leaflet"] == "التقشير الكيميائي <b>&"  # text, never markup
    assert (arabic.title_attrs, arabic.clinic_attrs) == ({"lang": "ar", "dir": "rtl"}, {"lang": "ar", "dir": "rtl"})
    english = next(row for row in index.rows if row.href == "cedar-toronto/chemical-peels.en.pdf")
    assert english.title_attrs == {"lang": "en", "dir": "ltr"}
