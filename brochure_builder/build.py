"""Plan and run builds: which leaflet in which language goes where.

The pipeline for one leaflet is `leaflet_pdf`: load -> validate -> translate
-> render HTML -> PDF. Only `load_*` and the final write touch the disk.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from babel.messages.catalog import Catalog

from .catalogs import read_catalog
from .checks import broken_translations, catalog_header_problems
from .content import Leaflet, load_leaflet
from .errors import EXIT_FAILED, EXIT_OK, BrochureError, Problem
from .languages import SOURCE_LANGUAGE, check_language
from .output import write_atomic
from .pdf import html_to_pdf
from .project import Project, check_slug
from .render import Draft, render_html
from .translator import Translator


@dataclass(frozen=True)
class Job:
    brochure_id: str
    lang: str
    output: Path

    @property
    def name(self) -> str:
        return f"{self.brochure_id}.{self.lang}"


@dataclass(frozen=True)
class Result:
    job: Job
    status: str  # "built", "refused" (would mix languages) or "failed"
    messages: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == "built"


def available_languages(project: Project) -> list[str]:
    return sorted({SOURCE_LANGUAGE, *project.catalog_langs()})


def check_requested_languages(project: Project, langs: list[str], catalogs_only: bool = False) -> list[str]:
    available = project.catalog_langs() if catalogs_only else available_languages(project)
    for lang in langs:
        check_language(lang)
        if lang not in available:
            raise BrochureError(f"unknown language {lang!r} (known: {', '.join(available) or 'none'})")
    return langs


def plan(project: Project, brochure_ids: list[str], langs: list[str], out_dir: Path) -> list[Job]:
    """Every requested leaflet x language; unknown ids are refused before anything is read."""
    known = project.brochure_ids()
    for brochure_id in brochure_ids:
        check_slug("brochure", brochure_id)
        if brochure_id not in known:
            raise BrochureError(f"unknown leaflet {brochure_id!r} (known: {', '.join(known) or 'none'})")
    check_requested_languages(project, langs)
    available = available_languages(project)
    return [
        Job(brochure_id, lang, out_dir / f"{brochure_id}.{lang}.pdf")
        for brochure_id in (brochure_ids or known)
        for lang in (langs or available)
    ]


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


def leaflet_pdf(project: Project, leaflet: Leaflet, translator: Translator, allow_incomplete: bool = False) -> bytes:
    """The whole pipeline for one leaflet in one language, from validated content to PDF bytes."""
    html = render_html(project.templates_dir, leaflet, translator)
    if translator.broken_used:
        raise BrochureError([line for lines in translator.broken_used.values() for line in lines], EXIT_FAILED)
    gaps = Draft(len(translator.untranslated), len(translator.missing & translator.fuzzy))
    if gaps.untranslated or gaps.fuzzy:
        if not allow_incomplete:
            raise Incomplete(f"{translator.lang}: {leaflet.id}: {gaps}; see 'make_brochure.py status'", EXIT_FAILED)
        html = render_html(project.templates_dir, leaflet, translator, draft=gaps)
    return html_to_pdf(html, project.root, project.templates_dir, name=f"{leaflet.id}.{translator.lang}")


def run(project: Project, jobs: list[Job], report: Callable[[Result], None],
        allow_incomplete: bool = False) -> list[Result]:
    leaflets, catalogs = load_inputs(project, jobs)
    results = []
    for job in jobs:
        translator = catalogs[job.lang].translator()
        try:
            pdf = leaflet_pdf(project, leaflets[job.brochure_id], translator, allow_incomplete)
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


