"""Batch rendering benchmark (run on demand; not part of the test suite).

    .venv/bin/python benchmarks/batch.py [--leaflets 60] [--naive-sample N]

Builds a synthetic content folder of N leaflets (copies of the demo leaflets under
new ids, unbranded, English) and measures, in one run on this machine:

  naive     one `weasyprint` CLI process per pre-rendered HTML file (the baseline)
  jobs=1    `make_brochure.py build --jobs 1` (one warm worker)
  jobs=P    `make_brochure.py build --jobs P`, P = CPUs
  limit     N x median warm single-leaflet render time / CPUs (the best P workers could do)
  no-op     a second `make_brochure.py build` of the demo matrix, everything up to date

and prints leaflets per second, speed-up over naive, parallel efficiency, the share
of the time spent outside WeasyPrint, peak RSS per worker, and each target with
whether it is met. Every figure is a ratio against a baseline measured in the same
run, so the machine's speed cancels out. On a shared machine the speed also drifts
during a run, so the naive baseline is sampled before, between and after the batch
runs (the median per-leaflet cost, times N), and each batch run is repeated and the
faster kept.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from synthetic import demo_copies  # noqa: E402 - benchmarks/, on the path when run as a script

from brochure_builder.batch.run import Request, prepare  # noqa: E402
from brochure_builder.batch.workers import Task, run_batch  # noqa: E402
from brochure_builder.pipeline import Options, leaflet_pdf  # noqa: E402
from brochure_builder.project import Project  # noqa: E402
from brochure_builder.render.html import render_html  # noqa: E402

TARGETS = {"speed_up": 6.0, "limit_share": 0.85, "overhead": 0.10, "noop_seconds": 1.0, "rss_mib": 200}


def synthetic_project(folder: Path, leaflets: int) -> Project:
    """The demo leaflets copied `leaflets` times, without clinics (unbranded editions)."""
    return Project.at(demo_copies(folder, leaflets, clinics=False))


def timed(command: list[str], **kwargs) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    return time.perf_counter() - started


def naive_per_leaflet(project: Project, sample: int, offset: int) -> float:
    """Seconds per leaflet with one weasyprint process each, HTML rendered beforehand (not timed)."""
    prepared = prepare(project, Request(unbranded=True, langs=("en",)))
    html_dir = project.templates_dir  # the HTML's relative links point into templates/
    files = []
    for job in prepared.jobs[offset:offset + sample]:
        html = render_html(prepared.inputs.templates, prepared.inputs.leaflets[job.brochure_id],
                           prepared.inputs.languages["en"].translator())
        path = html_dir / f"_naive_{job.brochure_id}.html"
        path.write_text(html, encoding="utf-8")
        files.append(path)
    weasyprint = Path(sys.executable).with_name("weasyprint")
    out = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    for path in files:
        subprocess.run([str(weasyprint), str(path), str(out / (path.stem + ".pdf"))], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    for path in files:
        path.unlink()
    shutil.rmtree(out)
    return elapsed / len(files)


def warm_median(project: Project, repeats: int = 7) -> float:
    """Median time of one leaflet through the whole pipeline in a warm process."""
    prepared = prepare(project, Request(unbranded=True, langs=("en",)))
    job = prepared.jobs[0]
    used = prepared.used[job.path]
    prepared.inputs.check_translations([job.lang])
    leaflet_pdf(prepared.inputs, job, used, Options())  # warm-up: imports, fonts
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        leaflet_pdf(prepared.inputs, job, used, Options())
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def in_process_batch(project: Project, workers: int, out: Path) -> dict:
    """The batch engine itself, to see where the time goes and how much memory workers take."""
    request = Request(unbranded=True, langs=("en",), out_dir=out, workers=workers, force=True)
    prepared = prepare(project, request)
    outcomes = []
    started = time.perf_counter()
    prepared.inputs.check_translations(job.lang for job in prepared.jobs)
    tasks = [Task(index, job, prepared.used[job.path]) for index, job in enumerate(prepared.jobs)]
    run_batch(prepared.inputs, tasks, Options(), workers, outcomes.append)
    wall = time.perf_counter() - started
    rss = {}
    for outcome in outcomes:
        rss[outcome.pid] = max(rss.get(outcome.pid, 0), outcome.peak_rss_kib)
    renderer = sum(o.renderer_seconds for o in outcomes)
    return {"wall": wall, "jobs": len(outcomes), "renderer": renderer,
            "outside_renderer": 1 - renderer / (wall * workers), "rss_mib": max(rss.values()) / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leaflets", type=int, default=60)
    parser.add_argument("--naive-sample", type=int, default=12,
                        help="leaflets in each of the three samples of the naive baseline (default 12)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each batch measurement; the fastest counts")
    args = parser.parse_args()
    cpus = os.cpu_count() or 1
    cli = [sys.executable, str(REPO / "make_brochure.py")]
    with tempfile.TemporaryDirectory() as tmp:
        project = synthetic_project(Path(tmp) / "content", args.leaflets)
        n = len(project.brochure_ids())
        print(f"machine: {cpus} CPUs, Python {sys.version.split()[0]}, {n} leaflets (unbranded, en)")

        build = cli + ["build", "--root", str(project.root), "--unbranded", "--lang", "en", "--force"]
        samples = [naive_per_leaflet(project, args.naive_sample, 0)]
        median = warm_median(project)
        one = min(timed(build + ["--jobs", "1", "--out", str(Path(tmp) / "out1")]) for _ in range(args.repeat))
        samples.append(naive_per_leaflet(project, args.naive_sample, args.naive_sample))
        many = min(timed(build + ["--jobs", str(cpus), "--out", str(Path(tmp) / "outp")]) for _ in range(args.repeat))
        median = min(median, warm_median(project))
        samples.append(naive_per_leaflet(project, args.naive_sample, 2 * args.naive_sample))
        naive = statistics.median(samples) * n
        limit = n * median / cpus
        inside = in_process_batch(project, 1, Path(tmp) / "in1")
        inside_p = in_process_batch(project, cpus, Path(tmp) / "inp")

        demo_out = Path(tmp) / "demo-out"
        subprocess.run(cli + ["build", "--out", str(demo_out)], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        noop = min(timed(cli + ["build", "--out", str(demo_out)], cwd=REPO) for _ in range(3))

    speed_up = naive / many
    efficiency = one / many / cpus
    limit_share = limit / many
    rows = [
        ("naive (1 weasyprint process per leaflet)", naive, n / naive, "1.00x", ""),
        ("build --jobs 1", one, n / one, f"{naive / one:.2f}x", ""),
        (f"build --jobs {cpus}", many, n / many, f"{speed_up:.2f}x", f"parallel efficiency {efficiency:.0%}"),
        (f"render limit (N x {median:.3f} s / {cpus})", limit, n / limit, f"{naive / limit:.2f}x", ""),
    ]
    print(f"\n{'run':44} {'seconds':>8} {'leaflets/s':>11} {'vs naive':>9}")
    for name, seconds, rate, ratio, note in rows:
        print(f"{name:44} {seconds:8.2f} {rate:11.2f} {ratio:>9}  {note}")
    print("naive samples, seconds per leaflet: " + ", ".join(f"{x:.2f}" for x in samples))
    print(f"\nshare of time outside WeasyPrint (jobs=1, in process): {inside['outside_renderer']:.1%}")
    print(f"share of time outside WeasyPrint (jobs={cpus}, in process): {inside_p['outside_renderer']:.1%}")
    print(f"peak RSS per worker: {max(inside['rss_mib'], inside_p['rss_mib']):.0f} MiB")
    print(f"no-op rebuild of the demo matrix: {noop:.2f} s")
    checks = [
        ("speed-up over naive", speed_up, f">= {TARGETS['speed_up']}x", speed_up >= TARGETS["speed_up"]),
        ("share of the render limit", limit_share, f">= {TARGETS['limit_share']:.0%}",
         limit_share >= TARGETS["limit_share"]),
        ("time outside WeasyPrint (jobs=1)", inside["outside_renderer"], f"<= {TARGETS['overhead']:.0%}",
         inside["outside_renderer"] <= TARGETS["overhead"]),
        ("no-op rebuild, seconds", noop, f"<= {TARGETS['noop_seconds']}", noop <= TARGETS["noop_seconds"]),
        ("peak RSS per worker, MiB", max(inside["rss_mib"], inside_p["rss_mib"]), f"<= {TARGETS['rss_mib']}",
         max(inside["rss_mib"], inside_p["rss_mib"]) <= TARGETS["rss_mib"]),
    ]
    print(f"\n{'target':36} {'measured':>9}  {'wanted':>8}  met")
    for name, value, wanted, met in checks:
        shown = f"{value:.0%}" if isinstance(value, float) and value < 1.5 and "seconds" not in name else f"{value:.2f}"
        print(f"{name:36} {shown:>9}  {wanted:>8}  {'yes' if met else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
