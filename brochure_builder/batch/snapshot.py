"""The content a set of jobs reads, packed for workers that share no filesystem with the client.

A snapshot is one tar: under content/, every content file the run has read (files.py keeps
them), which after planning is everything the jobs' renders read; the ICC output profile for
press, which lives outside the content folder; and jobs.json, naming the leaflets, languages
and clinics to load. Names are sorted and every date, owner and mode fixed, so the same
content gives the same bytes, and the SHA-256 of those bytes names the snapshot on every
worker. A worker unpacks it into a folder of its own and loads its inputs from there with the
same loaders and the same sandbox as a local build; no path of that folder reaches a PDF.
"""
from __future__ import annotations

import hashlib
import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path

from ..clinics.clinic import load_clinic
from ..inputs import Inputs, load_inputs
from ..project import Project

CONTENT = "content"
ICC = "output.icc"
JOBS = "jobs.json"


@dataclass(frozen=True)
class Snapshot:
    data: bytes  # the tar
    digest: str  # SHA-256 of `data`, hex

    @property
    def name(self) -> str:
        """How the cluster knows this snapshot (its worker plugin)."""
        return f"brochure-content-{self.digest[:16]}"


def pack(inputs: Inputs, leaflets: list[str], langs: list[str]) -> Snapshot:
    """The files `inputs` were loaded from, and what to load, for jobs of `leaflets` in `langs`."""
    members = {f"{CONTENT}/{path}": data for path, data in inputs.files.read_so_far().items()}
    members[JOBS] = json.dumps({"leaflets": sorted(set(leaflets)), "languages": sorted(set(langs)),
                                "clinics": sorted(inputs.clinics), "press": inputs.icc_profile is not None},
                               sort_keys=True).encode()
    if inputs.icc_profile is not None:
        members[ICC] = inputs.icc_profile
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in sorted(members):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(members[name]), 0, 0o644
            tar.addfile(info, io.BytesIO(members[name]))
    data = buffer.getvalue()
    return Snapshot(data, hashlib.sha256(data).hexdigest())


def unpack(snapshot: Snapshot, folder: Path) -> Inputs:
    """The inputs, loaded from the snapshot unpacked into the empty `folder`, translations checked."""
    with tarfile.open(fileobj=io.BytesIO(snapshot.data)) as tar:
        tar.extractall(folder, filter="data")  # regular files below `folder` only
    jobs = json.loads((folder / JOBS).read_text())
    project = Project.at(folder / CONTENT)
    clinics = {clinic_id: load_clinic(project, clinic_id)[0] for clinic_id in jobs["clinics"]}
    inputs = load_inputs(project, jobs["leaflets"], jobs["languages"], clinics, press=jobs["press"],
                         icc=folder / ICC if jobs["press"] else None, check_translations=False)
    inputs.check_translations(jobs["languages"])
    return inputs
