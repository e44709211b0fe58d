"""A whole batch: plan the matrix, skip what is up to date, render the rest, keep the record.

    plan -> load inputs -> fingerprint each job -> skip current ones -> render on
    workers (the local pool, workers.py, or a Dask cluster, cluster.py) -> write each PDF
    atomically -> manifest -> staff index
"""
from __future__ import annotations

import datetime as dt
import fcntl
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import remove_stale_temporaries, write_atomic
from ..clinics.clinic import Clinic, clinic_ids, load_clinics
from ..content.markup import plain_text
from ..digests import combine
from ..errors import EXIT_FAILED, BrochureError, Problem
from ..inputs import Inputs, load_inputs
from ..languages import SOURCE_LANGUAGE
from ..pipeline import Job, Options, Result
from ..project import Project
from .fingerprints import Fingerprints
from .index import INDEX, write_index
from .manifest import MANIFEST, Entry, Manifest
from .plan import Variants, plan, shard_of
from .progress import PlainReport
from .workers import Outcome, Task, run_batch

SAVE_EVERY = 2.0  # seconds between manifest saves during a batch
LOCK = ".build.lock"


@dataclass(frozen=True)
class Request:
    brochures: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    clinics: tuple[str, ...] = ()
    unbranded: bool = False
    variants: Variants = Variants()
    out_dir: Path | None = None
    options: Options = Options()
    icc: Path | None = None
    force: bool = False
    workers: int = 1
    shard: tuple[int, int] | None = None  # (k, n), k from 1
    scheduler: str | None = None  # a Dask scheduler's address, or local:N (cluster.py); None: the local pool


@dataclass
class Prepared:
    project: Project
    jobs: list[Job]
    inputs: Inputs
    used: dict[Path, frozenset[str]]  # output -> the messages it prints (render/usage.py)
    parts: dict[Path, dict[str, str]]  # output -> a hash per input that shapes it
    hashes: dict[Path, str]  # output -> one hash of all its inputs
    out_dir: Path
    manifest: Manifest
    warnings: list = field(default_factory=list)


def prepare(project: Project, request: Request) -> Prepared:
    out_dir = (request.out_dir or project.root / "out").resolve()
    check_output_folder(out_dir)
    if request.unbranded and request.clinics:
        raise BrochureError("choose --clinic or --unbranded, not both")
    clinics: dict[str, Clinic] | None = None
    warnings = []
    if not request.unbranded and (request.clinics or clinic_ids(project)):
        clinics, warnings = load_clinics(project, list(request.clinics))
    jobs = plan(project, list(request.brochures), list(request.langs), clinics, out_dir,
                explicit_clinics=bool(request.clinics), variants=request.variants)
    jobs = shard_of(jobs, request.shard)
    used_clinics = {job.clinic_id: clinics[job.clinic_id] for job in jobs if job.clinic_id}
    inputs = load_inputs(project, [job.brochure_id for job in jobs], [job.lang for job in jobs], used_clinics,
                         press=any(job.output.profile.cmyk for job in jobs), icc=request.icc,
                         screen=any(job.output.format.is_screen for job in jobs),
                         check_translations=False)  # only the languages rendered need it: see _rebuild
    manifest = Manifest.load(out_dir)
    fingerprints = Fingerprints(project, inputs, request.options, manifest.messages)
    used = {job.path: fingerprints.used(job) for job in jobs}
    parts = {job.path: fingerprints.parts(job, used[job.path]) for job in jobs}
    hashes = {path: combine(job_parts) for path, job_parts in parts.items()}
    manifest.messages = fingerprints.messages
    return Prepared(project, jobs, inputs, used, parts, hashes, out_dir, manifest, warnings)


def check_output_folder(out_dir: Path) -> None:
    """--out must be a folder (or become one), and the files a build keeps there must be files."""
    existing = next(folder for folder in (out_dir, *out_dir.parents) if folder.exists())
    if not existing.is_dir():
        raise BrochureError(Problem("--out", f"{existing} is a file, not a folder"))
    for name, kept in ((MANIFEST, "manifest"), (INDEX, "staff index"), (LOCK, "lock")):
        if (out_dir / name).is_dir():
            raise BrochureError(Problem(str(out_dir / name), f"is a folder; the build keeps its {kept} there"))


