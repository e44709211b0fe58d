"""The fonts leaflets are printed with, as declared in fonts/fonts.yaml.

`load_fonts` reads and validates the declaration (every problem at once, one
line each, like other content files) and opens every face, so a missing or
corrupt font is reported before anything is rendered. The stylesheet's
`@font-face` rules and each language's font stack are generated from it, and
the glyph coverage checks read the same files: the renderer uses no other font
(see pdf/renderer.py), so what is checked is what is printed.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path, PurePosixPath
from typing import Annotated, Literal
from urllib.parse import quote

from pydantic import AfterValidator, Field, ValidationError, ValidationInfo

from .errors import BrochureError, Problem
from .files import ContentFiles, OutsideContent
from .languages import check_language
from .schema import Strict, problems_from
from .yamlfile import read_yaml, yaml_lines

DECLARATION = "fonts.yaml"
FONT_KINDS = (".ttf", ".otf", ".woff", ".woff2")
# Family names are written into CSS strings as they are, so they keep to a safe alphabet.
_FAMILY_NAME = re.compile(r"^\w[\w -]*$")
TYPEFACE_NAME = r"^[a-z][a-z0-9-]{0,31}$"  # a clinic file names one too (style.typeface)
_TYPEFACE = re.compile(TYPEFACE_NAME)


def _family_name(value: str) -> str:
    if not _FAMILY_NAME.fullmatch(value) or value != value.strip():
        raise ValueError(f"not a usable family name: {value!r} (letters, digits, spaces, '-' and '_')")
    return value


def _typeface(value: str) -> str:
    if not _TYPEFACE.fullmatch(value):
        raise ValueError(f"not a usable typeface name: {value!r} (lower-case letters, digits and '-')")
    return value


def _font_file(value: str, info: ValidationInfo) -> str:
    path = PurePosixPath(value)
    if not value or path.is_absolute() or ".." in path.parts or "\\" in value:
        raise ValueError(f"must be a file inside fonts/, not {value!r}")
    if path.suffix.lower() not in FONT_KINDS:
        raise ValueError(f"must be a .ttf, .otf, .woff or .woff2 file, not {value!r}")
    # Opened here, not afterwards, so a missing or broken font is listed with the schema's problems.
    _face_characters(info.context["files"], info.context["folder"], value)
    return value


def _language(value: str) -> str:
    try:
        return check_language(value)
    except BrochureError:
        raise ValueError(f"unknown language code {value!r}") from None


class Face(Strict):
    file: Annotated[str, AfterValidator(_font_file)]  # inside fonts/
    weight: Literal[100, 200, 300, 400, 500, 600, 700, 800, 900] = 400  # the weights WeasyPrint maps
    style: Literal["normal", "italic", "oblique"] = "normal"


class Family(Strict):
    family: Annotated[str, AfterValidator(_family_name)]  # the CSS family name
    # The typeface a clinic chooses (clinic file, style.typeface) puts its families first; the
    # others follow as fallbacks for the scripts it lacks.
    typeface: Annotated[str, AfterValidator(_typeface)] = "sans"
    # Languages that put this family first among its typeface's, so digits and punctuation match
    # the script around them.
    first_for: list[Annotated[str, AfterValidator(_language)]] = []
    faces: list[Face] = Field(min_length=1)

    @property
    def regular(self) -> Face:
        """The face its characters are read from: the regular one (bold and italic cover the same), else the first."""
        return next((f for f in self.faces if f.weight == 400 and f.style == "normal"), self.faces[0])


class Declaration(Strict):
    families: list[Family] = Field(min_length=1)


@dataclass(frozen=True)
class Fonts:
    """The declared families in their order, and the characters each face file has."""

    families: tuple[Family, ...]
    characters: dict[str, frozenset[int]]  # face file -> the code points of its character map
    names: dict[str, str] = field(default_factory=dict)  # declared family -> the family name its regular face gives

    @property
    def typefaces(self) -> list[str]:
        """The typefaces declared, the default (the first family's) first."""
        return list(dict.fromkeys(family.typeface for family in self.families))

    @property
    def default_typeface(self) -> str:
        return self.families[0].typeface

    def families_for(self, lang: str, typeface: str | None = None) -> list[str]:
        """The typeface's families (the language's own first, if one claims it, then in declared
        order), then every other family that has characters none before it has, as a fallback:
        what can be printed is the same whatever the typeface, and no font is loaded for nothing."""
        chosen = typeface or self.default_typeface
        groups = [chosen] + [name for name in self.typefaces if name != chosen]
        stack: list[str] = []
        has: set[int] = set()
        for group in groups:
            members = [family for family in self.families if family.typeface == group]
            first = self._first_for(lang, members)
            ordered = ([first] if first else []) + [f.family for f in members if f.family != first]
            for name in ordered:
                points = self.characters[self._family(name).regular.file]
                if group == chosen or not points <= has:
                    stack.append(name)
                    has |= points
        return stack

    def _family(self, name: str) -> Family:
        return next(family for family in self.families if family.family == name)

    @staticmethod
    def _first_for(lang: str, families: list[Family]) -> str | None:
        for code in (lang, lang.split("_")[0]):
            for family in families:
                if code in family.first_for:
                    return family.family
        return None

    def face_css(self, fonts_url: str, families: list[str] | None = None) -> str:
        """`@font-face` rules for every face of `families` (default: every declared family), `fonts_url`
        ending with '/'."""
        wanted = set(families) if families is not None else {family.family for family in self.families}
        return "\n".join(
            f'@font-face {{ font-family: "{family.family}"; src: url("{fonts_url}{quote(face.file)}"); '
            f"font-weight: {face.weight}; font-style: {face.style}; }}"
            for family in self.families if family.family in wanted for face in family.faces
        )

    def stack_css(self, lang: str, typeface: str | None = None) -> str:
        return ", ".join(f'"{family}"' for family in self.families_for(lang, typeface))

    def screen_stack_css(self, lang: str, typeface: str | None = None) -> str:
        """The HTML twin's stack: the names of the same fonts as a reader's device may have them ("Noto Sans
        Arabic"), then the device's own fonts of the kind (serif for a typeface named so, else sans-serif)."""
        names = dict.fromkeys(self.names[family] for family in self.families_for(lang, typeface)
                              if family in self.names)
        generic = "serif" if (typeface or self.default_typeface) == "serif" else "sans-serif"
        return ", ".join([*(f'"{name}"' for name in names), generic])

    def covered(self, lang: str) -> frozenset[int]:
        """Code points the language's stack can print: every declared family is within its reach
        (a typeface's own families, then the others as fallbacks), whatever the language or typeface."""
        return self._printable

    @cached_property
    def _printable(self) -> frozenset[int]:
        return frozenset().union(*(self.characters[family.regular.file] for family in self.families))


# --- loading ---------------------------------------------------------------

def load_fonts(files: ContentFiles, folder: Path = Path("fonts")) -> Fonts:
    """fonts/fonts.yaml, validated and with every face opened; every problem raises at once."""
    shown = f"{folder.name}/{DECLARATION}"
    declaration = _read_declaration(files, folder, shown)
    problems = _repeated(declaration, shown)
    if problems:
        raise BrochureError(problems)
    characters = {face.file: _face_characters(files, folder, face.file)
                  for family in declaration.families for face in family.faces}
    names = {family.family: name for family in declaration.families
             if (name := _family_in_file(files.digest(folder / family.regular.file),
                                         _Uncompared(files.read(folder / family.regular.file)))) is not None}
    return Fonts(tuple(declaration.families), characters, names)


def _read_declaration(files: ContentFiles, folder: Path, shown: str) -> Declaration:
    if not files.is_file(folder / DECLARATION):
        raise BrochureError(Problem(shown, "file not found: it declares the fonts leaflets are printed with "
                                           "(see 'Fonts' in the README)"))
    data = read_yaml(files, folder / DECLARATION, shown)
    if not isinstance(data, dict):
        raise BrochureError(Problem(shown, "must be a mapping with a 'families' list"))
    try:
        return Declaration.model_validate(data, context={"files": files, "folder": folder})
    except ValidationError as error:
        lines = lambda: yaml_lines(files, folder / DECLARATION)  # noqa: E731 - read only if there is an error
        raise BrochureError(problems_from(error, shown, lines=lines)) from None


def _repeated(declaration: Declaration, shown: str) -> list[Problem]:
    """A family, a language's first family or a family's face (weight and style) given twice."""
    problems: list[Problem] = []
    families: dict[str, int] = {}
    first: dict[tuple[str, str], int] = {}  # (typeface, language) -> the family it puts first
    for i, family in enumerate(declaration.families):
        name = family.family.casefold()  # CSS family names ignore case
        if name in families:
            problems.append(Problem(shown, f"{family.family!r} is already declared by families[{families[name]}]",
                                    f"families[{i}].family"))
        families.setdefault(name, i)
        for k, lang in enumerate(family.first_for):
            key = (family.typeface, lang)
            if first.setdefault(key, i) != i:
                problems.append(Problem(shown, f"{lang!r} already puts families[{first[key]}] first in typeface "
                                               f"{family.typeface!r}", f"families[{i}].first_for[{k}]"))
        faces: dict[tuple[int, str], int] = {}
        for j, face in enumerate(family.faces):
            if faces.setdefault((face.weight, face.style), j) != j:
                problems.append(Problem(shown, f"weight {face.weight} and style {face.style} are already "
                                               f"faces[{faces[(face.weight, face.style)]}]",
                                        f"families[{i}].faces[{j}]"))
    return problems


def _face_characters(files: ContentFiles, folder: Path, file: str) -> frozenset[int]:
    """The code points a face file has; ValueError when it is missing, outside or not a font."""
    shown = f"{folder.name}/{file}"
    try:
        # The renderer reads nothing outside the content folder; a symlink out is refused here first.
        if not files.is_file(folder / file):
            raise ValueError(f"font file not found: {shown}")
    except OutsideContent:
        raise ValueError(f"{shown} leads outside the content folder") from None
    return _characters(files.digest(folder / file), shown, _Uncompared(files.read(folder / file)))


class _Uncompared:
    """Bytes that a cache passes along without hashing or comparing them: the digest beside them is the key."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Uncompared)


@lru_cache(maxsize=64)
def _characters(key: str, shown: str, data: _Uncompared) -> frozenset[int]:
    """Parsed once per content (`key` is its digest) in a process: validation and coverage both need it."""
    from fontTools.ttLib import TTFont  # noqa: PLC0415 - only loading the fonts needs it

    try:
        with TTFont(io.BytesIO(data.data), lazy=True) as font:
            font["head"]  # noqa: B018 - parsed to prove the file is a font
            cmap = font.getBestCmap()
    except Exception as error:  # noqa: BLE001 - a damaged file fails in many ways, all meaning "not a font"
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise ValueError(f"{shown} is not a readable font ({reason})") from None
    if not cmap:
        raise ValueError(f"{shown} has no Unicode character map")
    return frozenset(cmap)


@lru_cache(maxsize=64)
def _family_in_file(key: str, data: _Uncompared) -> str | None:
    """The typographic family name a face file gives (what a device that has the font calls it), when it
    keeps to the alphabet that may stand in a CSS string; the file was read as a font before (`_characters`)."""
    from fontTools.ttLib import TTFont  # noqa: PLC0415

    with TTFont(io.BytesIO(data.data), lazy=True) as font:
        name = font["name"].getBestFamilyName() if "name" in font else None
    return name if name and _FAMILY_NAME.match(name) else None


def unprintable(text: str, glyphs: frozenset[int]) -> list[str]:
    """The characters of `text` no font has, sorted; white space and control characters are not drawn."""
    return sorted(c for c in set(text) if not c.isspace() and ord(c) >= 0x20 and ord(c) not in glyphs)


def no_font_has(characters: list[str]) -> str:
    listed = ", ".join(f"U+{ord(c):04X} {c!r}" for c in characters)
    them = "it" if len(characters) == 1 else "them"
    return f"no bundled font has {listed}; add a font that covers {them} to fonts/ and declare it in fonts/fonts.yaml"
