"""The local pool against a Dask cluster, and a model of a 48,000-PDF group (run on demand; not a test).

    .venv/bin/python benchmarks/cluster.py [--leaflets 24] [--repeat 3] [--workers 2]

Builds a synthetic content folder of N leaflets (copies of the demo leaflets under new ids,
unbranded, English, A4 office: what benchmarks/batch.py builds), starts a local Dask cluster of W
worker processes, and measures, in one run, whole `build --force` commands:

  pool      `build --jobs W`: the local pool (workers.py), forked for the build
  cluster   `build --scheduler ADDRESS`: the running cluster (cluster.py), its workers warm
  local     `build --scheduler local:W`: a cluster started for the build and stopped after it

They take turns, --repeat times, each going first in turn, so each throughput ratio (pool seconds / cluster seconds; the
target is >= 0.9) compares runs seconds apart; its median and range are printed. Then the parts
of the model, each measured here:

  render      seconds of one job in a warm worker (median over one batch on the cluster, in process)
  overhead    Dask's cost per job: 2,000 tasks through the same cluster that only return as many
              bytes as the median PDF
  shipping    packing the snapshot, and sending it to every worker with it unpacked and loaded
              (registering the plugin), and its size
  client      writing one PDF atomically and recording it in the manifest, in this process

and the model: a group of 50 clinics x 40 leaflets x 8 languages x 3 editions = 48,000 PDFs,
its CPU-hours, and its wall time on 1, 8 and 32 workers (one per core):

  wall(W) = shipping + max(48,000 x (render + overhead) / W, 48,000 x client)

since the client writes while the workers render, and the slower of the two sets the pace.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from synthetic import demo_copies  # noqa: E402 - benchmarks/, on the path when run as a script

from brochure_builder.atomic import write_atomic  # noqa: E402
from brochure_builder.batch import cluster  # noqa: E402
from brochure_builder.batch.run import Request, entry_for, prepare  # noqa: E402
from brochure_builder.batch.snapshot import pack  # noqa: E402
from brochure_builder.batch.workers import Task  # noqa: E402
from brochure_builder.pipeline import Options  # noqa: E402
from brochure_builder.project import Project  # noqa: E402

GROUP = 50 * 40 * 8 * 3  # clinics x leaflets x languages x editions
MODEL_WORKERS = (1, 8, 32)
TARGET_RATIO = 0.9


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "unknown")
    return f"{os.cpu_count()} CPUs (nproc), {model}, Python {platform.python_version()}"


def batch(project: Project, out: Path, engine) -> dict:
    """One batch of every job through `engine(inputs, tasks, on_outcome)`, written and recorded as a build does."""
    prepared = prepare(project, Request(unbranded=True, langs=("en",), out_dir=out, force=True))
    prepared.inputs.check_translations(["en"])
    tasks = [Task(index, job, prepared.used[job.path]) for index, job in enumerate(prepared.jobs)]
    client_seconds, job_seconds, sizes = [0.0], [], []

    def finished(outcome) -> None:
        started = time.perf_counter()
        assert outcome.result.ok, outcome.result.messages
        write_atomic(outcome.result.job.path, outcome.data)
        prepared.manifest.record(outcome.result.job.path, entry_for(prepared, outcome.result.job, len(outcome.data)))
        job_seconds.append(outcome.seconds)
        sizes.append(len(outcome.data))
        client_seconds[0] += time.perf_counter() - started

    started = time.perf_counter()
    engine(prepared, tasks, finished)
    prepared.manifest.save()
    wall = time.perf_counter() - started
    prepared.manifest.close()
    return {"wall": wall, "jobs": len(tasks), "client": client_seconds[0] / len(tasks),
            "render": statistics.median(job_seconds), "pdf_bytes": int(statistics.median(sizes))}


def on_cluster(address: str):
    def engine(prepared, tasks, finished):
        snapshot = pack(prepared.inputs, [t.job.brochure_id for t in tasks], [t.job.lang for t in tasks])
        cluster.run_on_cluster(address, snapshot, tasks, Options(), finished)
    return engine


def pdf_sized(index: int, size: int) -> bytes:
    return bytes(size)


def dask_overhead(client, workers: int, size: int, tasks: int = 2000) -> float:
    """Seconds of cluster time per task for tasks that only return `size` bytes, as a job returns its PDF:
    the scheduler's, the workers' and the transfer's share of a job."""
    started = time.perf_counter()
    for _ in cluster.as_completed(client.map(pdf_sized, range(tasks), size=size, pure=False), with_results=True):
        pass
    return (time.perf_counter() - started) * workers / tasks


def command_line(project: Project, out: Path, engine: list[str]) -> float:
    """Seconds of a whole `build` process, start-up (and a local cluster's start) included."""
    command = [sys.executable, str(REPO / "make_brochure.py"), "build", "--root", str(project.root), "--unbranded",
               "--lang", "en", "--force", "--out", str(out), *engine]
    started = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(engine)}: exit {result.returncode}: {result.stderr.strip()}")
    return time.perf_counter() - started


