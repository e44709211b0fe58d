"""Build PDF leaflets: every clinic x leaflet x language it prints, or the part named.

Writes out/<clinic>/<leaflet>.<lang>.pdf with the clinic's logo, colours, contact
block, booking QR code and paper size. --unbranded builds out/<leaflet>.<lang>.pdf
without a clinic, in English and every language that has a catalog (also the
default when the content folder has no clinics/).

Profiles: office (default; tagged PDF/UA-1, RGB) and press (PDF/X-4 with a CMYK
output intent, brand colours in CMYK, 3 mm bleed, crop marks outside it). Formats: a4 or
letter (the clinic's paper, default), a5, and trifold (A4 landscape, six panels,
folds to DL). Both options repeat; every combination is built. --large-print makes
the large-print edition (text >= 16 pt). Names carry non-default choices:
<leaflet>.<lang>.press.trifold.pdf, <leaflet>.<lang>.large.pdf.

--format html makes the leaflet's HTML twin, <leaflet>.<lang>.html, beside its PDFs
(give a page format too for both): one self-contained page for the clinic's website,
e-mail and screen readers, with the same text, clinic branding and refusals as the
PDF (a draft says DRAFT at its top). It loads nothing (styles inline, logo and QR
code as data: URLs, a Content-Security-Policy that forbids the rest) and uses the
reader's own fonts. It is one edition for screens: made once, in screen colours,
whatever --profile is given; with --large-print it is refused (a browser enlarges
its text).

Incremental: out/manifest.sqlite records a hash of every input of every output; an
output whose inputs have not changed is skipped (--force rebuilds). Jobs run on
--jobs worker processes (default: one per CPU), or on a Dask distributed cluster
with --scheduler ADDRESS (local:N starts N worker processes here; --jobs is then
refused): this machine still plans, skips and writes every file, the workers get a
snapshot of the content the jobs read and only render, and a scheduler not reached
(or without a worker) within 10 s is an error. --shard K/N builds the K-th of N
balanced shares, for spreading a large group over machines; --shard auto/N takes K
from an array job's index (JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX),
--shard auto also N (AWS_BATCH_JOB_ARRAY_SIZE). 'merge' brings the shards' folders
together. out/index.html lists every PDF and HTML twin for the staff, drafts and
leaflets past their review date apart from those ready to print.

Refused (exit 1; the other leaflets are still built): a leaflet whose catalog has
an untranslated or fuzzy message it uses (--allow-incomplete prints it with English
fallback and a DRAFT mark), and a leaflet past its review_due date (--allow-overdue
prints it with a REVIEW OVERDUE mark). Exit 0 when everything was built or up to
date, 1 when anything failed or was refused, 2 for usage or configuration errors.

example:
  python make_brochure.py build
  python make_brochure.py build --clinic retiro-madrid --lang es
  python make_brochure.py build --unbranded --brochure chemical-peels --lang el --out /tmp/leaflets
  python make_brochure.py build --profile office --profile press --format a4 --format trifold --jobs 4
  python make_brochure.py build --clinic jabal-amman --format a4 --format html
  python make_brochure.py build --shard 2/8
  python make_brochure.py build --scheduler tcp://10.0.0.5:8786
"""
from __future__ import annotations

import argparse
from typing import TextIO

from ..batch.progress import report_for
from ..batch.run import prepare, rebuild
from ..batch.workers import Interrupted
from ..pipeline import exit_code
from ..project import Project
from .options import add_selection_arguments, positive, request_from, scheduler_address


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_selection_arguments(parser)
    parser.add_argument("--jobs", type=positive, metavar="N",
                        help="worker processes on this machine (default: the number of CPUs); not with --scheduler")
    parser.add_argument("--scheduler", metavar="ADDRESS", type=scheduler_address,
                        help="render on a Dask distributed cluster: its scheduler's address (tcp://HOST:8786), "
                             "or local:N to start N worker processes here")
    parser.add_argument("--force", action="store_true", help="rebuild even outputs that are up to date")


def run(args, out: TextIO, err: TextIO) -> int:
    project = Project.at(args.root)
    request = request_from(args)
    prepared = prepare(project, request)
    for warning in prepared.warnings:
        print(f"warning: {warning}", file=err)
    for note in prepared.manifest.notes:
        print(f"note: {note}", file=err)
    report = report_for(out, err)
    try:
        results = rebuild(prepared, request, report)
    except (KeyboardInterrupt, Interrupted):
        report.close()
        print("interrupted: finished PDFs are kept; run the same command again to build the rest", file=err)
        return 130
    report.close()
    return exit_code(results)


