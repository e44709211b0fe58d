"""Build PDF leaflets for every clinic, or for those named, in the languages each prints.

Writes out/<clinic>/<leaflet>.<lang>.pdf with the clinic's logo, colours, contact
block, booking QR code and paper size. --unbranded builds out/<leaflet>.<lang>.pdf
without a clinic, in English and every language that has a catalog (also the
default when the content folder has no clinics/).

Profiles: office (default; tagged PDF/UA-1, RGB) and press (PDF/X-4 with a CMYK
output intent, brand colours in CMYK, 3 mm bleed, crop marks). Formats: a4 or
letter (the clinic's paper, default), a5, and trifold (A4 landscape, six panels,
folds to DL). --large-print makes the large-print edition (text >= 16 pt). Names
carry non-default choices: <leaflet>.<lang>.press.trifold.pdf, <leaflet>.<lang>.large.pdf.

Refused (exit 1; the other leaflets are still built): a leaflet whose catalog has
an untranslated or fuzzy message it uses (--allow-incomplete prints it with English
fallback and a DRAFT mark), and a leaflet past its review_due date (--allow-overdue
prints it with a REVIEW OVERDUE mark).

example:
  python make_brochure.py build
  python make_brochure.py build --clinic retiro-madrid --lang es
  python make_brochure.py build --unbranded --brochure chemical-peels --lang el --out /tmp/leaflets
  python make_brochure.py build --clinic lykavittos-athens --profile press --format trifold
"""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TextIO

from .. import build
from ..clinics import clinic_ids
from ..errors import BrochureError
from ..inputs import load_inputs
from ..plan import Variants, load_clinics, plan
from ..profiles import DEFAULT_ICC, FORMATS, PROFILES
from ..project import Project


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--brochure", action="append", default=[], metavar="ID",
                        help="leaflet id (repeatable; default: all)")
    parser.add_argument("--lang", action="append", default=[], metavar="CODE",
                        help="language code (repeatable; default: every language each clinic prints)")
    parser.add_argument("--clinic", action="append", default=[], metavar="ID",
                        help="clinic id (repeatable; default: every clinic in clinics/)")
    parser.add_argument("--unbranded", action="store_true", help="build without a clinic's identity")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: out/ in the content folder)")
    parser.add_argument("--profile", action="append", default=[], choices=sorted(PROFILES),
                        help="office (default) or press; repeatable")
    parser.add_argument("--format", action="append", default=[], choices=sorted(FORMATS),
                        help="a4, letter, a5 or trifold (default: the clinic's paper); repeatable")
    parser.add_argument("--large-print", action="store_true", help="the large-print edition (text >= 16 pt)")
    parser.add_argument("--icc", metavar="FILE", type=Path,
                        help=f"CMYK output profile for press (default: {DEFAULT_ICC})")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="build leaflets whose translation is incomplete, with English fallback and a DRAFT mark")
    parser.add_argument("--allow-overdue", action="store_true",
                        help="build leaflets past their review date, with a REVIEW OVERDUE mark")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=parse_date,
                        help="the date review dates are compared with (default: today)")


def run(args, out: TextIO, err: TextIO) -> int:
    project = Project.at(args.root)
    out_dir = Path(args.out) if args.out else project.root / "out"
    if args.unbranded and args.clinic:
        raise BrochureError("choose --clinic or --unbranded, not both")
    clinics = None
    if not args.unbranded and (args.clinic or clinic_ids(project)):
        clinics, warnings = load_clinics(project, args.clinic)
        for warning in warnings:
            print(f"warning: {warning}", file=err)
    variants = Variants(tuple(args.profile or ["office"]), tuple(args.format), args.large_print)
    jobs = plan(project, args.brochure, args.lang, clinics, out_dir, explicit_clinics=bool(args.clinic),
                variants=variants)
    inputs = load_inputs(project, jobs, clinics, icc=args.icc)
    options = build.Options(args.allow_incomplete, args.allow_overdue, args.today)

    def report(result: build.Result) -> None:
        if result.ok:
            print(f"built {shown_path(result.job.path)}", file=out)
        for line in result.messages:
            print(f"{'refused' if result.status == 'refused' else 'error'}: {line}", file=err)

    results = build.run(project, inputs, jobs, report, options)
    counts = {status: sum(r.status == status for r in results) for status in ("built", "refused", "failed")}
    print(", ".join(f"{n} {status}" for status, n in counts.items()), file=out)
    return build.exit_code(results)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (use YYYY-MM-DD): {text!r}") from None


def shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
