"""`update`: merging the template into catalogs without losing work."""
from babel.messages.pofile import read_po

from ..catalog_edit import po_path, refusal
from ..conftest import pdf_names, run_cli

OLD = "Chemical peels"
NEW = "Chemical skin peels"


def rename_title(root):
    path = root / "brochures" / "chemical-peels.yaml"
    path.write_text(path.read_text().replace(f"title: {OLD}", f"title: {NEW}", 1))


def catalog(root, lang):
    with po_path(root, lang).open("rb") as handle:
        return read_po(handle)


def test_nothing_changed_means_nothing_rewritten(project_copy):
    before = {lang: po_path(project_copy, lang).read_bytes() for lang in ("el", "ar")}
    code, out, _ = run_cli("update", "--root", str(project_copy))
    assert code == 0
    assert "unchanged locales/el/LC_MESSAGES/brochures.po" in out.splitlines()
    assert all(po_path(project_copy, lang).read_bytes() == data for lang, data in before.items())


def test_changed_source_becomes_fuzzy_with_previous_msgid_and_keeps_translation(project_copy):
    greek = catalog(project_copy, "el")[OLD].string
    rename_title(project_copy)
    code, out, _ = run_cli("update", "--root", str(project_copy), "--lang", "el")
    assert (code, out.splitlines()[-1]) == (0, "updated locales/el/LC_MESSAGES/brochures.po")
    text = po_path(project_copy, "el").read_text()
    assert f'#, fuzzy\n#| msgid "{OLD}"\nmsgid "{NEW}"\nmsgstr "{greek}"' in text
    message = catalog(project_copy, "el")[NEW]
    assert message.fuzzy
    # only the catalog asked for was touched
    assert catalog(project_copy, "ar")[OLD] is not None


def test_removed_source_becomes_obsolete(project_copy):
    path = project_copy / "brochures" / "chemical-peels.yaml"
    path.write_text(path.read_text().replace("subtitle: Information for patients\n", "", 1))
    meso = project_copy / "brochures" / "mesotherapy-acne-scars.yaml"
    meso.write_text(meso.read_text().replace("subtitle: Information for patients\n", "", 1))
    greek = catalog(project_copy, "el")["Information for patients"].string
    assert run_cli("update", "--root", str(project_copy))[0] == 0
    text = po_path(project_copy, "el").read_text()
    assert f'#~ msgid "Information for patients"\n#~ msgstr "{greek}"' in text
    assert catalog(project_copy, "el").obsolete["Information for patients"].string == greek


def test_fuzzy_is_not_translated_in_status_and_build_refuses(project_copy, tmp_path):
    rename_title(project_copy)
    run_cli("update", "--root", str(project_copy))
    out_dir = tmp_path / "out"
    code, out, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--lang", "el", "--out", str(out_dir))
    assert code == 1
    assert err == "refused: " + refusal("el", "chemical-peels", "0 untranslated, 1 fuzzy") + "\n"
    assert pdf_names(out_dir) == ["mesotherapy-acne-scars.el.pdf"]


def test_update_init_starts_a_new_language(project_copy):
    code, out, _ = run_cli("update", "--root", str(project_copy), "--init", "it", "--lang", "it")
    assert code == 0
    assert out.splitlines() == ["created locales/it/LC_MESSAGES/brochures.po",
                                "unchanged locales/it/LC_MESSAGES/brochures.po"]


def test_only_dates_or_another_babel_release_means_nothing_rewritten(project_copy):
    """A catalog last written by another Babel release (on another day) is not rewritten for that alone."""
    import re

    for lang in ("el", "fr", "ar"):
        path = po_path(project_copy, lang)
        text = re.sub(r'"Generated-By: Babel [^"]*\\n"', r'"Generated-By: Babel 0.9.6\\n"', path.read_text())
        text = re.sub(r'"PO-Revision-Date: [^"]*\\n"', r'"PO-Revision-Date: 2001-01-01 00:00+0000\\n"', text)
        path.write_text(text)
    before = {lang: po_path(project_copy, lang).read_bytes() for lang in ("el", "fr", "ar")}
    code, out, _ = run_cli("update", "--root", str(project_copy))
    assert code == 0
    assert all(f"unchanged locales/{lang}/LC_MESSAGES/brochures.po" in out.splitlines() for lang in before)
    assert {lang: po_path(project_copy, lang).read_bytes() for lang in before} == before


def test_init_writes_cldrs_plural_rule(project_copy):
    from babel.messages.plurals import get_plural

    po_path(project_copy, "fr").unlink()
    code, _, err = run_cli("update", "--root", str(project_copy), "--init", "fr", "--lang", "fr")
    assert code == 0, err
    header = catalog(project_copy, "fr")
    assert (header.num_plurals, header.plural_expr) == tuple(get_plural("fr"))


def add_device_leaflet(root):
    """A new leaflet: the peels leaflet's texts, with its own title and a heading no leaflet had."""
    text = (root / "brochures" / "chemical-peels.yaml").read_text()
    for old, new in (("id: chemical-peels", "id: led-light-therapy"), (f"title: {OLD}", "title: LED therapy"),
                     ("heading: Types of peel", "heading: Types of device")):
        text = text.replace(old, new, 1)
    (root / "brochures" / "led-light-therapy.yaml").write_text(text)


def test_a_new_leaflets_texts_start_untranslated_not_matched_to_other_leaflets(project_copy):
    add_device_leaflet(project_copy)
    code, out, err = run_cli("update", "--root", str(project_copy), "--lang", "el")
    assert (code, err) == (0, "")
    greek = catalog(project_copy, "el")
    for msgid in ("Types of device", "LED therapy"):
        assert (greek[msgid].string, greek[msgid].fuzzy) == ("", False), msgid
    assert "Types of peel" in greek and greek["Types of peel"].string  # the peels leaflet keeps its own


def test_fuzzy_match_offers_the_most_similar_translation_anywhere(project_copy):
    add_device_leaflet(project_copy)
    peel = catalog(project_copy, "el")["Types of peel"].string
    code, _, err = run_cli("update", "--root", str(project_copy), "--lang", "el", "--fuzzy-match")
    assert (code, err) == (0, "")
    message = catalog(project_copy, "el")["Types of device"]
    assert (message.string, message.fuzzy) == (peel, True)
    assert '#| msgid "Types of peel"\nmsgid "Types of device"' in po_path(project_copy, "el").read_text()


def test_a_template_string_changed_on_its_line_becomes_fuzzy(project_copy):
    contact = project_copy / "templates" / "partials" / "contact.html"
    contact.write_text(contact.read_text().replace('_("Phone")', '_("Telephone")', 1))
    greek = catalog(project_copy, "el")["Phone"].string
    assert run_cli("update", "--root", str(project_copy), "--lang", "el")[0] == 0
    message = catalog(project_copy, "el")["Telephone"]
    assert (message.string, message.fuzzy) == (greek, True)
    assert '#| msgid "Phone"\nmsgid "Telephone"' in po_path(project_copy, "el").read_text()
    assert "Phone" not in catalog(project_copy, "el").obsolete
