"""What is wrong with a catalog's translations: the rules `check` reports and the build enforces.

A translation with an error is never printed (the build refuses the leaflets
that use it); warnings (untranslated, fuzzy, obsolete, a plural rule other than
CLDR's) are only listed. Each finding is one line naming the file, the line, the language and the
message, e.g. `locales/el/.../brochures.po:120: el: "Page %(page)s of…": placeholder
%(pages)s missing in the translation`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from babel import __version__ as babel_version
from babel.messages.catalog import Catalog, Message

from ..content.markup import MarkupError, structure, unprintable_markup
from ..errors import BrochureError, Finding, Problem
from ..fonts import Fonts, no_font_has
from ..languages import check_language
from ..project import Project
from .plurals import PluralRule, cldr_rule, same_rule
from .pofile import quoted_msgid, read_catalog
from .translator import translated

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
_URL = re.compile(r"(?:https?|mailto|tel):[^\s)\]]+")
# A number with thousands grouped as its language groups them ("1,000", "1.000", "1 000" with a
# no-break or narrow no-break space, Arabic "1٬000") is the same number as "1000"; otherwise a
# decimal comma is a decimal point.
_GROUPED = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f\u066c]\d{3})+(?!\d)")
_NUMBER = re.compile(_GROUPED.pattern + r"|\d+(?:[.,]\d+)?")
_UNITS = ("mm", "cm", "ml", "mg", "kg", "SPF", "UV", "°C", "%")
# A unit stands alone (not inside a word); `%(` starts a placeholder, not a percentage.
_UNIT = re.compile(r"(?<![^\W\d_])(" + "|".join(re.escape(u) for u in _UNITS) + r")(?![^\W\d_]|\()")
# Something an HTML parser would take for a tag, a comment or a declaration.
_HTML_TAG = re.compile(r"<\s*(?:[A-Za-z][^\s/>]*|/\s*[A-Za-z][^\s>]*|!|\?)")
# Services that exist in one country only. A translation prints for clinics in several countries,
# so it may not name one the source does not (the clinic's file gives its own numbers).
_SERVICES = re.compile(r"\b(?:SAMU|SMUR|SAMUR|SUMMA|SEM|ΕΚΑΒ|NHS|Cruz Roja|Croix-Rouge|Rotes Kreuz|"
                       r"Rettungsleitstelle)\b|الدفاع المدني|الهلال الأحمر")
_LOCAL_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")


def check_catalog(project: Project, lang: str, fonts: Fonts) -> tuple[list[Finding], Catalog | None]:
    """Every finding for one catalog, as `check` lists them, and the catalog (None when it could not be read)."""
    path = project.po_path(lang)
    shown = project.relative(path)
    try:
        check_language(lang)
        catalog = read_catalog(project, lang)
    except BrochureError as error:
        return [Finding("error", p) for p in error.problems], None
    findings = plural_rule_warning(project, lang, catalog)
    untranslated = fuzzy = 0
    for message in catalog:
        if not message.id:
            continue
        fuzzy += bool(message.fuzzy)
        untranslated += not message.fuzzy and not translated(message.string)
    findings += [finding for _, finding in translation_findings(shown, lang, catalog, fonts.covered(lang))]
    for count, what in ((untranslated, "untranslated"), (fuzzy, "fuzzy"), (len(catalog.obsolete), "obsolete")):
        if count:
            findings.append(Finding("warning", Problem(shown, f"{lang}: {count} {what} message{'s' * (count != 1)}")))
    return findings, catalog


def translation_findings(shown: str, lang: str, catalog: Catalog,
                         glyphs: frozenset[int]) -> list[tuple[str, Finding]]:
    """(msgid, finding) for every problem of a translation that would be printed; `glyphs`: what the fonts cover."""
    found = []
    for message in catalog:
        if not message.id or message.fuzzy or not translated(message.string):
            continue
        key = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
        for level, text in message_problems(message, glyphs):
            problem = Problem(shown, f"{lang}: {quoted_msgid(message.id)}: {text}", line=message.lineno)
            found.append((key, Finding(level, problem)))
    return found


def broken_translations(shown: str, lang: str, catalog: Catalog, glyphs: frozenset[int]) -> dict[str, list[str]]:
    """msgid -> error lines, for translations a build must not print."""
    broken: dict[str, list[str]] = {}
    for msgid, finding in translation_findings(shown, lang, catalog, glyphs):
        if finding.level == "error":
            broken.setdefault(msgid, []).append(str(finding))
    return broken


def plural_rule_warning(project: Project, lang: str, catalog: Catalog) -> list[Finding]:
    """A valid rule other than CLDR's is worth a warning that names both, never a refusal."""
    rule, cldr = PluralRule(catalog.num_plurals, catalog.plural_expr), cldr_rule(lang)
    if same_rule(rule, cldr):
        return []
    shown = project.relative(project.po_path(lang))
    return [Finding("warning", Problem(shown, f"{lang}: header Plural-Forms is {str(rule)!r}; CLDR's rule "
                                              f"(Babel {babel_version}) is {str(cldr)!r}; both are valid "
                                              "('init' writes CLDR's)", line=1))]


