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
from .pdf.pages import Placement, fitted_pages, gap_before, placed
from .pdf.renderer import Layout, Renderer, Stopwatch
from .pdf.trifold import (
    TEXT_PANELS,
    back_overflows,
    check_fits,
    choose_sections,
    hiding_css,
    impose_trifold,
    least_needed,
    next_to_try,
    section_heights,
    text_panels_needed,
)
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


def fitted_trifold(renderer: Renderer, leaflet, output: Output) -> tuple[Layout, set[int], set[int]]:
    """The tri-fold panels with as much of the leaflet as they hold, in the leaflet's priority
    order; the sections left out; and those printed as their heading and introduction only.

    One layout with every section the tri-fold may print says how tall each one is; the chosen
    set is laid out again to confirm, giving up the least needed section while it still overflows;
    then a section left out that the room still left may hold is tried, in priority order.

    The alternatives, no treatment included, are part of consent: a tri-fold with no room for the
    whole section prints its heading and introduction (which say that no treatment is a choice);
    where even the sections ranked 1 leave no room for that, a sentence after the last section says
    it (`hiding_css`).
    """
    layout = renderer.lay_out()
    priorities = {i: section.trifold for i, section in enumerate(leaflet.sections) if section.trifold}
    if text_panels_needed(layout, output) <= TEXT_PANELS or back_overflows(layout):
        return layout, set(), set()  # a back panel too full is not helped by leaving sections out: check_fits says so
    alternatives = {i for i in priorities if leaflet.sections[i].role == "alternatives"}
    briefs = {i for i in alternatives if getattr(leaflet.sections[i], "intro", None)}

    def lay_out_without(hidden: set[int], brief: bool = True) -> Layout:
        kept_brief = hidden & briefs if brief else set()
        return renderer.lay_out(hiding_css(hidden - kept_brief, kept_brief, alternatives))

    heights = section_heights(layout, output)
    chosen = choose_sections(priorities, heights, TEXT_PANELS)
    brief = True
    while True:
        layout = lay_out_without(set(priorities) - chosen, brief)
        needed, weakest = text_panels_needed(layout, output), least_needed(priorities, chosen)
        if needed <= TEXT_PANELS:
            break
        if weakest is None:
            if not brief or not (set(priorities) - chosen) & briefs:
                break
            brief = False  # not even room for the alternatives' heading: check_fits says what is too long
        else:
            chosen.discard(weakest)
    for index in next_to_try(priorities, chosen):
        # in priority order; a section that does not fit leaves its room to the smaller ones after it.
        # The room includes what a box moved whole to the next panel left blank: a section before
        # the box may fill it.
        room = TEXT_PANELS - needed + _blank_before_boxes(layout, leaflet, chosen, output)
        if needed <= TEXT_PANELS and heights.get(index, 0.0) <= room:
            tried = lay_out_without(set(priorities) - chosen - {index}, brief)
            if (now := text_panels_needed(tried, output)) <= TEXT_PANELS:
                chosen.add(index)
                layout, needed = tried, now
    left_out = set(priorities) - chosen
    printed_brief = left_out & briefs if brief else set()
    return layout, left_out - printed_brief, printed_brief


def _blank_before_boxes(layout: Layout, leaflet, printed: set[int], output: Output) -> float:
    """The panels' worth left blank at the foot of a panel by boxes that moved whole to the next."""
    order = sorted(printed)
    return sum(gap_before(layout, index, order[place - 1], output) for place, index in enumerate(order)
               if place > 0 and leaflet.sections[index].kind == "callout")


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
