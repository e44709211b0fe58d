"""The loading end of the pipeline: everything a set of jobs reads, read once and validated together.

Every file comes through the project's `ContentFiles` (files.py), which keeps
its bytes: the fingerprints hash what was read here, and the renderer's
fetcher serves the templates' stylesheets, the fonts and the logos from it.
After loading, nothing is read from disk again.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable

from .catalogs.language import Language, load_language
from .clinics.clinic import Clinic, clinic_file, clinic_folder, clinic_problems
from .clinics.logos import is_svg
from .content.leaflet import Leaflet, printable_leaflet
from .errors import BrochureError, Problem
from .files import ContentFiles
from .fonts import Fonts, load_fonts
from .profiles import DEFAULT_ICC
from .project import Project
from .render.html import Templates, load_templates


@dataclass
class Inputs:
    files: ContentFiles  # every byte read, by path; digests come from the same bytes
    fonts: Fonts
    templates: Templates
    leaflets: dict[str, Leaflet] = field(default_factory=dict)
    languages: dict[str, Language] = field(default_factory=dict)
    clinics: dict[str, Clinic] = field(default_factory=dict)
    # clinic id -> its logo file's bytes: an SVG logo for press colours, any logo for the HTML twin
    logos: dict[str, bytes] = field(default_factory=dict)
    icc_profile: bytes | None = None  # CMYK output profile for press: embedded, and colours go through it

    @cached_property
    def icc_url(self) -> str | None:
        """The output profile as a data: URL, so the renderer's sandbox need not reach its file."""
        if self.icc_profile is None:
            return None
        return "data:application/vnd.iccprofile;base64," + base64.b64encode(self.icc_profile).decode("ascii")

    def check_translations(self, langs: Iterable[str]) -> None:
        """Find the translations that must not be printed, in the languages about to be rendered."""
        for lang in set(langs):
            self.languages[lang] = self.languages[lang].checked(self.fonts)


def load_inputs(project: Project, brochure_ids: list[str], langs: list[str], clinics: dict[str, Clinic] | None = None,
                press: bool = False, icc: Path | None = None, check_translations: bool = True,
                screen: bool = False) -> Inputs:
    """Read and validate every leaflet, catalog and file the jobs need; all problems at once.

    `clinics` were loaded (and validated) when the jobs were planned; `press`: some job is for print;
    `screen`: some job is an HTML twin (which carries the logo inline).
    `check_translations=False` leaves the catalogs' translations to `Inputs.check_translations`, for
    a batch that first finds out which languages it will render.
    """
    fonts = load_fonts(project.files)  # a broken fonts.yaml stops here: no text could be checked
    inputs = Inputs(project.files, fonts, load_templates(project, fonts), clinics=dict(clinics or {}))
    problems: list[Problem] = []
    for brochure_id in dict.fromkeys(brochure_ids):
        try:
            inputs.leaflets[brochure_id] = printable_leaflet(project, brochure_id, fonts)
        except BrochureError as error:
            problems.extend(error.problems)
    for clinic_id, clinic in inputs.clinics.items():
        problems.extend(clinic_problems(clinic, project.relative(clinic_file(project, clinic_id)), fonts))
        if (press and is_svg(clinic.logo)) or screen:
            inputs.logos[clinic_id] = project.files.read(clinic_folder(project, clinic_id) / clinic.logo)
    for lang in dict.fromkeys(langs):
        try:
            inputs.languages[lang] = load_language(project, lang, fonts if check_translations else None)
        except BrochureError as error:
            problems.extend(error.problems)
    if press:
        try:
            inputs.icc_profile = read_icc(icc)
        except BrochureError as error:
            problems.extend(error.problems)
    if problems:
        raise BrochureError(problems)
    return inputs


def read_icc(icc: Path | None) -> bytes:
    """The CMYK output profile for press output: the one given, else Debian's default."""
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
    return data
