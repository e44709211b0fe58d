"""`check` and the build both catch damaged translations, one line each."""
import pytest

from .catalog_edit import find_msgid, line_of, po_path, set_translation
from .conftest import REPO, pdf_names, run_cli

PO = "locales/el/LC_MESSAGES/brochures.po"
PAGE = "Page %(page)s of %(pages)s"
SPF = "SPF 30"  # stands for the first message containing it


def check(root):
    code, out, err = run_cli("check", "--root", str(root))
    return code, [line for line in err.splitlines() if line.startswith("error:")], err


def test_the_shipped_catalogs_and_leaflets_are_clean():
    code, out, err = run_cli("check", "--root", str(REPO))
    assert (code, out, err) == (0, "0 errors, 0 warnings\n", "")


@pytest.mark.parametrize("msgid, msgstr, problem", [
    (PAGE, "Σελίδα %(page)s", "placeholder %(pages)s missing from the translation"),
    (PAGE, "Σελίδα %(page)s από %(pages)s %(total)s", "placeholder %(total)s is not in the source"),
    (SPF, "Χρησιμοποιείτε **SPF 50** κάθε μέρα.", "number 30 missing from the translation"),
    (SPF, "Χρησιμοποιείτε αντηλιακό **30** κάθε μέρα.", "unit SPF missing from the translation"),
    (SPF, "Χρησιμοποιείτε **SPF 30 κάθε μέρα.", "broken markup in the translation: bold '**' is never closed"),
    (SPF, "Χρησιμοποιείτε *SPF 30* κάθε μέρα.", "markup differs: source ['strong'], translation ['em']"),
    (SPF, "Χρησιμοποιείτε **SPF 30** [εδώ](https://x.gr).", "URLs differ: source [], translation ['https://x.gr']"),
    (SPF, " Χρησιμοποιείτε **SPF 30**.", "leading or trailing whitespace differs from the source"),
    (SPF, "Χρησιμοποιείτε **SPF 30** ☃ κάθε μέρα.", "no bundled font has U+2603 '☃'"),
])
def test_each_check_catches_its_case(project_copy, msgid, msgstr, problem):
    if msgid == SPF:
        msgid = _spf_msgid(project_copy)
    set_translation(project_copy, "el", msgid, msgstr)
    code, errors, _ = check(project_copy)
    short = msgid if len(msgid) <= 40 else msgid[:39] + "…"
    assert code == 1
    assert f'error: {PO}:{line_of(project_copy, "el", msgid)}: el: "{short}": {problem}' in errors


def _spf_msgid(root):
    return find_msgid(root, "el", "**" + SPF)


def test_local_digits_and_decimal_sign_are_accepted(project_copy):
    msgid = _spf_msgid(project_copy)
    set_translation(project_copy, "ar", msgid, "استخدم **SPF ٣٠** كل يوم.")
    code, errors, _ = check(project_copy)
    assert errors == [] and code == 0


@pytest.mark.parametrize("old, new, problem", [
    ('"Language: el\\n"', '"Language: es\\n"', "el: header Language is 'es', expected 'el'"),
    ("nplurals=2;", "nplurals=3;", "el: header Plural-Forms is 'nplurals=3; plural=(n != 1);', "
                                   "expected 'nplurals=2; plural=(n != 1);'"),
])
def test_header_sanity(project_copy, old, new, problem):
    path = po_path(project_copy, "el")
    path.write_text(path.read_text().replace(old, new, 1))
    code, errors, _ = check(project_copy)
    assert code == 1
    assert f"error: {PO}:1: {problem}" in errors


