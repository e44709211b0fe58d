"""Colours: parsing, WCAG 2.x contrast, tints, and the CMYK fallback for press.

Contrast follows WCAG 2.1 (relative luminance of sRGB): 4.5:1 for body text,
3:1 for large text (>= 18 pt, or bold >= 14 pt).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
WHITE = "#ffffff"
TEXT = "#1f2629"  # body text colour of the template
NORMAL_TEXT = 4.5
LARGE_TEXT = 3.0


def is_hex(value: str) -> bool:
    return bool(_HEX.fullmatch(value))


def normalise(value: str) -> str:
    """`#ABC` -> `#aabbcc`."""
    value = value.lower()
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    return value


def rgb(value: str) -> tuple[int, int, int]:
    value = normalise(value)
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def luminance(value: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(value))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(color: str, other: str, share: float) -> str:
    """`share` of `color` over `other` (0..1), e.g. a light tint of a brand colour over white."""
    mixed = (round(a * share + b * (1 - share)) for a, b in zip(rgb(color), rgb(other), strict=True))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def tint(color: str) -> str:
    """The pale background the template uses behind boxes in the brand colour."""
    return mix(color, WHITE, 0.09)


def profile_cmyk(color: str, profile: bytes) -> tuple[float, float, float, float]:
    """sRGB -> CMYK through the press's output ICC profile (relative colorimetric), in 0..1: the
    ink mix that prints closest to what the screen shows. Clinics that give their own CMYK values
    (from their printer) keep them."""
    return _profile_cmyk(normalise(color), profile)


@lru_cache(maxsize=256)
def _profile_cmyk(color: str, profile: bytes) -> tuple[float, float, float, float]:
    from PIL import Image, ImageCms  # noqa: PLC0415 - only press output needs it

    cmyk = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb(color)), _transform(profile)).getpixel((0, 0))
    return tuple(round(part / 255, 4) for part in cmyk)


@lru_cache(maxsize=4)
def _transform(profile: bytes):
    from PIL import ImageCms  # noqa: PLC0415

    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                                   "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def naive_cmyk(color: str) -> tuple[float, float, float, float]:
    """Device-independent RGB -> CMYK (no ICC profile), in 0..1: where no output profile is known."""
    r, g, b = (c / 255 for c in rgb(color))
    k = 1 - max(r, g, b)
    if k >= 1:
        return 0.0, 0.0, 0.0, 1.0
    return tuple(round(x, 4) for x in ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k))


@dataclass(frozen=True)
class TextPair:
    """A text colour on a background colour, as the template uses them."""

    foreground: str  # field name, e.g. "on_primary"
    background: str  # field name or a fixed colour name
    used_for: str
    minimum: float


Cmyk = tuple[float, float, float, float]  # 0..1 each


@dataclass(frozen=True)
class Ink:
    """A colour as screens see it (hex) and as a press prints it (CMYK)."""

    hex: str
    cmyk: Cmyk

    def css(self, press: bool) -> str:
        if not press:
            return self.hex
        return "device-cmyk(" + " ".join(f"{part:.4g}" for part in self.cmyk) + ")"


def ink(hex_value: str, cmyk_percent: tuple[float, ...] | None = None, profile: bytes | None = None) -> Ink:
    """An ink from a hex colour and, when the clinic gives them, its CMYK values in per cent; otherwise
    converted through the output profile (`profile`, ICC bytes) where there is one."""
    if cmyk_percent is None:
        r, g, b = rgb(hex_value)
        # greys, black above all, print from black ink alone: no registration fringes on small text
        cmyk = profile_cmyk(hex_value, profile) if profile and not r == g == b else naive_cmyk(hex_value)
        return Ink(normalise(hex_value), cmyk)
    return Ink(normalise(hex_value), tuple(round(part / 100, 4) for part in cmyk_percent))


def tint_ink(base: Ink) -> Ink:
    """The pale box background: 9 % of the colour over white, on screen and on press alike."""
    return Ink(tint(base.hex), tuple(round(part * 0.09, 4) for part in base.cmyk))


# The template's own colours; CMYK chosen by hand so text prints from black ink alone.
TEMPLATE_INKS = {
    # Text, body and small alike, in solid black ink or one tint of it: a screened or two-ink text
    # colour prints with dotted or fringed edges.
    "text": Ink(TEXT, (0, 0, 0, 1)),
    "muted": Ink("#55626a", (0, 0, 0, 0.72)),
    "rule": Ink("#b9c3c8", (0.04, 0, 0, 0.25)),
    "urgent": Ink("#a4262c", (0.12, 0.92, 0.8, 0.18)),
    "draft-mark": Ink("#f0dcdd", (0.02, 0.15, 0.13, 0.03)),  # 16 % of urgent over white
    "paper": Ink(WHITE, (0, 0, 0, 0)),
}
DEFAULT_BRAND = {"primary": "#1d5c73", "accent": "#d9822b", "on-primary": "#ffffff"}


def inks(brand: dict[str, Ink] | None = None) -> dict[str, Ink]:
    """Every colour the template uses, by CSS custom property name."""
    brand = brand or {name: ink(value) for name, value in DEFAULT_BRAND.items()}
    return {**TEMPLATE_INKS, **brand, "tint": tint_ink(brand["primary"])}
