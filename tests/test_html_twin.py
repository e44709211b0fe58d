"""`build --format html`: the HTML twin of a leaflet says what its PDF says, as the PDF says it, and loads nothing.

Read with lxml's HTML parser (libxml2) and checked against the PDF as MuPDF reads it.
"""
import re

import lxml.html
import pytest

from brochure_builder.batch.manifest import Manifest
from brochure_builder.clinics.clinic import load_clinic
from brochure_builder.project import Project

from .catalog_edit import po_path, refusal, set_translation
from .conftest import REPO, run_cli
from .index_html import read_index

CLINIC = load_clinic(Project.at(REPO), "jabal-amman")[0]
LEAFLET = "chemical-peels"


def parsed(path):
    return lxml.html.parse(str(path)).getroot()


def words(element) -> str:
    return " ".join(element.text_content().split())


def headings(document) -> list[tuple[int, str]]:
    return [(int(element.tag[1]), words(element)) for element in document.iter("h1", "h2", "h3", "h4", "h5", "h6")]


@pytest.mark.parametrize("lang, direction", [("en", "ltr"), ("ar", "rtl")])
def test_the_twin_has_the_pdfs_headings_in_its_language_and_direction(twins, variants, lang, direction):
    import pymupdf  # noqa: PLC0415

    document = parsed(twins / "jabal-amman" / f"{LEAFLET}.{lang}.html")
    assert (document.get("lang"), document.get("dir")) == (lang, direction)
    with pymupdf.open(variants / f"{LEAFLET}.{lang}.pdf") as pdf:
        outline = [(level, " ".join(title.split())) for level, title, _ in pdf.get_toc()]
        text = " ".join(" ".join(page.get_text() for page in pdf).split())
    assert headings(document) == outline  # h1, then h2 and h3 in the PDF's order
    assert [level for level, _ in outline][:2] == [1, 2]
    assert all(title in text for _, title in outline)


def test_the_urgent_box_and_the_contact_block_give_the_clinics_numbers(twins):
    contact = CLINIC.contact
    for lang in ("en", "ar"):
        document = parsed(twins / "jabal-amman" / f"{LEAFLET}.{lang}.html")
        urgent = document.find_class("urgent")
        assert len(urgent) == 1
        numbers = [words(link) for link in urgent[0].iter("a")]
        assert numbers == [contact.phone, contact.emergency]
        assert [link.get("href") for link in urgent[0].iter("a")] == \
            [f"tel:{contact.phone.replace(' ', '')}", f"tel:{contact.emergency}"]
        block = words(document.find_class("contact")[0])
        assert all(value in block for value in (CLINIC.text(CLINIC.name, lang), contact.phone, contact.email))


def test_the_twin_loads_nothing_and_links_only_to_the_clinic_and_the_leaflets_own_links(twins):
    allowed = {CLINIC.booking_url, CLINIC.contact.website}
    for path in sorted((twins / "jabal-amman").glob("*.html")):
        document = parsed(path)
        policy = document.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert len(policy) == 1 and "default-src 'none'" in policy[0] and "img-src data:" in policy[0]
        assert document.xpath("//script | //link | //iframe | //object | //embed | //base | //form") == []
        sources = document.xpath("//@src | //@srcset | //@poster | //@data")
        assert sources and all(source.startswith("data:") for source in sources)  # the logo and the QR code
        styles = " ".join(document.xpath("//style/text()") + document.xpath("//@style"))
        assert re.findall(r"url\(\s*['\"]?(?!data:)", styles) == [] and "@import" not in styles
        linked = {element.get("href") for element in document.xpath("//*[@href]")}
        assert {element.tag for element in document.xpath("//*[@href]")} == {"a"}
        web = {href for href in linked if href.startswith(("http:", "https:"))}
        assert CLINIC.booking_url in web and web <= allowed, path.name
        assert not document.find_class("draft-banner") and not document.find_class("draft-mark")


