"""Which PDFs (and HTML twins) a build makes: leaflet x language x clinic, and where each goes.

Everything here is decided from ids and the settings of clinics already
loaded (clinics/clinic.py), before any leaflet or catalog is read, so an
unknown id or a language a clinic does not print is refused up front, with
what is known. Nothing is read here.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..clinics.clinic import Clinic
from ..errors import BrochureError
from ..languages import check_language
from ..pipeline import Job
from ..profiles import FORMATS, SCREEN_PROFILE, Output, output_for
from ..project import Project, check_slug


def check_requested_languages(project: Project, langs: list[str], catalogs_only: bool = False) -> list[str]:
    available = project.catalog_langs() if catalogs_only else project.languages()
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


@dataclass(frozen=True)
class Variants:
    """The requested profiles and formats; no format means each clinic's own paper."""

    profiles: tuple[str, ...] = ("office",)
    formats: tuple[str, ...] = ()
    large_print: bool = False

    def outputs(self, paper: str) -> list[Output]:
        """Every profile x format; the HTML twin is one edition, made once whatever profiles are asked for."""
        outputs = [output_for(_profile_of(profile, format_), format_, self.large_print, paper)
                   for profile in self.profiles for format_ in (self.formats or (None,))]
        return list(dict.fromkeys(outputs))


def _profile_of(profile: str, format_: str | None) -> str:
    """The HTML twin is made in the screen profile whatever profile the PDFs beside it are asked in."""
    return SCREEN_PROFILE if format_ in FORMATS and FORMATS[format_].is_screen else profile


def plan(project: Project, brochure_ids: list[str], langs: list[str], clinics: dict[str, Clinic] | None,
         out_dir: Path, explicit_clinics: bool = False, variants: Variants = Variants()) -> list[Job]:
    """Every requested leaflet x language x variant, for each clinic (or unbranded when `clinics` is None)."""
    brochures = check_requested_brochures(project, brochure_ids)
    check_requested_languages(project, langs)
    variants.outputs("a4")  # refuses unknown profiles and formats before anything else
    if clinics is None:
        return [Job(b, lang, None, output, out_dir / f"{b}.{lang}{output.suffix('a4')}.{output.extension}")
                for b in brochures
                for lang in (langs or project.languages())
                for output in variants.outputs("a4")]
    _check_offered(clinics, langs, explicit_clinics)
    return [
        Job(b, lang, clinic_id, output,
            out_dir / clinic_id / f"{b}.{lang}{output.suffix(clinic.paper)}.{output.extension}")
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


def shard_of(jobs: list[Job], shard: tuple[int, int] | None) -> list[Job]:
    """The k-th of n shares: jobs sorted by output path, dealt round-robin (sizes differ by at most one)."""
    if shard is None:
        return jobs
    k, n = shard
    ordered = sorted(jobs, key=lambda job: job.path.as_posix())
    return [job for index, job in enumerate(ordered) if index % n == k - 1]
