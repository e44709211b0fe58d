"""HTML produced for each language, before any PDF is made."""
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from babel.messages.catalog import Catalog

from brochure_builder.catalogs.language import Gaps, Language, load_language
from brochure_builder.catalogs.translator import Translator
from brochure_builder.clinics.brand import brand_for
from brochure_builder.clinics.clinic import load_clinic
from brochure_builder.content.leaflet import validate_leaflet
from brochure_builder.fonts import load_fonts
from brochure_builder.project import Project
from brochure_builder.render.html import Look, css_content_with_counters, css_string, load_templates, render_html

from ..conftest import REPO
from ..content.test_leaflet import VALID

PROJECT = Project.at(REPO)
TEMPLATES = load_templates(PROJECT, load_fonts(PROJECT.files))


def leaflet(**changes):
    return validate_leaflet({**VALID, **changes}, "brochures/demo.yaml")


def test_english_html_has_language_direction_and_sections():
    html = render_html(TEMPLATES, leaflet(), Translator.source())
    assert '<html lang="en" dir="ltr">' in html
    assert "<title>Demo</title>" in html
    assert "<h2>Frequently asked questions</h2>" in html
    assert '<section class="callout urgent" id="box-' in html
    assert "A<strong> b</strong>." in html
    assert '"Page " counter(page) " of " counter(pages)' in html


def test_content_html_is_escaped_everywhere():
    html = render_html(TEMPLATES, leaflet(title="<b>Bold</b> & \"x\" </style>"), Translator.source())
    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &#34;x&#34;" in html
    assert "</style>" not in html.split("<style>")[1].split("</style>")[0]


def test_catalog_translates_content_and_template_strings():
    catalog = Catalog(locale="el")
    catalog.add("Demo", "Επίδειξη")
    catalog.add("A **b**.", "Ένα **β**.")
    catalog.add("Frequently asked questions", "Συχνές ερωτήσεις")
    catalog.add("Page %(page)s of %(pages)s", "Σελίδα %(page)s από %(pages)s")
    catalog.add("Q?", "Ερώτηση;", flags=["fuzzy"])
    translator = Translator.from_catalog("el", catalog)
    html = render_html(TEMPLATES, leaflet(), translator)
    assert '<html lang="el" dir="ltr">' in html
    assert "<title>Επίδειξη</title>" in html
    assert "Ένα<strong> β</strong>." in html
    assert "<h2>Συχνές ερωτήσεις</h2>" in html
    assert '"Σελίδα " counter(page) " από " counter(pages)' in html
    assert "Q?" in html and "Ερώτηση;" not in html  # fuzzy entries are never used
    language = Language("el", catalog)
    assert "Q?" in translator.used and language.gaps({"Q?"}) == Gaps(fuzzy=1)
    assert "Demo" in translator.used and language.gaps({"Demo"}) == Gaps()


def test_greek_catalog_translates_the_demo_leaflet():
    from brochure_builder.content.leaflet import load_leaflet

    language = load_language(PROJECT, "el", load_fonts(PROJECT.files))
    translator = language.translator()
    html = render_html(TEMPLATES, load_leaflet(PROJECT, "mesotherapy-acne-scars"), translator)
    assert '<html lang="el" dir="ltr">' in html
    assert language.gaps(translator.used) == Gaps()
    assert "Συχνές ερωτήσεις" in html


def test_right_to_left_language_sets_dir():
    translator = Translator("ar", {"Demo": "عرض"})
    html = render_html(TEMPLATES, leaflet(), translator)
    assert '<html lang="ar" dir="rtl">' in html


def test_review_dates_are_formatted_for_the_language():
    html = render_html(TEMPLATES, leaflet(), Translator("el", {"Demo": "Δ"}))
    assert "1 Ιανουαρίου 2028" in html


@pytest.mark.parametrize("text, css", [
    ('say "hi"', r'"say \22 hi\22 "'),
    ("a</style>", r'"a\3c /style\3e "'),
    ("back\\slash", r'"back\5c slash"'),
])
def test_css_strings_cannot_break_out(text, css):
    assert css_string(text) == css


def test_page_counters_keep_translated_word_order():
    assert css_content_with_counters("{page} / {pages}") == 'counter(page) " / " counter(pages)'


