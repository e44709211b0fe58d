"""`export` and `import`: what one leaflet needs, out to an agency and back, without losing work."""
import json
import shutil
import subprocess

from babel.messages.pofile import read_po

from ..catalog_edit import line_of, po_path, read, set_translation
from ..conftest import run_cli

PEELS = ("--brochure", "chemical-peels")


def make_incomplete(root):
    set_translation(root, "el", "Chemical peels", "")
    set_translation(root, "el", "Frequently asked questions", "Συχνές ερωτήσεις", fuzzy=True)
    set_translation(root, "el", "Types of peel", "Τύποι <b>")  # an error: sent back to the agency


def exported(root, path, *args):
    code, out, err = run_cli("export", "--root", str(root), "--lang", "el", *args, str(path))
    assert (code, err) == (0, ""), err
    with path.open("rb") as handle:
        return out, read_po(handle)


def test_export_holds_only_what_keeps_the_leaflet_from_printing_and_gnu_gettext_accepts_it(project_copy, tmp_path):
    make_incomplete(project_copy)
    out, catalog = exported(project_copy, tmp_path / "el.po", *PEELS)
    assert out == f"wrote {tmp_path / 'el.po'}: 3 messages (1 untranslated, 1 fuzzy, 1 with an error)\n"
    entries = {m.id: m for m in catalog if m.id}
    assert sorted(entries) == ["Chemical peels", "Frequently asked questions", "Types of peel"]
    assert (entries["Chemical peels"].string, entries["Chemical peels"].fuzzy) == ("", False)
    assert entries["Frequently asked questions"].fuzzy and entries["Types of peel"].fuzzy
    assert "chemical-peels: sections[2].heading" in entries["Types of peel"].auto_comments  # its place
    assert any("HTML is not allowed" in comment for comment in entries["Types of peel"].user_comments)
    assert (catalog.locale_identifier, catalog.num_plurals) == ("el", 2)
    assert shutil.which("msgfmt") and shutil.which("msgcat"), "GNU gettext is needed: 'make setup' installs it"
    checked = subprocess.run(["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(tmp_path / "el.po")],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    subprocess.run(["msgcat", str(tmp_path / "el.po"), "-o", str(tmp_path / "gnu.po")], check=True)
    assert (tmp_path / "gnu.po").read_bytes() == (tmp_path / "el.po").read_bytes()  # GNU's own layout


def test_export_all_sends_every_message_and_never_overwrites_a_file(project_copy, tmp_path):
    code, out, _ = run_cli("status", "--root", str(project_copy), "--lang", "el", *PEELS, "--json")
    total = json.loads(out)["catalogs"][0]["total"]
    out, catalog = exported(project_copy, tmp_path / "all.po", *PEELS, "--all")
    assert out == f"wrote {tmp_path / 'all.po'}: {total} messages (all translated)\n"
    assert len([m for m in catalog if m.id]) == total
    assert run_cli("export", "--root", str(project_copy), "--lang", "el", *PEELS, str(tmp_path / "x.po"))[1] == \
        "nothing to translate: chemical-peels is printable in el; --all exports every message\n"
    assert not (tmp_path / "x.po").exists()
    before = (tmp_path / "all.po").read_bytes()
    code, _, err = run_cli("export", "--root", str(project_copy), "--lang", "el", "--all", str(tmp_path / "all.po"))
    assert (code, err) == (2, f"error: {tmp_path / 'all.po'}: already exists; give the name of a new file\n")
    assert (tmp_path / "all.po").read_bytes() == before


def test_import_takes_the_agencys_work_and_loses_none(project_copy, tmp_path):
    make_incomplete(project_copy)
    exported(project_copy, tmp_path / "el.po", *PEELS, "--all")
    # Meanwhile the leaflet's author renames a heading: its translation is now for an old text.
    leaflet = project_copy / "brochures" / "chemical-peels.yaml"
    leaflet.write_text(leaflet.read_text().replace("heading: Types of peel", "heading: Kinds of peel", 1))
    assert run_cli("update", "--root", str(project_copy), "--lang", "el")[0] == 0
    before = read(project_copy, "el")
    text = (tmp_path / "el.po").read_text()
    for old, new in (('msgid "Chemical peels"\nmsgstr ""', 'msgid "Chemical peels"\nmsgstr "Χημική απολέπιση"'),
                     ('msgstr "Συχνές ερωτήσεις"', 'msgstr "Ερωτήσεις"'),  # still fuzzy: the agency is unsure
                     ('#, fuzzy\nmsgid "Types of peel"\nmsgstr "Τύποι <b>"',
                      'msgid "Types of peel"\nmsgstr "Τύποι απολέπισης"'),
                     ('msgstr "Τι είναι η χημική απολέπιση;"', 'msgstr "Τι είναι το πίλινγκ;"')):
        assert old in text, old
        text = text.replace(old, new, 1)
    (tmp_path / "el.po").write_text(text)
    code, out, err = run_cli("import", "--root", str(project_copy), str(tmp_path / "el.po"))
    assert code == 1
    returned = read_po((tmp_path / "el.po").open("rb"))
    unchanged = len([m for m in returned if m.id]) - 4
    assert out == (f"updated locales/el/LC_MESSAGES/brochures.po: 1 translated, 1 fuzzy, {unchanged} unchanged, "
                   "2 not imported\n")
    assert err.splitlines() == [
        f"warning: {tmp_path / 'el.po'}:{returned['What is a chemical peel?'].lineno}: el: \"What is a chemical "
        f"peel?\": not imported: the catalog has another final translation (line "
        f"{line_of(project_copy, 'el', 'What is a chemical peel?')}); change it there if the agency's is better",
        f"warning: {tmp_path / 'el.po'}:{returned['Types of peel'].lineno}: el: \"Types of peel\": not imported: its "
        "source text is no longer in the catalog (changed or removed since the export); export it again",
    ]
    after = read(project_copy, "el")
    assert (after["Chemical peels"].string, after["Chemical peels"].fuzzy) == ("Χημική απολέπιση", False)
    faq = after["Frequently asked questions"]
    assert (faq.string, faq.fuzzy) == ("Ερωτήσεις", True)
    changed = {"Chemical peels", "Frequently asked questions"}
    assert [(m.id, m.string, m.fuzzy) for m in after if m.id not in changed] == \
           [(m.id, m.string, m.fuzzy) for m in before if m.id not in changed]
    assert after.obsolete.keys() == before.obsolete.keys()


def test_a_returned_file_with_errors_is_refused_whole(project_copy, tmp_path):
    make_incomplete(project_copy)
    exported(project_copy, tmp_path / "el.po", *PEELS)
    text = (tmp_path / "el.po").read_text()
    text = text.replace('msgid "Chemical peels"\nmsgstr ""', 'msgid "Chemical peels"\nmsgstr "Χημική <i>"', 1)
    text = text.replace('#, fuzzy\nmsgid "Types of peel"\nmsgstr "Τύποι <b>"', 'msgid "Types of peel"\nmsgstr " Τύποι"')
    (tmp_path / "el.po").write_text(text)
    catalog = po_path(project_copy, "el").read_bytes()
    code, out, err = run_cli("import", "--root", str(project_copy), str(tmp_path / "el.po"))
    returned = read_po((tmp_path / "el.po").open("rb"))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"error: {tmp_path / 'el.po'}:{returned['Chemical peels'].lineno}: el: \"Chemical peels\": HTML is not "
        "allowed in a translation ('<i'); use the inline markup of the source",
        f"error: {tmp_path / 'el.po'}:{returned['Types of peel'].lineno}: el: \"Types of peel\": leading or "
        "trailing whitespace differs from the source",
    ]
    assert po_path(project_copy, "el").read_bytes() == catalog
    (tmp_path / "el.po").write_text(text.replace('"Language: el\\n"\n', ''))
    code, _, err = run_cli("import", "--root", str(project_copy), str(tmp_path / "el.po"))
    assert (code, err) == (2, f"error: {tmp_path / 'el.po'}:1: header Language is missing; it names the catalog to "
                              "merge into\n")
    assert po_path(project_copy, "el").read_bytes() == catalog
