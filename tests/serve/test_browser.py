"""The workspace in a real browser (Debian's Chromium): what a translator and the staff see and do."""
import re
import time

import pytest
from playwright.sync_api import expect

from brochure_builder.batch.manifest import Manifest

from ..catalog_edit import po_path, set_translation

# Run first, so they share one test process and its one browser (tests/conftest.py).
pytestmark = pytest.mark.browser

JOBS = 18  # the demo content: 2 leaflets x (2 + 2 + 2 + 3) languages of the 4 clinics


def test_the_dashboard_lists_every_job_and_opens_its_preview_in_its_language_and_direction(page):
    page.goto("/")
    expect(page).to_have_title(re.compile("Dashboard"))
    expect(page.locator("table.jobs tbody tr")).to_have_count(JOBS)
    arabic = page.locator("section", has=page.get_by_role("heading", name="Jabal Amman Skin Care Centre")) \
        .get_by_role("row", name=re.compile("Chemical peels.*Arabic"))
    expect(arabic).to_contain_text("Printable")
    expect(arabic).to_contain_text(re.compile(r"\b(\d+)/\1\b"))  # every message translated
    arabic.get_by_role("link", name=re.compile("^Preview Chemical peels in Arabic")).click()
    expect(page).to_have_url(re.compile("/preview/jabal-amman/chemical-peels/ar$"))
    expect(page.frame_locator("iframe#leaflet").locator("h1")).to_have_text("التقشير الكيميائي")
    document = page.frame(url=re.compile("/document/"))
    assert document.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    # The leaflet's own fonts and the clinic's logo, from the content folder.
    document.evaluate("document.fonts.ready")
    assert document.evaluate("[...document.fonts].filter(f => f.status === 'error').length") == 0
    assert document.evaluate("[...document.fonts].some(f => f.status === 'loaded')")
    assert document.evaluate("document.querySelector('img').naturalWidth") > 0


def test_an_edited_catalog_shows_in_the_preview_and_the_translator_view_by_itself(page, served):
    po = po_path(served.root, "ar")
    original = po.read_bytes()
    page.goto("/preview/jabal-amman/chemical-peels/ar")
    leaflet = page.frame_locator("iframe#leaflet")
    expect(leaflet.locator("h1")).to_have_text("التقشير الكيميائي")
    try:
        set_translation(served.root, "ar", "Chemical peels", "تقشير البشرة الكيميائي")
        started = time.monotonic()
        expect(leaflet.locator("h1")).to_have_text("تقشير البشرة الكيميائي", timeout=5000)
        assert time.monotonic() - started < 5
        set_translation(served.root, "ar", "Chemical peels", "تقشير البشرة الكيميائي", fuzzy=True)
        # A fuzzy translation is never printed: the English title, marked as English, and the page says DRAFT.
        expect(leaflet.locator("h1 [lang=en]")).to_have_text("Chemical peels", timeout=5000)
        expect(page.locator("#status")).to_contain_text("Draft")
        expect(page.locator("#status")).to_contain_text("1 fuzzy")
        page.get_by_role("link", name="Translator view").click()
        row = page.locator("tr.state-fuzzy")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("title")
        expect(row.locator(".source")).to_have_text("Chemical peels")
        expect(row.locator(".target .text")).to_have_text("تقشير البشرة الكيميائي")
        assert row.locator(".target .text").get_attribute("dir") == "rtl"
        expect(page.get_by_role("link", name="Fuzzy: Chemical peels")).to_be_visible()
    finally:
        po.write_bytes(original)
    expect(page.locator("tr.state-fuzzy")).to_have_count(0, timeout=5000)


def test_everything_is_reached_with_the_keyboard_and_focus_is_visible(page):
    page.goto("/preview/jabal-amman/chemical-peels/en")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0  # shown on screen while focused
    assert skip.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("(e => e.tagName + ':' + e.textContent.trim())(document.activeElement)"))
        if reached[-1] == "BUTTON:Build PDF":
            break
    assert reached[-1] == "BUTTON:Build PDF", reached
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_the_build_button_builds_the_pdf_through_the_normal_build_and_offers_it(page, served):
    page.goto("/preview/jabal-amman/mesotherapy-acne-scars/en")
    expect(page.frame_locator("iframe#leaflet").locator("h1")).to_have_text("Mesotherapy for acne scars")
    assert page.frame(url=re.compile("/document/")).evaluate("document.documentElement.dir") == "ltr"
    page.get_by_role("button", name="Build PDF").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Built", timeout=30000)
    expect(page.locator("pre.output")).to_contain_text("1 built, 0 up to date, 0 refused, 0 failed")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename == "mesotherapy-acne-scars.en.pdf"
    built = served.root / "out" / "jabal-amman" / "mesotherapy-acne-scars.en.pdf"
    assert built.read_bytes().startswith(b"%PDF-")
    manifest = Manifest.load(served.root / "out")
    assert "jabal-amman/mesotherapy-acne-scars.en.pdf" in manifest.entries()
    manifest.close()
