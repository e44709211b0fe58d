"""Show how complete each catalog is for each leaflet, and when each leaflet is due for review.

Counts only the messages a leaflet really uses (its text and the template strings
it needs, for every clinic). Fuzzy messages are not translated. A leaflet is
printable in a language when every one of them is translated. Obsolete counts
are per catalog. The second table lists each leaflet's review date and how far
away it is; a leaflet past it is refused by 'build'.

--missing LANG lists instead the messages that keep each leaflet (or those named
with --brochure) from printing in LANG: untranslated, fuzzy, or translated with
an error 'check' reports. Each line names the catalog entry (file:line), the
message's place in the leaflet or template, its state and its text.

example:
  python make_brochure.py status
  python make_brochure.py status --lang el --json
  python make_brochure.py status --missing el --brochure chemical-peels
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TextIO

from ..batch.plan import check_requested_brochures, check_requested_languages
from ..catalogs.pofile import quoted_msgid
from ..content.leaflet import load_leaflet
from ..errors import EXIT_OK, BrochureError
from ..project import Project
from ..render.completeness import Missing, missing_messages, status
from .options import parse_date


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", action="append", default=[], metavar="CODE",
                        help="only this language (repeatable; default: every catalog)")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=parse_date,
                        help="the date review dates are compared with (default: today)")
    parser.add_argument("--missing", metavar="LANG",
                        help="list the messages that keep each leaflet from printing in this language")
    parser.add_argument("--brochure", action="append", default=[], metavar="ID",
                        help="only this leaflet (repeatable; default: all)")


def run(args, out: TextIO, err: TextIO) -> int:
    project = Project.at(args.root)
    leaflets = [load_leaflet(project, brochure_id) for brochure_id in check_requested_brochures(project, args.brochure)]
    if args.missing:
        if args.lang:
            raise BrochureError("--missing names its language; give --lang without it")
        check_requested_languages(project, [args.missing], catalogs_only=True)
        return print_missing(missing_messages(project, leaflets, args.missing), leaflets, args.missing, args.json,
                             out)
    langs = check_requested_languages(project, args.lang, catalogs_only=True)
    rows = status(project, leaflets, langs)
    today = args.today or dt.date.today()
    reviews = [review_row(leaflet, today) for leaflet in leaflets]
    if args.json:
        json.dump({"catalogs": [row.as_dict() for row in rows], "reviews": reviews}, out, indent=2,
                  ensure_ascii=False)
        print(file=out)
        return EXIT_OK
    print_table(out, ("language", "leaflet", "translated", "fuzzy", "untranslated", "obsolete", "done", "printable"), [
        (r.lang, r.leaflet, str(r.translated), str(r.fuzzy), str(r.untranslated), str(r.obsolete),
         f"{r.percent:.0f}%", "yes" if r.printable else "no")
        for r in rows
    ])
    print(file=out)
    print_table(out, ("leaflet", "version", "reviewed", "review due", "when"), [
        (r["leaflet"], r["version"], r["reviewed"], r["review_due"], _when(r["days_left"])) for r in reviews
    ])
    return EXIT_OK


NOT_IN_CATALOG = "not in the catalog (run 'make_brochure.py update')"


def print_missing(found: list[Missing], leaflets, lang: str, as_json: bool, out: TextIO) -> int:
    if as_json:
        json.dump({"lang": lang, "missing": [m.as_dict() for m in found]}, out, indent=2, ensure_ascii=False)
        print(file=out)
        return EXIT_OK
    for leaflet in leaflets:
        mine = [m for m in found if m.leaflet == leaflet.id]
        counts = ", ".join(f"{n} {state}" for state in ("untranslated", "fuzzy", "broken")
                           if (n := sum(m.state == state for m in mine)))
        print(f"{lang}: {leaflet.id}: {counts or 'printable'}", file=out)
        for m in mine:
            entry = f"{m.catalog}:{m.line}" if m.line else f"{m.catalog}: {NOT_IN_CATALOG}"
            print(f"  {entry}: {', '.join(m.places) or 'no place'}: {m.state}: {quoted_msgid(m.msgid)}", file=out)
            for problem in m.problems:
                print(f"    {problem}", file=out)
    return EXIT_OK


def review_row(leaflet, today: dt.date) -> dict:
    return {"leaflet": leaflet.id, "version": leaflet.version, "reviewed": leaflet.reviewed.isoformat(),
            "review_due": leaflet.review_due.isoformat(), "days_left": (leaflet.review_due - today).days,
            "overdue": leaflet.review_due < today}


def _when(days: int) -> str:
    if days < 0:
        return f"OVERDUE by {-days} day{'s' * (days != -1)}"
    return "due today" if days == 0 else f"in {days} day{'s' * (days != 1)}"


def print_table(out: TextIO, header: tuple[str, ...], rows: list[tuple[str, ...]], left: int = 2) -> None:
    """Columns aligned: the first `left` to the left, the others (numbers) to the right."""
    table = [header, *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        cells = [cell.ljust(width) if i < left else cell.rjust(width)
                 for i, (cell, width) in enumerate(zip(row, widths, strict=True))]
        print("  ".join(cells).rstrip(), file=out)
