"""How hard a leaflet is to read in each language: a formula made for each, and the limits a content folder sets.

Counting and the formulas are pure functions of a text: `count` gives words,
sentences, syllables and long words, `score(text, lang)` the formula's name and
value. Each line of a text ends a sentence, so a bullet item without a full stop
counts as one. Syllables are counted with pyphen's hyphenation dictionaries
(bundled with it, so nothing is fetched at run time): hyphenation points + 1 per
word. A hyphenation dictionary never leaves one letter alone ("again", "area"),
so short words count a syllable short now and then.

`readability.yaml` at the root of the content folder may set the limits, e.g.
`en: {max: 8}` or `es: {min: 60}`; a language it does not name keeps its formula's
default. `check` warns about a score beyond its limit (`check --strict` fails).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import pyphen
from babel.messages.catalog import Catalog

from ..content.leaflet import Leaflet, iter_texts
from ..content.markup import MarkupError, plain_text
from ..errors import BrochureError, Problem
from ..languages import SOURCE_LANGUAGE, check_language
from ..project import Project
from ..yamlfile import read_yaml, yaml_lines
from .translator import Translator

LIMITS_FILE = "readability.yaml"
DEFAULT = "default"  # where a limit comes from when readability.yaml does not set it

# A word: letters or digits, with apostrophes, hyphens or decimal signs inside ("don't", "1.5").
_WORD = re.compile(r"\w+(?:['’\-‐.,]\w+)*")
_PARTS = re.compile(r"[-‐]")
# Ends of sentences, in the scripts of the catalogs and a few more: Arabic ؟ and ۔, the Devanagari
# danda, CJK full-width forms, and the Greek question mark (U+037E, which NFC turns into ';').
_ENDS = ".!?…‼⁇⁈⁉؟۔।。！？"
_GREEK_ENDS = _ENDS + ";"
_CLOSERS = "\"'”’»)]"


@dataclass(frozen=True)
class Counts:
    words: int = 0
    sentences: int = 0
    syllables: int = 0  # 0 where pyphen has no dictionary for the language (LIX needs none)
    long_words: int = 0  # more than 6 letters (LIX)


@lru_cache(maxsize=16384)  # the same texts are scored again whenever a project is checked again
def count(text: str, lang: str) -> Counts:
    """Words, sentences, syllables and long words of `text`; every line ends a sentence."""
    words = sentences = syllables = long_words = 0
    for sentence in split_sentences(text, lang):
        found = _WORD.findall(sentence)
        if not found:
            continue
        sentences += 1
        words += len(found)
        syllables += sum(count_syllables(word, lang) for word in found)
        long_words += sum(sum(c.isalpha() for c in word) > 6 for word in found)
    return Counts(words, sentences, syllables, long_words)


def split_sentences(text: str, lang: str) -> list[str]:
    """Sentences end at a line's end and at . ! ? (and their forms in other scripts) before a space."""
    ends = _GREEK_ENDS if lang.split("_")[0] == "el" else _ENDS
    pattern = _sentence_end(ends)
    return [part for line in _normal(text).splitlines() for part in pattern.split(line) if part.strip()]


@lru_cache(maxsize=4)
def _sentence_end(ends: str) -> re.Pattern:
    # Only before a space, a closing quote or the end: "1.5", "example.org" and "e.g.x" stay whole.
    return re.compile(f"[{re.escape(ends)}]+(?=[\\s{re.escape(_CLOSERS)}]|$)")


def _normal(text: str) -> str:
    """NFC without combining marks (Arabic short vowels, stray accents): they are no letters and split no word."""
    return unicodedata.normalize("NFC", text).translate(_MARKS)


class _MarksDropped(dict):
    """A str.translate table that drops combining marks, filled in as characters are first met."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.category(chr(code)).startswith("M") else code
        return self[code]


_MARKS = _MarksDropped()


@lru_cache(maxsize=65536)
def count_syllables(word: str, lang: str) -> int:
    """Hyphenation points + 1 for each part of a hyphenated word; 0 without a dictionary for `lang`."""
    dictionary = _dictionary(lang)
    if dictionary is None:
        return 0
    return sum(len(dictionary.positions(part)) + 1 for part in _PARTS.split(word) if part)


@lru_cache(maxsize=None)
def _dictionary(lang: str) -> pyphen.Pyphen | None:
    found = pyphen.language_fallback(lang)
    return pyphen.Pyphen(lang=found) if found else None


# --- the formulas ------------------------------------------------------------

def flesch_kincaid(c: Counts) -> float:
    """Flesch–Kincaid grade level (English): a school grade; lower is easier."""
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def fernandez_huerta(c: Counts) -> float:
    """Fernández-Huerta (Spanish): 206.84 − 0.60 P − 1.02 F, P syllables and F sentences per 100 words."""
    return 206.84 - 0.60 * (100 * c.syllables / c.words) - 1.02 * (100 * c.sentences / c.words)


def kandel_moles(c: Counts) -> float:
    """Kandel–Moles (French): Flesch's reading ease refitted for French; higher is easier."""
    return 207 - 1.015 * c.words / c.sentences - 73.6 * c.syllables / c.words


