"""One leaflet, from validated inputs to PDF bytes: the pipeline every build runs.

    load and validate (inputs.py; each file read once)
    -> the messages the job uses (render/usage.py; computed once, before rendering)
    -> gate: review date, broken, untranslated and fuzzy translations among those messages
    -> HTML, rendered once, which must look up exactly those messages (render/html.py)
    -> PDF (pdf/), or that HTML itself for the HTML twin -> written atomically by the batch (batch/run.py)

Only loading and the final write touch the disk.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .catalogs.translator import Translator
from .clinics.brand import brand_for, screen_brand
from .clinics.logos import is_svg
from .content.markup import plain_text
from .errors import EXIT_FAILED, EXIT_OK, BrochureError
from .inputs import Inputs
from .languages import direction
from .pdf.marks import add_crop_marks
from .pdf.pages import Placement, fitted_pages, placed
from .pdf.renderer import Layout, Renderer, Stopwatch
from .pdf.trifold import check_fits, fitted_trifold, impose_trifold
from .profiles import MM, Output
from .render.html import Draft, Look, render_html
from .render.usage import Shape, messages_used


@dataclass(frozen=True)
class Job:
    """One PDF (or HTML twin) to make: a leaflet in a language, for a clinic (or unbranded), in one profile and
    format."""

    brochure_id: str
    lang: str
    clinic_id: str | None  # None: unbranded
    output: Output
    path: Path

    @property
    def name(self) -> str:
        """How messages name the job: its path below the output folder, without `.pdf` (an HTML twin keeps
        its `.html`)."""
        prefix = f"{self.clinic_id}/" if self.clinic_id else ""
        return f"{prefix}{self.path.name.removesuffix('.pdf')}"

    @property
    def shape(self) -> Shape:
        return Shape.of(self.brochure_id, self.clinic_id, self.output)


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


def planned_messages(inputs: Inputs, shape: Shape) -> frozenset[str]:
    """The messages every job of `shape` uses (render/usage.py), from the loaded inputs."""
    clinic = inputs.clinics[shape.clinic_id] if shape.clinic_id else None
    return messages_used(inputs.templates, inputs.leaflets[shape.brochure_id], clinic, shape)


@dataclass(frozen=True)
class Gate:
    """What stands between a job and a PDF fit for a patient, among the messages it uses."""

    overdue: dt.date | None  # the review date, when it has passed
    broken: tuple[str, ...]  # why some translations it uses must never be printed (check's lines)
    draft: Draft | None  # untranslated and fuzzy messages, printed in English if allowed


def gate(inputs: Inputs, job: Job, used: frozenset[str], today: dt.date | None = None) -> Gate:
    """The checks a build makes before rendering; `leaflet_pdf` refuses by them, the workspace shows them."""
    leaflet = inputs.leaflets[job.brochure_id]
    day = today or dt.date.today()
    gaps = inputs.languages[job.lang].gaps(used)
    return Gate(overdue=leaflet.review_due if leaflet.review_due < day else None, broken=gaps.broken,
                draft=Draft(gaps.untranslated, gaps.fuzzy) if gaps.incomplete else None)


def leaflet_html(inputs: Inputs, job: Job, used: frozenset[str], checks: Gate) -> tuple[str, Translator]:
    """The job's one HTML document, marked as the gate found it, and the translator that rendered it."""
    leaflet = inputs.leaflets[job.brochure_id]
    language = inputs.languages[job.lang]
    press = job.output.profile.cmyk
    clinic = inputs.clinics[job.clinic_id] if job.clinic_id else None
    brand = None
    if clinic:
        logo = inputs.logos.get(clinic.id)
        brand = brand_for(clinic, job.lang, logo_svg=logo if is_svg(clinic.logo) else None,
                          press=press, profile=inputs.icc_profile)
        if job.output.format.is_screen:
            brand = screen_brand(brand, clinic.logo, logo)
    look = Look(output=job.output, brand=brand, overdue=checks.overdue, draft=checks.draft,
                icc_url=inputs.icc_url if press else None, catalog_revision=language.revision(used))
    translator = language.translator()
    html = render_html(inputs.templates, leaflet, translator, look)
    if translator.used != used:
        # The set decided the gate and the revision printed above; printing anything else would be a lie.
        raise BrochureError(f"{job.name}: internal error: the render looked up messages other than the "
                            f"{len(used)} planned for it ({_difference(used, translator.used)})", EXIT_FAILED)
    return html, translator


