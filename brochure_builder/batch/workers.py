"""Run many jobs on worker processes: warm renderers, isolated crashes, atomic results.

Workers are forked once per batch: each inherits the loaded inputs (nothing
is read or sent again), keeps WeasyPrint imported and one font configuration
warm, and renders one job at a time, sent to it over its own pipe. Workers only
render and return bytes; the parent writes every file (atomically) and the
manifest, so a worker that dies or is killed can never leave a partial file
behind. The parent always knows which job each worker holds: a worker that
dies costs only that job, which is tried once more in a fresh worker and then
reported as crashed.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Callable

from ..inputs import Inputs
from ..pdf import renderer
from ..pipeline import Job, Options, Result, attempt

CRASH_RETRIES = 1  # a job whose worker died is tried this many more times before it is reported


@dataclass(frozen=True)
class Task:
    index: int
    job: Job
    used: frozenset[str]  # the messages the job prints (render/usage.py)


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back for one job."""

    index: int
    result: Result
    data: bytes | None  # the file to write: a PDF, or an HTML twin; None when nothing was made
    seconds: float  # wall time of the whole job in the worker
    renderer_seconds: float  # of which inside WeasyPrint
    peak_rss_kib: int  # of the worker process so far
    pid: int


class Interrupted(Exception):
    """The batch was stopped (Ctrl-C or SIGTERM); finished outputs are kept."""


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def render_task(inputs: Inputs, task: Task, options: Options) -> Outcome:
    started = time.perf_counter()
    stopwatch = renderer.Stopwatch()
    result, data = attempt(inputs, task.job, task.used, options, stopwatch)
    return Outcome(task.index, result, data, time.perf_counter() - started, stopwatch.seconds,
                   resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, os.getpid())


def crashed(task: Task) -> Outcome:
    """The outcome of a job whose worker died each time it was tried."""
    message = f"{task.job.name}: the worker process rendering it crashed"
    return Outcome(task.index, Result(task.job, "failed", (message,)), None, 0, 0, 0, 0)


def run_batch(inputs: Inputs, tasks: list[Task], options: Options, workers: int,
              on_outcome: Callable[[Outcome], None]) -> None:
    """Render `tasks` on `workers` processes, calling `on_outcome` in the parent as each finishes."""
    renderer.import_renderer()
    scratch = tempfile.mkdtemp(prefix="brochure-workers-")
    pool = _Pool(inputs, options, scratch)
    try:
        with stopped_by_sigterm():
            pool.run(tasks, max(1, min(workers, len(tasks))), on_outcome)
    finally:
        pool.stop()
        shutil.rmtree(scratch, ignore_errors=True)


@contextmanager
def stopped_by_sigterm():
    """SIGTERM (a batch system ending the run) stops the batch like Ctrl-C: finished outputs are kept."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupted(signum, frame) -> None:
    raise Interrupted(f"stopped by signal {signum}")


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    task: Task | None = None


class _Pool:
    def __init__(self, inputs: Inputs, options: Options, scratch: str) -> None:
        self.inputs, self.options, self.scratch = inputs, options, scratch
        self.context = multiprocessing.get_context("fork")
        self.workers: list[_Worker] = []

    def run(self, tasks: list[Task], size: int, on_outcome: Callable[[Outcome], None]) -> None:
        pending = deque(tasks)
        crashes: dict[int, int] = {}
        while pending or any(worker.task for worker in self.workers):
            while pending and len(self.workers) < size:
                self.workers.append(self._start())
            for worker in self.workers:
                if worker.task is None and pending:
                    worker.task = pending.popleft()
                    worker.connection.send(worker.task)
            ready = wait([w.connection for w in self.workers] + [w.process.sentinel for w in self.workers])
            for worker in list(self.workers):
                if worker.connection in ready and worker.connection.poll():
                    try:
                        outcome = worker.connection.recv()
                    except (EOFError, OSError):  # it died: its end of the pipe closed with it
                        worker.process.join()
                    else:
                        worker.task = None
                        on_outcome(outcome)
                        continue
                if worker.process.sentinel in ready or not worker.process.is_alive():
                    self._lost(worker, pending, crashes, on_outcome)

    def _lost(self, worker: _Worker, pending: deque, crashes: dict[int, int], on_outcome) -> None:
        self.workers.remove(worker)
        worker.process.join()
        worker.connection.close()
        task = worker.task
        if task is None:
            return
        crashes[task.index] = crashes.get(task.index, 0) + 1
        if crashes[task.index] <= CRASH_RETRIES:
            pending.appendleft(task)
            return
        on_outcome(crashed(task))

    def _start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        # Whatever is buffered would be written again by the child when it exits.
        sys.stdout.flush()
        sys.stderr.flush()
        process = self.context.Process(target=_serve, daemon=True,
                                       args=(child_end, os.getpid(), self.inputs, self.options, self.scratch))
        # Forked with Ctrl-C and SIGTERM blocked (see _serve); the parent takes a signal that came
        # meanwhile as soon as they are unblocked, inside the caller's try.
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
        child_end.close()
        return _Worker(process, parent_end)

    def stop(self) -> None:
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in self.workers:
            worker.process.join()
            worker.connection.close()
        self.workers = []


_PR_SET_PDEATHSIG = 1


def _serve(connection: Connection, parent: int, inputs: Inputs, options: Options, scratch: str) -> None:
    """A worker's life: render each task the parent sends until it sends nothing more."""
    # Ctrl-C reaches the whole process group; only the parent decides what stops. The parent
    # forked us with both signals blocked, so none could arrive before these lines: a Ctrl-C sent
    # meanwhile is pending in the parent, which stops the batch, and is discarded here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    _die_with_parent(parent)
    # Workers end without running clean-up code, so their temporary files (WeasyPrint's
    # copies of the fonts) go to a folder the parent removes when the batch is over.
    tempfile.tempdir = scratch
    renderer.forget_fonts()
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return
        connection.send(render_task(inputs, task, options))


def _die_with_parent(parent: int) -> None:
    """A worker whose parent is killed (even with SIGKILL) stops too, instead of rendering for nobody."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
