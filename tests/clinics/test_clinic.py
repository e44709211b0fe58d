"""Clinic branding: validation, checks no brand kit makes, and what lands in the PDF."""
import re
import shutil
from itertools import pairwise

import pytest
import yaml
from pypdf import PdfReader

from brochure_builder import colors
from brochure_builder.clinics.clinic import load_clinic
from brochure_builder.clinics.logos import svg_problems
from brochure_builder.errors import BrochureError
from brochure_builder.project import Project

from ..conftest import REPO, pdf_names, run_cli
from ..pdfs import page_sizes_mm, text_of

ATHENS = yaml.safe_load((REPO / "clinics" / "lykavittos-athens.yaml").read_text())


def write_clinic(root, clinic_id="test-clinic", logo="logo.svg", **changes):
    data = {**ATHENS, "logo": logo, **changes}
    data = {k: v for k, v in data.items() if v is not None}
    folder = root / "clinics" / clinic_id
    folder.mkdir(parents=True, exist_ok=True)
    if logo == "logo.svg":
        shutil.copy(REPO / "clinics" / "lykavittos-athens" / "logo.svg", folder / "logo.svg")
    (root / "clinics" / f"{clinic_id}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return clinic_id


def problems(root, clinic_id="test-clinic"):
    with pytest.raises(BrochureError) as caught:
        load_clinic(Project.at(root), clinic_id)
    return caught.value.lines()


def test_demo_clinics_are_valid_without_warnings():
    code, out, err = run_cli("check", "--root", str(REPO))
    assert code == 0
    assert [line for line in err.splitlines() if "clinics/" in line] == []


def line_of_key(root, key, clinic_id="test-clinic"):
    """The line of the first `key:` in a written clinic file."""
    lines = (root / "clinics" / f"{clinic_id}.yaml").read_text().splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.lstrip().startswith(f"{key}:"))


def test_every_schema_problem_at_once(project_copy):
    write_clinic(project_copy, colors={"primary": "blu", "accent": "#c99a2e", "on_primary": "#fff"},
                 paper="a3", languages=["el", "xx"], favourite="green", booking_url="javascript:alert(1)",
                 locales=None)
    f = "clinics/test-clinic.yaml"

    def line_of(key):
        return line_of_key(project_copy, key)

    assert problems(project_copy) == [
        f"{f}:{line_of('languages') + 2}: languages[1]: unknown language code 'xx'",  # the list's second item
        f"{f}:{line_of('paper')}: paper: must be one of 'a4' or 'letter', not 'a3'",
        f'{f}:{line_of("primary")}: colors.primary: not a colour: "blu"',
        f"{f}:{line_of('booking_url')}: booking_url: must be an https: or http: URL, not 'javascript:alert(1)'",
        f"{f}:{line_of('favourite')}: favourite: unknown key",
    ]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "data:text/html,<b>x</b>", "javascript:void(0)",
                                 "ftp://x.example"])
def test_only_web_urls_are_accepted(project_copy, url):
    write_clinic(project_copy, booking_url=url, contact={**ATHENS["contact"], "website": url})
    assert problems(project_copy) == [
        f"clinics/test-clinic.yaml:{line_of_key(project_copy, 'website')}: contact.website: must be an https: or "
        f"http: URL, not {url!r}",
        f"clinics/test-clinic.yaml:1: booking_url: must be an https: or http: URL, not {url!r}",
    ]


@pytest.mark.parametrize("number", ["call 112", "112!", "", "+"])
def test_emergency_numbers_are_phone_numbers(project_copy, number):
    write_clinic(project_copy, contact={**ATHENS["contact"], "emergency": number, "out_of_hours": number})
    found = problems(project_copy)
    assert [line.split(": ", 1)[1] for line in found] == [
        f"contact.emergency: not a phone number: {number!r} (digits, spaces, '+', '-' and brackets)",
        f"contact.out_of_hours: not a phone number: {number!r} (digits, spaces, '+', '-' and brackets)"]


def test_a_bare_emergency_number_is_kept_as_written(project_copy):
    write_clinic(project_copy, contact={**ATHENS["contact"], "emergency": 112})
    clinic, _ = load_clinic(Project.at(project_copy), "test-clinic")
    assert clinic.contact.emergency == "112"


