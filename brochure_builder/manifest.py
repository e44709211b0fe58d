"""What shaped each output, so an unchanged job is skipped without rendering.

Every output's entry in `out/manifest.json` records a hash per input: the
leaflet file, the catalog entries the leaflet really uses in that language,
templates and stylesheets, fonts, the clinic file with its logo and fonts,
the build options, and the versions of the tool and its renderer. A job whose
hashes all match and whose PDF is still there is up to date.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import __version__
from .output import write_atomic

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    return digest(path.read_bytes()) if path.is_file() else "missing"


def tree_digest(folder: Path) -> str:
    """Names and contents of every file below `folder`, in a stable order."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + file_digest(path).encode() + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def tool_digest() -> str:
    """The tool (its version and its own code) and the libraries that decide the bytes of a PDF."""
    versions = [f"brochure-builder {__version__} {tree_digest(Path(__file__).parent)}"]
    for package in ("weasyprint", "pydyf", "tinycss2", "pypdf", "jinja2", "babel", "segno", "fonttools"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} none")
    return digest("\n".join(versions).encode())


def combine(parts: dict[str, str]) -> str:
    return digest(json.dumps(parts, sort_keys=True).encode())


@dataclass
class Entry:
    input_hash: str
    inputs: dict[str, str]
    size: int
    leaflet: str
    lang: str
    clinic: str | None
    profile: str
    format: str
    large_print: bool
    title: str
    version: str
    reviewed: str
    review_due: str


@dataclass
class Manifest:
    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)  # output path relative to the folder -> entry
    # Which messages a leaflet looks up, by a hash of what decides it: an up-to-date run needs no template.
    messages: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> "Manifest":
        path = folder / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT_VERSION:
                return cls(folder)
            return cls(folder, {key: Entry(**value) for key, value in data["outputs"].items()},
                       dict(data.get("messages", {})))
        except (OSError, ValueError, TypeError, KeyError):
            return cls(folder)  # no manifest, or an unreadable one: everything is rebuilt

    def key(self, output: Path) -> str:
        return output.resolve().relative_to(self.folder.resolve()).as_posix()

    def is_current(self, output: Path, input_hash: str) -> bool:
        entry = self.entries.get(self.key(output))
        return entry is not None and entry.input_hash == input_hash and output.is_file() \
            and output.stat().st_size == entry.size

    def record(self, output: Path, entry: Entry) -> None:
        self.entries[self.key(output)] = entry

    def save(self) -> None:
        data = {"format": FORMAT_VERSION,
                "outputs": {key: vars(entry) for key, entry in sorted(self.entries.items())},
                "messages": dict(sorted(self.messages.items()))}
        write_atomic(self.folder / MANIFEST, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())

    def present(self) -> dict[str, Entry]:
        """Entries whose PDF still exists."""
        return {key: entry for key, entry in self.entries.items() if (self.folder / key).is_file()}
