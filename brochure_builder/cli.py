"""Command line: parse arguments, call one library function, print the outcome."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import EXIT_OK, EXIT_USAGE, BrochureError
from .project import Project

DESCRIPTION = """\
Build print-ready, translated patient leaflets from structured content.

  brochures/<id>.yaml  leaflet content (English)
  locales/             gettext catalogs (brochures.pot, <lang>/LC_MESSAGES/brochures.po)
  templates/           Jinja2 HTML template and print stylesheet
  fonts/               bundled fonts

example:
  python make_brochure.py build --brochure mesotherapy-acne-scars --lang el
"""


class _Parser(argparse.ArgumentParser):
    """Usage errors exit 2 with one line, like every other error of the tool."""

    def error(self, message: str):
        raise BrochureError(f"{self.prog}: {message}")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", default=".", metavar="DIR",
                        help="content folder with brochures/, locales/, templates/, fonts/ (default: .)")
    parser = _Parser(prog="make_brochure.py", description=DESCRIPTION,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, function in COMMANDS.items():
        doc = function.__doc__ or ""
        sub = commands.add_parser(name, parents=[common], help=doc.splitlines()[0], description=doc,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        ARGUMENTS.get(name, lambda p: None)(sub)
        sub.set_defaults(run=function)
    return parser


def cmd_build(args, out: TextIO, err: TextIO) -> int:
    """Build PDF leaflets: every leaflet in every language with a catalog, or those named.

Writes out/<leaflet>.<lang>.pdf. English is the source language and needs no catalog.

example:
  python make_brochure.py build
  python make_brochure.py build --brochure chemical-peels --lang el --out /tmp/leaflets
"""
    from . import build

    project = Project.at(args.root)
    out_dir = Path(args.out) if args.out else project.root / "out"
    jobs = build.plan(project, args.brochure, args.lang, out_dir)

    def report(result: build.Result) -> None:
        if result.ok:
            print(f"built {_shown(result.job.output)}", file=out)
        else:
            for line in result.messages:
                print(f"error: {line}", file=err)

    results = build.run(project, jobs, report)
    failed = sum(not r.ok for r in results)
    print(f"{len(results) - failed} built, {failed} failed", file=out)
    return build.exit_code(results)


def cmd_extract(args, out: TextIO, err: TextIO) -> int:
    """Extract every translatable string into locales/brochures.pot.

Reads brochures/*.yaml (with translator notes and places) and the template
strings in templates/. The file is left alone when only its date would change.

example:
  python make_brochure.py extract
"""
    from .catalogs import write_template

    project = Project.at(args.root)
    changed = write_template(project)
    print(f"{'wrote' if changed else 'unchanged'} {project.relative(project.pot_path)}", file=out)
    return EXIT_OK


def cmd_init(args, out: TextIO, err: TextIO) -> int:
    """Start the catalog of a new language from the current template.

Sets the Language and Plural-Forms headers from Babel's locale data.

example:
  python make_brochure.py init fr
"""
    from .catalogs import init_catalog

    project = Project.at(args.root)
    path = init_catalog(project, args.language)
    print(f"created {project.relative(path)}", file=out)
    return EXIT_OK


def cmd_update(args, out: TextIO, err: TextIO) -> int:
    """Re-extract the template and merge it into the catalogs (all, or those named).

Changed source strings become fuzzy with the previous text kept as `#|`,
removed ones become obsolete (`#~`); no translation is lost. A catalog is not
rewritten when only its date would change. `--init LANG` starts a new one.

example:
  python make_brochure.py update
  python make_brochure.py update --lang el --lang ar
  python make_brochure.py update --init pt_BR
"""
    from .build import check_requested_languages
    from .catalogs import init_catalog, update_catalogs

    project = Project.at(args.root)
    for lang in args.init:
        print(f"created {project.relative(init_catalog(project, lang))}", file=out)
    langs = check_requested_languages(project, args.lang, catalogs_only=True) or project.catalog_langs()
    for lang, written in update_catalogs(project, langs).items():
        print(f"{'updated' if written else 'unchanged'} {project.relative(project.po_path(lang))}", file=out)
    return EXIT_OK


def _update_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", action="append", default=[], metavar="CODE",
                        help="only this catalog (repeatable; default: every catalog)")
    parser.add_argument("--init", action="append", default=[], metavar="LANG",
                        help="start a catalog for a new language first (repeatable)")


def _build_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--brochure", action="append", default=[], metavar="ID",
                        help="leaflet id (repeatable; default: all)")
    parser.add_argument("--lang", action="append", default=[], metavar="CODE",
                        help="language code (repeatable; default: every language with a catalog, and en)")
    parser.add_argument("--out", metavar="DIR", help="output folder (default: out/ in the content folder)")


def _init_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("language", metavar="LANG", help="language code, e.g. fr or pt_BR")


COMMANDS = {"build": cmd_build, "extract": cmd_extract, "init": cmd_init, "update": cmd_update}
ARGUMENTS = {"build": _build_arguments, "init": _init_arguments, "update": _update_arguments}


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        parser = _parser()
        args = parser.parse_args(argv)
        if not getattr(args, "run", None):
            parser.print_help(out)
            return EXIT_USAGE
        return args.run(args, out, err)
    except BrochureError as error:
        for line in error.lines():
            print(f"error: {line}", file=err)
        return error.exit_code
    except KeyboardInterrupt:
        print("error: interrupted", file=err)
        return 130