def test_wrong_charset_is_an_error_in_check_and_build(project_copy, tmp_path):
    path = po_path(project_copy, "el")
    path.write_bytes(path.read_text().replace("charset=utf-8", "charset=ISO-8859-7").encode("iso-8859-7", "replace"))
    code, errors, _ = check(project_copy)
    assert code == 1
    assert f"error: {PO}:1: el: header charset is 'ISO-8859-7'; catalogs must be UTF-8" in errors
    code, _, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--lang", "el",
                           "--out", str(tmp_path / "o"))
    assert (code, err) == (2, f"error: {PO}:1: el: header charset is 'ISO-8859-7'; catalogs must be UTF-8\n")
    assert not (tmp_path / "o").exists()


def test_po_syntax_error_names_file_and_line(project_copy, tmp_path):
    path = po_path(project_copy, "el")
    lines = path.read_text().split("\n")
    broken_at = line_of(project_copy, "el", "Chemical peels") + 1
    lines.insert(broken_at - 1, "msgstr_oops")
    path.write_text("\n".join(lines))
    code, errors, _ = check(project_copy)
    assert code == 1 and len(errors) == 1
    assert errors[0] == f"error: {PO}:{broken_at}: PO syntax error: Unknown or misformatted keyword"
    out = tmp_path / "out"
    code, _, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--lang", "el", "--out", str(out))
    assert code == 2 and err.startswith(f"error: {PO}:{broken_at}: PO syntax error:")
    assert not out.exists()


def test_untranslated_fuzzy_and_obsolete_are_warnings(project_copy):
    set_translation(project_copy, "el", "Chemical peels", "")
    set_translation(project_copy, "el", "Frequently asked questions", "Συχνές ερωτήσεις", fuzzy=True)
    code, errors, err = check(project_copy)
    assert code == 0 and errors == []
    assert err.splitlines() == [f"warning: {PO}: el: 1 untranslated message", f"warning: {PO}: el: 1 fuzzy message"]


def test_a_broken_translation_is_never_printed(project_copy, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "chemical-peels.el.pdf").write_bytes(b"good old PDF")
    set_translation(project_copy, "el", PAGE, "Σελίδα %(page)s")
    code, stdout, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--lang", "el", "--out", str(out))
    assert code == 1
    where = f"{PO}:{line_of(project_copy, 'el', PAGE)}"
    line = f'error: {where}: el: "{PAGE}": placeholder %(pages)s missing from the translation'
    assert err.splitlines() == [line, line]  # both leaflets use the footer
    assert (out / "chemical-peels.el.pdf").read_bytes() == b"good old PDF"
    assert stdout.splitlines()[-1] == "0 built, 0 up to date, 0 refused, 2 failed"


def test_a_character_no_font_has_fails_the_leaflets_that_use_it(project_copy, tmp_path):
    set_translation(project_copy, "el", "Chemical peels", "Χημική απολέπιση ☃")
    code, stdout, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--lang", "el",
                                "--out", str(tmp_path / "o"))
    assert code == 1
    assert err == (f'error: {PO}:{line_of(project_copy, "el", "Chemical peels")}: el: "Chemical peels": '
                   "no bundled font has U+2603 '☃'\n")
    assert pdf_names(tmp_path / "o") == ["mesotherapy-acne-scars.el.pdf"]


def test_language_without_catalog(project_copy):
    code, _, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--lang", "it")
    assert (code, err) == (2, "error: unknown language 'it' (known: ar, de, el, en, es, fr)\n")
    code, _, err = run_cli("status", "--root", str(project_copy), "--lang", "it")
    assert (code, err) == (2, "error: unknown language 'it' (known: ar, de, el, es, fr)\n")


def test_unknown_language_code(project_copy):
    code, _, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--lang", "qq")
    assert (code, err) == (2, "error: language: unknown language code 'qq'\n")
    (project_copy / "locales" / "qq" / "LC_MESSAGES").mkdir(parents=True)
    (project_copy / "locales" / "qq" / "LC_MESSAGES" / "brochures.po").write_text('msgid ""\nmsgstr ""\n')
    code, errors, _ = check(project_copy)
    assert code == 1 and "error: language: unknown language code 'qq'" in errors
