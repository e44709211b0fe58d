"""`check` and the build both catch damaged translations, one line each."""
import re
import subprocess

import pytest

from ..catalog_edit import find_msgid, line_of, po_path, set_translation
from ..conftest import REPO, pdf_names, run_cli

PO = "locales/el/LC_MESSAGES/brochures.po"
PAGE = "Page %(page)s of %(pages)s"
SPF = "SPF 30"  # stands for the first message containing it


def check(root):
    code, out, err = run_cli("check", "--root", str(root))
    return code, [line for line in err.splitlines() if line.startswith("error:")], err


def test_the_shipped_catalogs_and_leaflets_are_clean():
    code, out, err = run_cli("check", "--root", str(REPO))
    # French and Spanish keep the two-form rule translators' tools write; the installed Babel's
    # CLDR data may have another, which is worth a warning and nothing more. Readability scores beyond
    # their limits are warnings too (tests/catalogs/test_readability.py).
    warnings = err.splitlines()
    assert all(re.fullmatch(r"warning: locales/(es|fr)/LC_MESSAGES/brochures.po:1: (es|fr): header Plural-Forms "
                            r"is .*; CLDR's rule \(Babel [\d.]+\) is .*", line)
               or re.fullmatch(r"warning: brochures/[a-z0-9-]+\.yaml: \w+: readability: .*", line)
               for line in warnings), warnings
    assert (code, out) == (0, f"0 errors, {len(warnings)} warning{'s' * (len(warnings) != 1)}\n")


@pytest.mark.parametrize("msgid, msgstr, problem", [
    (PAGE, "Σελίδα %(page)s", "placeholder %(pages)s missing from the translation"),
    (PAGE, "Σελίδα %(page)s από %(pages)s %(total)s", "placeholder %(total)s is not in the source"),
    (SPF, "Χρησιμοποιείτε **SPF 50** κάθε μέρα.", "number 30 missing from the translation"),
    (SPF, "Χρησιμοποιείτε αντηλιακό **30** κάθε μέρα.", "unit SPF missing from the translation"),
    (SPF, "Χρησιμοποιείτε **SPF 30** κάθε μέρα· για βοήθεια καλέστε το 166.",
     "number 166 not in the source: a translation prints for clinics in several countries; phone numbers come "
     "from the clinic's file"),
    (SPF, "Χρησιμοποιείτε **SPF 30** κάθε μέρα· για βοήθεια καλέστε το ΕΚΑΒ.",
     "names ΕΚΑΒ, which the source does not: a service of one country prints wrongly for clinics in others; "
     "say what the source says"),
    (SPF, "Χρησιμοποιείτε **SPF 30 κάθε μέρα.", "broken markup in the translation: bold '**' is never closed"),
    (SPF, "Χρησιμοποιείτε *SPF 30* κάθε μέρα.", "markup differs: source ['strong'], translation ['em']"),
    (SPF, "Χρησιμοποιείτε **SPF 30** [εδώ](https://x.gr).", "URLs differ: source [], translation ['https://x.gr']"),
    (SPF, " Χρησιμοποιείτε **SPF 30**.", "leading or trailing whitespace differs from the source"),
    (SPF, "Χρησιμοποιείτε **SPF 30** ☃ κάθε μέρα.", "no bundled font has U+2603 '☃'; add a font that covers it "
                                                    "to fonts/ and declare it in fonts/fonts.yaml"),
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


def test_a_service_the_source_names_may_be_named(project_copy):
    msgid = _spf_msgid(project_copy)
    po = project_copy / "locales" / "el" / "LC_MESSAGES" / "brochures.po"
    po.write_text(po.read_text() + '\nmsgid "Call NHS 111."\nmsgstr "Καλέστε το NHS 111."\n')
    set_translation(project_copy, "el", msgid, "Χρησιμοποιείτε **SPF 30** κάθε μέρα.")
    assert check(project_copy)[1] == []


def test_local_digits_and_decimal_sign_are_accepted(project_copy):
    msgid = _spf_msgid(project_copy)
    set_translation(project_copy, "ar", msgid, "استخدم **SPF ٣٠** كل يوم.")
    code, errors, _ = check(project_copy)
    assert errors == [] and code == 0


def test_thousands_grouped_as_the_language_groups_them_are_the_same_number(project_copy):
    msgid = "may affect up to 1 in 1,000 people"
    for lang, grouped in (("fr", "peut toucher jusqu’à 1 personne sur 1\u202f000"),
                          ("de", "kann bis zu 1 von 1.000 Personen betreffen"),
                          ("ar", "قد يصيب حتى 1 من كل ١٬٠٠٠ شخص")):
        set_translation(project_copy, lang, msgid, grouped)
    set_translation(project_copy, "es", msgid, "puede afectar hasta a 1 de cada 100 personas")
    code, errors, _ = check(project_copy)
    assert code == 1
    assert [line.split(f'"{msgid}": ', 1)[-1] for line in errors] == [
        "number 1000 missing from the translation",
        "number 100 not in the source: a translation prints for clinics in several countries; phone numbers come "
        "from the clinic's file"]
    assert all(line.startswith("error: locales/es/LC_MESSAGES/brochures.po:") for line in errors)


PLURALS = "nplurals=2; plural=(n != 1);"
PLURAL_ENTRY = ('\nmsgid "One day"\nmsgid_plural "%(num)s days"\nmsgstr[0] "Μία μέρα"\n'
                'msgstr[1] "%(num)s μέρες"\n')


def with_header(root, old, new, extra=""):
    path = po_path(root, "el")
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1) + extra)
    return path


