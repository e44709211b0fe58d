"""Plan and run builds: which leaflet in which language goes where.

The pipeline for one leaflet is `leaflet_pdf`: load -> validate -> translate
-> render HTML -> PDF. Only `load_*` and the final write touch the disk.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from babel.messages.catalog import Catalog

from .catalogs import Translator, read_catalog
from .content import Leaflet, load_leaflet
from .errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, BrochureError, Problem
from .languages import SOURCE_LANGUAGE, check_language
from .output import write_atomic
from .pdf import html_to_pdf
from .project import Project, check_slug
from .render import render_html


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
    ok: bool
    messages: tuple[str, ...] = ()


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


def load_inputs(project: Project, jobs: list[Job]) -> tuple[dict[str, Leaflet], dict[str, Catalog | None]]:
    """Read and validate every leaflet and catalog the jobs need; all problems at once."""
    problems: list[Problem] = []
    leaflets: dict[str, Leaflet] = {}
    catalogs: dict[str, Catalog | None] = {}
    for brochure_id in dict.fromkeys(job.brochure_id for job in jobs):
        try:
            leaflets[brochure_id] = load_leaflet(project, brochure_id)
        except BrochureError as error:
            problems.extend(error.problems)
    for lang in dict.fromkeys(job.lang for job in jobs):
        if lang == SOURCE_LANGUAGE and not project.po_path(lang).is_file():
            catalogs[lang] = None
            continue
        try:
            catalogs[lang] = read_catalog(project, lang)
        except BrochureError as error:
            problems.extend(error.problems)
    if problems:
        raise BrochureError(problems)
    return leaflets, catalogs


def translator_for(lang: str, catalog: Catalog | None) -> Translator:
    return Translator.source() if catalog is None else Translator.from_catalog(lang, catalog)


def leaflet_pdf(project: Project, leaflet: Leaflet, translator: Translator) -> bytes:
    html = render_html(project.templates_dir, leaflet, translator)
    return html_to_pdf(html, project.root, project.templates_dir, name=f"{leaflet.id}.{translator.lang}")


def run(project: Project, jobs: list[Job], report: Callable[[Result], None]) -> list[Result]:
    leaflets, catalogs = load_inputs(project, jobs)
    results = []
    for job in jobs:
        translator = translator_for(job.lang, catalogs[job.lang])
        try:
            write_atomic(job.output, leaflet_pdf(project, leaflets[job.brochure_id], translator))
            result = Result(job, True)
        except BrochureError as error:
            result = Result(job, False, tuple(error.lines()))
        report(result)
        results.append(result)
    return results


def exit_code(results: list[Result]) -> int:
    return EXIT_OK if all(r.ok for r in results) else EXIT_FAILED


__all__ = ["Job", "Result", "plan", "run", "exit_code", "leaflet_pdf", "EXIT_USAGE"]