@contextmanager
def exclusive(out_dir: Path):
    """One batch at a time per output folder: the manifest and the clean-up assume it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / LOCK).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BrochureError(f"{out_dir}: another build is writing to this folder") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def rebuild(prepared: Prepared, request: Request, report: PlainReport) -> list[Result]:
    with exclusive(prepared.out_dir):
        try:
            return _rebuild(prepared, request, report)
        finally:
            prepared.manifest.close()


def _rebuild(prepared: Prepared, request: Request, report: PlainReport) -> list[Result]:
    out_dir = prepared.out_dir
    remove_stale_temporaries([out_dir, *(job.path.parent for job in prepared.jobs)])
    manifest = prepared.manifest
    to_run = [job for job in prepared.jobs
              if request.force or not manifest.is_current(job.path, prepared.hashes[job.path])]
    report.start(len(to_run), len(prepared.jobs) - len(to_run))
    results: list[Result] = []
    last_save = [time.monotonic()]

    def finished(outcome: Outcome) -> None:
        result = outcome.result
        if result.ok:
            try:
                write_atomic(result.job.path, outcome.data)
            except OSError as error:  # a read-only or full folder: this job fails, the old PDF stays
                result = Result(result.job, "failed", (f"{result.job.path}: cannot write: {error.strerror}",))
            else:
                manifest.record(result.job.path, entry_for(prepared, result.job, len(outcome.data)))
                if time.monotonic() - last_save[0] > SAVE_EVERY:
                    _save(manifest)
                    last_save[0] = time.monotonic()
        results.append(result)
        report.finished(result)

    try:
        if to_run:
            prepared.inputs.check_translations(job.lang for job in to_run)  # before forking: workers inherit it
            tasks = [Task(index, job, prepared.used[job.path]) for index, job in enumerate(to_run)]
            render(prepared, tasks, request, finished)
    finally:
        # Whatever happened, every PDF written so far is recorded, so the next run skips it.
        _save(manifest)
        try:
            write_index(manifest, request.options.today or dt.date.today())
        except OSError as error:
            raise BrochureError(f"{manifest.folder / INDEX}: cannot write: {error.strerror}", EXIT_FAILED) from None
    return results


def render(prepared: Prepared, tasks: list[Task], request: Request, finished) -> None:
    """The engine: the local pool, or a Dask cluster sent a snapshot of what the jobs read."""
    if request.scheduler is None:
        run_batch(prepared.inputs, tasks, request.options, request.workers, finished)
        return
    from .cluster import run_on_cluster  # noqa: PLC0415 - Dask is imported only for a cluster build
    from .snapshot import pack  # noqa: PLC0415

    snapshot = pack(prepared.inputs, [task.job.brochure_id for task in tasks], [task.job.lang for task in tasks])
    run_on_cluster(request.scheduler, snapshot, tasks, request.options, finished)


def _save(manifest: Manifest) -> None:
    try:
        manifest.save()
    except sqlite3.Error as error:
        raise BrochureError(f"{manifest.path}: cannot write: {error}", EXIT_FAILED) from None
    except OSError as error:
        raise BrochureError(f"{manifest.path}: cannot write: {error.strerror}", EXIT_FAILED) from None


def entry_for(prepared: Prepared, job: Job, size: int) -> Entry:
    """What the manifest keeps of a job whose PDF of `size` bytes was just written."""
    leaflet = prepared.inputs.leaflets[job.brochure_id]
    language = prepared.inputs.languages[job.lang]
    clinic = prepared.inputs.clinics[job.clinic_id] if job.clinic_id else None
    return Entry(input_hash=prepared.hashes[job.path], inputs=prepared.parts[job.path], size=size,
                 leaflet=job.brochure_id, lang=job.lang, clinic=job.clinic_id, profile=job.output.profile.name,
                 format=job.output.format.name, large_print=job.output.large_print,
                 title=plain_text(language.text(leaflet.title.text)),
                 title_lang=SOURCE_LANGUAGE if language.missing([leaflet.title.text]) else job.lang,
                 version=leaflet.version,
                 reviewed=leaflet.reviewed.isoformat(), review_due=leaflet.review_due.isoformat(),
                 draft=language.gaps(prepared.used[job.path]).incomplete,
                 clinic_name=clinic.text(clinic.name, clinic.default_language) if clinic else None,
                 clinic_name_lang=clinic.default_language if clinic else None)
