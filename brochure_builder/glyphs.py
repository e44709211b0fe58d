"""Every printed character must be in a declared font (fonts/fonts.yaml).

The renderer uses no other font (see pdf.py), so a character none of them has
could not be printed. `check` and `build` refuse it first, naming the
character, its code point, the file and the place: in the English leaflets and
clinic files here, in translations through checks.py.
"""
from __future__ import annotations

from typing import Iterator

from .clinics import Clinic, clinic_file, load_clinic
from .content import Leaflet, iter_texts, load_leaflet, place_name
from .errors import BrochureError, Problem
from .fonts import Fonts
from .languages import SOURCE_LANGUAGE
from .markup import MarkupError, plain_text
from .project import Project


def unprintable(text: str, glyphs: frozenset[int]) -> list[str]:
    """The characters of `text` no font has, sorted; white space and control characters are not drawn."""
    return sorted({c for c in text if not c.isspace() and ord(c) >= 0x20 and ord(c) not in glyphs})


def unprintable_markup(text: str, glyphs: frozenset[int]) -> list[str]:
    """The same for leaflet text: only what a reader sees counts (not markers or link targets)."""
    try:
        visible = plain_text(text)
    except MarkupError:
        visible = text
    return unprintable(visible, glyphs)


def no_font_has(characters: list[str]) -> str:
    listed = ", ".join(f"U+{ord(c):04X} {c!r}" for c in characters)
    them = "it" if len(characters) == 1 else "them"
    return f"no bundled font has {listed}; add a font that covers {them} to fonts/ and declare it in fonts/fonts.yaml"


def printable_leaflet(project: Project, brochure_id: str, fonts: Fonts) -> Leaflet:
    """A leaflet as `build` and `check` read it: valid, and every character in a declared font."""
    leaflet = load_leaflet(project, brochure_id)
    problems = leaflet_problems(leaflet, project.relative(project.brochure_path(brochure_id)), fonts)
    if problems:
        raise BrochureError(problems)
    return leaflet


def leaflet_problems(leaflet: Leaflet, shown: str, fonts: Fonts) -> list[Problem]:
    glyphs = fonts.covered(SOURCE_LANGUAGE)
    problems = []
    for path, value in iter_texts(leaflet):
        characters = unprintable_markup(value.text, glyphs)
        if characters:  # the place a schema error in this text would name
            problems.append(Problem(shown, no_font_has(characters), place_name(path + ("text",))))
    characters = unprintable(leaflet.version, glyphs)  # printed in the footer
    if characters:
        problems.append(Problem(shown, no_font_has(characters), "version"))
    return problems


def printable_clinic(project: Project, clinic_id: str, fonts: Fonts) -> tuple[Clinic, list[Problem]]:
    """A clinic as `check` reads it: `load_clinic`, and every character of its text in a declared font."""
    clinic, warnings = load_clinic(project, clinic_id)
    problems = clinic_problems(clinic, project.relative(clinic_file(project, clinic_id)), fonts)
    if problems:
        raise BrochureError(problems)
    return clinic, warnings


def clinic_problems(clinic: Clinic, shown: str, fonts: Fonts) -> list[Problem]:
    problems = []
    for place, text, lang in _clinic_texts(clinic):
        characters = unprintable(text, fonts.covered(lang))
        if characters:
            problems.append(Problem(shown, no_font_has(characters), place))
    return problems


def _clinic_texts(clinic: Clinic) -> Iterator[tuple[str, str, str]]:
    """(place, text, language) for every piece of clinic text the template prints."""
    fields = {"name": clinic.name, "short_name": clinic.short_name, "tagline": clinic.tagline,
              "contact.hours": clinic.contact.hours}
    for place, field in fields.items():
        for key, text in (field or {}).items():
            yield _keyed(place, key), text, _language(clinic, key)
    for key, lines in clinic.contact.address.items():
        for index, line in enumerate(lines):
            yield f"{_keyed('contact.address', key)}[{index}]", line, _language(clinic, key)
    for place in ("contact.phone", "contact.email", "contact.website", "booking_url"):
        owner, _, name = place.rpartition(".")
        value = getattr(clinic.contact if owner else clinic, name)
        if value:
            yield place, value, clinic.default_language


def _keyed(place: str, key: str) -> str:
    return place if key == "*" else f"{place}.{key}"  # "*": one value for every language


def _language(clinic: Clinic, key: str) -> str:
    return clinic.default_language if key == "*" else key
