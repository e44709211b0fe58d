"""The input hash of each job: everything that decides the bytes of its PDF.

Computed without the renderer, from what loading read: every file's digest
comes from the bytes the build itself uses (files.py). The catalog part is the
revision of the entries the job's messages use, the same set (render/usage.py)
that the build gates on and prints as the revision: the hash and the PDF can
never disagree about which translations went in. The sets are found once per
leaflet shape and set of deciding clinic details (render/usage.py) and kept in
the manifest, so an up-to-date run renders nothing. Each digest, revision and
option hash is computed once per run, however many jobs share it.
"""
from __future__ import annotations

import datetime as dt

from ..clinics.clinic import clinic_file, clinic_folder
from ..digests import combine, digest, tool_digest
from ..inputs import Inputs
from ..pipeline import Job, Options
from ..project import Project
from ..render.clinic_details import messages_deciding_details
from ..render.usage import Recorder, Shape, deciding_details


class Fingerprints:
    def __init__(self, project: Project, inputs: Inputs, options: Options,
                 known_messages: dict[str, list[str]] | None = None):
        self.project = project
        self.inputs = inputs
        self.options = options
        files = inputs.files
        self.templates = files.digest(project.templates_dir)
        self.fonts = files.digest(project.fonts_dir)
        self.today = options.today or dt.date.today()
        self.icc = digest(inputs.icc_url.encode()) if inputs.icc_url else "none"
        self.known = dict(known_messages or {})  # shape hash -> msgids, from the last run
        self.messages: dict[str, list[str]] = {}  # the shapes this run meets; what the manifest keeps
        # The clinic details that decide the messages, or None: each clinic is then rendered on its own.
        self.details = messages_deciding_details(inputs.templates.sources)
        self.recorder: Recorder | None = None  # made at the first shape the manifest does not know
        # Each fact once per run, however many jobs share it.
        self._used: dict[Shape, frozenset[str]] = {}
        self._sets: dict[str, frozenset[str]] = {}
        self._leaflets: dict[str, str] = {}
        self._clinics: dict[str, str] = {}
        self._deciding: dict[str | None, str] = {}
        self._revisions: dict[tuple[str, frozenset[str]], str] = {}
        self._options: dict[tuple, str] = {}

    def used(self, job: Job) -> frozenset[str]:
        """The messages the job prints: found once per shape and deciding clinic details, or taken from
        the last run's manifest."""
        shape = job.shape
        if shape not in self._used:
            key = self._shape_digest(shape)
            if key not in self._sets:
                if key not in self.messages:
                    self.messages[key] = self.known.get(key) or sorted(self._render(shape))
                self._sets[key] = frozenset(self.messages[key])
            self._used[shape] = self._sets[key]
        return self._used[shape]

    def parts(self, job: Job, used: frozenset[str]) -> dict[str, str]:
        """A hash per input; `used`: the job's messages (`used(job)`)."""
        return {
            "leaflet": self._leaflet(job.brochure_id),
            "catalog": self._revision(job.lang, used),
            "templates": self.templates,
            "fonts": self.fonts,
            "clinic": self._clinic(job.clinic_id) if job.clinic_id else "unbranded",
            "options": self._job_options(job),
            "tool": tool_digest(),
        }

    def _render(self, shape: Shape) -> frozenset[str]:
        if self.recorder is None:
            self.recorder = Recorder(self.inputs.templates)
        clinic = self.inputs.clinics[shape.clinic_id] if shape.clinic_id else None
        return self.recorder.messages_used(self.inputs.leaflets[shape.brochure_id], clinic, shape)

    def _revision(self, lang: str, used: frozenset[str]) -> str:
        if (lang, used) not in self._revisions:
            self._revisions[lang, used] = self.inputs.languages[lang].revision(used)
        return self._revisions[lang, used]

    def _job_options(self, job: Job) -> str:
        overdue = self.inputs.leaflets[job.brochure_id].review_due < self.today
        key = (job.output, overdue)
        if key not in self._options:
            options = {
                "profile": job.output.profile.name, "format": job.output.format.name,
                "large_print": job.output.large_print, "allow_incomplete": self.options.allow_incomplete,
                "allow_overdue": self.options.allow_overdue, "overdue": overdue,
                "icc": self.icc if job.output.profile.cmyk else "none",
            }
            self._options[key] = combine({name: str(value) for name, value in options.items()})
        return self._options[key]

    def _leaflet(self, brochure_id: str) -> str:
        if brochure_id not in self._leaflets:
            self._leaflets[brochure_id] = self.inputs.files.digest(self.project.brochure_path(brochure_id))
        return self._leaflets[brochure_id]

    def _clinic(self, clinic_id: str) -> str:
        if clinic_id not in self._clinics:
            files = self.inputs.files
            self._clinics[clinic_id] = combine({"file": files.digest(clinic_file(self.project, clinic_id)),
                                                "folder": files.digest(clinic_folder(self.project, clinic_id))})
        return self._clinics[clinic_id]

    def _deciding_part(self, clinic_id: str | None) -> str:
        """What of the clinic decides the shape's messages: the details it has, or (when the templates
        let a clinic decide otherwise) everything about it."""
        if clinic_id not in self._deciding:
            clinic = self.inputs.clinics[clinic_id] if clinic_id else None
            self._deciding[clinic_id] = deciding_details(clinic, self.details) or self._clinic(clinic_id)
        return self._deciding[clinic_id]

    def _shape_digest(self, shape: Shape) -> str:
        return combine({"leaflet": self._leaflet(shape.brochure_id), "templates": self.templates,
                        "tool": tool_digest(), "clinic": self._deciding_part(shape.clinic_id),
                        "trifold": str(shape.trifold), "large_print": str(shape.large_print),
                        "screen": str(shape.screen)})
