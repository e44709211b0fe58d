"""The workspace's web server: uvicorn on a socket the command has already opened."""
from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import uvicorn

from .app import LOCAL_HOSTS, Settings, make_app


def server_for(root: Path, out_dir: Path, today: dt.date | None = None, remote: bool = False) -> uvicorn.Server:
    """A server for the workspace of `root`; with `remote`, any Host header is accepted (it is reachable anyway)."""
    settings = Settings(root, out_dir, today, ("*",) if remote else LOCAL_HOSTS)
    # Open event streams end when the server stops; a second is enough for any page still being made.
    config = uvicorn.Config(make_app(settings), log_level="warning", access_log=False, lifespan="on",
                            timeout_graceful_shutdown=1)
    return uvicorn.Server(config)


def serve(listening: socket.socket, root: Path, out_dir: Path, today: dt.date | None = None,
          remote: bool = False) -> None:
    """Serve until Ctrl-C (or SIGTERM)."""
    try:
        server_for(root, out_dir, today, remote).run(sockets=[listening])
    except KeyboardInterrupt:
        pass
