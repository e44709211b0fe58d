"""How far each catalog is for each leaflet, and whether it may be printed.

"Used by a leaflet" means the messages of every shape a build can print it in
(render/usage.py, the same function the build uses), unbranded and for each
clinic: `status` and `build` can never disagree. A translated message counts
as translated even when `check` finds an error in it (the build then names
the error instead of printing it).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from ..catalogs.language import Language, load_language
from ..clinics.clinic import Clinic, clinic_ids, load_clinic
from ..content.leaflet import Leaflet
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
