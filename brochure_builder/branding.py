"""A clinic's identity as the template needs it, in one language. Pure: no file is read.

The logo and fonts are referenced by URL and fetched by the renderer through
its sandbox; the booking QR code is drawn here as vector SVG.
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from .clinics import Clinic, palette

PAPER = {"a4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class Brand:
    id: str
    name: str
    short_name: str
    tagline: str | None
    logo_url: str
    paper: str  # CSS page size
    colours: dict[str, str]  # CSS custom property name -> colour
    phone: str | None
    email: str | None
    website: str | None
    address: list[str]
    hours: str | None
    booking_url: str | None
    booking_qr: str | None  # data: URL of an SVG QR code
    heading_font: str | None  # URL, relative to the templates folder
    body_font: str | None


def brand_for(clinic: Clinic, lang: str, clinics_url: str = "../clinics/") -> Brand:
    folder = f"{clinics_url}{clinic.id}/"
    shades = palette(clinic)
    contact = clinic.contact
    fonts = clinic.fonts
    return Brand(
        id=clinic.id,
        name=clinic.text(clinic.name, lang),
        short_name=clinic.text(clinic.short_name, lang) or clinic.text(clinic.name, lang),
        tagline=clinic.text(clinic.tagline, lang),
        logo_url=folder + clinic.logo,
        paper=PAPER[clinic.paper],
        colours={"primary": shades["primary"], "accent": shades["accent"],
                 "on-primary": shades["on_primary"], "tint": shades["tint"]},
        phone=contact.phone,
        email=contact.email,
        website=contact.website,
        address=clinic.text(contact.address, lang) or [],
        hours=clinic.text(contact.hours, lang),
        booking_url=clinic.booking_url,
        booking_qr=qr_data_url(clinic.booking_url) if clinic.booking_url else None,
        heading_font=folder + fonts.heading if fonts and fonts.heading else None,
        body_font=folder + fonts.body if fonts and fonts.body else None,
    )


def qr_svg(url: str) -> bytes:
    import segno  # noqa: PLC0415

    out = io.BytesIO()
    # Error correction M survives a smudge; the quiet zone of 4 modules is what scanners expect.
    segno.make(url, error="m", micro=False).save(out, kind="svg", scale=1, border=4, xmldecl=False, omitsize=True,
                                                 svgns=True, dark="#000000", light="#ffffff")
    return out.getvalue()


def qr_data_url(url: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(url)).decode("ascii")
