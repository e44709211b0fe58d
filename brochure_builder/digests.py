"""Content hashes: of bytes, files, folders, the tool itself, and of several hashes together.

What decides whether an output is up to date (batch/fingerprints.py) is built
from these; loading returns the digests of what it read, so nothing is read
again to hash it.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import __version__


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
