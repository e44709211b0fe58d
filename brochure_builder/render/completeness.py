"""How far each catalog is for each leaflet, and whether it may be printed.

"Used by a leaflet" means the messages of every shape a build can print it in
(render/usage.py, the same function the build uses), unbranded and for each
clinic: `status` and `build` can never disagree. A translated message counts
as translated even when `check` finds an error in it (the build then names
the error instead of printing it).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from ..catalogs.extract import extract_template
from ..catalogs.language import Language, load_language
from ..catalogs.places import places
from ..clinics.clinic import Clinic, clinic_ids, load_clinic
from ..content.leaflet import Leaflet, iter_texts
from ..errors import BrochureError
from ..fonts import load_fonts
from ..project import Project
from .html import Templates, load_templates
from .usage import every_shape, messages_used


@dataclass(frozen=True)
class Row:
    lang: str
    leaflet: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int  # of the whole catalog

    @property
    def percent(self) -> float:
        return round(100 * self.translated / self.total, 1) if self.total else 100.0

    @property
    def printable(self) -> bool:
        return self.translated == self.total

    def as_dict(self) -> dict:
        return {**asdict(self), "percent": self.percent, "printable": self.printable}


def valid_clinics(project: Project) -> list[Clinic]:
    clinics = []
    for clinic_id in clinic_ids(project):
        try:
            clinics.append(load_clinic(project, clinic_id)[0])
        except BrochureError:
            continue  # reported by 'check'; its labels are the same as any valid clinic's
    return clinics


def leaflet_messages(templates: Templates, leaflet: Leaflet, clinics: list[Clinic]) -> frozenset[str]:
    """What any build can print of a leaflet: the messages of its every shape, unbranded and for each clinic."""
    by_id: dict[str | None, Clinic | None] = {None: None, **{clinic.id: clinic for clinic in clinics}}
    used: set[str] = set()
    for shape in every_shape(leaflet.id, by_id):
        used |= messages_used(templates, leaflet, by_id[shape.clinic_id], shape)
    return frozenset(used)


def leaflet_row(language: Language, leaflet_id: str, used: frozenset[str]) -> Row:
    gaps = language.gaps(used)
    obsolete = len(language.catalog.obsolete) if language.catalog is not None else 0
    translated = len(used) - gaps.untranslated - gaps.fuzzy
    return Row(language.lang, leaflet_id, len(used), translated, gaps.fuzzy, gaps.untranslated, obsolete)


def status(project: Project, leaflets: list[Leaflet], langs: list[str] | None = None) -> list[Row]:
    fonts = load_fonts(project.files)
    templates = load_templates(project, fonts)
    clinics = valid_clinics(project)
    used = {leaflet.id: leaflet_messages(templates, leaflet, clinics) for leaflet in leaflets}
    rows = []
    for lang in langs or project.catalog_langs():
        language = load_language(project, lang, fonts)
        rows.extend(leaflet_row(language, leaflet.id, used[leaflet.id]) for leaflet in leaflets)
    return rows


@dataclass(frozen=True)
class Missing:
    """One message that keeps a leaflet from printing in a language, and where it stands."""

    lang: str
    leaflet: str
    state: str  # "untranslated", "fuzzy" or "broken"
    msgid: str
    places: tuple[str, ...]  # in the leaflet ("chemical-peels: sections[2].heading") or a template line
    catalog: str  # the catalog file, as messages name it
    line: int | None  # of the entry in the catalog; None when the catalog has no entry (run 'update')
    problems: tuple[str, ...] = ()  # why a broken translation cannot be printed (check's lines)

    def as_dict(self) -> dict:
        return asdict(self)


def missing_messages(project: Project, leaflets: list[Leaflet], lang: str) -> list[Missing]:
    """Every message each leaflet uses that is untranslated, fuzzy or broken in `lang`: the leaflet's own
    texts in reading order, then the template strings in the template's order."""
    fonts = load_fonts(project.files)
    templates = load_templates(project, fonts)
    clinics = valid_clinics(project)
    language = load_language(project, lang, fonts)
    template = [message for message in extract_template(project) if isinstance(message.id, str) and message.id]
    where = {message.id: places(message) for message in template}
    template_order = {message.id: index for index, message in enumerate(template)}
    broken = language.broken or {}
    found = []
    for leaflet in leaflets:
        used = leaflet_messages(templates, leaflet, clinics)
        states = {**language.missing(used), **{msgid: "broken" for msgid in broken if msgid in used}}
        own: dict[str, int] = {}
        for index, (_, value) in enumerate(iter_texts(leaflet)):
            own.setdefault(value.text, index)

        def order(msgid: str, own=own) -> tuple:
            return (0, own[msgid], "") if msgid in own else (1, template_order.get(msgid, -1), msgid)

        for msgid in sorted(states, key=order):
            entry = language.catalog.get(msgid) if language.catalog is not None else None
            mine = sorted(p for p in where.get(msgid, ()) if p.startswith((f"{leaflet.id}: ", "templates/")))
            found.append(Missing(lang, leaflet.id, states[msgid], msgid, tuple(mine), language.shown,
                                 entry.lineno if entry is not None else None, tuple(broken.get(msgid, ()))))
    return found
