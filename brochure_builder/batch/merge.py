"""Shard outputs brought together: the PDFs of several output folders, and their manifest entries, in one.

A sharded build (`build --shard`) leaves one output folder per shard, each with its own PDFs,
manifest and staff index. Merging copies every PDF a folder's manifest records, and that is
still there at the size recorded, into one output folder (atomically), records it in that
folder's manifest with what shaped it, and writes its staff index: the folder is then what one
build of the whole matrix would have made, and a build into it skips what is up to date. The
shard folders are only read. A PDF that two folders record with different inputs, or that
changed since it was built, is refused before anything is written.
"""
from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

from ..atomic import write_atomic
from ..errors import BrochureError, Problem
from .index import write_index
from .manifest import MANIFEST, Entry, Manifest
from .run import check_output_folder, exclusive


def merge(out_dir: Path, folders: list[Path], today: dt.date | None = None) -> int:
    """Merge the output `folders` into `out_dir`; the number of PDFs merged."""
    out_dir = out_dir.resolve()
    check_output_folder(out_dir)
    found, messages = _recorded(out_dir, [folder.resolve() for folder in folders])
    with exclusive(out_dir):
        merged = Manifest.load(out_dir)
        try:
            for key, (folder, entry) in sorted(found.items()):
                write_atomic(out_dir / key, (folder / key).read_bytes())
                merged.record(out_dir / key, entry)
            merged.messages.update(messages)
            merged.save()
            write_index(merged, today)
        finally:
            merged.close()
    return len(found)


def _recorded(out_dir: Path, folders: list[Path]) -> tuple[dict[str, tuple[Path, Entry]], dict[str, list[str]]]:
    """Every PDF the folders' manifests record (key -> its folder and entry), and the messages they know."""
    found: dict[str, tuple[Path, Entry]] = {}
    messages: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for folder in folders:
        if folder == out_dir:
            problems.append(Problem(str(folder), "is the folder merged into"))
            continue
        if not (folder / MANIFEST).is_file():
            problems.append(Problem(str(folder), f"no {MANIFEST}: not the output folder of a build"))
            continue
        manifest = Manifest.load(folder)
        problems += [Problem(str(folder), note) for note in manifest.notes]
        for key, entry in manifest.present().items():
            problems += _pdf_problems(folder, key, entry)
            if key in found and found[key][1].input_hash != entry.input_hash:
                problems.append(Problem(str(folder / key), f"{found[key][0]} has it too, built from other inputs"))
            found.setdefault(key, (folder, entry))
        messages.update(manifest.messages)
        manifest.close()
    if problems:
        raise BrochureError(problems)
    return found, messages


def _pdf_problems(folder: Path, key: str, entry: Entry) -> list[Problem]:
    status = os.lstat(folder / key)
    if not stat.S_ISREG(status.st_mode):
        return [Problem(str(folder / key), "is not a regular file")]
    if status.st_size != entry.size:
        return [Problem(str(folder / key), f"has {status.st_size} bytes, {entry.size} when it was built: "
                                           "changed since; build that shard again")]
    return []