@pytest.mark.parametrize("logo", ["../lykavittos-athens/logo.svg", "/etc/logo.svg", ""])
def test_logo_must_live_in_the_clinic_folder(project_copy, logo):
    write_clinic(project_copy, logo=logo)
    assert problems(project_copy) == [
        f"clinics/test-clinic.yaml:{line_of_key(project_copy, 'logo')}: logo: must be a file inside the clinic's "
        f"own folder, not {logo!r}"]


def test_clinic_id_is_a_slug_checked_before_reading(project_copy):
    code, _, err = run_cli("build", "--root", str(project_copy), "--clinic", "../secrets")
    assert (code, err) == (2, "error: clinic: not a valid id: '../secrets' (lower-case letters, digits and '-')\n")


@pytest.mark.parametrize("foreground, background, ratio", [
    ("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#777777", "#ffffff", 4.48),
    ("#1b4f72", "#ffffff", 8.72), ("#0000ff", "#ffffff", 8.59), ("#ff0000", "#ffffff", 4.0),
])
def test_contrast_ratio_matches_wcag(foreground, background, ratio):
    assert colors.contrast(foreground, background) == pytest.approx(ratio, abs=0.01)


def test_low_contrast_palette_is_refused_naming_both_colours(project_copy):
    write_clinic(project_copy, colors={"primary": "#7fb8d0", "accent": "#c99a2e", "on_primary": "#ffffff"})
    assert problems(project_copy) == [
        "clinics/test-clinic.yaml: colors: on_primary #ffffff on primary #7fb8d0 (title, subtitle and summary "
        "on the cover) has contrast 2.17:1; needs 4.5:1",
        "clinics/test-clinic.yaml: colors: primary #7fb8d0 on white #ffffff (headings, questions and contact "
        "labels) has contrast 2.17:1; needs 4.5:1",
        "clinics/test-clinic.yaml: colors: primary #7fb8d0 on tint #f3f9fb (term names in the tinted boxes) "
        "has contrast 2.04:1; needs 4.5:1",
    ]


def png(path, width, height):
    from PIL import Image

    Image.new("RGB", (width, height), "#1b4f72").save(path)


@pytest.mark.parametrize("width, outcome", [(800, "ok"), (150, "warning"), (80, "error")])
def test_raster_logo_resolution(project_copy, width, outcome):
    write_clinic(project_copy, logo="logo.png")
    png(project_copy / "clinics" / "test-clinic" / "logo.png", width, width)
    message = (f"clinics/test-clinic.yaml: logo: logo is {width}x{width} px: {width / (16 / 25.4):.0f} dpi at its "
               "printed width of 16 mm; print needs 300 dpi (use SVG, or at least 189 px wide)")
    if outcome == "error":
        assert problems(project_copy) == [message]
    else:
        _, warnings = load_clinic(Project.at(project_copy), "test-clinic")
        assert [str(w) for w in warnings] == ([message] if outcome == "warning" else [])


def test_oversized_logo_is_refused(project_copy):
    write_clinic(project_copy, logo="logo.png")
    (project_copy / "clinics" / "test-clinic" / "logo.png").write_bytes(b"\0" * (3 * 1024 * 1024))
    assert problems(project_copy) == ["clinics/test-clinic.yaml: logo: logo is 3.0 MiB; the limit is 2 MiB"]


@pytest.mark.parametrize("svg, problem", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://x.example/a.png"/></svg>',
     "SVG logo refers to an external resource: 'https://x.example/a.png'"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     '<use xlink:href="file:///etc/passwd#x"/></svg>', "SVG logo refers to an external resource: 'file:///etc/passwd#x'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "SVG logo may not contain <script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(x.css);</style></svg>',
     "SVG logo <style> refers to an external resource"),
    ('<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>',
     "SVG logo may not declare a DOCTYPE or entities"),
])
def test_svg_logos_may_not_reach_outside(svg, problem):
    assert svg_problems(svg.encode()) == [problem]


def test_local_references_inside_an_svg_are_fine():
    assert svg_problems(b'<svg xmlns="http://www.w3.org/2000/svg"><defs><path id="a"/></defs>'
                        b'<use href="#a"/></svg>') == []


