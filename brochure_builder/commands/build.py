"""Build PDF leaflets for every clinic, or for those named, in the languages each prints.

Writes out/<clinic>/<leaflet>.<lang>.pdf with the clinic's logo, colours, contact
block, booking QR code and paper size. --unbranded builds out/<leaflet>.<lang>.pdf
without a clinic, in English and every language that has a catalog (also the
default when the content folder has no clinics/).

A leaflet whose catalog has an untranslated or fuzzy message it uses is refused
(exit 1; the others are still built) unless --allow-incomplete is given: then it
is printed with English fallback and a DRAFT mark on every page.

example:
  python make_brochure.py build
  python make_brochure.py build --clinic retiro-madrid --lang es
  python make_brochure.py build --unbranded --brochure chemical-peels --lang el --out /tmp/leaflets
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from .. import build
from ..clinics import clinic_ids
from ..errors import BrochureError
from ..plan import load_clinics, plan
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
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="build leaflets whose translation is incomplete, with English fallback and a DRAFT mark")


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
    jobs = plan(project, args.brochure, args.lang, clinics, out_dir, explicit_clinics=bool(args.clinic))

    def report(result: build.Result) -> None:
        if result.ok:
            print(f"built {shown_path(result.job.output)}", file=out)
        for line in result.messages:
            print(f"{'refused' if result.status == 'refused' else 'error'}: {line}", file=err)

    results = build.run(project, jobs, report, allow_incomplete=args.allow_incomplete, clinics=clinics)
    counts = {status: sum(r.status == status for r in results) for status in ("built", "refused", "failed")}
    print(", ".join(f"{n} {status}" for status, n in counts.items()), file=out)
    return build.exit_code(results)


def shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
