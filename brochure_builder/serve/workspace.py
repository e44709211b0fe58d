"""The content folder as the workspace shows it: read once per change, then asked about one job at a time.

A `Snapshot` is one reading of the content folder (a fresh `Project`, so every
file is read again after a change). Nothing here has its own idea of what a
build does: the jobs are the ones `build` would plan (batch/plan.py), the
messages of each job the ones the build gates on (pipeline.planned_messages),
the counts those of `status` (render/completeness.leaflet_row), the verdict the
build's gate (pipeline.gate) and the document the build's HTML
(pipeline.leaflet_html). A file that does not load does not stop the
workspace: the jobs that need it are refused, and say why.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..batch.plan import plan
from ..catalogs.language import Language, load_language
from ..clinics.clinic import Clinic, clinic_file, clinic_ids, clinic_problems, load_clinics
from ..content.leaflet import Leaflet, printable_leaflet
from ..errors import BrochureError
from ..fonts import Fonts, load_fonts
from ..inputs import Inputs
from ..languages import SOURCE_LANGUAGE, Written, english_name, own_name
from ..pipeline import Gate, Job, gate, leaflet_html, planned_messages
from ..project import Project
from ..render.completeness import Row, leaflet_row
from ..render.html import Templates, load_templates

UNBRANDED = "unbranded"  # the clinic part of a job's address when the content folder has no clinics


@dataclass(frozen=True)
class Verdict:
    """What a build of one job would do now, and the counts `status` gives for its messages."""

    job: Job
    title: str  # the leaflet's title in English, or its id when the leaflet does not load
    counts: Row | None  # None when the job cannot be looked at (a file that does not load)
    checks: Gate | None
    problems: tuple[str, ...] = ()  # why it cannot be built at all: files that do not load, broken translations

    @property
    def state(self) -> str:
        """refused, overdue, draft or printable: the first that applies."""
        if self.problems:
            return "refused"
        if self.checks and self.checks.overdue:
            return "overdue"
        return "draft" if self.checks and self.checks.draft else "printable"

    @property
    def reasons(self) -> list[str]:
        """Every reason a build would refuse this job, or mark it (overdue and draft can come together)."""
        found = list(self.problems)
        if self.checks and self.checks.overdue:
            found.append(f"review was due on {self.checks.overdue.isoformat()}: build refuses it "
                         "(--allow-overdue prints it marked REVIEW OVERDUE)")
        if self.checks and self.checks.draft:
            found.append(f"translation incomplete ({self.checks.draft}): build refuses it "
                         "(--allow-incomplete prints a DRAFT with English in their place)")
        return found


@dataclass(frozen=True)
class Place(Written):
    """A job's address in the workspace: clinic (or UNBRANDED), leaflet, language."""

    clinic: str
    leaflet: str
    lang: str

    @property
    def path(self) -> str:
        return f"{self.clinic}/{self.leaflet}/{self.lang}"

    @property
    def language(self) -> str:
        return f"{english_name(self.lang)} ({self.lang})"

    @property
    def own_language(self) -> str:
        return own_name(self.lang)


    @property
    def is_source(self) -> bool:
        return self.lang == SOURCE_LANGUAGE


def place_of(job: Job) -> Place:
    return Place(job.clinic_id or UNBRANDED, job.brochure_id, job.lang)


