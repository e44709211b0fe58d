"""The bundled fonts: which files make up each family, and which stack each language uses.

The stylesheet's `@font-face` rules are generated from here, and the glyph
coverage check reads the same files, so what is checked is what is printed.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Face:
    family: str
    file: str  # inside fonts/
    weight: int = 400
    style: str = "normal"


FACES = (
    Face("Leaflet Sans", "NotoSans-Regular.ttf"),
    Face("Leaflet Sans", "NotoSans-Bold.ttf", 700),
    Face("Leaflet Sans", "NotoSans-Italic.ttf", 400, "italic"),
    Face("Leaflet Sans", "NotoSans-BoldItalic.ttf", 700, "italic"),
    Face("Leaflet Arabic", "NotoSansArabic-Regular.ttf"),
    Face("Leaflet Arabic", "NotoSansArabic-Bold.ttf", 700),
    Face("Leaflet Hebrew", "NotoSansHebrew-Regular.ttf"),
    Face("Leaflet Hebrew", "NotoSansHebrew-Bold.ttf", 700),
)

# The script's own family first, so digits and punctuation match the surrounding text.
_FIRST = {"ar": "Leaflet Arabic", "fa": "Leaflet Arabic", "ur": "Leaflet Arabic", "he": "Leaflet Hebrew"}
_ALL = ("Leaflet Sans", "Leaflet Arabic", "Leaflet Hebrew")


def families_for(lang: str) -> list[str]:
    first = _FIRST.get(lang.split("_")[0])
    return ([first] if first else []) + [f for f in _ALL if f != first]


def font_face_css(fonts_url: str) -> str:
    """`@font-face` rules for every bundled face, `fonts_url` ending with '/'."""
    return "\n".join(
        f'@font-face {{ font-family: "{face.family}"; src: url("{fonts_url}{face.file}"); '
        f"font-weight: {face.weight}; font-style: {face.style}; }}"
        for face in FACES
    )


def font_stack_css(lang: str) -> str:
    return ", ".join(f'"{family}"' for family in families_for(lang))


@lru_cache(maxsize=None)
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # noqa: PLC0415 - only the coverage check needs it

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def covered(fonts_dir: Path, lang: str) -> frozenset[int]:
    """Code points the language's stack can print (regular faces; bold and italic cover the same)."""
    points: set[int] = set()
    for family in families_for(lang):
        for face in FACES:
            if face.family == family and face.weight == 400 and face.style == "normal":
                points |= _cmap(fonts_dir / face.file)
    return frozenset(points)
