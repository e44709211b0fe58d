"""Command line: parse arguments, call one library function, print the outcome."""
from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from . import __version__
from .commands import COMMANDS
from .errors import EXIT_USAGE, BrochureError

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in this tool

DESCRIPTION = """\
Build print-ready, translated patient leaflets from structured content.

  brochures/<id>.yaml  leaflet content (English)
  locales/             gettext catalogs (brochures.pot, <lang>/LC_MESSAGES/brochures.po)
  clinics/<id>.yaml    clinic branding (logo, colours, contact, languages, paper)
  templates/           Jinja2 HTML template and print stylesheets
  fonts/               the only fonts leaflets are printed with, declared in fonts.yaml

example:
  python make_brochure.py build --brochure mesotherapy-acne-scars --lang el
"""


class _Parser(argparse.ArgumentParser):
    """Usage errors exit 2 with one line, like every other error of the tool."""

    def error(self, message: str):
        raise BrochureError(f"{self.prog}: {message}")


def make_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", default=".", metavar="DIR",
                        help="content folder with brochures/, locales/, templates/, fonts/ (default: .)")
    parser = _Parser(prog="make_brochure.py", description=DESCRIPTION,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, command in COMMANDS.items():
        doc = command.__doc__ or ""
        sub = subparsers.add_parser(name, parents=[common], help=doc.splitlines()[0], description=doc,
                                    formatter_class=argparse.RawDescriptionHelpFormatter)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        parser = make_parser()
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
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; stop quietly like other command-line tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:  # the machine said no (a folder that cannot be made, a disk that is full)
        print(f"error: {error.filename or 'file system'}: {error.strerror or error}", file=err)
        return EXIT_USAGE
    except Exception as error:  # noqa: BLE001 - a bug: still one line, and a way to report it
        print(f"error: internal error: {type(error).__name__}: {error} (please report this, with the command)",
              file=err)
        return EXIT_INTERNAL