@dataclass
class Snapshot:
    """Everything the workspace shows, from one reading of the content folder."""

    project: Project
    out_dir: Path
    today: dt.date
    fonts: Fonts | None = None
    templates: Templates | None = None
    problems: list[str] = field(default_factory=list)  # nothing can be shown (fonts.yaml, templates, ids)
    leaflets: dict[str, Leaflet | BrochureError] = field(default_factory=dict)
    languages: dict[str, Language | BrochureError] = field(default_factory=dict)  # read when first asked for
    clinics: dict[str, Clinic] = field(default_factory=dict)
    clinic_problems: dict[str, list[str]] = field(default_factory=dict)  # clinic id -> why it cannot be used
    jobs: dict[Place, Job] = field(default_factory=dict)
    _used: dict = field(default_factory=dict, repr=False)
    _verdicts: dict[Place, Verdict] = field(default_factory=dict, repr=False)

    @property
    def branded(self) -> bool:
        return bool(self.clinics or self.clinic_problems)

    def language(self, lang: str) -> Language | BrochureError:
        """A catalog, read and checked the first time a page needs it (a preview needs one, not all)."""
        if lang not in self.languages:
            self.languages[lang] = _loaded(lambda: load_language(self.project, lang, self.fonts))
        return self.languages[lang]

    def inputs(self) -> Inputs:
        """What loaded, as the build's pipeline takes it."""
        return Inputs(self.project.files, self.fonts, self.templates,
                      leaflets={k: v for k, v in self.leaflets.items() if isinstance(v, Leaflet)},
                      languages={k: v for k, v in self.languages.items() if isinstance(v, Language)},
                      clinics=dict(self.clinics))

    def job(self, clinic: str, leaflet: str, lang: str) -> Job | None:
        """The job at this address, if `build` would make it; None for anything else (unknown ids included)."""
        return self.jobs.get(Place(clinic, leaflet, lang))

    def verdict(self, job: Job) -> Verdict:
        place = place_of(job)
        if place not in self._verdicts:
            self._verdicts[place] = self._verdict(job)
        return self._verdicts[place]

    def verdicts(self) -> list[Verdict]:
        return [self.verdict(job) for job in self.jobs.values()]

    def used(self, job: Job) -> frozenset[str]:
        """The messages the job prints: the set the build gates on (one render per shape)."""
        if job.shape not in self._used:
            self._used[job.shape] = planned_messages(self.inputs(), job.shape)
        return self._used[job.shape]

    def _verdict(self, job: Job) -> Verdict:
        leaflet, language = self.leaflets[job.brochure_id], self.language(job.lang)
        title = leaflet.title.text if isinstance(leaflet, Leaflet) else job.brochure_id
        problems = [line for loaded in (leaflet, language) if isinstance(loaded, BrochureError)
                    for line in loaded.lines()]
        if problems:
            return Verdict(job, title, None, None, tuple(problems))
        try:
            used = self.used(job)
        except BrochureError as error:  # a template that does not render
            return Verdict(job, title, None, None, tuple(error.lines()))
        checks = gate(self.inputs(), job, used, self.today)
        return Verdict(job, title, leaflet_row(language, job.brochure_id, used), checks, checks.broken)

    def document(self, job: Job) -> str:
        """The job's HTML as the build renders it (DRAFT and REVIEW OVERDUE marks included)."""
        verdict = self.verdict(job)
        if verdict.checks is None:
            raise BrochureError(list(verdict.problems))
        html, _ = leaflet_html(self.inputs(), job, self.used(job), verdict.checks)
        return html


def read_snapshot(root: Path, out_dir: Path, today: dt.date | None = None) -> Snapshot:
    """Read the content folder once: every leaflet, catalog and clinic, each on its own."""
    project = Project.at(root)
    snapshot = Snapshot(project, out_dir, today or dt.date.today())
    try:
        snapshot.fonts = load_fonts(project.files)
        snapshot.templates = load_templates(project, snapshot.fonts)
        brochure_ids = project.brochure_ids()
        project.languages()  # a misnamed catalog folder is named here
    except BrochureError as error:
        snapshot.problems = error.lines()
        return snapshot
    for brochure_id in brochure_ids:
        snapshot.leaflets[brochure_id] = _loaded(lambda b=brochure_id: printable_leaflet(project, b, snapshot.fonts))
    clinics: dict[str | None, Clinic | None] = {}
    for clinic_id in clinic_ids(project):
        try:
            clinic = load_clinics(project, [clinic_id])[0][clinic_id]
            problems = clinic_problems(clinic, project.relative(clinic_file(project, clinic_id)), snapshot.fonts)
            if problems:
                raise BrochureError(problems)
        except BrochureError as error:
            snapshot.clinic_problems[clinic_id] = error.lines()
        else:
            snapshot.clinics[clinic_id] = clinics[clinic_id] = clinic
    if not snapshot.branded:
        clinics[None] = None
    for clinic_id, clinic in clinics.items():
        chosen = {clinic_id: clinic} if clinic_id else None
        for job in plan(project, [], [], chosen, out_dir):
            snapshot.jobs[place_of(job)] = job
    return snapshot


def _loaded(load):
    try:
        return load()
    except BrochureError as error:
        return error
