"""What a reader copies, searches or hears is what the translator wrote.

The words are extracted by the viewers' own engines (MuPDF, poppler's
pdftotext), not by us, and compared with the words of the catalog.
"""
import re
import shutil
import subprocess
import unicodedata

import pymupdf
import pytest
from babel.dates import get_month_names

from brochure_builder.catalogs.pofile import read_catalog
from brochure_builder.languages import own_name
from brochure_builder.pdf.reading_order import visual_order_needed
from brochure_builder.project import Project

from ..conftest import REPO

# A word: letters and the marks written on them (Arabic harakat, Greek tonos as combining marks).
WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u064b-\u065f\u0670])+")
SCRIPTS = {"ar": re.compile(r"[\u0600-\u06ff]+(?:[\u064b-\u065f\u0670]*)"),
           "el": re.compile(r"(?:[\u0370-\u03ff\u1f00-\u1fff]|[\u0300-\u036f])+")}


def mupdf_text(path) -> str:
    return "\n".join(page.get_text() for page in pymupdf.open(path))


def poppler_text(path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


EXTRACTORS = {"MuPDF": mupdf_text, "poppler": poppler_text}


def catalog_words(lang: str) -> set[str]:
    """Every word the catalog prints, as written and as `text-transform: uppercase` prints it, and
    the month names of printed dates."""
    words: set[str] = set()
    for message in read_catalog(Project.at(REPO), lang):
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        for text in filter(None, strings):
            words.update(WORD.findall(text))
            # a hyphenated compound broken after its hyphen is joined again by poppler
            words.update(WORD.findall(re.sub(r"(?<=\w)-(?=\w)", "", text)))
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            words.update(get_month_names(width, context, lang).values())
    words.update(WORD.findall(own_name(lang)))  # "Language: Ελληνικά" in the document control
    return words | {_uppercase(word) for word in words}


def _uppercase(word: str) -> str:
    # Greek capitals drop the tonos (as CSS text-transform does for Greek).
    bare = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", bare.upper()) if re.search("[\u0370-\u03ff]", word) else word.upper()


@pytest.mark.parametrize("extractor", sorted(EXTRACTORS))
@pytest.mark.parametrize("lang", sorted(SCRIPTS))
def test_extracted_words_are_the_catalogs_words(built, lang, extractor):
    if extractor == "poppler" and not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    known = catalog_words(lang)
    for path in sorted(built.glob(f"*.{lang}.pdf")):
        # runs of the language's script: an extractor may leave out the space before a Latin word
        words = [word for run in SCRIPTS[lang].findall(EXTRACTORS[extractor](path)) for word in WORD.findall(run)]
        unknown = sorted({word for word in words if word not in known})
        assert len(words) > 1000, path.name
        assert unknown == [], f"{extractor} reads words of {path.name} that the catalog does not have: {unknown}"


def test_arabic_ligatures_are_read_in_the_order_they_were_written(built):
    text = mupdf_text(built / "chemical-peels.ar.pdf")
    # lam + alef maksura, lam + alef, lam + alef with hamza: one glyph each
    assert "على" in text and "لا" in text and "الأخصائي" in text
    assert "عىل" not in text and "األخصائي" not in text


@pytest.mark.parametrize(("text", "needed"), [
    ("لا", True),       # lam + alef: one glyph, two right-to-left letters
    ("لأ", True),
    ("ffi", False),     # a Latin ligature reads left to right already
    ("ل", False),       # one character: nothing to reorder
    ("ل1", True),       # a digit has no strong direction of its own
    ("لa", False),      # mixed directions: left as the font maps it
])
def test_only_right_to_left_ligatures_are_stored_in_visual_order(text, needed):
    assert visual_order_needed(text) is needed
