"""A workspace server on a copy of the demo content, and one Chromium (Debian's) for the whole test run."""
import datetime as dt
import os
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from brochure_builder.serve.server import server_for

from ..conftest import copy_content

TODAY = dt.date(2027, 1, 1)  # the demo leaflets' review is due in 2029


@dataclass
class Served:
    url: str
    root: Path

    def get(self, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
        return request(self.url + path, headers=headers)

    def post(self, path: str, body: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
        return request(self.url + path, body.encode(), {"Content-Type": "application/x-www-form-urlencoded",
                                                        **(headers or {})})


def request(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data, headers or {}), timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def start(root: Path, out: Path):
    """The workspace of `root` on a free port of 127.0.0.1, served from a thread of this process."""
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    server = server_for(root, out, TODAY)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the workspace server did not start"
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{listening.getsockname()[1]}"


def stop(server, thread) -> None:
    server.should_exit = True
    thread.join(10)
    assert not thread.is_alive(), "the workspace server did not stop"


@pytest.fixture(scope="session")
def served(tmp_path_factory) -> Served:
    """One server for the run's browser tests, on its own copy of the content (tests that edit it put it back)."""
    root = copy_content(tmp_path_factory.mktemp("workspace"))
    server, thread, url = start(root, root / "out")
    yield Served(url, root)
    stop(server, thread)


@pytest.fixture
def served_copy(project_copy) -> Served:
    """A server of its own, for a test that breaks the content."""
    server, thread, url = start(project_copy, project_copy / "out")
    yield Served(url, project_copy)
    stop(server, thread)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright: launched once per test process."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is needed for the browser tests: 'make setup' installs it"
    # Rendering a PDF in this process points fontconfig at a configuration without fonts (pdf/renderer.py);
    # the browser gets the machine's own.
    env = {name: value for name, value in os.environ.items() if name != "FONTCONFIG_FILE"}
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, env=env)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, served):
    """A fresh page; every console message at warning level or above, and every failed request, fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=served.url)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda message: message.type in ("error", "warning")
              and problems.append(f"console {message.type}: {message.text}"))
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    # A request the browser itself cancels (the preview frame reloading after a change, the test
    # leaving the page) is not a failure of the workspace.
    opened.on("requestfailed", lambda failed: "/events" not in failed.url and failed.failure != "net::ERR_ABORTED"
              and problems.append(f"request failed: {failed.url} {failed.failure}"))
    opened.on("response", lambda response: response.status >= 400
              and problems.append(f"{response.status}: {response.url}"))
    opened.problems = problems
    yield opened
    context.close()
    assert problems == []
