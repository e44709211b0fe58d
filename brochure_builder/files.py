"""The content folder's files as a run reads them: each read once, kept, and hashed from the same bytes.

Every reader goes through one `ContentFiles`: the loaders (leaflets, catalogs,
clinic files, logos, fonts, templates), the fingerprints that decide what is
up to date, and the renderer's URL fetcher. So a file is read from disk at
most once per run, what is hashed is exactly what is printed, and the rule
"nothing outside the content folder" is enforced in one place: a path that
leads outside it, by `..` or through a symlink, is refused.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .digests import combine, digest
from .errors import BrochureError, Problem


class OutsideContent(BrochureError):
    """A path that leads outside the content folder."""


@dataclass
class ContentFiles:
    root: Path  # resolved
    _data: dict[Path, bytes] = field(default_factory=dict, repr=False)
    _digests: dict[Path, str] = field(default_factory=dict, repr=False)

    @classmethod
    def at(cls, root: Path) -> ContentFiles:
        return cls(root.resolve())

    def inside(self, path: Path) -> Path:
        """`path` made absolute and normalised, if it and whatever it leads to are inside the content folder."""
        lexical = Path(os.path.normpath(self.root / path))
        if not lexical.is_relative_to(self.root) or not lexical.resolve().is_relative_to(self.root):
            raise OutsideContent(Problem(self.shown(lexical), "leads outside the content folder"))
        return lexical

    def shown(self, path: Path) -> str:
        """How messages name a file: relative to the content folder when it is inside."""
        lexical = Path(os.path.normpath(self.root / path))
        return lexical.relative_to(self.root).as_posix() if lexical.is_relative_to(self.root) else str(lexical)

    def is_file(self, path: Path) -> bool:
        return self.inside(path).is_file()

    def read(self, path: Path) -> bytes:
        """The file's bytes, from disk the first time only; FileNotFoundError when there is none."""
        key = self.inside(path)
        if key not in self._data:
            if not key.is_file():
                raise FileNotFoundError(key)
            self._data[key] = key.read_bytes()
        return self._data[key]

    def read_so_far(self) -> dict[str, bytes]:
        """Every file read until now, by path relative to the content folder, in a stable order."""
        return {path.relative_to(self.root).as_posix(): self._data[path] for path in sorted(self._data)}

    def tree(self, folder: Path) -> dict[str, bytes]:
        """Every file below `folder` (none when it does not exist), by path relative to it, in a stable order."""
        base = self.inside(folder)
        files = {}
        for path in sorted(base.rglob("*")):
            if "__pycache__" not in path.parts and self.inside(path).is_file():
                files[path.relative_to(base).as_posix()] = self.read(path)
        return files

    def digest(self, path: Path) -> str:
        """Of a file's bytes, or of a folder's files with their names; "missing" when there is neither."""
        key = self.inside(path)
        if key not in self._digests:
            if key.is_dir():
                self._digests[key] = combine({name: digest(data) for name, data in self.tree(key).items()})
            elif key.is_file():
                self._digests[key] = digest(self.read(key))
            else:
                self._digests[key] = "missing"
        return self._digests[key]