def test_missing_language_text_falls_back_with_a_warning(project_copy, tmp_path):
    write_clinic(project_copy, tagline={"en": "Skin care in the heart of Athens"})
    code, out, err = run_cli("check", "--root", str(project_copy))
    assert code == 0
    assert "warning: clinics/test-clinic.yaml: tagline: no 'el' text; the 'en' text is printed" in err
    code, _, err = run_cli("build", "--root", str(project_copy), "--clinic", "test-clinic", "--lang", "el",
                           "--brochure", "chemical-peels", "--out", str(tmp_path))
    assert code == 0
    assert "Skin care in the heart of Athens" in text_of(tmp_path / "test-clinic" / "chemical-peels.el.pdf")


def test_text_in_a_language_the_clinic_does_not_print_is_an_error(project_copy):
    write_clinic(project_copy, tagline={"el": "Φροντίδα", "en": "Care", "de": "Pflege"})
    assert problems(project_copy) == [
        "clinics/test-clinic.yaml: tagline.de: 'de' is not one of the clinic's languages (el, en)"]


def test_html_in_clinic_text_is_printed_literally(project_copy, tmp_path):
    write_clinic(project_copy, name='<b>Dr "Smith" & Co</b></style>', short_name=None)
    code, _, err = run_cli("build", "--root", str(project_copy), "--clinic", "test-clinic", "--lang", "en",
                           "--brochure", "chemical-peels", "--out", str(tmp_path))
    assert code == 0, err
    text = text_of(tmp_path / "test-clinic" / "chemical-peels.en.pdf")
    assert '<b>Dr "Smith" & Co</b></style>' in text


def test_unknown_clinic_and_language_not_offered(project_copy):
    code, _, err = run_cli("build", "--root", str(project_copy), "--clinic", "paris")
    assert (code, err) == (2, "error: unknown clinic 'paris' (known: cedar-toronto, jabal-amman, "
                              "lykavittos-athens, retiro-madrid)\n")
    code, _, err = run_cli("build", "--root", str(project_copy), "--clinic", "lykavittos-athens", "--lang", "ar")
    assert (code, err) == (2, "error: clinic 'lykavittos-athens' does not print 'ar' (its languages: el, en)\n")


def test_clinic_language_without_catalog(project_copy):
    write_clinic(project_copy, languages=["it", "en"], name="Clinica", short_name=None, tagline=None, locales=None,
                 contact={**ATHENS["contact"], "address": ["Via Roma 1"], "hours": "9-18"})
    code, _, err = run_cli("build", "--root", str(project_copy), "--clinic", "test-clinic")
    assert (code, err) == (2, "error: clinics/test-clinic.yaml: languages[0]: no catalog for 'it'; "
                              "start one with 'make_brochure.py init it'\n")


def test_every_clinic_gets_its_own_folder_in_its_languages(branded):
    assert sorted(str(p.relative_to(branded)) for p in branded.rglob("chemical-peels.*.pdf")) == [
        "cedar-toronto/chemical-peels.en.pdf", "cedar-toronto/chemical-peels.fr.pdf",
        "jabal-amman/chemical-peels.ar.pdf", "jabal-amman/chemical-peels.en.pdf",
        "lykavittos-athens/chemical-peels.el.pdf", "lykavittos-athens/chemical-peels.en.pdf",
        "retiro-madrid/chemical-peels.en.pdf", "retiro-madrid/chemical-peels.es.pdf",
        "retiro-madrid/chemical-peels.fr.pdf",
    ]


def test_clinic_name_phone_and_author_are_in_the_pdf(branded):
    path = branded / "lykavittos-athens" / "chemical-peels.el.pdf"
    text = text_of(path)
    assert "Ιατρείο Δέρματος Λυκαβηττού" in text and "+30 210 555 0142" in text
    assert "lykavittos-skin.example/book" in re.sub(r"(?<=[/.])\n", "", text)  # may break after / or .
    assert PdfReader(path).metadata["/Author"] == "Ιατρείο Δέρματος Λυκαβηττού"
    assert "Lykavittos Skin Clinic" in text_of(branded / "lykavittos-athens" / "chemical-peels.en.pdf")


