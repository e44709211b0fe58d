"""`merge`: the output folders of shards brought together into one that a build finds up to date."""
import re
import shutil
import sqlite3
import subprocess

from ..conftest import REPO, VARIANT_BUILDS, VARIANT_JOB, pdf_names, run_cli
from ..index_html import read_index


def shard_folders(built, tmp_path, count=2):
    """Output folders as `count` shards leave them: each holds its share of the PDFs (the manifest of each
    also records the others', which are not there, as after a PDF was deleted)."""
    names = pdf_names(built)
    folders = []
    for k in range(count):
        folder = tmp_path / f"out-{k + 1}"
        shutil.copytree(built, folder)
        for index, name in enumerate(names):
            if index % count != k:
                (folder / name).unlink()
        folders.append(folder)
    return names, folders


def test_shard_folders_merge_into_one_a_build_finds_up_to_date(variants, tmp_path):
    names, shards = shard_folders(variants.parent, tmp_path)
    assert all(len(pdf_names(shard)) < len(names) for shard in shards)
    out = tmp_path / "out"
    code, stdout, err = run_cli("merge", "--out", str(out), *map(str, shards))
    assert (code, err) == (0, "")
    assert stdout == f"merged {len(names)} PDFs from 2 folders into {out}\n"
    assert pdf_names(out) == names
    for name in names:
        assert subprocess.run(["cmp", out / name, variants.parent / name]).returncode == 0, name
    assert len(read_index(out).rows) == len(names)
    up_to_date = 0
    for selection in VARIANT_BUILDS:
        code, stdout, err = run_cli("build", "--root", str(REPO), "--out", str(out), *VARIANT_JOB, *selection)
        summary = re.fullmatch(r"0 built, (\d+) up to date, 0 refused, 0 failed", stdout.splitlines()[-1])
        assert code == 0 and summary, (stdout, err)
        up_to_date += int(summary[1])
    assert up_to_date == len(names)


def test_a_pdf_two_shards_built_from_other_inputs_is_refused_and_nothing_written(variants, tmp_path):
    names, shards = shard_folders(variants.parent, tmp_path)
    shutil.copy(variants.parent / names[0], shards[1] / names[0])  # the first shard's PDF, built again
    with sqlite3.connect(shards[1] / "manifest.sqlite") as manifest:
        manifest.execute("UPDATE outputs SET input_hash = 'other' WHERE path = ?", (names[0],))
    out = tmp_path / "out"
    code, stdout, err = run_cli("merge", "--out", str(out), *map(str, shards))
    assert (code, stdout) == (2, "")
    assert err == f"error: {shards[1] / names[0]}: {shards[0]} has it too, built from other inputs\n"
    assert not out.exists()