class _Elements(HTMLParser):
    """Each text of a document with the attributes of every element it is inside (innermost last)."""

    VOID = {"meta", "link", "br", "img", "wbr", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.open, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if data.strip():
            self.texts.append((data.strip(), list(self.open)))


def enclosing(html: str, text: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return next(elements for data, elements in parser.texts if data == text)


def test_source_text_in_a_right_to_left_draft_is_set_left_to_right_and_in_english():
    catalog = Catalog(locale="ar")
    catalog.add("Demo", "عرض")
    catalog.add("Q?", "سؤال؟", flags=["fuzzy"])  # fuzzy: never printed, the source is
    html = render_html(TEMPLATES, leaflet(), Translator.from_catalog("ar", catalog))
    assert enclosing(html, "عرض")[0] == ("html", {"lang": "ar", "dir": "rtl"})
    for fallback in ("Q?", "If unwell.", "One."):
        tag, attributes = enclosing(html, fallback)[-1]
        assert (tag, attributes["lang"], attributes["dir"]) == ("span", "en", "ltr"), fallback
    assert [tag for tag, _ in enclosing(html, "b")][-2:] == ["span", "strong"]  # markup inside the fallback
    assert all(attributes.get("dir") != "ltr" for _, attributes in enclosing(html, "عرض"))
    english = render_html(TEMPLATES, leaflet(), Translator.source())
    assert all(tag != "span" for tag, _ in enclosing(english, "Q?"))


def test_template_strings_in_a_right_to_left_draft_are_set_left_to_right_and_in_english_like_leaflet_text():
    catalog = Catalog(locale="ar")
    catalog.add("Demo", "عرض")
    catalog.add("Phone", "الهاتف")
    brand = brand_for(load_clinic(PROJECT, "jabal-amman")[0], "ar")
    html = render_html(TEMPLATES, leaflet(), Translator.from_catalog("ar", catalog), Look(brand=brand))
    for fallback in ("Frequently asked questions", "Contact us", "Rare", "Emergency number", "Written by",
                     "Next review due"):
        tag, attributes = enclosing(html, fallback)[-1]
        assert (tag, attributes["lang"], attributes["dir"], attributes["class"]) == \
            ("span", "en", "ltr", "untranslated"), fallback
    sentence = next(text for text, _ in _texts(html) if text.startswith("This leaflet gives general"))
    assert enclosing(html, sentence)[-1][1]["lang"] == "en"  # running text too (|words)
    assert all(attributes.get("lang") != "en" for _, attributes in enclosing(html, "الهاتف"))
    # Where no mark can stand, the bare text: an attribute, a CSS string.
    assert 'alt="QR code to book an appointment"' in html
    assert '"Page " counter(page) " of " counter(pages)' in html
    english = render_html(TEMPLATES, leaflet(), Translator.source(), Look(brand=brand_for(
        load_clinic(PROJECT, "jabal-amman")[0], "en")))
    assert 'class="untranslated"' not in english


def _texts(html: str) -> list[tuple[str, list]]:
    parser = _Elements()
    parser.feed(html)
    return parser.texts


@pytest.mark.parametrize("lang", ["en", "fr", "el", "ar"])
def test_the_booking_caption_never_ends_with_one_word_alone(lang):
    """Its last two words are tied (a no-break space), as a title's are: "…ou rendez-vous / sur" left
    "sur" alone on the card's last line."""
    language = load_language(PROJECT, lang, load_fonts(PROJECT.files))
    clinic = {"en": "cedar-toronto", "fr": "cedar-toronto", "el": "lykavittos-athens", "ar": "jabal-amman"}[lang]
    html = render_html(TEMPLATES, leaflet(), language.translator(), Look(brand=brand_for(
        load_clinic(PROJECT, clinic)[0], lang)))
    (label,) = re.findall(r'<p class="booking-label">(.*?)</p>', html, flags=re.S)
    caption = unescape(re.sub(r"<[^>]+>", "", label)).strip()
    assert re.search(r"\s(?=\S+$)", caption)[0] == "\u00a0", caption  # the space before the last word


def test_how_often_a_risk_happens_never_leaves_its_number_alone_on_a_line():
    """"(peut affecter plus de 1 personne sur / 10)": the last two words of each meaning are tied."""
    from brochure_builder.content.leaflet import load_leaflet

    language = load_language(PROJECT, "fr", load_fonts(PROJECT.files))
    html = render_html(TEMPLATES, load_leaflet(PROJECT, "chemical-peels"), language.translator())
    meanings = [unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r'<span class="meaning">(.*?)</span>', html)]
    assert "(peut affecter plus de 1 personne sur\u00a010)" in meanings
    assert all(re.search(r"\s(?=\S+\)$)", meaning)[0] in "\u00a0\u202f" for meaning in meanings), meanings