def msgfmt_accepts(path) -> bool:
    """GNU gettext's own verdict on the catalog (`msgfmt -c`), the reference translators' tools follow."""
    return subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


@pytest.mark.parametrize("old, new, extra, problem", [
    ('"Language: el\\n"', '"Language: es\\n"', "", "el: header Language is 'es', expected 'el'"),
    (PLURALS, "nplurals=two; plural=(n != 1);", PLURAL_ENTRY,
     "el: header Plural-Forms is 'nplurals=two; plural=(n != 1);', not 'nplurals=N; plural=EXPRESSION;'"),
    (PLURALS, "nplurals=0; plural=0;", PLURAL_ENTRY, "el: header Plural-Forms has nplurals=0; it must be at least 1"),
    (PLURALS, "nplurals=2; plural=n;", PLURAL_ENTRY, "el: header Plural-Forms gives form 2 for n=2, but nplurals=2"),
    (PLURALS, "nplurals=2; plural=(n > );", PLURAL_ENTRY, "el: header Plural-Forms has an invalid expression '(n > )'"),
    (PLURALS, "nplurals=2; plural=(n % 1000000 == 0 ? 2 : 1);", PLURAL_ENTRY,
     "el: header Plural-Forms gives form 2 for n=0, but nplurals=2"),
    (PLURALS, "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);", PLURAL_ENTRY,
     'el: "One day": 2 plural forms, but the header says nplurals=3'),
])
def test_a_broken_header_is_an_error_in_check_and_build_as_gnu_msgfmt_says(project_copy, tmp_path, old, new,
                                                                            extra, problem):
    path = with_header(project_copy, old, new, extra)
    if "Plural-Forms" in problem:  # GNU gettext checks the rule where a catalog has plural entries, as these do
        assert not msgfmt_accepts(path)
    code, errors, _ = check(project_copy)
    assert code == 1
    assert len(errors) == 1 and errors[0].startswith(f"error: {PO}:") and problem in errors[0]
    out = tmp_path / "out"
    code, _, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--lang", "el", "--out", str(out))
    assert code == 2 and problem in err and not out.exists()


@pytest.mark.parametrize("rule", [
    "nplurals=2; plural=(n != 1);",  # GNU gettext, Poedit and Weblate
    "nplurals=2; plural=n != 1;",  # the same rule spelt differently
    "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);",  # CLDR's newer rule for Spanish
    "nplurals=1; plural=0;",
])
def test_any_valid_plural_rule_builds_and_a_rule_other_than_cldr_is_a_warning_naming_both(project_copy, tmp_path,
                                                                                           rule):
    from babel.messages.plurals import get_plural

    path = with_header(project_copy, PLURALS, rule)
    assert msgfmt_accepts(path)
    code, errors, err = check(project_copy)
    assert (code, errors) == (0, [])
    cldr = get_plural("el")
    same_as_cldr = rule.replace(" ", "") in ("nplurals=2;plural=(n!=1);", "nplurals=2;plural=n!=1;") \
        and cldr.num_plurals == 2 and cldr.plural_expr.replace(" ", "") == "(n!=1)"
    warnings = [line for line in err.splitlines() if line.startswith(f"warning: {PO}:1: el: header Plural-Forms")]
    if same_as_cldr:
        assert warnings == []
    else:
        assert len(warnings) == 1
        assert repr(rule) in warnings[0] and repr(cldr.plural_forms) in warnings[0]
    if rule.startswith("nplurals=2"):
        return  # the shipped rule: every other test builds with it
    out = tmp_path / "out"
    code, _, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--lang", "el",
                           "--brochure", "chemical-peels", "--out", str(out))
    assert (code, pdf_names(out)) == (0, ["chemical-peels.el.pdf"]), err


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
    assert errors[0].startswith(f"error: {PO}:{broken_at}: PO syntax error: not a comment, keyword or string: "
                                "'msgstr_oops'")
    out = tmp_path / "out"
    code, _, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--lang", "el", "--out", str(out))
    assert code == 2 and err.startswith(f"error: {PO}:{broken_at}: PO syntax error:")
    assert not out.exists()


def test_untranslated_fuzzy_and_obsolete_are_warnings(project_copy):
    set_translation(project_copy, "el", "Chemical peels", "")
    set_translation(project_copy, "el", "Frequently asked questions", "Συχνές ερωτήσεις", fuzzy=True)
    code, errors, err = check(project_copy)
    assert code == 0 and errors == []
    greek = [line for line in err.splitlines() if f" {PO}" in line]
    assert greek == [f"warning: {PO}: el: 1 untranslated message", f"warning: {PO}: el: 1 fuzzy message"]


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
                   "no bundled font has U+2603 '☃'; add a font that covers it to fonts/ and declare it in "
                   "fonts/fonts.yaml\n")
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
    assert code == 1 and ("error: locales/qq: not a language code: 'qq'; rename the folder (e.g. el, pt_BR) or "
                          "remove it") in errors
