"""Re-extract the template and merge it into the catalogs (all, or those named).

A source text changed at its place (the same place in the same leaflet, the
same line of a template) becomes fuzzy with the previous text kept as `#|`;
a text at a new place starts untranslated, unless --fuzzy-match offers it the
most similar translation of any other text, as msgmerge does. Removed texts
become obsolete (`#~`); no translation is lost. A catalog is not rewritten
when only its date would change. `--init LANG` starts a new one.

example:
  python make_brochure.py update
  python make_brochure.py update --lang el --lang ar
  python make_brochure.py update --init pt_BR
  python make_brochure.py update --lang el --fuzzy-match
"""
from __future__ import annotations

import argparse
from typing import TextIO

from ..batch.plan import check_requested_languages
from ..catalogs.merge import init_catalog, update_catalogs
from ..errors import EXIT_OK
from ..project import Project


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", action="append", default=[], metavar="CODE",
                        help="only this catalog (repeatable; default: every catalog)")
    parser.add_argument("--init", action="append", default=[], metavar="LANG",
                        help="start a catalog for a new language first (repeatable)")
    parser.add_argument("--fuzzy-match", action="store_true",
                        help="offer a text at a new place the most similar existing translation, marked fuzzy")


def run(args, out: TextIO, err: TextIO) -> int:
    project = Project.at(args.root)
    for lang in args.init:
        print(f"created {project.relative(init_catalog(project, lang))}", file=out)
    langs = check_requested_languages(project, args.lang, catalogs_only=True) or project.catalog_langs()
    for lang, written in update_catalogs(project, langs, args.fuzzy_match).items():
        print(f"{'updated' if written else 'unchanged'} {project.relative(project.po_path(lang))}", file=out)
    return EXIT_OK
