"""Run planned builds. The pipeline for one leaflet is `leaflet_pdf`.

load (inputs.py) -> validate -> translate -> render HTML -> PDF -> atomic
write; only the loading and the final write touch the disk.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .branding import brand_for
from .errors import EXIT_FAILED, EXIT_OK, BrochureError
from .inputs import Inputs
from .languages import direction
from .marks import add_crop_marks
from .pdf import html_to_pdf
from .plan import Job
from .profiles import MM
from .project import Project
from .render import Draft, Look, render_html
from .trifold import check_fits, impose_trifold


@dataclass(frozen=True)
class Options:
    allow_incomplete: bool = False
    allow_overdue: bool = False
    today: dt.date | None = None  # None: the real date


@dataclass(frozen=True)
class Result:
    job: Job
    status: str  # "built", "refused" (incomplete translation, overdue review) or "failed"
    messages: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == "built"


class Refused(BrochureError):
    """Printing this leaflet now would mislead a patient: mixed languages or an overdue review."""


def leaflet_pdf(project: Project, inputs: Inputs, job: Job, options: Options = Options()) -> bytes:
    """The whole pipeline for one job, from validated inputs to PDF bytes."""
    leaflet = inputs.leaflets[job.brochure_id]
    language = inputs.languages[job.lang]
    today = options.today or dt.date.today()
    overdue = leaflet.review_due if leaflet.review_due < today else None
    if overdue and not options.allow_overdue:
        raise Refused(f"{leaflet.id}: review was due on {overdue.isoformat()}", EXIT_FAILED)
    press = job.output.profile.cmyk
    clinic = inputs.clinics.get(job.clinic_id) if job.clinic_id else None
    brand = brand_for(clinic, job.lang, logo_svg=inputs.logos.get(job.clinic_id), press=press) if clinic else None
    look = Look(output=job.output, brand=brand, overdue=overdue, icc_url=inputs.icc_url if press else None)
    translator = language.translator()
    render_html(project.templates_dir, leaflet, translator, look)  # finds the messages the leaflet uses
    if translator.broken_used:
        raise BrochureError([line for lines in translator.broken_used.values() for line in lines], EXIT_FAILED)
    gaps = Draft(len(translator.untranslated), len(translator.missing & translator.fuzzy))
    incomplete = bool(gaps.untranslated or gaps.fuzzy)
    if incomplete and not options.allow_incomplete:
        raise Refused(f"{job.lang}: {leaflet.id}: {gaps}; see 'make_brochure.py status'", EXIT_FAILED)
    look = look.but(catalog_revision=language.revision(translator.used), draft=gaps if incomplete else None)
    html = render_html(project.templates_dir, leaflet, translator, look)
    trifold = job.output.format.is_trifold
    pdf = html_to_pdf(html, project.root, project.templates_dir, name=job.name, output=job.output,
                      document_id=f"{job.name}:{leaflet.version}",
                      inspect=(lambda document: check_fits(document, job.name)) if trifold else None)
    if trifold:
        return impose_trifold(pdf, job.output, rtl=direction(job.lang) == "rtl", name=job.name)
    if job.output.profile.bleed_mm:
        return add_crop_marks(pdf, job.output.profile.bleed_mm * MM)
    return pdf


def attempt(project: Project, inputs: Inputs, job: Job, options: Options) -> tuple[Result, bytes | None]:
    """One job, never raising: a refusal, an error or a bug becomes the job's result."""
    try:
        return Result(job, "built"), leaflet_pdf(project, inputs, job, options)
    except Refused as error:
        return Result(job, "refused", tuple(error.lines())), None
    except BrochureError as error:
        return Result(job, "failed", tuple(error.lines())), None
    except Exception as error:  # noqa: BLE001 - one broken job must not stop the others
        return Result(job, "failed", (f"{job.name}: internal error: {type(error).__name__}: {error}",)), None


def exit_code(results: list[Result]) -> int:
    return EXIT_OK if all(r.ok for r in results) else EXIT_FAILED
