"""Run many jobs on a Dask distributed cluster: the same contract as the local pool (workers.py).

The client (this process) has planned, fingerprinted and skipped what is up to date; the
cluster only renders. The content the jobs read travels once per worker, as a snapshot
(snapshot.py) inside a worker plugin: the scheduler hands it to every worker, including one
that joins or is restarted mid-run, and each worker unpacks it into a folder of its own, loads
its inputs once and keeps WeasyPrint imported with one warm font configuration, as a worker
of the local pool does. PDF bytes come back to the client, which writes them (atomically) and
the manifest, through `on_outcome`, once per job. Imported only by a build given --scheduler.

A worker lost mid-run (its process killed, its machine gone) costs only the jobs it held:
the scheduler runs them again elsewhere, up to the cluster's `allowed-failures` (ALLOWED_FAILURES
on a local cluster); a job that kills every worker it meets is reported as crashed. Ctrl-C and
SIGTERM cancel what is left and let go of the cluster.

    --scheduler tcp://HOST:8786   a running cluster (workers: `dask worker --nthreads 1`)
    --scheduler local:N           N worker processes on this machine, started for this run
"""
from __future__ import annotations

import logging
import re
import shutil
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import dask
from distributed import Client, KilledWorker, LocalCluster, WorkerPlugin, as_completed, get_worker

from ..digests import tool_digest
from ..errors import BrochureError, Problem
from ..pipeline import Options, Result
from .snapshot import Snapshot, unpack
from .workers import Outcome, Task, crashed, render_task, stopped_by_sigterm

CONNECT_SECONDS = 10  # to reach a scheduler that is up takes milliseconds; a wrong address fails after this
ALLOWED_FAILURES = 2  # a local cluster runs a job again after losing its worker this many times
LOCAL = re.compile(r"local:([1-9][0-9]*)")
# A worker process with several threads (or two builds on one worker) still renders one job at a time:
# WeasyPrint's warnings, which fail a render, are collected from one logger, and fontconfig is not made
# for threads.
ONE_RENDER_AT_A_TIME = threading.Lock()


def run_on_cluster(scheduler: str, snapshot: Snapshot, tasks: list[Task], options: Options,
                   on_outcome: Callable[[Outcome], None]) -> None:
    """Render `tasks` on the cluster, calling `on_outcome` here as each finishes, once per task."""
    with connected(scheduler) as client, stopped_by_sigterm():
        _check_versions(client, scheduler)
        name = f"{snapshot.name}-{client.id}"  # this run's own: another build may share the content
        client.register_plugin(ContentOnWorker(snapshot), name=name)
        futures = client.map(_render, tasks, plugin=name, options=options, pure=False)
        by_key = {future.key: task for future, task in zip(futures, tasks, strict=True)}
        reported: set[int] = set()
        try:
            for future in as_completed(futures):
                task = by_key[future.key]
                if task.index not in reported:
                    reported.add(task.index)
                    on_outcome(_outcome(future, task))
        finally:
            client.cancel(futures)
            _forget(client, name)


def _outcome(future, task: Task) -> Outcome:
    try:
        return future.result()
    except KilledWorker:
        return crashed(task)
    except Exception as error:  # noqa: BLE001 - the cluster failed this job; the others go on
        message = f"{task.job.name}: on the cluster: {type(error).__name__}: {_first_line(error)}"
        return Outcome(task.index, Result(task.job, "failed", (message,)), None, 0, 0, 0, 0)


@contextmanager
def connected(scheduler: str) -> Iterator:
    """A client of the scheduler at `scheduler`, or of a local cluster started (and stopped) for this run."""
    local = LOCAL.fullmatch(scheduler)
    if local:
        cluster = local_cluster(int(local.group(1)))
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(scheduler, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        raise BrochureError(Problem("--scheduler", f"cannot reach the Dask scheduler at {scheduler} "
                                                   f"({_first_line(error)})")) from None
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except TimeoutError:
            raise BrochureError(Problem("--scheduler", f"the Dask scheduler at {scheduler} has no workers (none joined "
                                                       f"within {CONNECT_SECONDS} s); start some with "
                                                       f"'dask worker {scheduler} --nthreads 1'")) from None
        yield client


def local_cluster(workers: int) -> LocalCluster:
    """`workers` worker processes on this machine, reached on 127.0.0.1 only, without a dashboard; one
    thread each, as WeasyPrint renders one job at a time. A process that dies is restarted by its nanny."""
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
        # The scheduler's HTTP server (health checks) on any free port of 127.0.0.1, not on 8787, which
        # another cluster on the machine may hold.
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                            dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                            silence_logs=logging.ERROR, preload=[__name__])


def dask_setup(worker) -> None:
    """Run by each worker process of a local cluster as it starts (Dask's preload): Ctrl-C in the terminal
    reaches the whole process group, and only the build decides what stops; it then closes the cluster."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_versions(client, scheduler: str) -> None:
    """Every worker must run this tool and the libraries that decide a PDF's bytes in the same versions."""
    mine = tool_digest()
    try:
        theirs = client.run(tool_digest)
    except Exception as error:  # noqa: BLE001 - e.g. a worker without this tool installed
        raise BrochureError(Problem("--scheduler", f"{scheduler}: a worker cannot run this tool "
                                                   f"({type(error).__name__}: {_first_line(error)}); install "
                                                   "requirements/lock.txt and this tool on every worker")) from None
    other = sorted(worker for worker, digest in theirs.items() if digest != mine)
    if other:
        raise BrochureError(Problem("--scheduler", f"{scheduler}: worker {other[0]} runs another version of the tool "
                                                   f"or of the libraries it renders with ({len(other)} such workers); "
                                                   "install requirements/lock.txt and this tool on every worker"))


def _forget(client, name: str) -> None:
    """The workers drop the snapshot (its folder and loaded inputs) when the run is over."""
    try:
        client.unregister_worker_plugin(name)
    except Exception:  # noqa: BLE001 - a cluster already gone keeps nothing of it
        pass


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


class ContentOnWorker(WorkerPlugin):
    """A worker plugin: the snapshot unpacked and loaded once per worker process, for every job it renders.

    Dask calls `setup` on each worker (also one that joins later) and `teardown` when the plugin is
    removed or the worker closes.
    """

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.inputs = None
        self.folder: str | None = None

    def __getstate__(self) -> dict:
        return {"snapshot": self.snapshot}  # what travels: the content, not a worker's state

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["snapshot"])

    def setup(self, worker) -> None:
        self.folder = tempfile.mkdtemp(prefix=f"brochure-{self.snapshot.digest[:16]}-", dir=worker.local_directory)
        self.inputs = unpack(self.snapshot, Path(self.folder))

    def teardown(self, worker) -> None:
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)


def _render(task: Task, plugin: str, options: Options) -> Outcome:
    """Runs on a worker: one job, from the inputs its snapshot plugin loaded."""
    content = get_worker().plugins[plugin]
    with ONE_RENDER_AT_A_TIME:
        return render_task(content.inputs, task, options)
