"""Every language: complete text, no English left, right-to-left done right."""
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from brochure_builder.catalogs.pofile import read_catalog
from brochure_builder.project import Project

from ..conftest import REPO
from ..pdfs import fonts_of, footer_runs, runs, text_of

LANGS = ["el", "es", "fr", "de", "ar"]
CATALOGS = [REPO / "locales" / lang / "LC_MESSAGES" / "brochures.po" for lang in LANGS]
FAQ = {"el": "Συχνές ερωτήσεις", "es": "Preguntas frecuentes", "fr": "Questions fréquentes",
       "de": "Häufige Fragen", "ar": "الأسئلة الشائعة"}


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_prints_its_own_text_only(built, lang):
    text = text_of(built / f"mesotherapy-acne-scars.{lang}.pdf")
    assert FAQ[lang] in text
    for english in ("Frequently asked questions", "Information for patients", "practitioner", "Next review due"):
        assert english not in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_catalog_header_notes_pending_medical_review(lang):
    head = (REPO / "locales" / lang / "LC_MESSAGES" / "brochures.po").read_text().split("msgid", 1)[0]
    assert "awaits review by a qualified medical translator" in head


def test_catalogs_cover_every_leaflet_message():
    for lang in LANGS:
        catalog = read_catalog(Project.at(REPO), lang)
        assert all(m.string and not m.fuzzy for m in catalog if m.id), lang


def test_arabic_is_right_to_left_and_extractable(built):
    path = built / "mesotherapy-acne-scars.ar.pdf"
    assert PdfReader(path).trailer["/Root"]["/Lang"] == "ar"
    text = text_of(path)
    assert "الميزوثيرابي" in text and FAQ["ar"] in text
    assert all("Leaflet-Arabic" in name or "Leaflet-Sans" in name for name in fonts_of(path))
    assert any("Leaflet-Arabic" in name for name in fonts_of(path))


def test_arabic_running_header_sits_on_the_right(built):
    width = float(PdfReader(built / "chemical-peels.ar.pdf").pages[1].mediabox.width)
    header = [(x, text) for x, y, text in runs(built / "chemical-peels.ar.pdf", 1) if y > 780]
    assert header and all(x > width / 3 for x, _ in header)


def test_arabic_footer_reads_right_to_left(built):
    path = built / "mesotherapy-acne-scars.ar.pdf"
    pages = len(PdfReader(path).pages)
    width = float(PdfReader(path).pages[0].mediabox.width)
    footer = footer_runs(path, 1)
    page_label = [text for x, text in footer if x < width / 2]
    leaflet_label = [text for x, text in footer if x > width / 2]
    # drawn left to right, so read right to left: "صفحة 2 من N"
    assert page_label == [str(pages), "من", "2", "صفحة"]
    # "الإصدار 1.1": the version, no file name (pypdf, which reads these runs, reverses the
    # lam-alef ligature of the word; see docs/accessibility.md)
    assert len(leaflet_label) == 2 and leaflet_label[0] == "1.1" and leaflet_label[1].endswith("صدار")


def test_english_footer_has_page_numbers_on_the_right(built):
    path = built / "mesotherapy-acne-scars.en.pdf"
    width = float(PdfReader(path).pages[0].mediabox.width)
    right = " ".join(text for x, text in footer_runs(path, 1) if x > width / 2)
    assert right.startswith("Page 2 of")


def test_review_dates_are_in_the_language(built):
    assert "1 noviembre 2026" in text_of(built / "chemical-peels.es.pdf").replace(" de ", " ")
    assert "1. November 2029" in text_of(built / "chemical-peels.de.pdf")
    arabic = text_of(built / "chemical-peels.ar.pdf")
    assert "نوفمبر" in arabic and "2029" in arabic and "November" not in arabic


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext not installed")
@pytest.mark.parametrize("path", CATALOGS, ids=LANGS)
def test_gnu_msgfmt_check_passes(path, tmp_path):
    result = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not shutil.which("msgcat"), reason="GNU gettext not installed")
@pytest.mark.parametrize("path", CATALOGS, ids=LANGS)
def test_gnu_msgcat_round_trip_changes_nothing(path, tmp_path):
    subprocess.run(["msgcat", str(path), "-o", str(tmp_path / "round.po")], check=True)
    assert (tmp_path / "round.po").read_bytes() == path.read_bytes()


def test_pybabel_extract_with_babel_cfg_gives_the_same_template(tmp_path):
    import sys

    from babel.messages.pofile import read_po

    pot = tmp_path / "pybabel.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "--sort-by-file", "-c", "Translators:", "-w", "79", "-o", str(pot), "."],
                   cwd=REPO, check=True, capture_output=True)
    with pot.open("rb") as ours_pybabel, (REPO / "locales" / "brochures.pot").open("rb") as ours:
        theirs, mine = read_po(ours_pybabel), read_po(ours)
    def summary(catalog):
        # pybabel wraps long comments over several lines; GNU tools and ours keep one line each
        return [(m.id, m.locations, " ".join(m.auto_comments), sorted(m.flags)) for m in catalog if m.id]

    assert summary(theirs) == summary(mine)