def message_problems(message: Message, glyphs: frozenset[int]) -> list[tuple[str, str]]:
    pairs = _pairs(message)
    found: list[tuple[str, str]] = []
    for source, translation in pairs:
        found += _compare(source, translation, glyphs)
    return list(dict.fromkeys(found))


def _pairs(message: Message) -> list[tuple[str, str]]:
    if isinstance(message.id, (list, tuple)):
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        return [(message.id[0] if i == 0 else message.id[1], s) for i, s in enumerate(strings)]
    return [(message.id, message.string)]


@lru_cache(maxsize=16384)  # a catalog checked again (check, then build; the workspace) mostly repeats itself
def _compare(source: str, translation: str, glyphs: frozenset[int]) -> tuple[tuple[str, str], ...]:
    return tuple(_comparison(source, translation, glyphs))


def _comparison(source: str, translation: str, glyphs: frozenset[int]) -> list[tuple[str, str]]:
    found = []
    if len(translation) > 3 * len(source) + 100:
        found.append(("error", f"the translation is {len(translation):,} characters long, more than three times "
                               f"the source ({len(source):,})"))
    tags = [tag for tag in _HTML_TAG.findall(translation) if tag not in _HTML_TAG.findall(source)]
    if tags:
        found.append(("error", f"HTML is not allowed in a translation ({', '.join(map(repr, dict.fromkeys(tags)))}); "
                               "use the inline markup of the source"))
    wanted, given = _PLACEHOLDER.findall(source), _PLACEHOLDER.findall(translation)
    for name in _missing(wanted, given):
        found.append(("error", f"placeholder %({name})s missing from the translation"))
    for name in _missing(given, wanted):
        found.append(("error", f"placeholder %({name})s is not in the source"))
    try:
        if structure(source) != structure(translation):
            found.append(("error", f"markup differs: source {list(structure(source))}, "
                                  f"translation {list(structure(translation))}"))
    except MarkupError as error:
        found.append(("error", f"broken markup in the translation: {error}"))
    if sorted(_URL.findall(source)) != sorted(_URL.findall(translation)):
        found.append(("error", f"URLs differ: source {_URL.findall(source)}, translation {_URL.findall(translation)}"))
    missing = _missing(_numbers(source), _numbers(translation))
    if missing:
        found.append(("error", f"number{'s' * (len(missing) > 1)} {', '.join(missing)} missing from the translation"))
    added = _missing(_numbers(translation), _numbers(source))
    if added:
        found.append(("error", f"number{'s' * (len(added) > 1)} {', '.join(added)} not in the source: a translation "
                               "prints for clinics in several countries; phone numbers come from the clinic's file"))
    services = _missing(_SERVICES.findall(translation), _SERVICES.findall(source))
    if services:
        found.append(("error", f"names {', '.join(dict.fromkeys(services))}, which the source does not: a service of "
                               "one country prints wrongly for clinics in others; say what the source says"))
    units = _missing(_UNIT.findall(source), _UNIT.findall(translation))
    if units:
        found.append(("error", f"unit{'s' * (len(units) > 1)} {', '.join(units)} missing from the translation"))
    if _edges(source) != _edges(translation):
        found.append(("error", "leading or trailing whitespace differs from the source"))
    unprintable = unprintable_markup(translation, glyphs)
    if unprintable:
        found.append(("error", no_font_has(unprintable)))
    return found


def _edges(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]


def _numbers(text: str) -> list[str]:
    return [re.sub(r"\D", "", n) if _GROUPED.fullmatch(n) else n.replace(",", ".")
            for n in _NUMBER.findall(text.translate(_LOCAL_DIGITS))]


def _missing(source: list[str], translation: list[str]) -> list[str]:
    remaining = list(translation)
    missing = []
    for item in source:
        if item in remaining:
            remaining.remove(item)
        else:
            missing.append(item)
    return missing