def amstad(c: Counts) -> float:
    """Amstad (German): Flesch's reading ease refitted for German; higher is easier."""
    return 180 - c.words / c.sentences - 58.5 * c.syllables / c.words


def lix(c: Counts) -> float:
    """LIX (Björnsson): words per sentence + per cent of words longer than 6 letters; lower is easier."""
    return c.words / c.sentences + 100 * c.long_words / c.words


@dataclass(frozen=True)
class Formula:
    name: str
    compute: Callable[[Counts], float]
    lower_is_easier: bool
    default: float  # the limit when readability.yaml sets none
    decimals: int = 0  # as shown, and as compared with the limit

    @property
    def bound(self) -> str:
        """The key of its limit in readability.yaml."""
        return "max" if self.lower_is_easier else "min"


FLESCH_KINCAID = Formula("Flesch–Kincaid grade", flesch_kincaid, True, 8, decimals=1)
FERNANDEZ_HUERTA = Formula("Fernández-Huerta", fernandez_huerta, False, 60)
KANDEL_MOLES = Formula("Kandel–Moles", kandel_moles, False, 60)
AMSTAD = Formula("Amstad", amstad, False, 50)
LIX = Formula("LIX", lix, True, 40)
# Arabic is scored with LIX, not with OSMAN (El-Haj and Rayson, LREC 2016). OSMAN's equation is
# 200.791 − 1.015 words/sentence − 24.181 × (hard words + syllables + complex words + "faseeh"
# words) / words, but its syllables, complex words (by syllable count) and faseeh words are all
# counted from the short-vowel marks (tashkeel), which the paper added to its undiacritised
# corpus with a diacritiser (Mishkal). Our catalogs are written without them, no diacritiser
# ships with the tool (pyphen has no Arabic dictionary), and the published implementations
# disagree on the thresholds (more than 4 or at least 4 marks; more than 5 or at least 5
# letters). Scored without marks, OSMAN would rest on its two length terms alone and claim a
# precision it does not have; LIX uses only those, and says so.
FORMULAS = {"en": FLESCH_KINCAID, "es": FERNANDEZ_HUERTA, "fr": KANDEL_MOLES, "de": AMSTAD}


def formula_for(lang: str) -> Formula:
    """The formula made for the language (`es_MX` as `es`); LIX for every other one."""
    return FORMULAS.get(lang.split("_")[0], LIX)


def score(text: str, lang: str) -> tuple[str, float | None]:
    """The name of the language's formula and its value for `text`; None when the text has no words."""
    formula = formula_for(lang)
    counts = count(text, lang)
    return formula.name, formula.compute(counts) if counts.words else None


# --- limits ------------------------------------------------------------------

@dataclass(frozen=True)
class Limit:
    value: float
    source: str  # "readability.yaml" or DEFAULT


def limit_for(limits: dict[str, Limit], lang: str) -> Limit:
    """What readability.yaml sets for the language (or, for `pt_BR`, for `pt`), else the formula's default."""
    for key in (lang, lang.split("_")[0]):
        if key in limits:
            return limits[key]
    return Limit(formula_for(lang).default, DEFAULT)


def load_limits(project: Project) -> dict[str, Limit]:
    """The limits readability.yaml sets, by language; none without the file. Every problem raises at once."""
    path = project.root / LIMITS_FILE
    if not project.files.is_file(path):
        return {}
    shown = project.relative(path)
    return parse_limits(read_yaml(project.files, path, shown), shown, lambda: yaml_lines(project.files, path))


