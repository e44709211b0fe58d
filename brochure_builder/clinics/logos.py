"""Clinic logos: what may be printed, and how sharp it will be.

SVG is preferred: it prints sharp at any size. Raster logos are measured at
the size the template prints them. An SVG may not pull anything in from
outside itself (the renderer's sandbox would refuse it anyway; this says
so early, with the file's name).
"""
from __future__ import annotations

import base64
import binascii
import io
import re
import warnings
import xml.etree.ElementTree as ElementTree
from pathlib import PurePosixPath
from urllib.parse import unquote_to_bytes

MAX_BYTES = 2 * 1024 * 1024
LOGO_HEIGHT_MM = 16  # as printed in the leaflet header
LOGO_MAX_WIDTH_MM = 60
GOOD_DPI = 300
MIN_DPI = 150
MAX_PIXELS = 25_000_000  # 5000 x 5000: far more than a 60 mm logo needs at 300 dpi (709 px)
MAX_NESTING = 3  # SVG images embedded (as data: URLs) in SVG images
RASTER = {".png", ".jpg", ".jpeg"}
KINDS = RASTER | {".svg"}
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#|data:)[^)'\"]+", re.I)
_IMPORT = re.compile(r"@import", re.I)


MEDIA_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def is_svg(name: str) -> bool:
    """An SVG logo: press rewrites its colours in CMYK (a raster logo is placed as it is)."""
    return PurePosixPath(name).suffix.lower() == ".svg"


def logo_data_url(name: str, data: bytes) -> str:
    """The logo as a data: URL, for a page that loads nothing (the HTML twin)."""
    return f"data:{MEDIA_TYPES[PurePosixPath(name).suffix.lower()]};base64,{base64.b64encode(data).decode('ascii')}"


def logo_problems(name: str, data: bytes | None) -> tuple[list[str], list[str]]:
    """(errors, warnings) for one logo file: its name and its bytes (None: there is no such file)."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in KINDS:
        return [f"logo must be SVG, PNG or JPEG, not {suffix or 'a file without extension'}"], []
    if data is None:
        return ["logo file not found"], []
    if len(data) > MAX_BYTES:
        return [f"logo is {len(data) / 1048576:.1f} MiB; the limit is {MAX_BYTES // 1048576} MiB"], []
    if suffix == ".svg":
        return svg_problems(data), []
    return raster_problems(data)


def svg_problems(data: bytes, depth: int = 0) -> list[str]:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return ["SVG logo may not declare a DOCTYPE or entities"]
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return [f"SVG logo is not well-formed XML: {error}"]
    if not root.tag.endswith("svg"):
        return ["logo file is not an SVG document"]
    problems = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("script", "foreignObject"):
            problems.append(f"SVG logo may not contain <{tag}>")
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1] == "href":
                problems += _href_problems(value.strip(), depth)
            if name == "style" and (_CSS_URL.search(value) or _IMPORT.search(value)):
                problems.append(f"SVG logo style refers to an external resource: {value!r}")
        if tag == "style" and element.text and (_CSS_URL.search(element.text) or _IMPORT.search(element.text)):
            problems.append("SVG logo <style> refers to an external resource")
    return problems


def _href_problems(value: str, depth: int) -> list[str]:
    """A reference inside the logo, or an embedded (data:) image, itself checked like a logo."""
    if value.startswith("#"):
        return []
    if not value.lower().startswith("data:"):
        return [f"SVG logo refers to an external resource: {value!r}"]
    header, _, payload = value.partition(",")
    if "svg" not in header.lower():
        return []  # a raster image: drawn, never followed
    if depth >= MAX_NESTING:
        return [f"SVG logo nests embedded SVG images more than {MAX_NESTING} deep"]
    try:
        nested = base64.b64decode(payload, validate=True) if header.lower().endswith(";base64") \
            else unquote_to_bytes(payload)
    except (ValueError, binascii.Error):
        return ["SVG logo embeds an image that cannot be decoded"]
    return [f"{problem} (in an embedded SVG image)" for problem in svg_problems(nested, depth + 1)]


def printed_size_mm(width_px: int, height_px: int) -> tuple[float, float]:
    width = LOGO_HEIGHT_MM * width_px / height_px
    if width <= LOGO_MAX_WIDTH_MM:
        return width, LOGO_HEIGHT_MM
    return LOGO_MAX_WIDTH_MM, LOGO_MAX_WIDTH_MM * height_px / width_px


def raster_problems(data: bytes) -> tuple[list[str], list[str]]:
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415 - Pillow comes with WeasyPrint

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit follows
            with Image.open(io.BytesIO(data)) as image:  # reads the header only
                width_px, height_px = image.size
    except Image.DecompressionBombError:
        return [f"logo has more than {2 * Image.MAX_IMAGE_PIXELS / 1e6:.0f} million pixels; "
                f"the limit is {MAX_PIXELS / 1e6:.0f} million"], []
    except (UnidentifiedImageError, OSError, ValueError):
        return ["logo is not a readable PNG or JPEG image"], []
    if width_px * height_px > MAX_PIXELS:
        return [f"logo is {width_px}x{height_px} px ({width_px * height_px / 1e6:.0f} million pixels); "
                f"the limit is {MAX_PIXELS / 1e6:.0f} million"], []
    width_mm, _ = printed_size_mm(width_px, height_px)
    dpi = width_px / (width_mm / 25.4)
    message = (f"logo is {width_px}x{height_px} px: {dpi:.0f} dpi at its printed width of {width_mm:.0f} mm; "
               f"print needs {GOOD_DPI} dpi (use SVG, or at least {_pixels_for(width_mm, GOOD_DPI)} px wide)")
    if dpi < MIN_DPI:
        return [message], []
    if dpi < GOOD_DPI:
        return [], [message]
    return [], []


def _pixels_for(width_mm: float, dpi: int) -> int:
    return int(width_mm / 25.4 * dpi + 0.999)
