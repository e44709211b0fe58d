"""The snapshot a cluster's workers render from: the same bytes for the same content, wherever it lies."""
import os
import subprocess

from brochure_builder.batch.plan import Variants
from brochure_builder.batch.run import Request, prepare
from brochure_builder.batch.snapshot import pack
from brochure_builder.project import Project

from ..conftest import REPO


def snapshot_of(root, out):
    request = Request(clinics=("jabal-amman",), brochures=("chemical-peels",), out_dir=out,
                      variants=Variants(("office", "press")))
    prepared = prepare(Project.at(root), request)
    prepared.manifest.close()
    return pack(prepared.inputs, [job.brochure_id for job in prepared.jobs], [job.lang for job in prepared.jobs])


def test_the_same_content_anywhere_packs_to_the_same_bytes(project_copy, tmp_path):
    for path in project_copy.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))  # other dates than the checkout's
    here, there = snapshot_of(REPO, tmp_path / "a"), snapshot_of(project_copy, tmp_path / "b")
    assert here.digest == there.digest and here.data == there.data
    assert str(REPO).encode() not in here.data and str(project_copy).encode() not in there.data
    archive = tmp_path / "snapshot.tar"
    archive.write_bytes(here.data)
    listing = subprocess.run(["tar", "-tvf", archive], capture_output=True, text=True, check=True).stdout.splitlines()
    names = [line.split()[-1] for line in listing]
    assert names == sorted(names)
    assert {name.split("/")[0] for name in names} == {"content", "jobs.json", "output.icc"}  # press: the profile
    assert "content/clinics/jabal-amman.yaml" in names and "content/brochures/mesotherapy-acne-scars.yaml" not in names
    assert all(" 1970-01-01 " in line and line.startswith("-rw-r--r--") for line in listing)
