"""Where things live inside a content folder (the project root).

A clinic group may keep its content in its own repository with the same
layout; every path the tool reads is derived from one root here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BrochureError, Problem
from .files import ContentFiles
from .languages import SOURCE_LANGUAGE, check_language

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DOMAIN = "brochures"


def check_slug(kind: str, value: str) -> str:
    """Refuse anything that could escape a folder before a file is opened."""
    if not SLUG.fullmatch(value or ""):
        raise BrochureError(
            Problem(kind, f"not a valid id: {value!r} (lower-case letters, digits and '-')")
        )
    return value


@dataclass(frozen=True)
class Project:
    """Where the content is, and every file of it that this run has read (each read once)."""

    root: Path
    files: ContentFiles = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "files", ContentFiles.at(self.root))

    @classmethod
    def at(cls, root: str | Path = ".") -> "Project":
        path = Path(root).resolve()
        if not (path / "brochures").is_dir():
            raise BrochureError(Problem(str(root), "not a content folder (no brochures/ in it)"))
        return cls(path)

    @property
    def brochures_dir(self) -> Path:
        return self.root / "brochures"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def fonts_dir(self) -> Path:
        return self.root / "fonts"

    @property
    def pot_path(self) -> Path:
        return self.locales_dir / f"{DOMAIN}.pot"

    def po_path(self, lang: str) -> Path:
        return self.locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"

    def brochure_path(self, brochure_id: str) -> Path:
        return self.brochures_dir / f"{check_slug('brochure', brochure_id)}.yaml"

    def brochure_ids(self) -> list[str]:
        """Every leaflet, by its file name; a file whose name is not a valid id is named, not skipped."""
        paths = sorted(self.brochures_dir.glob("*.yaml"))
        wrong = [Problem(self.relative(p), "the file name is not a valid leaflet id (lower-case letters, digits "
                                           "and '-', then .yaml)") for p in paths if not SLUG.match(p.stem)]
        if wrong:
            raise BrochureError(wrong)
        return [p.stem for p in paths]

    def catalog_langs(self) -> list[str]:
        """Every language with a catalog; a folder whose name is not a language code is named, not skipped."""
        langs = self.catalog_folders()
        wrong = [problem for lang in langs for problem in self.folder_problems(lang)]
        if wrong:
            raise BrochureError(wrong)
        return langs

    def catalog_folders(self) -> list[str]:
        """The folders of locales/ that hold a catalog, whether or not their names are language codes."""
        if not self.locales_dir.is_dir():
            return []
        return sorted(p.name for p in self.locales_dir.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())

    def folder_problems(self, lang: str) -> list[Problem]:
        try:
            check_language(lang)
        except BrochureError:
            return [Problem(f"locales/{lang}", f"not a language code: {lang!r}; rename the folder "
                                               "(e.g. el, pt_BR) or remove it")]
        return []

    def languages(self) -> list[str]:
        """Every language a leaflet can be printed in: the source language and each one with a catalog."""
        return sorted({SOURCE_LANGUAGE, *self.catalog_langs()})

    def relative(self, path: Path) -> str:
        """Paths in messages and catalogs are shown relative to the root."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)
