"""Command-line options shared by 'build' and 'plan': what to build, and the argument types."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..batch.plan import Variants
from ..batch.run import Request
from ..errors import BrochureError, Problem
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
                        help="build only the K-th of N balanced shares of the matrix (K from 1); auto/N takes K "
                             "from an array job (JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX), auto also N "
                             "(AWS_BATCH_JOB_ARRAY_SIZE)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=parse_date,
                        help="the date review dates are compared with (default: today)")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="build leaflets whose translation is incomplete, with English fallback and a DRAFT mark")
    parser.add_argument("--allow-overdue", action="store_true",
                        help="build leaflets past their review date, with a REVIEW OVERDUE mark")


def request_from(args, environ: Mapping[str, str] = os.environ) -> Request:
    scheduler, jobs = getattr(args, "scheduler", None), getattr(args, "jobs", None)
    if scheduler and jobs:
        raise BrochureError(Problem("--jobs", "has no meaning with --scheduler: the cluster's workers render "
                                              "(local:N starts N of them)"))
    shard = args.shard
    if isinstance(shard, Auto):
        shard = shard_from_environment(shard.count, environ)
    return Request(
        brochures=tuple(args.brochure), langs=tuple(args.lang), clinics=tuple(args.clinic),
        unbranded=args.unbranded,
        variants=Variants(tuple(args.profile or ["office"]), tuple(args.format), args.large_print),
        out_dir=args.out, icc=args.icc, shard=shard,
        options=Options(args.allow_incomplete, args.allow_overdue, args.today),
        force=getattr(args, "force", False), workers=jobs or os.cpu_count() or 1, scheduler=scheduler)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (use YYYY-MM-DD): {text!r}") from None


@dataclass(frozen=True)
class Auto:
    """--shard auto[/N]: this task's index in an array job, read from the environment."""

    count: int | None  # N when given; else the array job's size


# The index each array-job runner gives a task (counting from 0), and the variable with the array's size.
ARRAY_JOBS = {"JOB_COMPLETION_INDEX": None,  # Kubernetes Indexed Job: the count is the Job's completions
              "AWS_BATCH_JOB_ARRAY_INDEX": "AWS_BATCH_JOB_ARRAY_SIZE"}


def parse_shard(text: str) -> tuple[int, int] | Auto:
    if auto := re.fullmatch(r"auto(?:/(\d+))?", text):
        if auto.group(1) is not None and int(auto.group(1)) < 1:
            raise argparse.ArgumentTypeError(f"not a shard count (auto/N with N >= 1): {text!r}")
        return Auto(int(auto.group(1)) if auto.group(1) else None)
    match = re.fullmatch(r"(\d+)/(\d+)", text)
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise argparse.ArgumentTypeError(f"not a shard (K/N with 1 <= K <= N, or auto[/N]): {text!r}")
    return int(match.group(1)), int(match.group(2))


def shard_from_environment(count: int | None, environ: Mapping[str, str]) -> tuple[int, int]:
    """(K, N) for --shard auto[/N], from the variables a Kubernetes Indexed Job or an AWS Batch array job sets."""
    found = [name for name in ARRAY_JOBS if environ.get(name, "") != ""]
    if len(found) != 1:
        raise BrochureError(Problem("--shard", "auto needs the index of an array job: exactly one of "
                                               f"{', '.join(ARRAY_JOBS)} set ({len(found)} are)"))
    index_name = found[0]
    size_name = ARRAY_JOBS[index_name]
    index = _whole(environ[index_name], index_name)
    size = _whole(environ[size_name], size_name) if size_name and environ.get(size_name) else None
    if count is None and size is None:
        raise BrochureError(Problem("--shard", f"auto: {index_name} gives the index, not the count; "
                                               "give it: --shard auto/N (N: the Job's completions)"))
    if count is not None and size is not None and count != size:
        raise BrochureError(Problem("--shard", f"auto/{count}: {size_name} says {size}"))
    total = count if count is not None else size
    if index >= total:
        raise BrochureError(Problem("--shard", f"auto: {index_name}={index} is not below the count {total}"))
    return index + 1, total


def _whole(text: str, name: str) -> int:
    if not text.isdigit():
        raise BrochureError(Problem("--shard", f"auto: {name} is not a whole number: {text!r}"))
    return int(text)


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return int(text)


def scheduler_address(text: str) -> str:
    """--scheduler: local:N, or a Dask scheduler's address (tcp://HOST:PORT, HOST:PORT, ...)."""
    if text.startswith("local:") and not re.fullmatch(r"local:[1-9][0-9]*", text):
        raise argparse.ArgumentTypeError(f"a local cluster is local:N, N worker processes: {text!r}")
    if not text.strip():
        raise argparse.ArgumentTypeError("a scheduler address is needed (tcp://HOST:8786, or local:N)")
    return text
