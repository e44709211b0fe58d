"""Command-line options shared by 'build' and 'plan': what to build, and the argument types."""
from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from ..batch.plan import Variants
from ..batch.run import Request
from ..pipeline import Options
from ..profiles import DEFAULT_ICC, FORMATS, PROFILES


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
                        help="a4, letter, a5, trifold (default: the clinic's paper) or html (the HTML twin); "
                             "repeatable")
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
        options=Options(args.allow_incomplete, args.allow_overdue, args.today),
        force=getattr(args, "force", False), workers=getattr(args, "jobs", 1))


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


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return int(text)
