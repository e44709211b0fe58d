"""Planning and up-to-date runs at scale (run on demand; not part of the test suite).

    .venv/bin/python benchmarks/planning.py [--sizes 1000,5000,20000] [--repeat 3]
                                            [--baseline REF] [--baseline-sizes 1000,5000]

Generates, in a temporary folder, a synthetic clinic group from the demo content: copies of the
demo leaflets under new ids x the four demo clinics x the languages each prints (9 pairs) x four
editions (office and press, A4 and tri-fold): 36 jobs per leaflet copy. For each size it measures,
as separate processes of the command line:

  plan cold   `plan --json` with no manifest (nothing built yet: every shape's messages found)
  plan        `plan --json` with a manifest that says everything is up to date
  no-op       `build` with everything up to date (checked: "0 built, N up to date")

The up-to-date state is made without rendering: every job gets a placeholder PDF and a manifest
entry written through the code's own manifest (what a real build records), so 20,000 jobs take
seconds, not hours. Then, in process, the manifest itself at 50,000 entries: loading it, one
save after one more entry (what a batch pays every couple of seconds), and recording 50,000
entries in a batch with a save every 100.

--baseline REF runs the same measurements, in the same run, on the code of git commit REF (for
the figures before a change); old and new take turns, run after run, so the ratio new/old does
not depend on the machine's speed at the time. Every figure is the median of --repeat runs, with
the lowest and highest shown: the host is shared and its speed drifts.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from synthetic import demo_copies  # benchmarks/: on the path when run as a script

REPO = Path(__file__).resolve().parent.parent
EDITIONS = ["--profile", "office", "--profile", "press", "--format", "a4", "--format", "trifold"]
JOBS_PER_LEAFLET = 9 * 4  # (clinic, language) pairs of the demo clinics x editions
TARGETS = {"plan_seconds": 3.0, "noop_seconds": 3.0, "at_jobs": 5000}


def synthetic_group(folder: Path, leaflets: int) -> Path:
    """The demo content with `leaflets` copies of the demo leaflets under new ids."""
    return demo_copies(folder, leaflets)


def code_tree(ref: str | None, folder: Path) -> Path:
    """The tool's code: this checkout, or commit `ref` unpacked into `folder`."""
    if ref is None:
        return REPO
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "brochure_builder", "make_brochure.py"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


# Run by the code under test (old or new), so the state is written in that code's own format.
SEED = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from brochure_builder.batch import run
    from brochure_builder.batch.plan import Variants
    from brochure_builder.project import Project
    root, out = Path(sys.argv[2]), Path(sys.argv[3])
    request = run.Request(variants=Variants(("office", "press"), ("a4", "trifold")), out_dir=out)
    prepared = run.prepare(Project.at(root), request)
    # as a build does before its workers start: the drafts the manifest records need checked catalogs
    getattr(prepared.inputs, "check_translations", lambda langs: None)({job.lang for job in prepared.jobs})
    entry = getattr(run, "entry_for", None) or run._entry
    placeholder = b"%PDF-1.7 placeholder"
    for job in prepared.jobs:
        job.path.parent.mkdir(parents=True, exist_ok=True)
        job.path.write_bytes(placeholder)
        prepared.manifest.record(job.path, entry(prepared, job, len(placeholder)))
    prepared.manifest.save()
    getattr(prepared.manifest, "close", lambda: None)()
    print(len(prepared.jobs))
