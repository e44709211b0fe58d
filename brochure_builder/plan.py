"""Which PDFs a build makes: leaflet x language x clinic, and where each goes.

Everything here is decided from ids and clinic settings before any leaflet
is read, so an unknown id or a language a clinic does not print is refused
up front, with what is known.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .clinics import Clinic, clinic_ids, load_clinic
from .errors import BrochureError, Problem
from .languages import SOURCE_LANGUAGE, check_language
from .profiles import Output, output_for
from .project import Project, check_slug


@dataclass(frozen=True)
class Job:
    brochure_id: str
    lang: str
    clinic_id: str | None  # None: unbranded
    output: Output
    path: Path

    @property
    def name(self) -> str:
        """How messages name the job: its path below the output folder, without `.pdf`."""
        prefix = f"{self.clinic_id}/" if self.clinic_id else ""
        return f"{prefix}{self.path.name.removesuffix('.pdf')}"


def available_languages(project: Project) -> list[str]:
    return sorted({SOURCE_LANGUAGE, *project.catalog_langs()})


def check_requested_languages(project: Project, langs: list[str], catalogs_only: bool = False) -> list[str]:
    available = project.catalog_langs() if catalogs_only else available_languages(project)
    for lang in langs:
        check_language(lang)
        if lang not in available:
            raise BrochureError(f"unknown language {lang!r} (known: {', '.join(available) or 'none'})")
    return langs


def check_requested_brochures(project: Project, brochure_ids: list[str]) -> list[str]:
    known = project.brochure_ids()
    for brochure_id in brochure_ids:
        check_slug("brochure", brochure_id)
        if brochure_id not in known:
            raise BrochureError(f"unknown leaflet {brochure_id!r} (known: {', '.join(known) or 'none'})")
    return brochure_ids or known


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
    available = available_languages(project)
    for clinic_id, clinic in clinics.items():
        for index, lang in enumerate(clinic.languages):
            if lang not in available:
                errors.append(Problem(f"clinics/{clinic_id}.yaml", f"no catalog for {lang!r}; start one with "
                                                                   f"'make_brochure.py init {lang}'",
                                      f"languages[{index}]"))
    if errors:
        raise BrochureError(errors)
    return clinics, warnings


@dataclass(frozen=True)
class Variants:
    """The requested profiles and formats; no format means each clinic's own paper."""

    profiles: tuple[str, ...] = ("office",)
    formats: tuple[str, ...] = ()
    large_print: bool = False

    def outputs(self, paper: str) -> list[Output]:
        return [output_for(profile, format_, self.large_print, paper)
                for profile in self.profiles for format_ in (self.formats or (None,))]


def plan(project: Project, brochure_ids: list[str], langs: list[str], clinics: dict[str, Clinic] | None,
         out_dir: Path, explicit_clinics: bool = False, variants: Variants = Variants()) -> list[Job]:
    """Every requested leaflet x language x variant, for each clinic (or unbranded when `clinics` is None)."""
    brochures = check_requested_brochures(project, brochure_ids)
    check_requested_languages(project, langs)
    variants.outputs("a4")  # refuses unknown profiles and formats before anything else
    if clinics is None:
        return [Job(b, lang, None, output, out_dir / f"{b}.{lang}{output.suffix('a4')}.pdf")
                for b in brochures
                for lang in (langs or available_languages(project))
                for output in variants.outputs("a4")]
    _check_offered(clinics, langs, explicit_clinics)
    return [
        Job(b, lang, clinic_id, output, out_dir / clinic_id / f"{b}.{lang}{output.suffix(clinic.paper)}.pdf")
        for clinic_id, clinic in clinics.items()
        for b in brochures
        for lang in clinic.languages
        if not langs or lang in langs
        for output in variants.outputs(clinic.paper)
    ]


def _check_offered(clinics: dict[str, Clinic], langs: list[str], explicit: bool) -> None:
    for lang in langs:
        offering = [c for c in clinics.values() if lang in c.languages]
        refusing = [c for c in clinics.values() if lang not in c.languages]
        if (explicit and refusing) or not offering:
            clinic = (refusing or list(clinics.values()))[0]
            raise BrochureError(f"clinic {clinic.id!r} does not print {lang!r} "
                                f"(its languages: {', '.join(clinic.languages)})")
