"""Run planned builds. The pipeline for one leaflet is `leaflet_pdf`.

load -> validate -> translate -> render HTML -> PDF; only `load_inputs` and
the final atomic write touch the disk.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from babel.messages.catalog import Catalog

from .branding import Brand, brand_for
from .catalogs import read_catalog
from .checks import broken_translations, catalog_header_problems
from .clinics import Clinic
from .content import Leaflet, load_leaflet
from .errors import EXIT_FAILED, EXIT_OK, BrochureError, Problem
from .languages import SOURCE_LANGUAGE
from .output import write_atomic
from .pdf import html_to_pdf
from .plan import Job
from .project import Project
from .render import Draft, render_html
from .translator import Translator


@dataclass(frozen=True)
class Result:
    job: Job
    status: str  # "built", "refused" (would mix languages) or "failed"
    messages: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == "built"


@dataclass(frozen=True)
class Language:
    """A catalog as read for a build, and the translations in it that must not be printed."""

    lang: str
    catalog: Catalog | None  # None: the source language without a catalog
    broken: dict[str, list[str]]

    def translator(self) -> Translator:
        if self.catalog is None:
            return Translator.source()
        return Translator.from_catalog(self.lang, self.catalog, self.broken)


def load_inputs(project: Project, jobs: list[Job]) -> tuple[dict[str, Leaflet], dict[str, Language]]:
    """Read and validate every leaflet and catalog the jobs need; all problems at once."""
    problems: list[Problem] = []
    leaflets: dict[str, Leaflet] = {}
    catalogs: dict[str, Language] = {}
    for brochure_id in dict.fromkeys(job.brochure_id for job in jobs):
        try:
            leaflets[brochure_id] = load_leaflet(project, brochure_id)
        except BrochureError as error:
            problems.extend(error.problems)
    for lang in dict.fromkeys(job.lang for job in jobs):
        if lang == SOURCE_LANGUAGE and not project.po_path(lang).is_file():
            catalogs[lang] = Language(lang, None, {})
            continue
        try:
            catalog = read_catalog(project, lang)
            header = catalog_header_problems(project, lang)
            if header:
                problems.extend(header)
                continue
            catalogs[lang] = Language(lang, catalog, broken_translations(project, lang, catalog))
        except BrochureError as error:
            problems.extend(error.problems)
    if problems:
        raise BrochureError(problems)
    return leaflets, catalogs


class Incomplete(BrochureError):
    """The catalog lacks messages this leaflet uses; printing it would mix languages."""


def leaflet_pdf(project: Project, leaflet: Leaflet, translator: Translator, allow_incomplete: bool = False,
                brand: Brand | None = None) -> bytes:
    """The whole pipeline for one leaflet in one language, from validated content to PDF bytes."""
    html = render_html(project.templates_dir, leaflet, translator, brand=brand)
    if translator.broken_used:
        raise BrochureError([line for lines in translator.broken_used.values() for line in lines], EXIT_FAILED)
    gaps = Draft(len(translator.untranslated), len(translator.missing & translator.fuzzy))
    if gaps.untranslated or gaps.fuzzy:
        if not allow_incomplete:
            raise Incomplete(f"{translator.lang}: {leaflet.id}: {gaps}; see 'make_brochure.py status'", EXIT_FAILED)
        html = render_html(project.templates_dir, leaflet, translator, draft=gaps, brand=brand)
    return html_to_pdf(html, project.root, project.templates_dir, name=f"{leaflet.id}.{translator.lang}")


def run(project: Project, jobs: list[Job], report: Callable[[Result], None],
        allow_incomplete: bool = False, clinics: dict[str, Clinic] | None = None) -> list[Result]:
    leaflets, catalogs = load_inputs(project, jobs)
    results = []
    for job in jobs:
        translator = catalogs[job.lang].translator()
        brand = brand_for(clinics[job.clinic_id], job.lang) if job.clinic_id else None
        try:
            pdf = leaflet_pdf(project, leaflets[job.brochure_id], translator, allow_incomplete, brand)
            write_atomic(job.output, pdf)
            result = Result(job, "built")
        except Incomplete as error:
            result = Result(job, "refused", tuple(error.lines()))
        except BrochureError as error:
            result = Result(job, "failed", tuple(error.lines()))
        report(result)
        results.append(result)
    return results


def exit_code(results: list[Result]) -> int:
    return EXIT_OK if all(r.ok for r in results) else EXIT_FAILED


