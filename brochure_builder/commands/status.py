"""Show how complete each catalog is for each leaflet, and whether it may be printed.

Counts only the messages a leaflet really uses (its text and the template strings
it needs). Fuzzy messages are not translated. A leaflet is printable in a language
when every one of them is translated. Obsolete counts are per catalog.

example:
  python make_brochure.py status
  python make_brochure.py status --lang el --json
"""
from __future__ import annotations

import argparse
import json
from typing import TextIO

from ..errors import EXIT_OK
from ..plan import check_requested_languages
from ..project import Project
from ..stats import status


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", action="append", default=[], metavar="CODE",
                        help="only this language (repeatable; default: every catalog)")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def run(args, out: TextIO, err: TextIO) -> int:
    project = Project.at(args.root)
    rows = status(project, check_requested_languages(project, args.lang, catalogs_only=True))
    if args.json:
        json.dump([row.as_dict() for row in rows], out, indent=2, ensure_ascii=False)
        print(file=out)
        return EXIT_OK
    header = ("language", "leaflet", "translated", "fuzzy", "untranslated", "obsolete", "done", "printable")
    table = [header] + [
        (r.lang, r.leaflet, str(r.translated), str(r.fuzzy), str(r.untranslated), str(r.obsolete),
         f"{r.percent:.0f}%", "yes" if r.printable else "no")
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        cells = [cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        print("  ".join(cells).rstrip(), file=out)
    return EXIT_OK