""")

MANIFEST_COST = textwrap.dedent("""
    import json, statistics, sys, time
    from dataclasses import fields
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from brochure_builder.batch.manifest import Entry, Manifest
    folder, count = Path(sys.argv[2]), int(sys.argv[3])
    known = {field.name for field in fields(Entry)}  # the fields of the revision measured

    def entry(i):
        values = dict(input_hash=f"{i:064x}", inputs={k: f"{i:064x}" for k in ("leaflet", "catalog", "templates",
                      "fonts", "clinic", "options", "tool")}, size=100000 + i, leaflet=f"leaflet-{i // 36:05d}",
                      lang="en", clinic=f"clinic-{i % 4}", profile="office", format="a4", large_print=False,
                      title="Chemical peels", title_lang="en", version="1.2", reviewed="2025-11-01",
                      review_due="2027-11-01", draft=False, clinic_name=f"Clinic {i % 4}", clinic_name_lang="en")
        return Entry(**{name: value for name, value in values.items() if name in known})

    def close(manifest):
        getattr(manifest, "close", lambda: None)()

    folder.mkdir(parents=True, exist_ok=True)
    manifest = Manifest.load(folder)
    started = time.perf_counter()
    saves = []
    for i in range(count):
        manifest.record(folder / f"c{i % 4}" / f"leaflet-{i:06d}.en.pdf", entry(i))
        if i % 100 == 99:
            t = time.perf_counter()
            manifest.save()
            saves.append(time.perf_counter() - t)
    manifest.save()
    batch = time.perf_counter() - started
    close(manifest)
    loads = []
    for _ in range(3):
        t = time.perf_counter()
        manifest = Manifest.load(folder)
        loads.append(time.perf_counter() - t)
        close(manifest)
    manifest = Manifest.load(folder)
    one = []
    for k in range(5):
        manifest.record(folder / "extra" / f"x{k}.pdf", entry(count + k))
        t = time.perf_counter()
        manifest.save()
        one.append(time.perf_counter() - t)
    close(manifest)
    print(json.dumps({"batch": batch, "saves": sum(saves), "last_save": saves[-1], "load": statistics.median(loads),
                      "one_save": statistics.median(one)}))
