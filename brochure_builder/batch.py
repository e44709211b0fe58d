"""Run many jobs on worker processes: warm renderers, isolated crashes, atomic results.

Workers are forked once per batch and each keeps WeasyPrint imported and one
font configuration warm across the leaflets it renders. They only render and
return bytes; the parent writes every file (atomically) and the manifest, so
a worker that dies or is killed can never leave a partial file behind. A
worker crash fails only the job it was running: the jobs that were in flight
with it are run again, one process each, to find the culprit.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Callable

from . import pdf
from .build import Options, Result, attempt
from .inputs import Inputs
from .plan import Job
from .project import Project


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back for one job."""

    index: int
    result: Result
    pdf: bytes | None
    seconds: float  # wall time of the whole job in the worker
    renderer_seconds: float  # of which inside WeasyPrint
    peak_rss_kib: int  # of the worker process so far
    pid: int


_STATE: tuple[Project, Inputs, Options] | None = None  # set before forking; read by workers


class Interrupted(Exception):
    """The batch was stopped (Ctrl-C or SIGTERM); finished outputs are kept."""


def render_job(index: int, job: Job) -> Outcome:
    project, inputs, options = _STATE
    started = time.perf_counter()
    renderer_before = pdf.TIMINGS["weasyprint"]
    result, data = attempt(project, inputs, job, options)
    return Outcome(index, result, data, time.perf_counter() - started,
                   pdf.TIMINGS["weasyprint"] - renderer_before,
                   resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, os.getpid())


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _start_worker(scratch: str) -> None:
    # Ctrl-C reaches the whole process group; only the parent decides what stops. The parent
    # forked us with both signals blocked, so none could arrive before these lines: a Ctrl-C sent
    # meanwhile is pending in the parent, which stops the batch, and is discarded here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    # Workers end without running clean-up code, so their temporary files (WeasyPrint's
    # copies of the fonts) go to a folder the parent removes when the batch is over.
    tempfile.tempdir = scratch
    pdf.forget_fonts()


def run_batch(project: Project, inputs: Inputs, jobs: list[Job], options: Options, workers: int,
              on_outcome: Callable[[Outcome], None]) -> None:
    """Render `jobs` on `workers` processes, calling `on_outcome` in the parent as each finishes."""
    global _STATE
    for lang in {job.lang for job in jobs}:
        inputs.languages[lang].broken  # noqa: B018 - checked once here, inherited by every worker
    _STATE = (project, inputs, options)
    previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    scratch = tempfile.mkdtemp(prefix="brochure-workers-")
    try:
        workers = max(1, min(workers, len(jobs)))
        lost = _run_pool(list(enumerate(jobs)), workers, on_outcome, scratch)
        if lost:  # a worker died: every unfinished job failed with it, so try them again
            lost = _run_pool(lost, workers, on_outcome, scratch)
        for index, job in lost:  # still failing together: one process each, to find the one that crashes
            if _run_pool([(index, job)], 1, on_outcome, scratch):
                on_outcome(Outcome(index, Result(job, "failed", (f"{job.name}: the worker process rendering it "
                                                                 "crashed",)), None, 0, 0, 0, 0))
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(scratch, ignore_errors=True)
        _STATE = None


def _raise_interrupted(signum, frame) -> None:
    raise Interrupted(f"stopped by signal {signum}")


def _run_pool(tasks: list[tuple[int, Job]], workers: int, on_outcome, scratch: str) -> list[tuple[int, Job]]:
    """Returns the tasks that were lost to a crashed worker."""
    if not tasks:
        return []
    context = multiprocessing.get_context("fork")
    # Whatever is buffered would be written again by each child when it exits.
    sys.stdout.flush()
    sys.stderr.flush()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                               initargs=(scratch,))
    lost = []
    try:
        # The workers are forked at the first submit, with Ctrl-C and SIGTERM blocked (see _start_worker);
        # the parent takes a signal that came meanwhile as soon as they are unblocked, inside this try.
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            futures = {pool.submit(render_job, index, job): (index, job) for index, job in tasks}
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except BrokenProcessPool:
                lost.append(futures[future])
                continue
            on_outcome(outcome)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return sorted(lost)


def _stop(pool: ProcessPoolExecutor) -> None:
    # The pool's workers are this process's only multiprocessing children (one pool at a time),
    # so the public list of children names them without reaching into the pool.
    for process in multiprocessing.active_children():
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
