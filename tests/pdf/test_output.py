"""Built PDFs as a reader sees them: size, text in each language, fonts, metadata."""
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from ..conftest import REPO, run_cli
from ..pdfs import fonts_of, page_sizes_mm, text_of

LEAFLETS = ["mesotherapy-acne-scars", "chemical-peels"]


@pytest.mark.parametrize("brochure_id", LEAFLETS)
@pytest.mark.parametrize("lang", ["en", "el"])
def test_pages_are_a4(built, brochure_id, lang):
    assert page_sizes_mm(built / f"{brochure_id}.{lang}.pdf") == {(210, 297)}


def test_english_text_is_extractable_with_footer(built):
    text = text_of(built / "mesotherapy-acne-scars.en.pdf")
    assert "Mesotherapy for acne scars" in text
    assert "Frequently asked questions" in text
    pages = len(PdfReader(built / "mesotherapy-acne-scars.en.pdf").pages)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "Version 1.1" in text and "mesotherapy-acne-scars" not in text  # the file name is for staff only


@pytest.mark.parametrize("brochure_id", LEAFLETS)
def test_greek_text_is_extractable_and_not_mixed_with_english(built, brochure_id):
    text = text_of(built / f"{brochure_id}.el.pdf")
    assert "Συχνές ερωτήσεις" in text
    assert "Σελίδα 1 από" in text
    for english in ("Frequently asked questions", "Information for patients", "Page 1 of", "practitioner"):
        assert english not in text


@pytest.mark.parametrize("lang", ["en", "el"])
def test_every_font_is_embedded_and_bundled(built, lang):
    fonts = fonts_of(built / f"mesotherapy-acne-scars.{lang}.pdf")
    assert fonts and all(fonts.values()), fonts
    assert all("Leaflet-Sans" in name for name in fonts), fonts


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_pdffonts_agrees_that_fonts_are_embedded(built):
    out = subprocess.run(["pdffonts", str(built / "chemical-peels.el.pdf")], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out and all(line.split()[-5] == "yes" for line in out), out


@pytest.mark.parametrize("lang, title", [("en", "Chemical peels"), ("el", None)])
def test_title_and_language_metadata(built, lang, title):
    reader = PdfReader(built / f"chemical-peels.{lang}.pdf")
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert reader.metadata.title
    if title:
        assert reader.metadata.title == title
    else:
        assert reader.metadata.title != "Chemical peels"


def test_rebuild_is_byte_identical(built, tmp_path):
    code, _, err = run_cli("build", "--unbranded", "--root", str(REPO), "--out", str(tmp_path),
                           "--brochure", "chemical-peels", "--lang", "el")
    assert code == 0, err
    assert (tmp_path / "chemical-peels.el.pdf").read_bytes() == (built / "chemical-peels.el.pdf").read_bytes()


def test_no_word_is_split_and_no_break_hyphen_enters_the_text(built):
    """Patient editions are not hyphenated (a patient reads, searches and types whole words): MuPDF
    extracts no U+2010, the character the renderer writes at a hyphenation break."""
    import pymupdf

    for path in sorted(built.glob("*.pdf")):
        with pymupdf.open(path) as document:
            assert "\u2010" not in "".join(page.get_text() for page in document), path.name


@pytest.mark.parametrize("brochure_id", LEAFLETS)
def test_what_patient_information_standards_ask_for_is_printed(built, brochure_id):
    """Alternatives (no treatment included), the day itself, who wrote and checked the leaflet, its
    sources, how to give feedback and that other formats exist (NHS, PIF TICK)."""
    text = " ".join(text_of(built / f"{brochure_id}.en.pdf").split())
    for printed in ("Other options, including no treatment", "No treatment.", "What happens on the day",
                    "Written by: The clinic group's patient information team",
                    "Clinical review: Not yet reviewed by a clinician.", "Sources: The information in this leaflet",
                    "Tell us what you think of this leaflet", "available in large print and in other languages"):
        assert printed in text, printed
    greek = " ".join(text_of(built / f"{brochure_id}.el.pdf").split())
    assert "Άλλες επιλογές, όπως το να μην κάνετε θεραπεία" in greek and "Σύνταξη:" in greek


@pytest.mark.parametrize("lang, very_common, rare", [
    ("en", "Very common (may affect more than 1 in 10 people)", "Rare (may affect up to 1 in 1,000 people)"),
    # the narrow no-break space of "1 000" is white space to the text comparison
    ("fr", "Très fréquent (peut affecter plus de 1 personne sur 10)",
     "Rare (peut affecter jusqu’à 1 personne sur 1 000)"),
    # extractors reorder digits inside right-to-left lines: the words alone
    ("ar", "شائعة جدا", "نادرة"),
])
def test_risks_are_grouped_by_how_often_they_happen_each_word_defined_once(built, lang, very_common, rare):
    text = " ".join(text_of(built / f"chemical-peels.{lang}.pdf").split())
    assert text.count(very_common) == 1 and text.count(rare) == 1
    assert text.index(very_common) < text.index(rare)  # most often first
    english = " ".join(text_of(built / "chemical-peels.en.pdf").split())
    rare_part = english[english.index("Rare (may affect"):english.index("Not known (")]
    assert "Infection." in rare_part and "Scarring. This is more likely with deeper peels." in rare_part
