"""The input hash of each job: everything that decides the bytes of its PDF.

Computed without the renderer, from what loading read: every file's digest
comes from the bytes the build itself uses (files.py). The catalog part is the
revision of the entries the job's messages use, the same set (render/usage.py)
that the build gates on and prints as the revision: the hash and the PDF can
never disagree about which translations went in. The sets are found once per
shape and kept in the manifest, so an up-to-date run renders nothing.
"""
from __future__ import annotations

import datetime as dt

from ..clinics.clinic import clinic_file, clinic_folder
from ..digests import combine, digest, tool_digest
from ..inputs import Inputs
from ..pipeline import Job, Options, planned_messages
from ..project import Project
from ..render.usage import Shape


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
        self._used: dict[Shape, frozenset[str]] = {}

    def used(self, job: Job) -> frozenset[str]:
        """The messages the job prints: found once per shape, or taken from the last run's manifest."""
        shape = job.shape
        if shape not in self._used:
            key = self._shape_digest(shape)
            if key not in self.messages:
                self.messages[key] = self.known.get(key) or sorted(planned_messages(self.inputs, shape))
            self._used[shape] = frozenset(self.messages[key])
        return self._used[shape]

    def parts(self, job: Job, used: frozenset[str]) -> dict[str, str]:
        """A hash per input; `used`: the job's messages (`used(job)`)."""
        leaflet = self.inputs.leaflets[job.brochure_id]
        overdue = leaflet.review_due < self.today
        options = {
            "profile": job.output.profile.name, "format": job.output.format.name,
            "large_print": job.output.large_print, "allow_incomplete": self.options.allow_incomplete,
            "allow_overdue": self.options.allow_overdue, "overdue": overdue,
            "icc": self.icc if job.output.profile.cmyk else "none",
        }
        return {
            "leaflet": self._leaflet(job.brochure_id),
            "catalog": self.inputs.languages[job.lang].revision(used),
            "templates": self.templates,
            "fonts": self.fonts,
            "clinic": self._clinic(job.clinic_id) if job.clinic_id else "unbranded",
            "options": combine({key: str(value) for key, value in options.items()}),
            "tool": tool_digest(),
        }

    def _leaflet(self, brochure_id: str) -> str:
        return self.inputs.files.digest(self.project.brochure_path(brochure_id))

    def _clinic(self, clinic_id: str) -> str:
        files = self.inputs.files
        return combine({"file": files.digest(clinic_file(self.project, clinic_id)),
                        "folder": files.digest(clinic_folder(self.project, clinic_id))})

    def _shape_digest(self, shape: Shape) -> str:
        clinic = self._clinic(shape.clinic_id) if shape.clinic_id else "unbranded"
        return combine({"leaflet": self._leaflet(shape.brochure_id), "templates": self.templates,
                        "tool": tool_digest(), "clinic": clinic,
                        "trifold": str(shape.trifold), "large_print": str(shape.large_print)})
