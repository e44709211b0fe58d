"""How far each catalog is for each leaflet, and whether it may be printed.

"Used by a leaflet" means exactly the messages a build looks up: the
leaflet's texts and the template strings its render asks for. They are found
by rendering the HTML with a recording translator, so `status` and `build`
can never disagree.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from babel.messages.catalog import Catalog

from .branding import Brand, brand_for
from .catalogs import read_catalog
from .clinics import clinic_ids, load_clinic
from .content import Leaflet
from .errors import BrochureError
from .project import Project
from .render import Look, messages_used
from .translator import Translator


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


def all_brands(project: Project) -> list[Brand | None]:
    brands: list[Brand | None] = [None]
    for clinic_id in clinic_ids(project):
        try:
            clinic, _ = load_clinic(project, clinic_id)
        except BrochureError:
            continue  # reported by 'check'; its labels are the same as any valid clinic's
        brands.append(brand_for(clinic, clinic.default_language))
    return brands


def leaflet_row(lang: str, leaflet_id: str, used: set[str], catalog: Catalog) -> Row:
    translator = Translator.from_catalog(lang, catalog)
    translated = sum(1 for msgid in used if isinstance(translator.messages.get(msgid), (str, list, tuple)))
    fuzzy = len(used & translator.fuzzy)
    obsolete = len(catalog.obsolete)
    return Row(lang, leaflet_id, len(used), translated, fuzzy, len(used) - translated - fuzzy, obsolete)


def status(project: Project, leaflets: list[Leaflet], langs: list[str] | None = None) -> list[Row]:
    # Unbranded and for each clinic: the contact labels a leaflet prints depend on the clinic.
    looks = [Look(brand=brand) for brand in all_brands(project)]
    used = {leaflet.id: messages_used(project.templates_dir, leaflet, looks) for leaflet in leaflets}
    rows = []
    for lang in langs or project.catalog_langs():
        catalog = read_catalog(project, lang)
        rows.extend(leaflet_row(lang, leaflet.id, used[leaflet.id], catalog) for leaflet in leaflets)
    return rows
