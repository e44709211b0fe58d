"""Build PDF leaflets: every clinic x leaflet x language it prints, or the part named.

Writes out/<clinic>/<leaflet>.<lang>.pdf with the clinic's logo, colours, contact
block, booking QR code and paper size. --unbranded builds out/<leaflet>.<lang>.pdf
without a clinic, in English and every language that has a catalog (also the
default when the content folder has no clinics/).

Profiles: office (default; tagged PDF/UA-1, RGB) and press (PDF/X-4 with a CMYK
output intent, brand colours in CMYK, 3 mm bleed, crop marks). Formats: a4 or
letter (the clinic's paper, default), a5, and trifold (A4 landscape, six panels,
folds to DL). Both options repeat; every combination is built. --large-print makes
the large-print edition (text >= 16 pt). Names carry non-default choices:
<leaflet>.<lang>.press.trifold.pdf, <leaflet>.<lang>.large.pdf.

Incremental: out/manifest.json records a hash of every input of every output; an
output whose inputs have not changed is skipped (--force rebuilds). Jobs run on
--jobs worker processes (default: one per CPU). --shard K/N builds the K-th of N
balanced shares, for spreading a large group over machines. out/index.html lists
every PDF for the staff.

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
  python make_brochure.py build --shard 2/8
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
from pathlib import Path
from typing import TextIO

from .. import build
from ..batch import Interrupted
from ..plan import Variants
from ..profiles import DEFAULT_ICC, FORMATS, PROFILES
from ..project import Project
from ..rebuild import Request, prepare, rebuild
from ..report import report_for


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_selection_arguments(parser)
    parser.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1, metavar="N",
                        help="worker processes (default: the number of CPUs)")
    parser.add_argument("--force", action="store_true", help="rebuild even outputs that are up to date")


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    """What to build: shared by 'build' and 'plan'."""
    parser.add_argument("--all", action="store_true", help="the whole matrix (the same as giving no filter)")
    parser.add_argument("--brochure", action="append", default=[], metavar="ID",
                        help="leaflet id (repeatable; default: all)")
    parser.add_argument("--lang", action="append", default=[], metavar="CODE",
                        help="language code (repeatable; default: every language each clinic prints)")
    parser.add_argument("--clinic", action="append", default=[], metavar="ID",
                        help="clinic id (repeatable; default: every clinic in clinics/)")
    parser.add_argument("--unbranded", action="store_true", help="build without a clinic's identity")
    parser.add_argument("--profile", action="append", default=[], choices=sorted(PROFILES),
                        help="office (default) or press; repeatable")
    parser.add_argument("--format", action="append", default=[], choices=sorted(FORMATS),
                        help="a4, letter, a5 or trifold (default: the clinic's paper); repeatable")
    parser.add_argument("--large-print", action="store_true", help="the large-print edition (text >= 16 pt)")
    parser.add_argument("--icc", metavar="FILE", type=Path,
                        help=f"CMYK output profile for press (default: {DEFAULT_ICC})")
    parser.add_argument("--out", metavar="DIR", type=Path, help="output folder (default: out/ in the content folder)")
    parser.add_argument("--shard", metavar="K/N", type=parse_shard,
                        help="build only the K-th of N balanced shares of the matrix (K from 1)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=parse_date,
                        help="the date review dates are compared with (default: today)")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="build leaflets whose translation is incomplete, with English fallback and a DRAFT mark")
    parser.add_argument("--allow-overdue", action="store_true",
                        help="build leaflets past their review date, with a REVIEW OVERDUE mark")


def request_from(args) -> Request:
    return Request(
        brochures=tuple(args.brochure), langs=tuple(args.lang), clinics=tuple(args.clinic),
        unbranded=args.unbranded,
        variants=Variants(tuple(args.profile or ["office"]), tuple(args.format), args.large_print),
        out_dir=args.out, icc=args.icc, shard=args.shard,
        options=build.Options(args.allow_incomplete, args.allow_overdue, args.today),
        force=getattr(args, "force", False), workers=getattr(args, "jobs", 1))


def run(args, out: TextIO, err: TextIO) -> int:
    project = Project.at(args.root)
    request = request_from(args)
    prepared = prepare(project, request)
    for warning in prepared.warnings:
        print(f"warning: {warning}", file=err)
    report = report_for(out, err)
    try:
        results = rebuild(prepared, request, report)
    except (KeyboardInterrupt, Interrupted):
        report.close()
        print("interrupted: finished PDFs are kept; run the same command again to build the rest", file=err)
        return 130
    report.close()
    return build.exit_code(results)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (use YYYY-MM-DD): {text!r}") from None


def parse_shard(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)/(\d+)", text)
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise argparse.ArgumentTypeError(f"not a shard (K/N with 1 <= K <= N): {text!r}")
    return int(match.group(1)), int(match.group(2))


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return int(text)
