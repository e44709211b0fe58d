"""Merge a catalog returned by a translation agency (made with 'export') into the language's catalog.

The file is checked first, as 'check' checks a catalog (PO syntax, header,
placeholders, markup, numbers, URLs, fonts, ...); a file with an error is
refused, one line per problem, and nothing is written. Then each translation
is taken in, except that: a final translation in the catalog is never
replaced (reported when the file's differs), a message the agency left fuzzy
stays fuzzy, and a message whose source text changed since the export (no
longer in the catalog) is not imported but reported. The language is the
file's Language header. Exit 1 when anything was not imported.

example:
  python make_brochure.py import chemical-peels.el.po
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ..atomic import write_atomic
from ..batch.plan import check_requested_languages
from ..catalogs.handoff import merge_returned
from ..catalogs.language import load_language
from ..catalogs.pofile import MAX_BYTES, header_fields, parse_catalog, same_apart_from_dates, write_catalog
from ..catalogs.validate import translation_findings
from ..errors import EXIT_FAILED, EXIT_OK, BrochureError, Problem
from ..fonts import load_fonts
from ..project import Project


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.po", type=Path, help="the catalog the agency returned")


def run(args, out: TextIO, err: TextIO) -> int:
    project = Project.at(args.root)
    shown = str(args.file)
    raw = read_returned(args.file)
    lang = header_fields(raw).get("Language", "").strip()
    if not lang:
        raise BrochureError(Problem(shown, "header Language is missing; it names the catalog to merge into", line=1))
    check_requested_languages(project, [lang], catalogs_only=True)
    fonts = load_fonts(project.files)
    returned = parse_catalog(raw, shown, lang)
    errors = [finding.problem for _, finding in translation_findings(shown, lang, returned, fonts.covered(lang))
              if finding.level == "error"]
    if errors:
        raise BrochureError(errors)
    language = load_language(project, lang, fonts)
    path = project.po_path(lang)
    result = merge_returned(language.catalog, returned, shown, broken=set(language.broken or ()))
    for problem in result.not_imported:
        print(f"warning: {problem}", file=err)
    new = write_catalog(language.catalog)
    written = not same_apart_from_dates(project.files.read(path), new)
    if written:
        write_atomic(path, new)
    print(f"{'updated' if written else 'unchanged'} {project.relative(path)}: {result.translated} translated, "
          f"{result.fuzzy} fuzzy, {result.unchanged} unchanged, {len(result.not_imported)} not imported", file=out)
    return EXIT_FAILED if result.not_imported else EXIT_OK


def read_returned(path: Path) -> bytes:
    """The returned file, refused when it is not a file or too large for a catalog."""
    if not path.is_file():
        raise BrochureError(Problem(str(path), "no such file"))
    if path.stat().st_size > MAX_BYTES:
        raise BrochureError(Problem(str(path), f"file is {path.stat().st_size / 1048576:.1f} MiB; a catalog may "
                                               f"have at most {MAX_BYTES // 1048576} MiB"))
    return path.read_bytes()
