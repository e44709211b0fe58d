"""The batch stage without the command line: planning, fingerprints, the worker pool."""
import datetime as dt
import os
import subprocess
import sys
import time

from brochure_builder.batch.run import Request, prepare
from brochure_builder.batch.workers import Task, run_batch
from brochure_builder.pipeline import Options, planned_messages
from brochure_builder.project import Project
from brochure_builder.render import usage

from ..conftest import REPO, pdf_names, run_cli

TODAY = Options(today=dt.date(2026, 11, 29))


def test_fingerprints_hash_the_revision_of_the_set_each_job_prints(tmp_path):
    prepared = prepare(Project.at(REPO), Request(clinics=("jabal-amman",), out_dir=tmp_path, options=TODAY))
    for job in prepared.jobs:
        used = prepared.used[job.path]
        assert used == planned_messages(prepared.inputs, job.shape)
        assert prepared.parts[job.path]["catalog"] == prepared.inputs.languages[job.lang].revision(used)


def test_an_up_to_date_run_renders_nothing(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run_cli("build", "--root", str(REPO), "--out", str(out), "--clinic", "retiro-madrid", "--lang", "es",
                   "--brochure", "chemical-peels")[0] == 0
    renders = []
    real = usage.render_in
    monkeypatch.setattr(usage, "render_in", lambda *args: renders.append(args) or real(*args))
    prepared = prepare(Project.at(REPO), Request(clinics=("retiro-madrid",), langs=("es",),
                                                 brochures=("chemical-peels",), out_dir=out))
    assert renders == []  # the messages of each shape come from the manifest
    assert all(prepared.manifest.is_current(job.path, prepared.hashes[job.path]) for job in prepared.jobs)


def test_the_pool_renders_every_task_it_is_given(tmp_path):
    prepared = prepare(Project.at(REPO), Request(clinics=("cedar-toronto",), brochures=("chemical-peels",),
                                                 out_dir=tmp_path, options=TODAY))
    prepared.inputs.check_translations(prepared.inputs.languages)
    tasks = [Task(index, job, prepared.used[job.path]) for index, job in enumerate(prepared.jobs)]
    outcomes = []
    run_batch(prepared.inputs, tasks, TODAY, 2, outcomes.append)
    assert sorted(outcome.index for outcome in outcomes) == list(range(len(tasks)))
    assert all(outcome.result.ok and outcome.data.startswith(b"%PDF") for outcome in outcomes)
    assert len({outcome.pid for outcome in outcomes} - {os.getpid()}) >= 1  # rendered in worker processes


def test_workers_die_with_a_killed_parent_and_the_next_run_proceeds(project_copy, tmp_path):
    out = tmp_path / "out"
    args = [sys.executable, str(REPO / "make_brochure.py"), "build", "--root", str(project_copy), "--out", str(out),
            "--jobs", "2", "--clinic", "retiro-madrid", "--lang", "es", "--brochure", "chemical-peels",
            "--profile", "office", "--profile", "press"]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               start_new_session=True)
    for line in process.stdout:
        if line.startswith("built "):
            break
    process.kill()  # SIGKILL: no clean-up code runs in the parent
    process.wait()
    deadline = time.monotonic() + 10
    while _group(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _group(process.pid) == []
    code, stdout, err = run_cli("build", "--root", str(project_copy), "--out", str(out), "--clinic", "retiro-madrid",
                                "--lang", "es", "--brochure", "chemical-peels",
                                "--profile", "office", "--profile", "press")
    assert code == 0, err
    assert stdout.splitlines()[-1].endswith("0 refused, 0 failed") and len(pdf_names(out)) == 2


def _group(pgid: int) -> list[str]:
    """Processes still alive in the killed build's process group (zombies do not count)."""
    result = subprocess.run(["ps", "-o", "pid=,stat=", "-g", str(pgid)], capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line.split() and not line.split()[1].startswith("Z")]