def leaflet_pdf(inputs: Inputs, job: Job, used: frozenset[str], options: Options = Options(),
                stopwatch: Stopwatch | None = None, notes: list[str] | None = None) -> bytes:
    """The whole pipeline for one job; `used`: the messages of its shape (`planned_messages`).

    What the person building should know about a PDF that was made (the sections a tri-fold had
    no room for) is appended to `notes`.
    """
    leaflet = inputs.leaflets[job.brochure_id]
    html, translator = leaflet_html(inputs, job, used, passed_gate(inputs, job, used, options))

    def renderer_for(placement: Placement) -> Renderer:
        return Renderer(placed(html, placement), inputs.files, inputs.templates.folder, name=job.name,
                        output=job.output, document_id=f"{job.name}:{leaflet.version}", stopwatch=stopwatch)

    if job.output.format.is_trifold:
        renderer = renderer_for(Placement())
        layout, left_out, brief = fitted_trifold(renderer, leaflet, job.output)
        check_fits(layout, job.output, job.name)
        pdf = renderer.write(layout)
        if (left_out or brief) and notes is not None:
            def headings(indices):
                return ", ".join(f'"{_heading(leaflet.sections[i], translator)}"' for i in sorted(indices))
            said = [f"no room in the tri-fold for {headings(left_out)}"] if left_out else []
            said += [f"only the heading and introduction of {headings(brief)}"] if brief else []
            notes.append(f"{job.name}: {'; '.join(said)}")
        return impose_trifold(pdf, job.output, rtl=direction(job.lang) == "rtl", name=job.name)
    renderer, layout = fitted_pages(lambda placement: _laid_out(renderer_for(placement)), leaflet, job.output)
    pdf = renderer.write(layout)
    if job.output.profile.bleed_mm:
        return add_crop_marks(pdf, job.output.profile.bleed_mm * MM)
    return pdf


def leaflet_twin(inputs: Inputs, job: Job, used: frozenset[str], options: Options = Options()) -> bytes:
    """The HTML twin of a job: the same gate, the same one HTML document (its screen edition), as UTF-8."""
    html, _ = leaflet_html(inputs, job, used, passed_gate(inputs, job, used, options))
    return html.encode("utf-8")


def passed_gate(inputs: Inputs, job: Job, used: frozenset[str], options: Options) -> Gate:
    """The gate's findings, once the job may be made with them; a refusal or a broken translation raises."""
    leaflet = inputs.leaflets[job.brochure_id]
    checks = gate(inputs, job, used, options.today)
    if checks.overdue and not options.allow_overdue:
        raise Refused(f"{leaflet.id}: review was due on {checks.overdue.isoformat()}", EXIT_FAILED)
    if checks.broken:
        raise BrochureError(list(checks.broken), EXIT_FAILED)
    if checks.draft and not options.allow_incomplete:
        raise Refused(f"{job.lang}: {leaflet.id}: {checks.draft}; {how_to_see_missing(job.lang, leaflet.id)}",
                      EXIT_FAILED)
    return checks


def how_to_see_missing(lang: str, brochure_id: str) -> str:
    """What a refusal for an incomplete translation tells the person building."""
    return (f"list them with 'make_brochure.py status --missing {lang} --brochure {brochure_id}'; "
            "--allow-incomplete prints a DRAFT with English in their place")


def _laid_out(renderer: Renderer) -> tuple[Renderer, Layout]:
    return renderer, renderer.lay_out()


def _heading(section, translator) -> str:
    # a FAQ section without a heading of its own prints the template's
    source = section.heading.text if section.heading else "Frequently asked questions"
    return plain_text(translator.gettext(source))


def _difference(planned: frozenset[str], looked_up: set[str]) -> str:
    extra, missing = sorted(looked_up - planned), sorted(planned - looked_up)
    parts = ([f"not planned: {', '.join(map(repr, extra[:3]))}"] if extra else []) + \
            ([f"planned but not used: {', '.join(map(repr, missing[:3]))}"] if missing else [])
    return "; ".join(parts)


def attempt(inputs: Inputs, job: Job, used: frozenset[str], options: Options,
            stopwatch: Stopwatch | None = None) -> tuple[Result, bytes | None]:
    """One job, never raising: a refusal, an error or a bug becomes the job's result."""
    try:
        notes: list[str] = []
        if job.output.format.is_screen:
            return Result(job, "built"), leaflet_twin(inputs, job, used, options)
        pdf = leaflet_pdf(inputs, job, used, options, stopwatch, notes)
        return Result(job, "built", tuple(notes)), pdf
    except Refused as error:
        return Result(job, "refused", tuple(error.lines())), None
    except BrochureError as error:
        return Result(job, "failed", tuple(error.lines())), None
    except Exception as error:  # noqa: BLE001 - one broken job must not stop the others
        return Result(job, "failed", (f"{job.name}: internal error: {type(error).__name__}: {error}",)), None


def exit_code(results: list[Result]) -> int:
    return EXIT_OK if all(r.ok for r in results) else EXIT_FAILED
