"""Bring the output folders of sharded builds together into one.

Copies every PDF each folder's manifest records into --out (atomically), records them in its
manifest and writes its staff index, as one build of the whole matrix would have: a build
into --out then skips what is up to date. The folders given are only read. Refused before
anything is written (exit 2): a folder without a manifest, a PDF two folders built from
different inputs, a PDF changed since it was built.

example:
  python make_brochure.py merge --out out out-1 out-2 out-3 out-4
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ..batch.merge import merge
from ..errors import EXIT_OK
from .options import parse_date


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folders", nargs="+", type=Path, metavar="FOLDER", help="the output folder of each shard")
    parser.add_argument("--out", metavar="DIR", type=Path, help="output folder (default: out/ in the content folder)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=parse_date,
                        help="the date the staff index compares review dates with (default: today)")


def run(args, out: TextIO, err: TextIO) -> int:
    out_dir = args.out or Path(args.root) / "out"
    count = merge(out_dir, args.folders, args.today)
    print(f"merged {count} PDFs from {len(args.folders)} folders into {out_dir}", file=out)
    return EXIT_OK
