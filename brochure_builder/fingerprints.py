"""The input hash of each job: everything that decides the bytes of its PDF.

Computed without the renderer: leaflet and clinic files are hashed as files,
and the catalog entries a leaflet uses are found by rendering its HTML with a
recording translator (the same lookups the build makes).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .branding import brand_for
from .build import Options
from .clinics import clinic_folder
from .inputs import Inputs
from .manifest import combine, digest, file_digest, tool_digest, tree_digest
from .plan import Job
from .profiles import output_for
from .project import Project
from .render import Look, messages_used


class Fingerprints:
    def __init__(self, project: Project, inputs: Inputs, options: Options,
                 known_messages: dict[str, list[str]] | None = None):
        self.project = project
        self.inputs = inputs
        self.options = options
        self.templates = tree_digest(project.templates_dir)
        self.fonts = tree_digest(project.fonts_dir)
        self.today = options.today or dt.date.today()
        self.icc = digest(inputs.icc_url.encode()) if inputs.icc_url else "none"
        self.known = dict(known_messages or {})  # shape hash -> msgids, from the last run
        self.messages: dict[str, list[str]] = {}  # the shapes this run meets; what the manifest keeps
        self._used = lru_cache(maxsize=None)(self._messages_used)
        self._clinic = lru_cache(maxsize=None)(self._clinic_digest)
        self._leaflet = lru_cache(maxsize=None)(self._leaflet_digest)

    def parts(self, job: Job) -> dict[str, str]:
        leaflet = self.inputs.leaflets[job.brochure_id]
        used = self._used(job.brochure_id, job.clinic_id, job.output.format.is_trifold, job.output.large_print)
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

    def _leaflet_digest(self, brochure_id: str) -> str:
        return file_digest(self.project.brochure_path(brochure_id))

    def _clinic_digest(self, clinic_id: str) -> str:
        yaml_file = self.project.root / "clinics" / f"{clinic_id}.yaml"
        folder = clinic_folder(self.project, clinic_id)
        return combine({"file": file_digest(yaml_file), "folder": tree_digest(folder) if folder.is_dir() else "none"})

    def _messages_used(self, brochure_id: str, clinic_id: str | None, trifold: bool, large_print: bool) -> set[str]:
        shape = combine({"leaflet": self._leaflet(brochure_id), "templates": self.templates, "tool": tool_digest(),
                         "clinic": self._clinic(clinic_id) if clinic_id else "unbranded",
                         "trifold": str(trifold), "large_print": str(large_print)})
        if shape not in self.messages:
            self.messages[shape] = self.known.get(shape) or sorted(
                self._render_for_messages(brochure_id, clinic_id, trifold, large_print))
        return set(self.messages[shape])

    def _render_for_messages(self, brochure_id: str, clinic_id: str | None, trifold: bool,
                             large_print: bool) -> set[str]:
        # Only these two choices change which template strings are printed.
        output = output_for("office", "trifold" if trifold else "a4", large_print)
        clinic = self.inputs.clinics.get(clinic_id) if clinic_id else None
        brand = brand_for(clinic, clinic.default_language) if clinic else None
        return messages_used(self.project.templates_dir, self.inputs.leaflets[brochure_id],
                             [Look(output=output, brand=brand)])