""")


def timed(command: list[str], **kwargs) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)
    return time.perf_counter() - started, result.stdout


def spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "low": min(values), "high": max(values), "runs": values}


def measure(code: Path, root: Path, work: Path, jobs: int, figures: dict) -> None:
    """One run of each measurement, added to `figures` (the up-to-date state is made at the first run)."""
    cli = [sys.executable, str(code / "make_brochure.py")]
    cold_out, out = work / "cold-out", work / "out"

    def plan(folder: Path) -> float:
        seconds, stdout = timed(cli + ["plan", "--json", "--root", str(root), "--out", str(folder)] + EDITIONS)
        assert len(json.loads(stdout)["jobs"]) == jobs
        return seconds

    figures.setdefault("plan_cold", []).append(plan(cold_out))
    if not out.exists():
        started = time.perf_counter()
        seeded = subprocess.run([sys.executable, "-c", SEED, str(code), str(root), str(out)], check=True,
                                capture_output=True, text=True).stdout.split()[-1]
        assert int(seeded) == jobs, seeded
        figures["seed_seconds"] = time.perf_counter() - started
    figures.setdefault("plan", []).append(plan(out))
    seconds, stdout = timed(cli + ["build", "--root", str(root), "--out", str(out)] + EDITIONS)
    assert stdout.splitlines()[-1] == f"0 built, {jobs} up to date, 0 refused, 0 failed", stdout[-300:]
    figures.setdefault("noop", []).append(seconds)


def manifest_cost(code: Path, folder: Path, entries: int) -> dict:
    stdout = subprocess.run([sys.executable, "-c", MANIFEST_COST, str(code), str(folder), str(entries)],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(stdout.splitlines()[-1])


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU")
    return f"{os.cpu_count()} CPUs (nproc), {model}, Python {platform.python_version()}"


def show(label: str, figure: dict) -> str:
    return f"{label} {figure['median']:6.2f} s ({figure['low']:.2f}-{figure['high']:.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,5000,20000", help="jobs in each synthetic group (about)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (median, lowest, highest)")
    parser.add_argument("--baseline", metavar="REF", help="also measure the code of this git commit")
    parser.add_argument("--baseline-sizes", default="1000,5000", help="sizes measured on the baseline code")
    parser.add_argument("--manifest-entries", type=int, default=50000, help="0: leave the manifest out")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write every figure to FILE")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    results: dict = {"machine": machine(), "sizes": {}, "manifest": {}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        trees = {"new": code_tree(None, tmp_path / "new-code")}
        if args.baseline:
            trees["old"] = code_tree(args.baseline, tmp_path / "old-code")
        old_sizes = {int(s) for s in args.baseline_sizes.split(",") if s}
        for size in (int(s) for s in args.sizes.split(",")):
            leaflets = max(1, round(size / JOBS_PER_LEAFLET))
            jobs = leaflets * JOBS_PER_LEAFLET
            root = synthetic_group(tmp_path / f"group-{size}", leaflets)
            row = results["sizes"][jobs] = {"leaflets": leaflets}
            names = [name for name in trees if name == "new" or size in old_sizes]
            runs: dict = {name: {} for name in names}
            for _ in range(args.repeat):  # old and new take turns, so a drift of the host's speed hits both
                for name in names:
                    measure(trees[name], root, tmp_path / f"work-{size}-{name}", jobs, runs[name])
            for name in names:
                figures = row[name] = {key: value if key == "seed_seconds" else spread(value)
                                       for key, value in runs[name].items()}
                print(f"{jobs:6d} jobs ({leaflets} leaflets) {name}: {show('plan cold', figures['plan_cold'])}  "
                      f"{show('plan', figures['plan'])}  {show('no-op build', figures['noop'])}  "
                      f"(up-to-date state made in {figures['seed_seconds']:.1f} s)", flush=True)
            shutil.rmtree(root)
        for name, code in trees.items() if args.manifest_entries else ():
            cost = manifest_cost(code, tmp_path / f"manifest-{name}", args.manifest_entries)
            results["manifest"][name] = cost
            print(f"manifest, {args.manifest_entries} entries, {name}: load {cost['load']:.3f} s, one save "
                  f"{cost['one_save'] * 1000:.1f} ms, a batch recording them all with a save every 100: "
                  f"{cost['batch']:.1f} s (of which saving {cost['saves']:.1f} s)", flush=True)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


def report(results: dict) -> None:
    print(f"\n{'jobs':>6} {'code':>4} {'plan cold':>18} {'plan':>18} {'no-op build':>18} {'per job (no-op)':>16}")
    for jobs, row in results["sizes"].items():
        for name in ("old", "new"):
            if name in row:
                f = row[name]
                cells = [f"{f[k]['median']:.2f} ({f[k]['low']:.2f}-{f[k]['high']:.2f})" for k in
                         ("plan_cold", "plan", "noop")]
                per_job = f"{f['noop']['median'] / jobs * 1000:.2f} ms"
                print(f"{jobs:6d} {name:>4} {cells[0]:>18} {cells[1]:>18} {cells[2]:>18} {per_job:>16}")
        if "old" in row and "new" in row:
            ratios = [row["old"][k]["median"] / row["new"][k]["median"] for k in ("plan_cold", "plan", "noop")]
            print(f"{'':6} {'old/new':>9} {ratios[0]:13.1f}x {ratios[1]:17.1f}x {ratios[2]:17.1f}x")
    near = min(results["sizes"], key=lambda jobs: abs(jobs - TARGETS["at_jobs"]))
    new = results["sizes"][near].get("new")
    if new:
        plan_met = new["plan_cold"]["high"] <= TARGETS["plan_seconds"]
        noop_met = new["noop"]["high"] <= TARGETS["noop_seconds"]
        print(f"\ntargets at {near} jobs: plan --json (cold) {new['plan_cold']['median']:.2f} s "
              f"<= {TARGETS['plan_seconds']} s: {'yes' if plan_met else 'NO'}"
              f"; no-op build {new['noop']['median']:.2f} s <= {TARGETS['noop_seconds']} s: "
              f"{'yes' if noop_met else 'NO'} (judged on the slowest run)")


if __name__ == "__main__":
    sys.exit(main())