def test_the_manifest_and_the_staff_index_know_the_twins_and_a_second_build_makes_nothing(twins, tmp_path):
    entries = Manifest.load(twins).present()
    twin = entries[f"jabal-amman/{LEAFLET}.ar.html"]
    assert (twin.format, twin.lang, twin.draft, twin.clinic) == ("html", "ar", False, "jabal-amman")
    assert twin.size == (twins / "jabal-amman" / f"{LEAFLET}.ar.html").stat().st_size
    rows = {row.href: row for row in read_index(twins).rows}
    assert set(rows) == {f"jabal-amman/{LEAFLET}.{lang}.html" for lang in ("ar", "en")}
    assert rows[f"jabal-amman/{LEAFLET}.ar.html"].cells["Edition"] == "HTML for screens"
    assert rows[f"jabal-amman/{LEAFLET}.ar.html"].section == "ready"
    # The same inputs, another folder: the same bytes.
    code, _, err = run_cli("build", "--root", str(REPO), "--out", str(tmp_path), "--clinic", "jabal-amman",
                           "--brochure", LEAFLET, "--format", "html", "--lang", "ar")
    assert code == 0, err
    assert (tmp_path / "jabal-amman" / f"{LEAFLET}.ar.html").read_bytes() == \
        (twins / "jabal-amman" / f"{LEAFLET}.ar.html").read_bytes()
    code, out, _ = run_cli("build", "--root", str(REPO), "--out", str(tmp_path), "--clinic", "jabal-amman",
                           "--brochure", LEAFLET, "--format", "html", "--lang", "ar")
    assert code == 0 and "0 built, 1 up to date" in out


def test_an_incomplete_catalog_refuses_the_twin_unless_allowed_and_then_it_says_draft(project_copy):
    # A template heading left fuzzy: printed in English, marked as English inside the Arabic page.
    set_translation(project_copy, "ar", "Contact us", "اتصل بنا", fuzzy=True)
    out = project_copy / "out"
    build = ("build", "--root", str(project_copy), "--out", str(out), "--clinic", "jabal-amman", "--brochure",
             LEAFLET, "--lang", "ar", "--format", "html")
    code, _, err = run_cli(*build)
    assert code == 1
    assert refusal("ar", LEAFLET, "0 untranslated, 1 fuzzy") in err
    assert not (out / "jabal-amman" / f"{LEAFLET}.ar.html").exists()
    code, _, err = run_cli(*build, "--allow-incomplete")
    assert code == 0, err
    document = parsed(out / "jabal-amman" / f"{LEAFLET}.ar.html")
    banner = document.find_class("draft-banner")
    assert len(banner) == 1 and words(banner[0]).startswith("DRAFT")
    assert (banner[0].get("lang"), banner[0].get("dir")) == ("en", "ltr")
    assert document.body.index(banner[0]) == 0  # read first
    heading = next(h for h in document.iter("h2") if words(h) == "Contact us")
    marked = heading.find_class("untranslated")
    assert [(m.get("lang"), m.get("dir"), words(m)) for m in marked] == [("en", "ltr", "Contact us")]
    assert Manifest.load(out).present()[f"jabal-amman/{LEAFLET}.ar.html"].draft
    row = next(row for row in read_index(out).rows if row.href.endswith(".html"))
    assert row.section == "not-ready" and row.cells["Status"].startswith("DRAFT")
    assert po_path(project_copy, "ar").exists()


def test_large_print_is_not_an_edition_of_the_twin():
    code, _, err = run_cli("build", "--root", str(REPO), "--clinic", "jabal-amman", "--format", "html",
                           "--large-print", "--out", "/nonexistent/never-written")
    assert code == 2
    assert err.strip().splitlines() == ["error: --large-print: the HTML twin has no large-print edition (a browser "
                                        "enlarges its text); build --format html without --large-print"]