def shipping(project: Project, client, out: Path) -> dict:
    prepared = prepare(project, Request(unbranded=True, langs=("en",), out_dir=out))
    prepared.inputs.check_translations(["en"])
    started = time.perf_counter()
    snapshot = pack(prepared.inputs, [job.brochure_id for job in prepared.jobs], ["en"])
    packing = time.perf_counter() - started
    started = time.perf_counter()
    client.register_plugin(cluster.ContentOnWorker(snapshot), name="benchmark-snapshot")
    registering = time.perf_counter() - started
    client.unregister_worker_plugin("benchmark-snapshot")
    prepared.manifest.close()
    return {"pack": packing, "register": registering, "mib": len(snapshot.data) / 2**20}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leaflets", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each engine, taking turns")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from distributed import Client

    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.at(demo_copies(Path(tmp) / "content", args.leaflets, clinics=False))
        started = time.perf_counter()
        local = cluster.local_cluster(args.workers)
        client = Client(local)
        client.wait_for_workers(args.workers)
        cluster_start = time.perf_counter() - started
        address = local.scheduler_address
        print(f"{args.leaflets} leaflets (unbranded, en, A4 office), {args.workers} workers; "
              f"local cluster started in {cluster_start:.2f} s")
        commands = []
        batch(project, Path(tmp) / "warm", on_cluster(address))  # each worker imports WeasyPrint once, not timed
        engines = {"pool": ["--jobs", str(args.workers)], "running": ["--scheduler", address],
                   "started": ["--scheduler", f"local:{args.workers}"]}
        for run in range(args.repeat):
            # Each engine goes first in turn, so none is favoured by the moment it runs in.
            order = list(engines)[run % 3:] + list(engines)[:run % 3]
            seconds = {name: command_line(project, Path(tmp) / name, engines[name]) for name in order}
            pool, running, started = seconds["pool"], seconds["running"], seconds["started"]
            commands.append((pool, running, started))
            print(f"run {run + 1}: --jobs {args.workers} {pool:.2f} s, --scheduler ADDRESS {running:.2f} s, "
                  f"--scheduler local:{args.workers} {started:.2f} s")
        measured = batch(project, Path(tmp) / "measured", on_cluster(address))
        size = measured["pdf_bytes"]
        empty = [dask_overhead(client, args.workers, size) for _ in range(3)]
        ships = [shipping(project, client, Path(tmp) / "ship") for _ in range(3)]
        client.close()
        local.close()

    running_ratios = [pool / running for pool, running, _ in commands]
    local_ratios = [pool / started for pool, _, started in commands]
    render = measured["render"]  # warm workers: the steady state of a long run
    overhead = statistics.median(empty)
    ship = statistics.median(s["pack"] + s["register"] for s in ships)
    client_cost = measured["client"]

    print(f"\nthroughput ratio, --jobs {args.workers} seconds / cluster seconds, median and range of "
          f"{len(commands)} runs (target >= {TARGET_RATIO}):")
    for name, ratios in (("running cluster (--scheduler ADDRESS)", running_ratios),
                         (f"cluster started by the build (local:{args.workers})", local_ratios)):
        met = "met" if statistics.median(ratios) >= TARGET_RATIO else "NOT met"
        print(f"  {name:48} {statistics.median(ratios):.2f}  [{min(ratios):.2f}-{max(ratios):.2f}]  {met}")
    print("\nmodel inputs (medians; ranges in brackets)")
    print(f"  render, one job in a warm worker  {render:.3f} s ({measured['jobs']} jobs)")
    print(f"  Dask per job (a task returning {size // 1024} KiB, the median PDF) {overhead * 1000:.1f} ms "
          f"[{min(empty) * 1000:.1f}-{max(empty) * 1000:.1f}]")
    print(f"  snapshot: {ships[0]['mib']:.1f} MiB; packed in {statistics.median(s['pack'] for s in ships):.3f} s, "
          f"shipped, unpacked and loaded on {args.workers} workers in "
          f"{statistics.median(s['register'] for s in ships):.3f} s "
          f"[{min(s['register'] for s in ships):.3f}-{max(s['register'] for s in ships):.3f}]")
    print(f"  client: write + record, per job {client_cost * 1000:.1f} ms")
    print(f"\nmodel: {GROUP:,} PDFs, {render:.3f} s render + {overhead * 1000:.1f} ms Dask per job, "
          f"{ship:.2f} s shipping, {client_cost * 1000:.1f} ms client per job")
    print(f"  CPU-hours of rendering: {GROUP * render / 3600:.1f}")
    for workers in MODEL_WORKERS:
        rendering = GROUP * (render + overhead) / workers
        writing = GROUP * client_cost
        wall = ship + max(rendering, writing)
        bound = "workers" if rendering >= writing else "client"
        print(f"  {workers:>2} workers: {wall / 3600:6.2f} h wall ({bound}-bound: rendering {rendering / 3600:.2f} h, "
              f"client {writing / 3600:.2f} h)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
