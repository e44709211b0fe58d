"""Clinic branding files: schema, loading with every problem at once, per-language fields.

`clinics/<id>.yaml` with its own files (logo, fonts) in `clinics/<id>/`.
Colours are checked for contrast in every pair the template prints, so a
palette that would make text hard to read is refused before any PDF exists.
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Iterator, Literal

from pydantic import AfterValidator, BeforeValidator, Field, ValidationError, field_validator, model_validator

from .. import colors
from ..errors import BrochureError, Problem
from ..files import OutsideContent
from ..fonts import FONT_KINDS, TYPEFACE_NAME, Fonts, no_font_has, unprintable
from ..languages import check_language
from ..project import Project, check_slug
from ..schema import Strict, problems_from
from ..yamlfile import read_yaml, yaml_lines
from .logos import logo_problems


def _colour(value: Any) -> Any:
    if not isinstance(value, str) or not colors.is_hex(value):
        raise ValueError(f'not a colour: "{value}"')
    return colors.normalise(value)


def _url(value: Any) -> Any:
    if not isinstance(value, str) or not value.lower().startswith(("https://", "http://")):
        raise ValueError(f"must be an https: or http: URL, not {value!r}")
    if any(c.isspace() for c in value):
        raise ValueError(f"URL contains spaces: {value!r}")
    return value


_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{1,23}")


def _phone(value: Any) -> Any:
    # YAML gives a bare 112 as a number; a phone number is text that a patient dials as printed
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _PHONE.fullmatch(value):
        raise ValueError(f"not a phone number: {value!r} (digits, spaces, '+', '-' and brackets)")
    return value


def _language(value: Any) -> Any:
    try:
        return check_language(value if isinstance(value, str) else "")
    except BrochureError:
        raise ValueError(f"unknown language code {value!r}") from None


def _per_language(value: Any) -> Any:
    # A plain value applies to every language; "*" marks it as such.
    return {"*": value} if isinstance(value, (str, list)) else value


def _inside_folder(value: Any) -> Any:
    path = PurePosixPath(value) if isinstance(value, str) else None
    if path is None or path.is_absolute() or ".." in path.parts or "\\" in value or not value:
        raise ValueError(f"must be a file inside the clinic's own folder, not {value!r}")
    return value


Colour = Annotated[str, BeforeValidator(_colour)]
Url = Annotated[str, BeforeValidator(_url)]
Phone = Annotated[str, BeforeValidator(_phone)]
LanguageCode = Annotated[str, AfterValidator(_language)]
LocalText = Annotated[dict[str, Annotated[str, Field(min_length=1)]], BeforeValidator(_per_language)]
LocalLines = Annotated[dict[str, list[str]], BeforeValidator(_per_language)]
OwnFile = Annotated[str, AfterValidator(_inside_folder)]
Cmyk = Annotated[tuple[float, float, float, float], Field(description="C, M, Y, K in per cent")]


class CmykColours(Strict):
    primary: Cmyk | None = None
    accent: Cmyk | None = None
    on_primary: Cmyk | None = None

    @field_validator("primary", "accent", "on_primary")
    @classmethod
    def _percentages(cls, value):
        if value is not None and not all(0 <= part <= 100 for part in value):
            raise ValueError("CMYK values are per cent, from 0 to 100")
        return value


class Colours(Strict):
    primary: Colour
    accent: Colour
    on_primary: Colour  # text printed on the primary colour
    cmyk: CmykColours | None = None


class OwnFonts(Strict):
    heading: OwnFile | None = None
    body: OwnFile | None = None


class Style(Strict):
    """A clinic's choice within its brand; colours and contrast rules stay the same for each."""

    # panel: title, kicker and summary on a block of the primary colour; rule: on the paper, in
    # the primary colour, between accent rules.
    cover: Literal["panel", "rule"] = "panel"
    # A typeface of fonts/fonts.yaml (checked against it with the fonts); none: its first family's.
    typeface: str | None = Field(default=None, pattern=TYPEFACE_NAME)


class Contact(Strict):
    phone: str | None = None
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    website: Url | None = None
    address: LocalLines = {}
    hours: LocalText | None = None
    # Printed under "When to contact the clinic": the number for emergencies where the clinic is
    # (112, 911, ...) and the clinic's own line outside opening hours. They belong to the clinic,
    # never to a translation, which prints for clinics in several countries.
    emergency: Phone | None = None
    out_of_hours: Phone | None = None


