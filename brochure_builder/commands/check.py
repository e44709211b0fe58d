"""Check every leaflet and catalog; errors exit 1, warnings are listed apart.

Catalogs: PO syntax, headers (Language, Plural-Forms, charset), placeholders,
inline markup, numbers and units, URLs, surrounding whitespace, and whether the
bundled fonts can print every character of every translation.

example:
  python make_brochure.py check
"""
from __future__ import annotations

import argparse
from typing import TextIO

from ..checks import check_project
from ..errors import EXIT_FAILED, EXIT_OK
from ..project import Project


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args, out: TextIO, err: TextIO) -> int:
    project = Project.at(args.root)
    findings = check_project(project)
    errors = [f for f in findings if f.level == "error"]
    warnings = [f for f in findings if f.level == "warning"]
    for finding in errors:
        print(f"error: {finding}", file=err)
    for finding in warnings:
        print(f"warning: {finding}", file=err)
    print(f"{len(errors)} error{'s' * (len(errors) != 1)}, {len(warnings)} warning{'s' * (len(warnings) != 1)}",
          file=out)
    return EXIT_FAILED if errors else EXIT_OK
