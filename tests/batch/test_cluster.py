"""Builds on a Dask distributed cluster: the same PDFs as the local pool, a lost worker, an unreachable scheduler.

One local cluster of two worker processes (127.0.0.1 only) serves every test here; the builds are
the smallest that show it (one clinic, one leaflet, two languages) and are compared with the
shared build the local pool made (`variants`).
"""
import os
import signal
import subprocess
import threading
import time

import pytest

from brochure_builder.batch import cluster
from brochure_builder.batch.manifest import Manifest

from ..conftest import REPO, pdf_names, run_cli

# Run early, in one test process, so the cluster is started once (tests/conftest.py).
pytestmark = pytest.mark.cluster

SMALL = ("--clinic", "jabal-amman", "--brochure", "chemical-peels", "--format", "a4")


@pytest.fixture(scope="module")
def dask_cluster():
    from distributed import Client

    local = cluster.local_cluster(2)
    with Client(local) as client:
        client.wait_for_workers(2)
        yield client
    local.close()


def build_on(client, out, *args):
    return run_cli("build", "--root", str(REPO), "--out", str(out), "--scheduler", client.scheduler.address,
                   *SMALL, *args)


def assert_same_bytes(out, local):
    """`cmp` says each PDF of `out` is byte for byte the one the local pool made."""
    names = pdf_names(out)
    assert names
    for name in names:
        assert subprocess.run(["cmp", out / name, local / name.removeprefix("jabal-amman/")]).returncode == 0, name


def test_a_cluster_of_two_workers_builds_the_pdfs_the_local_pool_builds(dask_cluster, variants, tmp_path):
    out = tmp_path / "out"
    code, stdout, err = build_on(dask_cluster, out, "--profile", "office")
    assert code == 0, err
    assert stdout.splitlines()[-1] == "2 built, 0 up to date, 0 refused, 0 failed"
    assert pdf_names(out) == ["jabal-amman/chemical-peels.ar.pdf", "jabal-amman/chemical-peels.en.pdf"]
    assert_same_bytes(out, variants)
    assert set(Manifest.load(out).entries()) == set(pdf_names(out))
    code, stdout, _ = build_on(dask_cluster, out, "--profile", "office")  # up to date: the cluster is not asked
    assert stdout.splitlines()[-1] == "0 built, 2 up to date, 0 refused, 0 failed"


def test_a_worker_killed_mid_run_costs_only_its_job(dask_cluster, variants, tmp_path):
    killed = []

    def kill_the_first_worker_given_a_job():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            busy = [worker for worker, keys in dask_cluster.processing().items() if keys]
            if busy:
                pid = dask_cluster.run(os.getpid, workers=busy[:1])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(busy[0])
                return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_the_first_worker_given_a_job)
    killer.start()
    out = tmp_path / "out"
    code, stdout, err = build_on(dask_cluster, out, "--profile", "press")
    killer.join()
    assert killed  # a worker holding a job was lost
    assert err == ""  # nothing of the lost worker reaches the person building
    assert code == 0, err
    built = [line for line in stdout.splitlines() if line.startswith("built ")]
    assert sorted(built) == sorted(set(built)) and len(built) == 2  # each job reported once
    assert stdout.splitlines()[-1] == "2 built, 0 up to date, 0 refused, 0 failed"
    assert set(Manifest.load(out).entries()) == set(pdf_names(out)) == {
        "jabal-amman/chemical-peels.ar.press.pdf", "jabal-amman/chemical-peels.en.press.pdf"}
    assert_same_bytes(out, variants)


def test_ctrl_c_cancels_what_is_left_and_keeps_what_was_written(dask_cluster, tmp_path, monkeypatch):
    from brochure_builder.batch.progress import PlainReport

    real = PlainReport.finished

    def ctrl_c_after_the_first(report, result):
        real(report, result)
        raise KeyboardInterrupt  # as Ctrl-C lands in the build's main thread

    monkeypatch.setattr(PlainReport, "finished", ctrl_c_after_the_first)
    out = tmp_path / "out"
    code, stdout, err = build_on(dask_cluster, out, "--profile", "office", "--large-print")  # two jobs
    assert code == 130
    assert err == "interrupted: finished PDFs are kept; run the same command again to build the rest\n"
    assert len(pdf_names(out)) == 1 and set(Manifest.load(out).entries()) == set(pdf_names(out))
    assert dask_cluster.processing() == {worker: () for worker in dask_cluster.processing()}  # nothing left running


def test_a_scheduler_that_cannot_be_reached_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 0.5)
    code, stdout, err = run_cli("build", "--root", str(REPO), "--out", str(tmp_path / "out"),
                                "--scheduler", "tcp://127.0.0.1:9", *SMALL)
    assert code == 2
    assert err.startswith("error: --scheduler: cannot reach the Dask scheduler at tcp://127.0.0.1:9 (")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_scheduler_without_workers_is_one_line(tmp_path, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 0.5)
    with LocalCluster(n_workers=0, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as empty:
        code, _, err = run_cli("build", "--root", str(REPO), "--out", str(tmp_path / "out"),
                               "--scheduler", empty.scheduler_address, *SMALL)
    assert (code, err) == (2, f"error: --scheduler: the Dask scheduler at {empty.scheduler_address} has no workers "
                              f"(none joined within 0.5 s); start some with 'dask worker {empty.scheduler_address} "
                              "--nthreads 1'\n")


def test_jobs_has_no_meaning_with_a_scheduler(tmp_path):
    code, _, err = run_cli("build", "--root", str(REPO), "--out", str(tmp_path), "--scheduler", "local:2",
                           "--jobs", "2", *SMALL)
    assert (code, err) == (2, "error: --jobs: has no meaning with --scheduler: the cluster's workers render "
                              "(local:N starts N of them)\n")


def test_workers_with_another_version_of_the_tool_are_refused(dask_cluster, tmp_path, monkeypatch, request):
    from brochure_builder import digests

    monkeypatch.setattr(digests, "__version__", "0.0-elsewhere")  # this side only: the workers keep theirs
    digests.tool_digest.cache_clear()
    request.addfinalizer(digests.tool_digest.cache_clear)  # before the version comes back
    code, stdout, err = build_on(dask_cluster, tmp_path / "out", "--lang", "en")
    assert code == 2
    assert err.startswith(f"error: --scheduler: {dask_cluster.scheduler.address}: worker tcp://127.0.0.1:")
    assert err.endswith(" runs another version of the tool or of the libraries it renders with (2 such workers); "
                        "install requirements/lock.txt and this tool on every worker\n")
    assert pdf_names(tmp_path / "out") == []