def parse_limits(data: Any, shown: str, lines: Callable[[], dict[tuple, int]] | None = None) -> dict[str, Limit]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BrochureError(Problem(shown, "must be a mapping of language codes to {max: N} or {min: N}"))
    limits, wrong = {}, {}
    for lang, given in data.items():
        try:
            limits[str(lang)] = Limit(_limit(str(lang), given), shown)
        except ValueError as error:
            wrong[str(lang)] = str(error)
    if wrong:
        where = lines() if lines else {}
        raise BrochureError([Problem(shown, message, lang, line=where.get((lang,))) for lang, message in wrong.items()])
    return limits


def _limit(lang: str, given: Any) -> float:
    try:
        check_language(lang)
    except BrochureError as error:
        raise ValueError(error.problems[0].message) from None
    formula = formula_for(lang)
    easier = "lower" if formula.lower_is_easier else "higher"
    wanted = f"{{{formula.bound}: NUMBER}} ({formula.name}: {easier} is easier)"
    if not isinstance(given, dict) or len(given) != 1:
        raise ValueError(f"must be {wanted}, not {given!r}")
    (bound, value), = given.items()
    if bound not in ("max", "min"):
        raise ValueError(f"must be {wanted}, not {given!r}")
    if bound != formula.bound:
        raise ValueError(f"{formula.name}: {easier} is easier, so the limit is a {formula.bound}, not a {bound}")
    number = _number(value)
    if number is None:
        raise ValueError(f"{bound}: not a number: {value!r}")
    return number


def _number(value: Any) -> float | None:
    # The YAML reader keeps 7.5 as the text "7.5" (only whole numbers are resolved).
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and re.fullmatch(r"[-+]?\d+(?:\.\d+)?", value):
        return float(value)
    return None


# --- scores of leaflets ------------------------------------------------------

@dataclass(frozen=True)
class Score:
    shown: str  # the leaflet's file
    leaflet: str
    lang: str
    formula: Formula
    value: float | None  # None: nothing of the leaflet is translated
    limit: Limit

    @property
    def shown_value(self) -> str:
        return "-" if self.value is None else f"{self.value:.{self.formula.decimals}f}"

    @property
    def wanted(self) -> str:
        return f"{'at most' if self.formula.lower_is_easier else 'at least'} {self.limit.value:g}"

    @property
    def ok(self) -> bool:
        """Within the limit, as shown (a score shown as 50 meets "at least 50")."""
        if self.value is None:
            return True
        value = round(self.value, self.formula.decimals)
        return value <= self.limit.value if self.formula.lower_is_easier else value >= self.limit.value

    def problem(self) -> Problem:
        return Problem(self.shown, f"{self.lang}: readability: {self.formula.name} {self.shown_value} "
                                   f"({self.wanted} wanted; {self.limit.source})")


def printed_text(leaflet: Leaflet, translate: Callable[[str], str | None]) -> str:
    """Every text of the leaflet as printed, markers removed, one per line; `translate` gives None to skip a text."""
    lines = []
    for _, value in iter_texts(leaflet):
        text = translate(value.text)
        if text is not None:
            lines.append(" ".join(_plain(text).split()))
    return "\n".join(lines)


def _plain(text: str) -> str:
    try:
        return plain_text(text)
    except MarkupError:  # a broken translation, which `check` reports as an error
        return text


def leaflet_score(shown: str, leaflet: Leaflet, lang: str, translate: Callable[[str], str | None],
                  limits: dict[str, Limit]) -> Score:
    _, value = score(printed_text(leaflet, translate), lang)
    return Score(shown, leaflet.id, lang, formula_for(lang), value, limit_for(limits, lang))


def project_scores(project: Project, leaflets: dict[str, Leaflet], catalogs: dict[str, Catalog],
                   limits: dict[str, Limit]) -> list[Score]:
    """Every leaflet in the source language and in the language of every catalog given (those that could be read)."""
    translations = {SOURCE_LANGUAGE: _source}
    translations |= {lang: _translation(lang, catalog) for lang, catalog in catalogs.items() if lang != SOURCE_LANGUAGE}
    return [leaflet_score(project.relative(project.brochure_path(brochure_id)), leaflet, lang, translate, limits)
            for brochure_id, leaflet in leaflets.items() for lang, translate in translations.items()]


def _source(msgid: str) -> str:
    return msgid


def _translation(lang: str, catalog: Catalog) -> Callable[[str], str | None]:
    """msgid -> its translation; None where it is missing or fuzzy (the source text would be printed).

    A translation with an error is scored as written: `check` reports it, and it is scored once fixed.
    """
    messages = Translator.from_catalog(lang, catalog).messages
    return lambda msgid: found if isinstance(found := messages.get(msgid), str) else None
