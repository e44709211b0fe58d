"""Warm render time of the leaflets of one revision against another (run on demand; not a test).

    .venv/bin/python benchmarks/render.py [--baseline REV] [--rounds 7]

Renders the same demo jobs (one per format and script: A4, Letter, A5, tri-fold, large
print; Latin, Greek, Arabic) with git revision REV (its code, templates and content, as
`git archive` gives them) and with this working tree, each in a warm process of its own
(imports, fonts and a first render done before timing), both alive for the whole run. The
two take turns job by job, in every round in the other order, so that a machine getting
slower or faster during the run affects both alike.

Prints, per job and in all, the median and spread of each side, the ratio baseline /
current per leaflet and per page (the leaflets of the two revisions need not have the same
number of pages: a revision may say more), and whether the pages are the same (each page of
each PDF rasterised by MuPDF at 72 dpi).

REV defaults to the template the render target was set against (docs/performance.md).
"""
from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASELINE = "0f9be4e"  # the code and templates when the render target was set
# (clinic, leaflet, language, formats, large print): every format, the three scripts
JOBS = (
    ("retiro-madrid", "chemical-peels", "es", (), False),
    ("jabal-amman", "mesotherapy-acne-scars", "ar", (), False),
    ("cedar-toronto", "chemical-peels", "fr", (), False),
    ("lykavittos-athens", "mesotherapy-acne-scars", "el", ("a5",), False),
    ("retiro-madrid", "mesotherapy-acne-scars", "en", ("trifold",), False),
    ("jabal-amman", "chemical-peels", "ar", (), True),
)

# Runs inside each side's tree: loads the jobs once, renders each once untimed, then renders the
# job named on each line of its input and answers with the seconds it took and the PDF's size.
CHILD = r"""
import json, sys, time
from pathlib import Path
root = Path(sys.argv[1])
sys.path.insert(0, str(root))
from brochure_builder.batch.plan import Variants
from brochure_builder.batch.run import Request, prepare
from brochure_builder.pipeline import Options, leaflet_pdf
from brochure_builder.project import Project
jobs = []
for clinic, leaflet, lang, formats, large in json.loads(sys.argv[2]):
    prepared = prepare(Project.at(root), Request(brochures=(leaflet,), langs=(lang,), clinics=(clinic,),
                       variants=Variants(formats=tuple(formats), large_print=large), out_dir=root / "out"))
    prepared.inputs.check_translations([lang])
    (job,) = prepared.jobs
    jobs.append((prepared.inputs, job, prepared.used[job.path]))
for index, (inputs, job, used) in enumerate(jobs):
    (root / f"job{index}.pdf").write_bytes(leaflet_pdf(inputs, job, used, Options()))
print(json.dumps([job.name for _, job, _ in jobs]), flush=True)
for line in sys.stdin:
    inputs, job, used = jobs[int(line)]
    started = time.perf_counter()
    leaflet_pdf(inputs, job, used, Options())
    print(time.perf_counter() - started, flush=True)
"""


class Side:
    """One revision's tree in a warm process of its own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.process = subprocess.Popen([sys.executable, "-c", CHILD, str(root), json.dumps(JOBS)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.names = json.loads(self.process.stdout.readline())

    def render(self, index: int) -> float:
        self.process.stdin.write(f"{index}\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def pdf(self, index: int) -> bytes:
        return (self.root / f"job{index}.pdf").read_bytes()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def tree_at(revision: str, folder: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def working_tree(folder: Path) -> Path:
    """This working tree's files as git sees them (tracked and new, not ignored), uncommitted changes included."""
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(source.read_bytes())
    return folder


def pages_and_difference(a: bytes, b: bytes) -> tuple[int, int, str]:
    import pymupdf  # noqa: PLC0415 - from the test extra

    first, second = pymupdf.open(stream=a), pymupdf.open(stream=b)
    if len(first) != len(second):
        return len(first), len(second), "different pages"
    from PIL import Image, ImageChops  # noqa: PLC0415 - Pillow, a WeasyPrint dependency

    worst = 0.0
    for page_a, page_b in zip(first, second, strict=True):
        pix_a, pix_b = page_a.get_pixmap(dpi=72, alpha=False), page_b.get_pixmap(dpi=72, alpha=False)
        if (pix_a.width, pix_a.height) != (pix_b.width, pix_b.height):
            return len(first), len(second), "different page sizes"
        if pix_a.samples == pix_b.samples:
            continue
        size = (pix_a.width, pix_a.height)
        changed = ImageChops.difference(Image.frombytes("RGB", size, pix_a.samples),
                                        Image.frombytes("RGB", size, pix_b.samples)).convert("L")
        differ = changed.point(lambda value: 255 if value else 0).histogram()[255]
        worst = max(worst, differ / (pix_a.width * pix_a.height))
    return len(first), len(second), "same" if worst == 0 else f"up to {worst:.2%} of a page differs"


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s ({min(values):.3f}-{max(values):.3f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default=BASELINE, help=f"git revision of the baseline (default {BASELINE})")
    parser.add_argument("--rounds", type=int, default=7, help="timed renders of each job on each side (default 7)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Side(tree_at(args.baseline, Path(tmp) / "baseline"))
        current = Side(working_tree(Path(tmp) / "current"))
        times = [([], []) for _ in JOBS]
        for round_ in range(args.rounds):
            order = ((0, base), (1, current)) if round_ % 2 == 0 else ((1, current), (0, base))
            for index in range(len(JOBS)):
                for side, process in order:
                    times[index][side].append(process.render(index))
        base.close()
        current.close()
        print(f"baseline: {args.baseline}; current: this working tree; {args.rounds} rounds; Python "
              f"{sys.version.split()[0]}")
        print(f"{'job':50} {'baseline':>24} {'current':>24} {'ratio':>6} {'pages':>6} {'per page':>8}  pages the same")
        total = ([0.0] * args.rounds, [0.0] * args.rounds)
        pages = [0, 0]
        for index, name in enumerate(current.names):
            before, after = times[index]
            pages_a, pages_b, same = pages_and_difference(base.pdf(index), current.pdf(index))
            pages[0] += pages_a
            pages[1] += pages_b
            for side, values in enumerate((before, after)):
                total[side][:] = [t + v for t, v in zip(total[side], values, strict=True)]
            ratio = statistics.median(before) / statistics.median(after)
            print(f"{name:50} {spread(before):>24} {spread(after):>24} {ratio:>5.2f}x {pages_a:>2}/{pages_b:<3} "
                  f"{ratio * pages_b / pages_a:>7.2f}x  {same}")
        ratios = [b / a for b, a in zip(*total, strict=True)]
        ratio = statistics.median(total[0]) / statistics.median(total[1])
        print(f"{'all jobs':50} {spread(total[0]):>24} {spread(total[1]):>24} {ratio:>5.2f}x "
              f"{pages[0]:>2}/{pages[1]:<3} {ratio * pages[1] / pages[0]:>7.2f}x")
        print(f"ratio per round (all jobs): {min(ratios):.2f}-{max(ratios):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
