"""Run the workspace: a local web page to preview, translate and build leaflets.

Opens a web server on this machine (http://127.0.0.1:8000/ by default) with:
  - a dashboard of every leaflet x language x clinic that 'build' would make:
    printable, draft (incomplete translation), review overdue, or refused and
    why, with the counts of 'status';
  - a preview of each, the HTML the PDF is made from, which reloads by itself
    when a leaflet, catalog, clinic file, template or font changes;
  - a translator view: every message the leaflet prints, source and
    translation side by side, untranslated and fuzzy ones marked, and what
    'check' says about each next to it;
  - a Build PDF button that runs 'build' for what is shown (same refusals,
    manifest and output folder) and offers the PDF for download.

The workspace only reads the content folder; it writes only through the build,
into --out. It listens on 127.0.0.1 unless --host names another address, which
must be a loopback address unless --allow-remote is given too (anyone who can
reach the port can then read every leaflet and build). Stop it with Ctrl-C.

example:
  python make_brochure.py serve
  python make_brochure.py serve --port 8080 --root ../clinic-group-content
"""
from __future__ import annotations

import argparse
import ipaddress
import socket
from pathlib import Path
from typing import TextIO

from ..errors import EXIT_OK, BrochureError, Problem
from ..project import Project
from .options import parse_date

DEFAULT_PORT = 8000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT,
                        help=f"port to listen on (default: {DEFAULT_PORT}; 0: any free port)")
    parser.add_argument("--allow-remote", action="store_true",
                        help="listen on an address other machines can reach (with --host)")
    parser.add_argument("--out", metavar="DIR", type=Path,
                        help="where the Build PDF button builds (default: out/ in the content folder)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=parse_date,
                        help="the date review dates are compared with (default: today)")


def run(args, out: TextIO, err: TextIO) -> int:
    project = Project.at(args.root)
    check_host(args.host, args.allow_remote)
    listening = bind(args.host, args.port)
    from ..serve.server import serve  # noqa: PLC0415 - the web stack only for this command

    port = listening.getsockname()[1]
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"serving {project.root} at http://{shown_host}:{port}/ (Ctrl-C to stop)", file=out, flush=True)
    serve(listening, project.root, (args.out or project.root / "out").resolve(), args.today, remote=args.allow_remote)
    print("stopped", file=out)
    return EXIT_OK


def check_host(host: str, allow_remote: bool) -> None:
    if host == "localhost" or allow_remote:
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        raise BrochureError(Problem("--host", f"not an IP address: {host!r} (e.g. 127.0.0.1)")) from None
    if not loopback:
        raise BrochureError(Problem("--host", f"{host} can be reached from other machines, which could then read "
                                              "every leaflet and start builds; add --allow-remote if that is meant"))


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, made here so a port in use is one line, not a server's traceback."""
    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listening = socket.socket(info[0], info[1])
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(info[4])
        listening.listen(64)
    except OSError as error:
        raise BrochureError(Problem("--port", f"cannot listen on {host} port {port}: "
                                              f"{error.strerror or error}")) from None
    return listening


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0 to 65535): {text!r}")
    return int(text)
