"""Start the catalog of a new language from the current template.

Sets the Language and Plural-Forms headers from Babel's locale data.

example:
  python make_brochure.py init fr
"""
from __future__ import annotations

import argparse
from typing import TextIO

from ..catalogs.merge import init_catalog
from ..errors import EXIT_OK
from ..project import Project


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("language", metavar="LANG", help="language code, e.g. fr or pt_BR")


def run(args, out: TextIO, err: TextIO) -> int:
    project = Project.at(args.root)
    path = init_catalog(project, args.language)
    print(f"created {project.relative(path)}", file=out)
    return EXIT_OK