class Clinic(Strict):
    id: str = ""  # from the file name
    name: LocalText
    short_name: LocalText | None = None
    tagline: LocalText | None = None
    languages: list[LanguageCode] = Field(min_length=1)
    paper: Literal["a4", "letter"] = "a4"
    logo: OwnFile
    colors: Colours
    fonts: OwnFonts | None = None
    style: Style = Style()
    contact: Contact
    booking_url: Url | None = None
    # How dates are written for each language where the clinic is: en: en_GB gives "1 November
    # 2026" (en alone is American), ar: ar_JO the Levantine month names. A language without one
    # writes dates as the language's default locale does.
    locales: dict[str, LanguageCode] = {}

    @field_validator("languages")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value

    @model_validator(mode="after")
    def _locales_of_its_languages(self) -> "Clinic":
        for lang, code in self.locales.items():
            if lang not in self.languages:
                raise ValueError(f"locales: {lang!r} is not one of the clinic's languages "
                                 f"({', '.join(self.languages)})")
            if code.split("_")[0] != lang.split("_")[0]:
                raise ValueError(f"locales.{lang}: {code!r} is not a locale of {lang!r} (e.g. {lang}_GB)")
        return self

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def date_locale(self, lang: str) -> str:
        return self.locales.get(lang, lang)

    def text(self, field: dict[str, Any] | None, lang: str) -> Any:
        """A per-language field in `lang`, falling back to the clinic's default language."""
        if not field:
            return None
        for key in (lang, "*", self.default_language):
            if key in field:
                return field[key]
        return next(iter(field.values()))


# Where the template prints text in clinic colours (see templates/leaflet.css).
TEXT_PAIRS = (
    colors.TextPair("on_primary", "primary", "title, subtitle and summary on the cover", colors.NORMAL_TEXT),
    colors.TextPair("primary", "white", "headings, questions and contact labels", colors.NORMAL_TEXT),
    colors.TextPair("primary", "tint", "term names in the tinted boxes", colors.NORMAL_TEXT),
)


def clinic_ids(project: Project) -> list[str]:
    folder = project.root / "clinics"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def clinic_folder(project: Project, clinic_id: str) -> Path:
    return project.root / "clinics" / check_slug("clinic", clinic_id)


def clinic_file(project: Project, clinic_id: str) -> Path:
    return project.root / "clinics" / f"{check_slug('clinic', clinic_id)}.yaml"


def load_clinic(project: Project, clinic_id: str) -> tuple[Clinic, list[Problem]]:
    """The validated clinic and its warnings; every error of the file raises at once."""
    path = clinic_file(project, clinic_id)
    shown = project.relative(path)
    data = read_yaml(project.files, path, shown)
    if not isinstance(data, dict):
        raise BrochureError(Problem(shown, "must be a mapping of clinic fields"))
    try:
        clinic = Clinic.model_validate({**data, "id": clinic_id})
    except ValidationError as error:
        raise BrochureError(problems_from(error, shown, lines=lambda: yaml_lines(project.files, path))) from None
    errors, warnings = _file_problems(project, clinic, shown)
    errors += _contrast_problems(clinic, shown)
    more_errors, more_warnings = _language_problems(clinic, shown)
    if errors + more_errors:
        raise BrochureError(errors + more_errors)
    return clinic, warnings + more_warnings


def _file_problems(project: Project, clinic: Clinic, shown: str) -> tuple[list[Problem], list[Problem]]:
    folder = clinic_folder(project, clinic.id)
    try:
        errors, warnings = logo_problems(clinic.logo, project.files.read(folder / clinic.logo))
    except FileNotFoundError:
        errors, warnings = logo_problems(clinic.logo, None)
    except OutsideContent:
        errors, warnings = ["logo file leads outside the content folder"], []
    found_errors = [Problem(shown, m, "logo") for m in errors]
    found_warnings = [Problem(shown, m, "logo") for m in warnings]
    for role in ("heading", "body"):
        name = getattr(clinic.fonts, role, None) if clinic.fonts else None
        if name and Path(name).suffix.lower() not in FONT_KINDS:
            found_errors.append(Problem(shown, "font must be a .ttf, .otf, .woff or .woff2 file", f"fonts.{role}"))
        elif name and not _is_file(project, folder / name):
            found_errors.append(Problem(shown, f"font file not found: clinics/{clinic.id}/{name}", f"fonts.{role}"))
    return found_errors, found_warnings


def _is_file(project: Project, path: Path) -> bool:
    try:
        return project.files.is_file(path)
    except OutsideContent:
        return False