def _rg(hex_colour):
    return " ".join(f"{c / 255:.6f}".rstrip("0").rstrip(".") for c in colors.rgb(hex_colour)) + " rg"


@pytest.mark.parametrize("clinic, primary", [("lykavittos-athens", "#1b4f72"), ("retiro-madrid", "#8c2f1f")])
def test_clinic_colours_are_used(branded, clinic, primary):
    content = PdfReader(branded / clinic / "chemical-peels.en.pdf").pages[0].get_contents().get_data().decode("latin-1")
    assert _rg(primary) in content
    assert _rg("#1d5c73") not in content  # the unbranded default is gone


def test_letter_clinic_prints_on_letter_paper(branded):
    assert page_sizes_mm(branded / "cedar-toronto" / "chemical-peels.en.pdf") == {(216, 279)}
    assert page_sizes_mm(branded / "retiro-madrid" / "chemical-peels.es.pdf") == {(210, 297)}


@pytest.mark.parametrize("clinic, url", [("retiro-madrid", "https://clinica-retiro.example/cita"),
                                         ("jabal-amman", "https://jabal-amman-skin.example/booking")])
def test_qr_code_on_the_last_page_decodes_to_the_booking_url(branded, clinic, url):
    import pypdfium2
    import zxingcpp

    path = next((branded / clinic).glob("*.pdf"))
    document = pypdfium2.PdfDocument(str(path))
    image = document[len(document) - 1].render(scale=200 / 72).to_pil()
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == [url]


def test_unbranded_build_stays_available(project_copy, tmp_path):
    out = tmp_path / "out"
    code, _, err = run_cli("build", "--root", str(project_copy), "--unbranded", "--lang", "en", "--out", str(out))
    assert code == 0, err
    assert pdf_names(out) == ["chemical-peels.en.pdf", "mesotherapy-acne-scars.en.pdf"]
    code, _, err = run_cli("build", "--root", str(project_copy), "--unbranded", "--clinic", "retiro-madrid")
    assert (code, err) == (2, "error: choose --clinic or --unbranded, not both\n")


@pytest.mark.parametrize(("clinic", "lang", "lines"), [
    ("retiro-madrid", "fr", ["Le cabinet\u202f: +34 910 555 218", "Numéro d’urgence\u202f: 112"]),
    ("retiro-madrid", "es", ["La clínica: +34 910 555 218", "Teléfono de emergencias: 112"]),
    ("cedar-toronto", "en", ["The clinic: +1 416 555 0175", "The clinic outside opening hours: +1 416 555 0176",
                             "Emergency number: 911"]),
    ("lykavittos-athens", "el", ["Το ιατρείο: +30 210 555 0142", "Αριθμός έκτακτης ανάγκης: 112",
                                 "Το ιατρείο εκτός ωραρίου λειτουργίας: +30 210 555 0143"]),
])
def test_the_urgent_advice_gives_the_clinics_own_numbers(branded, clinic, lang, lines):
    # a label and its number may wrap onto two lines
    text = re.sub(r" *\n *", " ", text_of(branded / clinic / f"chemical-peels.{lang}.pdf"))
    for line in lines:
        assert line in text


def test_arabic_emergency_number_reads_as_dialled(branded):
    text = text_of(branded / "jabal-amman" / "chemical-peels.ar.pdf")
    assert "رقم الطوارئ" in text and "911" in text and "119" not in text


def test_a_leaflet_without_a_clinic_prints_no_number(built):
    text = text_of(built / "chemical-peels.en.pdf")
    assert "Emergency number" not in text and "When to contact the clinic" in text


