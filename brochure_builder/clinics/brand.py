"""A clinic's identity as the template needs it, in one language. Pure: no file is read.

The logo and fonts are referenced by URL and fetched by the renderer through
its sandbox; the booking QR code is drawn here as vector SVG.
"""
from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..colors import Ink, ink, normalise
from .clinic import Clinic, CmykColours
from .logos import logo_data_url


@dataclass(frozen=True)
class Brand:
    id: str
    name: str
    short_name: str
    tagline: str | None
    logo_url: str
    paper: str  # "a4" or "letter": the clinic's default format
    colours: dict[str, Ink]  # CSS custom property name -> brand colour
    phone: str | None
    email: str | None
    website: str | None
    address: list[str]
    hours: str | None
    date_locale: str  # how this clinic writes dates in the leaflet's language: "en_GB", "ar_JO"
    emergency: str | None  # the local emergency number
    out_of_hours: str | None  # the clinic's phone line outside opening hours
    booking_url: str | None
    booking_qr: str | None  # data: URL of an SVG QR code
    heading_font: str | None  # URL, relative to the templates folder
    body_font: str | None
    cover: str = "panel"  # the cover style: "panel" or "rule"
    typeface: str | None = None  # a typeface of fonts/fonts.yaml; None: the default one


def screen_brand(brand: Brand, logo_name: str, logo: bytes) -> Brand:
    """The brand in the HTML twin, which loads nothing: the logo inline, and the device's fonts rather than
    the clinic's font files (render/html.py says why)."""
    return replace(brand, logo_url=logo_data_url(logo_name, logo), heading_font=None, body_font=None)


def brand_inks(clinic: Clinic, profile: bytes | None = None) -> dict[str, Ink]:
    """The clinic's colours; for press, CMYK as the clinic gives it or through the output profile."""
    c = clinic.colors
    given = c.cmyk or CmykColours()
    return {"primary": ink(c.primary, given.primary, profile), "accent": ink(c.accent, given.accent, profile),
            "on-primary": ink(c.on_primary, given.on_primary, profile)}


def brand_for(clinic: Clinic, lang: str, clinics_url: str = "../clinics/", logo_svg: bytes | None = None,
              press: bool = False, profile: bytes | None = None) -> Brand:
    """`logo_svg` (the logo file's bytes) is needed for press output, where its colours become CMYK;
    `profile` (the output ICC profile's bytes) converts the colours the clinic gives no CMYK for."""
    folder = f"{clinics_url}{clinic.id}/"
    colours = brand_inks(clinic, profile if press else None)
    contact = clinic.contact
    logo_url = folder + clinic.logo
    if press and logo_svg is not None:
        logo_url = svg_data_url(cmyk_svg(logo_svg, colours, profile))
    fonts = clinic.fonts
    return Brand(
        id=clinic.id,
        name=clinic.text(clinic.name, lang),
        short_name=clinic.text(clinic.short_name, lang) or clinic.text(clinic.name, lang),
        tagline=clinic.text(clinic.tagline, lang),
        logo_url=logo_url,
        paper=clinic.paper,
        colours=colours,
        phone=contact.phone,
        email=contact.email,
        website=contact.website,
        address=clinic.text(contact.address, lang) or [],
        hours=clinic.text(contact.hours, lang),
        date_locale=clinic.date_locale(lang),
        emergency=contact.emergency,
        out_of_hours=contact.out_of_hours,
        booking_url=clinic.booking_url,
        booking_qr=qr_data_url(clinic.booking_url, press) if clinic.booking_url else None,
        heading_font=folder + fonts.heading if fonts and fonts.heading else None,
        body_font=folder + fonts.body if fonts and fonts.body else None,
        cover=clinic.style.cover,
        typeface=clinic.style.typeface,
    )


@lru_cache(maxsize=256)
def qr_svg(url: str) -> bytes:
    """The same URL always draws the same code; a batch asks for each clinic's many times."""
    import segno  # noqa: PLC0415

    out = io.BytesIO()
    # Error correction M survives a smudge; the quiet zone of 4 modules is what scanners expect.
    segno.make(url, error="m", micro=False).save(out, kind="svg", scale=1, border=4, xmldecl=False, omitsize=True,
                                                 svgns=True, dark="#000000", light="#ffffff")
    return out.getvalue()


@lru_cache(maxsize=256)
def qr_data_url(url: str, press: bool = False) -> str:
    """One code per URL (and ink) in a process, however many leaflets and languages print it."""
    svg = qr_svg(url)
    if press:
        svg = cmyk_svg(svg, {})
    return svg_data_url(svg)


def svg_data_url(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


_SVG_COLOUR = re.compile(rb"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def cmyk_svg(svg: bytes, known: dict[str, Ink], profile: bytes | None = None) -> bytes:
    """Every hex colour of an SVG as device-cmyk(): the brand's own CMYK where the hex is a
    brand colour, a plain conversion otherwise, so vector artwork prints from CMYK inks."""
    by_hex = {value.hex: value for value in known.values()}

    def replace(match: re.Match) -> bytes:
        hex_value = normalise(match.group().decode("ascii"))
        return (by_hex.get(hex_value) or ink(hex_value, profile=profile)).css(press=True).encode("ascii")

    converted = _SVG_COLOUR.sub(replace, svg)
    if _ROOT_FILL.search(converted):
        return converted
    # SVG paints unstyled shapes black by default, which the renderer writes as RGB black.
    return _ROOT_TAG.sub(b'<svg fill="device-cmyk(0 0 0 1)"', converted, count=1)


_ROOT_TAG = re.compile(rb"<svg\b")
_ROOT_FILL = re.compile(rb"<svg\b[^>]*\sfill=")