def palette(clinic: Clinic) -> dict[str, str]:
    c = clinic.colors
    return {"primary": c.primary, "accent": c.accent, "on_primary": c.on_primary,
            "tint": colors.tint(c.primary), "white": colors.WHITE, "text": colors.TEXT}


def _contrast_problems(clinic: Clinic, shown: str) -> list[Problem]:
    shades = palette(clinic)
    problems = []
    for pair in TEXT_PAIRS:
        ratio = colors.contrast(shades[pair.foreground], shades[pair.background])
        if ratio < pair.minimum:
            problems.append(Problem(shown, (
                f"{pair.foreground} {shades[pair.foreground]} on {pair.background} {shades[pair.background]} "
                f"({pair.used_for}) has contrast {ratio:.2f}:1; needs {pair.minimum:g}:1"), "colors"))
    return problems


def _language_problems(clinic: Clinic, shown: str) -> tuple[list[Problem], list[Problem]]:
    errors, warnings = [], []
    fields = {"name": clinic.name, "short_name": clinic.short_name, "tagline": clinic.tagline,
              "contact.address": clinic.contact.address, "contact.hours": clinic.contact.hours}
    for place, field in fields.items():
        if not field or "*" in field:
            continue
        for key in field:
            if key not in clinic.languages:
                errors.append(Problem(shown, f"{key!r} is not one of the clinic's languages "
                                             f"({', '.join(clinic.languages)})", f"{place}.{key}"))
        for lang in clinic.languages:
            if lang not in field:
                printed = next(key for key in (clinic.default_language, *field) if key in field)
                warnings.append(Problem(shown, f"no {lang!r} text; the {printed!r} text is printed", place))
    return errors, warnings


def printable_clinic(project: Project, clinic_id: str, fonts: Fonts) -> tuple[Clinic, list[Problem]]:
    """A clinic as `check` reads it: `load_clinic`, and every character of its text in a declared font."""
    clinic, warnings = load_clinic(project, clinic_id)
    problems = clinic_problems(clinic, project.relative(clinic_file(project, clinic_id)), fonts)
    if problems:
        raise BrochureError(problems)
    return clinic, warnings


def clinic_problems(clinic: Clinic, shown: str, fonts: Fonts) -> list[Problem]:
    problems = []
    typeface = clinic.style.typeface
    if typeface and typeface not in fonts.typefaces:
        problems.append(Problem(shown, f"no family of fonts/fonts.yaml has typeface {typeface!r} "
                                       f"(declared: {', '.join(fonts.typefaces)})", "style.typeface"))
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
            yield _keyed(place, key), text, _text_language(clinic, key)
    for key, lines in clinic.contact.address.items():
        for index, line in enumerate(lines):
            yield f"{_keyed('contact.address', key)}[{index}]", line, _text_language(clinic, key)
    for place in ("contact.phone", "contact.email", "contact.website", "booking_url"):
        owner, _, name = place.rpartition(".")
        value = getattr(clinic.contact if owner else clinic, name)
        if value:
            yield place, value, clinic.default_language


def _keyed(place: str, key: str) -> str:
    return place if key == "*" else f"{place}.{key}"  # "*": one value for every language


def _text_language(clinic: Clinic, key: str) -> str:
    return clinic.default_language if key == "*" else key


def load_clinics(project: Project, requested: list[str]) -> tuple[dict[str, Clinic], list[Problem]]:
    """The named clinics (or all), validated; every problem of every clinic file at once."""
    known = clinic_ids(project)
    for clinic_id in requested:
        check_slug("clinic", clinic_id)
        if clinic_id not in known:
            raise BrochureError(f"unknown clinic {clinic_id!r} (known: {', '.join(known) or 'none'})")
    clinics, warnings, errors = {}, [], []
    for clinic_id in requested or known:
        try:
            clinics[clinic_id], found = load_clinic(project, clinic_id)
            warnings += found
        except BrochureError as error:
            errors += error.problems
    if errors:
        raise BrochureError(errors)
    available = project.languages()
    for clinic_id, clinic in clinics.items():
        for index, lang in enumerate(clinic.languages):
            if lang not in available:
                errors.append(Problem(f"clinics/{clinic_id}.yaml", f"no catalog for {lang!r}; start one with "
                                                                   f"'make_brochure.py init {lang}'",
                                      f"languages[{index}]"))
    if errors:
        raise BrochureError(errors)
    return clinics, warnings
