"""Everything a set of jobs reads from disk, read once and validated together.

This is the loading end of the pipeline: after it, rendering needs no file
but the templates, fonts and logos the renderer fetches through its sandbox.
"""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from .catalogs import read_catalog
from .checks import broken_translations
from .clinics import Clinic, clinic_file, clinic_folder
from .content import Leaflet
from .errors import BrochureError, Problem
from .fonts import load_fonts
from .glyphs import clinic_problems, printable_leaflet
from .languages import SOURCE_LANGUAGE
from .plan import Job
from .profiles import DEFAULT_ICC
from .project import Project
from .translator import Translator


@dataclass
class Language:
    """A catalog as read for a build, and the translations in it that must not be printed."""

    lang: str
    catalog: Catalog | None  # None: the source language without a catalog
    project: Project | None = None
    _broken: dict[str, list[str]] | None = None

    @property
    def broken(self) -> dict[str, list[str]]:
        """msgid -> error lines. Checked only when something is rendered: an up-to-date run skips it."""
        if self._broken is None:
            self._broken = {} if self.catalog is None else broken_translations(self.project, self.lang, self.catalog)
        return self._broken

    def translator(self) -> Translator:
        if self.catalog is None:
            return Translator.source()
        return Translator.from_catalog(self.lang, self.catalog, self.broken)

    def text(self, msgid: str) -> str:
        """One message in this language; the source text where it is not (properly) translated."""
        message = self.catalog.get(msgid) if self.catalog is not None else None
        return message.string if message is not None and message.string and not message.fuzzy else msgid

    def revision(self, used: set[str]) -> str:
        """Which translations a leaflet printed: a short hash of the catalog entries it used.

        Only those entries count, so editing one message changes the revision (and
        the PDF) of just the leaflets that use it. Whether a translation is broken
        follows from its text and the fonts, so it needs no place here.
        """
        if self.catalog is None:
            return "source text"
        entries = []
        for msgid in sorted(used):
            message = self.catalog.get(msgid)
            if message is not None:
                entries.append([msgid, message.string, message.fuzzy])
        return "sha256:" + hashlib.sha256(json.dumps(entries, ensure_ascii=False).encode()).hexdigest()[:16]


@dataclass
class Inputs:
    leaflets: dict[str, Leaflet] = field(default_factory=dict)
    languages: dict[str, Language] = field(default_factory=dict)
    clinics: dict[str, Clinic] = field(default_factory=dict)
    logos: dict[str, bytes] = field(default_factory=dict)  # clinic id -> SVG logo, for press colours
    icc_url: str | None = None


def load_inputs(project: Project, jobs: list[Job], clinics: dict[str, Clinic] | None = None,
                icc: Path | None = None) -> Inputs:
    """Read and validate every leaflet, catalog and file the jobs need; all problems at once."""
    problems: list[Problem] = []
    inputs = Inputs(clinics=dict(clinics or {}))
    fonts = load_fonts(project.fonts_dir)  # a broken fonts.yaml stops here: no text could be checked
    for brochure_id in dict.fromkeys(job.brochure_id for job in jobs):
        try:
            inputs.leaflets[brochure_id] = printable_leaflet(project, brochure_id, fonts)
        except BrochureError as error:
            problems.extend(error.problems)
    for clinic_id in dict.fromkeys(job.clinic_id for job in jobs if job.clinic_id):
        shown = project.relative(clinic_file(project, clinic_id))
        problems.extend(clinic_problems(inputs.clinics[clinic_id], shown, fonts))
    for lang in dict.fromkeys(job.lang for job in jobs):
        try:
            inputs.languages[lang] = load_language(project, lang)
        except BrochureError as error:
            problems.extend(error.problems)
    if any(job.output.profile.cmyk for job in jobs):
        for clinic_id in dict.fromkeys(job.clinic_id for job in jobs if job.clinic_id):
            logo = clinic_folder(project, clinic_id) / inputs.clinics[clinic_id].logo
            if logo.suffix.lower() == ".svg":
                inputs.logos[clinic_id] = logo.read_bytes()
        try:
            inputs.icc_url = icc_data_url(icc)
        except BrochureError as error:
            problems.extend(error.problems)
    if problems:
        raise BrochureError(problems)
    return inputs


def load_language(project: Project, lang: str) -> Language:
    if lang == SOURCE_LANGUAGE and not project.po_path(lang).is_file():
        return Language(lang, None)
    return Language(lang, read_catalog(project, lang), project)


def icc_data_url(icc: Path | None) -> str:
    """The CMYK output profile for press output, embedded so the sandbox need not reach it."""
    path = icc or Path(DEFAULT_ICC)
    if not path.is_file():
        if icc is None:
            raise BrochureError(Problem("--icc", (
                f"press output needs a CMYK ICC output profile: pass --icc FILE (the print shop's profile), "
                f"or install Debian's libgs-common for {DEFAULT_ICC}")))
        raise BrochureError(Problem(str(icc), "ICC profile not found"))
    data = path.read_bytes()
    if len(data) < 132 or data[36:40] != b"acsp" or data[16:20] != b"CMYK":
        raise BrochureError(Problem(str(path), "not a CMYK ICC profile"))
    return "data:application/vnd.iccprofile;base64," + base64.b64encode(data).decode("ascii")
