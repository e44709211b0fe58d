"""Extract every translatable string into locales/brochures.pot.

Reads brochures/*.yaml (with translator notes and places) and the template
strings in templates/. The file is left alone when only its date would change.

example:
  python make_brochure.py extract
"""
from __future__ import annotations

import argparse
from typing import TextIO

from ..catalogs.extract import write_template
from ..errors import EXIT_OK
from ..project import Project


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args, out: TextIO, err: TextIO) -> int:
    project = Project.at(args.root)
    changed = write_template(project)
    print(f"{'wrote' if changed else 'unchanged'} {project.relative(project.pot_path)}", file=out)
    return EXIT_OK