def test_addresses_print_without_scheme_break_only_after_a_slash_and_phones_e_mail_and_hours_never(branded):
    for path in sorted(branded.rglob("*.pdf")):
        clinic = yaml.safe_load((REPO / "clinics" / f"{path.parent.name}.yaml").read_text())
        contact = clinic["contact"]
        text = text_of(path)
        lang = path.name.split(".")[1]
        hours = contact["hours"].get(lang) or next(iter(contact["hours"].values()))
        ranges = re.findall(r"[^\s–]+\s?–\s?[^\s–]+", hours)  # "9:00–18:00", "Monday–Friday"
        unbroken = [contact["email"], *ranges] + [contact[key] for key in ("phone", "emergency", "out_of_hours")
                                                  if key in contact]
        for address in [contact["website"], clinic["booking_url"]]:
            assert address not in text.replace("\n", "")  # printed as typed: without "https://"
            printed = address.removeprefix("https://")
            found = list(re.finditer("\n?".join(map(re.escape, printed)), text))
            assert found, (path, printed)
            for match in found:
                for line_end in re.finditer("\n", match[0]):  # never inside the host: "jabal-amman-skin. / example"
                    assert match[0][line_end.start() - 1] == "/" and match[0][line_end.start() - 2] != "/", \
                        (path.name, match[0])
        for piece in unbroken:
            # a right-to-left line shows a range of numbers with its start on the right ("18:00–9:00")
            reverse = "–".join(reversed(piece.split("–")))
            assert piece in text or (lang == "ar" and reverse in text), (path.name, piece)


def test_the_booking_card_stays_in_the_text_area_and_no_contact_detail_runs_into_it(branded):
    """Read with MuPDF: the card is the tinted shape around the QR code on the contact page."""
    import pymupdf

    from brochure_builder.profiles import output_for

    for path in sorted(branded.rglob("*.pdf")):
        with pymupdf.open(path) as document:
            page = document[-1]
            shapes = [(pymupdf.Rect(d["rect"]), tuple(d["fill"])) for d in page.get_drawings() if d.get("fill")]
            # the QR code: a black square of modules (vector); the card: the smallest tinted shape around it
            (qr,) = [rect for rect, fill in shapes if fill == (0, 0, 0) and rect.width > 50
                     and abs(rect.width - rect.height) < 3]
            card = min((rect for rect, fill in shapes if fill != (1, 1, 1) and rect.contains(qr) and rect != qr),
                       key=lambda rect: rect.get_area())
            paper = yaml.safe_load((REPO / "clinics" / f"{path.parent.name}.yaml").read_text()).get("paper", "a4")
            _, right, _, left = output_for(paper=paper).margins_mm
            assert card.x0 >= left * MM_PT - 0.5 and card.x1 <= page.rect.width - right * MM_PT + 0.5, path.name
            beside = [span for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
                      for span in line["spans"] if span["text"].strip()
                      and not card.contains(pymupdf.Rect(span["bbox"]))]
            assert beside and not [span["text"] for span in beside if pymupdf.Rect(span["bbox"]).intersects(card)], \
                path.name


MM_PT = 72 / 25.4


def test_no_line_of_running_text_ends_after_its_first_word_when_the_next_word_fits(branded):
    """Read with MuPDF. Athens' Greek urgent box printed "Οτιδήποτε" alone on a line, the rest of the
    item below it: the renderer broke before an emphasis at the first space, not the last. Addresses
    (digits) and label lines (colons) break by design."""
    import pymupdf

    early = []
    for path in sorted(branded.rglob("*.pdf")):
        with pymupdf.open(path) as document:
            for page in document:
                for block in page.get_text("dict")["blocks"]:
                    lines = [(line["bbox"], "".join(span["text"] for span in line["spans"]))
                             for line in block.get("lines", [])]
                    right = max((bbox[2] for bbox, _ in lines), default=0)
                    for (box_a, text_a), (box_b, text_b) in pairwise(lines):
                        if len(text_a.split()) != 1 or len(text_b.split()) < 3 or re.search(r"[\d:]", text_a + text_b):
                            continue
                        words = sorted(page.get_text("words", clip=pymupdf.Rect(box_b)), key=lambda word: word[0])
                        if abs(box_a[0] - box_b[0]) < 1 and box_a[2] + (words[0][2] - words[0][0]) + 4 < right:
                            early.append((path.name, page.number + 1, text_a, text_b))
    assert early == []


