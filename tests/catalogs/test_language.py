"""The no-mixed-language rule: refuse, or print as a marked draft when told to."""
from pypdf import PdfReader

from ..catalog_edit import refusal, set_translation
from ..conftest import pdf_names, run_cli
from ..index_html import read_index
from ..pdfs import text_of

DISCLAIMER = ("This leaflet gives general information. It does not replace advice from the practitioner who "
              "treats you.")


def make_incomplete(root):
    set_translation(root, "el", "Chemical peels", "")
    set_translation(root, "el", "Frequently asked questions", "Συχνές ερωτήσεις", fuzzy=True)


def test_incomplete_leaflet_is_refused_and_others_still_build(project_copy, tmp_path):
    make_incomplete(project_copy)
    set_translation(project_copy, "el", "Frequently asked questions", "Συχνές ερωτήσεις")
    out = tmp_path / "out"
    code, stdout, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--lang", "el", "--out", str(out))
    assert code == 1
    assert err == ("refused: el: chemical-peels: 1 untranslated, 0 fuzzy; list them with 'make_brochure.py status "
                   "--missing el --brochure chemical-peels'; --allow-incomplete prints a DRAFT with English in their "
                   "place\n")
    assert pdf_names(out) == ["mesotherapy-acne-scars.el.pdf"]
    assert stdout.splitlines()[-1] == "1 built, 0 up to date, 1 refused, 0 failed"


def test_template_strings_count_too(project_copy, tmp_path):
    make_incomplete(project_copy)
    code, _, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--lang", "el", "--out", str(tmp_path))
    assert code == 1
    assert sorted(err.splitlines()) == [  # jobs finish in any order
        "refused: " + refusal("el", "chemical-peels", "1 untranslated, 1 fuzzy"),
        "refused: " + refusal("el", "mesotherapy-acne-scars", "0 untranslated, 1 fuzzy"),
    ]


def test_allow_incomplete_prints_a_marked_draft_with_the_english_set_left_to_right(project_copy, tmp_path):
    # Arabic, right to left: the English standing in for a missing translation reads left to right in MuPDF
    # (it read "?Does it hurt" when the paragraph's direction applied to it).
    set_translation(project_copy, "ar", "Does it hurt?", "")
    set_translation(project_copy, "ar", "Frequently asked questions", "الأسئلة الشائعة", fuzzy=True)
    set_translation(project_copy, "ar", DISCLAIMER, "")  # a template's own sentence: ".treats you" before
    code, _, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--lang", "ar", "--out", str(tmp_path),
                           "--allow-incomplete", "--brochure", "chemical-peels")
    assert (code, err) == (0, "")
    reader = PdfReader(tmp_path / "chemical-peels.ar.pdf")
    for page in reader.pages:
        text = page.extract_text()
        assert "DRAFT" in text
        assert "incomplete translation (2 untranslated, 1 fuzzy)" in text
    lines = text_of(tmp_path / "chemical-peels.ar.pdf").splitlines()
    assert "Does it hurt?" in lines and "?Does it hurt" not in "\n".join(lines)
    assert " ".join(lines).count("who treats you.") == 1 and ".advice" not in " ".join(lines)
    assert "Frequently asked questions" in lines  # the fuzzy entry is not used: English instead
    assert "الأسئلة الشائعة" not in "\n".join(lines)
    assert reader.metadata["/Keywords"].startswith("DRAFT, chemical-peels, ar")
    assert reader.metadata["/status"].startswith("DRAFT: incomplete ar translation (2 untranslated, 1 fuzzy)")
    index = read_index(tmp_path)  # the staff see it apart from what is ready to print
    assert [(row.href, row.cells["Status"], row.title_attrs) for row in index.rows if row.section == "not-ready"] == \
           [("chemical-peels.ar.pdf", "DRAFT: translation incomplete", {"lang": "ar", "dir": "rtl"})]


def test_complete_leaflets_carry_no_draft_mark(built):
    reader = PdfReader(built / "chemical-peels.el.pdf")
    assert "DRAFT" not in "".join(page.extract_text() for page in reader.pages)
    assert "/status" not in reader.metadata
