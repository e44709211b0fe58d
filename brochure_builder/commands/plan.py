"""Print the build matrix without building: each job's output and input hash.

Takes the same selection options as 'build' (including --shard K/N), so a
scheduler can see which outputs a shard will make and which are up to date.

example:
  python make_brochure.py plan --json
  python make_brochure.py plan --shard 1/4 --profile press
"""
from __future__ import annotations

import argparse
import json
from typing import TextIO

from ..batch.run import prepare
from ..errors import EXIT_OK
from ..project import Project
from .options import add_selection_arguments, request_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_selection_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def run(args, out: TextIO, err: TextIO) -> int:
    project = Project.at(args.root)
    prepared = prepare(project, request_from(args))
    manifest = prepared.manifest
    for note in manifest.notes:
        print(f"note: {note}", file=err)
    rows = []
    for job in prepared.jobs:
        input_hash = prepared.hashes[job.path]
        rows.append({
            "output": manifest.key(job.path), "leaflet": job.brochure_id, "lang": job.lang,
            "clinic": job.clinic_id, "profile": job.output.profile.name, "format": job.output.format.name,
            "large_print": job.output.large_print, "input_hash": input_hash,
            "up_to_date": manifest.is_current(job.path, input_hash),
        })
    if args.json:
        json.dump({"out": str(prepared.out_dir), "jobs": rows}, out, indent=2, ensure_ascii=False)
        print(file=out)
    else:
        for row in rows:
            print(f"{'up to date' if row['up_to_date'] else 'to build  '}  {row['output']}  {row['input_hash'][:12]}",
                  file=out)
        print(f"{len(rows)} jobs, {sum(not r['up_to_date'] for r in rows)} to build", file=out)
    return EXIT_OK