@pytest.mark.parametrize(("clinic", "lang", "date"), [
    ("lykavittos-athens", "en", "1 November 2026"),   # en_GB, beside British spelling
    ("cedar-toronto", "en", "November 1, 2026"),      # en_CA
    ("jabal-amman", "ar", "تشرين الثاني"),             # ar_JO: Levantine month names
    ("retiro-madrid", "es", "1 de noviembre de 2026"),
])
def test_dates_are_written_as_where_the_clinic_is(branded, clinic, lang, date):
    assert date in text_of(branded / clinic / f"chemical-peels.{lang}.pdf")


@pytest.mark.parametrize(("locales", "message"), [
    ({"de": "de_DE"}, "locales: 'de' is not one of the clinic's languages (el, en)"),
    ({"en": "fr_CA"}, "locales.en: 'fr_CA' is not a locale of 'en' (e.g. en_GB)"),
    ({"en": "en_XX"}, "locales.en: unknown language code 'en_XX'"),
])
def test_a_clinic_locale_must_be_one_of_its_languages(project_copy, locales, message):
    write_clinic(project_copy, locales=locales)
    assert [line.split(": ", 1)[1] for line in problems(project_copy)] == [message]


# --- style: cover and typeface ------------------------------------------------

def _fonts_of(path):
    import pymupdf

    with pymupdf.open(path) as doc:
        return {re.sub(r"^[A-Z]{6}\+", "", font[3]) for page in doc for font in page.get_fonts()}


def test_a_clinic_prints_in_the_typeface_it_chooses_with_fallbacks_for_other_scripts(branded):
    assert _fonts_of(branded / "lykavittos-athens" / "chemical-peels.el.pdf") <= {
        "Leaflet-Serif", "Leaflet-Serif-Bold", "Leaflet-Serif-Italic", "Leaflet-Serif-BoldItalic"}
    assert {"Leaflet-Naskh", "Leaflet-Naskh-Bold"} <= _fonts_of(branded / "jabal-amman" / "chemical-peels.ar.pdf")
    assert not any("Sans" in font for font in _fonts_of(branded / "jabal-amman" / "chemical-peels.ar.pdf"))
    assert "Leaflet-Sans" in _fonts_of(branded / "retiro-madrid" / "chemical-peels.es.pdf")
    assert not any("Serif" in font for font in _fonts_of(branded / "retiro-madrid" / "chemical-peels.es.pdf"))


def _title_colour_and_paper(path, title):
    """The colour of the title's text and of the page just before its first letter, as drawn."""
    import pymupdf

    with pymupdf.open(path) as doc:
        page = doc[0]
        span = next(s for b in page.get_text("dict")["blocks"] for line in b.get("lines", []) for s in line["spans"]
                    if s["text"].strip() == title)
        x0, y0, _, y1 = span["bbox"]
        pixmap = page.get_pixmap(dpi=72, clip=pymupdf.Rect(x0 - 3, y0, x0 - 1, y1))
        return f"#{span['color']:06x}", pixmap.pixel(0, pixmap.height // 2)


def test_the_panel_cover_sets_the_title_on_the_primary_colour_and_the_rule_cover_on_the_paper(branded):
    colour, paper = _title_colour_and_paper(branded / "retiro-madrid" / "chemical-peels.en.pdf", "Chemical peels")
    assert (colour, paper) == ("#ffffff", colors.rgb("#8c2f1f"))
    colour, paper = _title_colour_and_paper(branded / "lykavittos-athens" / "chemical-peels.en.pdf", "Chemical peels")
    assert (colour, paper) == ("#1b4f72", (255, 255, 255))


def test_a_typeface_no_font_declares_is_an_error_naming_the_ones_that_exist(project_copy):
    write_clinic(project_copy, style={"cover": "poster", "typeface": "slab"})
    code, _, err = run_cli("check", "--root", str(project_copy))
    assert code == 1
    f = "clinics/test-clinic.yaml"
    assert f"error: {f}:{line_of_key(project_copy, 'cover')}: style.cover: must be one of 'panel' or 'rule', " \
           "not 'poster'" in err
    write_clinic(project_copy, style={"typeface": "slab"})
    code, _, err = run_cli("check", "--root", str(project_copy))
    assert code == 1
    assert "error: clinics/test-clinic.yaml: style.typeface: no family of fonts/fonts.yaml has typeface 'slab' " \
           "(declared: sans, serif)" in err
