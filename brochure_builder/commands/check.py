"""Check every leaflet, clinic and catalog, or preflight built PDFs; errors exit 1.

Without --pdf: leaflets and clinic files (schema, contrast, logos), and catalogs:
PO syntax, headers (Language, Plural-Forms, charset), placeholders, inline markup,
numbers and units, URLs, surrounding whitespace, and whether the fonts declared in
fonts/fonts.yaml can print every character of every leaflet, clinic file and
translation. Warnings (untranslated, fuzzy and obsolete messages, a valid plural rule
other than CLDR's, clinic fallbacks) are listed apart and do not change the exit
code; a broken fonts/fonts.yaml exits 2.

Readability: every leaflet in every language is scored, over the texts translated
in it, by a formula made for the language (English: Flesch–Kincaid grade; Spanish:
Fernández-Huerta; French: Kandel–Moles; German: Amstad; any other: LIX) and
compared with the limit readability.yaml sets (or the formula's default); a score
beyond it is a warning, or with --strict an error. --readability prints every
score as a table.

With --pdf FILE...: preflight built leaflets against their profile and format
(read from the PDF's metadata): page boxes (TrimBox = format; press: BleedBox 3 mm
larger, MediaBox 7 mm larger again for the crop marks), every font embedded, raster
images >= 300 dpi as placed,
press: an ICC OutputIntent, CMYK only, text >= 5 mm inside the trim; office and
large print: tagged, with language and title; no text below the profile's minimum
size (large print: 16 pt). Where a `verapdf` command is installed (or named by
the VERAPDF environment variable), the PDFs that claim PDF/UA-1 are also checked
by veraPDF, the reference PDF/UA validator, and its failed rules reported.

example:
  python make_brochure.py check
  python make_brochure.py check --readability --strict
  python make_brochure.py check --pdf out/retiro-madrid/*.pdf
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ..catalogs.readability import Score, load_limits, project_scores
from ..catalogs.validate import check_catalog
from ..clinics.clinic import clinic_ids, printable_clinic
from ..content.leaflet import printable_leaflet
from ..errors import EXIT_FAILED, EXIT_OK, BrochureError, Finding
from ..fonts import load_fonts
from ..pdf.preflight import preflight
from ..pdf.verapdf import VeraPDFFailed, claims_pdf_ua, validate, verapdf_command
from ..project import Project
from .status import print_table


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pdf", nargs="+", metavar="FILE", type=Path, help="preflight these PDFs instead")
    parser.add_argument("--readability", action="store_true",
                        help="print the readability score of every leaflet in every language")
    parser.add_argument("--strict", action="store_true",
                        help="a readability score beyond its limit is an error (exit 1), not a warning")


def run(args, out: TextIO, err: TextIO) -> int:
    if args.pdf:
        return run_preflight(args.pdf, out, err)
    project = Project.at(args.root)
    findings, scores = check_project(project)
    if args.readability:
        print_scores(scores, out)
    findings += [Finding("error" if args.strict else "warning", s.problem()) for s in scores if not s.ok]
    errors = [f for f in findings if f.level == "error"]
    warnings = [f for f in findings if f.level == "warning"]
    for finding in errors:
        print(f"error: {finding}", file=err)
    for finding in warnings:
        print(f"warning: {finding}", file=err)
    print(f"{len(errors)} error{'s' * (len(errors) != 1)}, {len(warnings)} warning{'s' * (len(warnings) != 1)}",
          file=out)
    return EXIT_FAILED if errors else EXIT_OK


def run_preflight(paths: list[Path], out: TextIO, err: TextIO) -> int:
    failed = 0
    for path in paths:
        problems = preflight(path)
        failed += bool(problems)
        for problem in problems:
            print(f"error: {problem}", file=err)
    print(f"{len(paths) - failed} of {len(paths)} PDF{'s' * (len(paths) != 1)} passed preflight", file=out)
    validated = run_verapdf(paths, out, err)
    return EXIT_FAILED if failed or not validated else EXIT_OK


def run_verapdf(paths: list[Path], out: TextIO, err: TextIO) -> bool:
    """The reference validator on the PDFs that claim PDF/UA, where the machine has it; True unless it failed."""
    tagged = [path for path in paths if claims_pdf_ua(path)]
    if not tagged:
        return True
    command = verapdf_command()
    if command is None:
        print(f"note: veraPDF not found: {len(tagged)} PDF/UA file{'s' * (len(tagged) != 1)} not checked by the "
              "reference validator (install it from verapdf.org, or name it in VERAPDF)", file=out)
        return True
    try:
        verdicts = validate(command, tagged)
    except VeraPDFFailed as error:
        print(f"error: veraPDF: {error}", file=err)
        return False
    for path, verdict in verdicts.items():
        for problem in verdict.problems:
            print(f"error: {path}: {problem}", file=err)
    passed = sum(verdict.compliant for verdict in verdicts.values())
    print(f"{passed} of {len(tagged)} PDF/UA file{'s' * (len(tagged) != 1)} passed veraPDF", file=out)
    return passed == len(tagged)


def print_scores(scores: list[Score], out: TextIO) -> None:
    print_table(out, ("leaflet", "language", "formula", "score", "limit", "ok"), [
        (s.leaflet, s.lang, s.formula.name, s.shown_value, s.wanted, _verdict(s)) for s in scores
    ], left=3)
    print(file=out)


def _verdict(score: Score) -> str:
    return "-" if score.value is None else "yes" if score.ok else "no"  # "-": nothing translated to score


def check_project(project: Project) -> tuple[list[Finding], list[Score]]:
    """Every finding, and the readability score of every valid leaflet in every language.

    A broken fonts/fonts.yaml raises instead (no text could be checked without it).
    """
    fonts = load_fonts(project.files)
    findings, leaflets, catalogs = [], {}, {}
    for brochure_id in project.brochure_ids():
        try:
            leaflets[brochure_id] = printable_leaflet(project, brochure_id, fonts)
        except BrochureError as error:
            findings += [Finding("error", p) for p in error.problems]
    for clinic_id in clinic_ids(project):
        try:
            _, warnings = printable_clinic(project, clinic_id, fonts)
            findings += [Finding("warning", p) for p in warnings]
        except BrochureError as error:
            findings += [Finding("error", p) for p in error.problems]
    for lang in project.catalog_folders():
        misnamed = project.folder_problems(lang)
        if misnamed:
            findings += [Finding("error", p) for p in misnamed]
            continue
        found, catalogs[lang] = check_catalog(project, lang, fonts)
        findings += found
    try:
        limits = load_limits(project)
    except BrochureError as error:
        return findings + [Finding("error", p) for p in error.problems], []
    readable = {lang: catalog for lang, catalog in catalogs.items() if catalog is not None}
    return findings, project_scores(project, leaflets, readable, limits)
