"""The HTML twin opened from disk in a real browser (Debian's Chromium) on a phone's screen."""
import pytest

# Run first, in the test process that has the browser (tests/conftest.py).
pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_twin_reads_on_a_phone_without_sideways_scrolling_and_requests_nothing_but_itself(browser, twins, lang):
    twin = twins / "jabal-amman" / f"chemical-peels.{lang}.html"
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    try:
        page.goto(twin.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # Every piece of text, not only the body's, is at least 16 px.
        assert page.evaluate("""Math.min(...[...document.body.querySelectorAll('*')]
            .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => parseFloat(getComputedStyle(e).fontSize)))""") >= 16
        assert page.evaluate("getComputedStyle(document.documentElement).direction") == \
            ("rtl" if lang == "ar" else "ltr")
        assert page.evaluate("[...document.images].every(image => image.complete && image.naturalWidth > 0)")
        page.get_by_role("heading", level=2).last.scroll_into_view_if_needed()
    finally:
        context.close()
    assert requests == [twin.as_uri()]
    assert problems == []
