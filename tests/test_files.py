"""Content files are read once per run, hashed from the bytes that are printed, and never from outside."""
import os
import sys
from pathlib import Path

import pytest

from brochure_builder.digests import digest
from brochure_builder.files import ContentFiles, OutsideContent

from .conftest import run_cli

# Every file this test process (and the workers it forks) opens, written to a descriptor set by the test.
# Python's own audit events see each open, whoever makes it (our code, Babel, PyYAML, fontTools, WeasyPrint).
_LOG: list[int] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _LOG and isinstance(args[0], (str, bytes, os.PathLike)):
        os.write(_LOG[0], os.fsencode(args[0]) + f"\t{os.getpid()}\n".encode())


sys.addaudithook(_audit)


def test_a_build_reads_each_content_file_once_and_workers_read_none(project_copy, tmp_path):
    log = tmp_path / "opens.log"
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    _LOG.append(fd)
    try:
        code, _, err = run_cli("build", "--root", str(project_copy), "--out", str(tmp_path / "out"), "--jobs", "2",
                               "--clinic", "retiro-madrid", "--lang", "es", "--brochure", "chemical-peels",
                               "--profile", "office", "--profile", "press")  # the press profile reads the ICC file
    finally:
        _LOG.clear()
        os.close(fd)
    assert code == 0, err
    opened: dict[str, list[int]] = {}
    for line in log.read_text().splitlines():
        path, pid = line.rsplit("\t", 1)
        resolved = Path(path).resolve()
        if resolved.is_relative_to(project_copy.resolve()) and resolved.is_file():
            opened.setdefault(resolved.relative_to(project_copy.resolve()).as_posix(), []).append(int(pid))
    assert {"brochures/chemical-peels.yaml", "locales/es/LC_MESSAGES/brochures.po", "clinics/retiro-madrid.yaml",
            "clinics/retiro-madrid/logo.svg", "templates/leaflet.css", "fonts/NotoSans-Regular.ttf",
            "fonts/fonts.yaml"} <= set(opened)
    assert {path: pids for path, pids in opened.items() if len(pids) > 1} == {}
    assert {pid for pids in opened.values() for pid in pids} == {os.getpid()}  # the workers opened none


def test_digests_come_from_the_bytes_that_were_read(project_copy):
    files = ContentFiles.at(project_copy)
    data = files.read(Path("templates/leaflet.css"))
    (project_copy / "templates" / "leaflet.css").write_text("changed after reading")
    assert files.read(Path("templates/leaflet.css")) == data  # one version per run, whatever happens on disk
    assert files.digest(Path("templates/leaflet.css")) == digest(data)
    assert files.digest(Path("templates")) == files.digest(Path("templates"))
    assert files.digest(Path("no/such/file")) == "missing"


@pytest.mark.parametrize("make_link", [
    lambda root, outside: os.symlink(outside / "secret.css", root / "templates" / "link.css"),
    lambda root, outside: os.symlink(outside, root / "templates" / "linked-folder"),
])
def test_a_symlink_out_of_the_content_folder_is_refused_wherever_it_is_met(project_copy, tmp_path, make_link):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.css").write_text("body { color: red }")
    make_link(project_copy, outside)
    files = ContentFiles.at(project_copy)
    with pytest.raises(OutsideContent) as caught:
        files.tree(Path("templates"))
    assert caught.value.lines()[0].endswith(": leads outside the content folder")
    assert caught.value.lines()[0].startswith("templates/link")


def test_dot_dot_is_refused_before_anything_is_opened(project_copy):
    files = ContentFiles.at(project_copy / "templates")
    with pytest.raises(OutsideContent):
        files.read(Path("../brochures/chemical-peels.yaml"))
    with pytest.raises(OutsideContent):
        files.read(project_copy / "brochures" / "chemical-peels.yaml")
