"""Batch workers: crashes, Ctrl-C and SIGTERM, failures among good jobs, byte-identical rebuilds, clean-up."""
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from pypdf import PdfReader

from brochure_builder.batch.manifest import Manifest

from ..catalog_edit import set_translation
from ..conftest import REPO, SMALL, pdf_names, run_cli


@pytest.mark.parametrize("profile", ["press"])  # office: tests/pdf/test_output.py rebuilds the unbranded set
def test_forced_rebuild_is_byte_identical(variants, tmp_path, profile):
    """The shared build ran on worker processes; the same jobs again, forced, in one process (press: with
    crop marks added after the renderer)."""
    out = tmp_path / "out"
    shutil.copytree(variants.parent, out)
    args = ("build", "--root", str(REPO), "--out", str(out), "--clinic", "jabal-amman", "--lang", "ar",
            "--brochure", "chemical-peels", "--profile", profile, "--format", "a4")
    first = {name: (out / name).read_bytes() for name in pdf_names(out) if ".ar." in name and
             (".press." in name) == (profile == "press") and not any(f in name for f in (".a5", ".letter", ".trifold"))}
    assert len(first) == 1
    assert run_cli(*args, "--force", "--jobs", "1")[0] == 0
    assert {name: (out / name).read_bytes() for name in first} == first


def test_a_failing_job_among_good_ones(project_copy, tmp_path):
    out = tmp_path / "out"
    (out / "cedar-toronto").mkdir(parents=True)
    (out / "cedar-toronto" / "chemical-peels.fr.pdf").write_bytes(b"the PDF from last week")
    set_translation(project_copy, "fr", "Types of peel", "Types de peeling %(oops)s")
    toronto = ("--clinic", "cedar-toronto", "--brochure", "chemical-peels")  # en, fr
    code, stdout, err = run_cli("build", "--root", str(project_copy), "--out", str(out), "--jobs", "2", *toronto)
    assert code == 1
    assert "error: locales/fr/LC_MESSAGES/brochures.po" in err and "%(oops)s is not in the source" in err
    assert (out / "cedar-toronto" / "chemical-peels.fr.pdf").read_bytes() == b"the PDF from last week"
    assert len(pdf_names(out)) == 2 and stdout.splitlines()[-1] == "1 built, 0 up to date, 0 refused, 1 failed"
    code, stdout, _ = run_cli("build", "--root", str(project_copy), "--out", str(out), *toronto)
    assert stdout.splitlines()[-1] == "0 built, 1 up to date, 0 refused, 1 failed"  # the failure is not "up to date"


def test_a_crashed_worker_fails_only_its_job(project_copy, tmp_path, monkeypatch):
    from brochure_builder import pipeline

    real = pipeline.leaflet_pdf

    def crash_on_french_peels(inputs, job, *args):
        if job.name == "cedar-toronto/chemical-peels.fr":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(inputs, job, *args)

    monkeypatch.setattr(pipeline, "leaflet_pdf", crash_on_french_peels)
    out = tmp_path / "out"
    code, stdout, err = run_cli("build", "--root", str(project_copy), "--out", str(out), "--jobs", "2",
                                "--clinic", "cedar-toronto", "--brochure", "chemical-peels")  # en, fr
    assert code == 1
    assert err == "error: cedar-toronto/chemical-peels.fr: the worker process rendering it crashed\n"
    assert pdf_names(out) == ["cedar-toronto/chemical-peels.en.pdf"]
    assert not list(out.rglob("*.tmp"))


def test_interrupted_batch_keeps_every_pdf_whole_and_the_next_run_finishes(project_copy, tmp_path):
    out = tmp_path / "out"
    args = [sys.executable, str(REPO / "make_brochure.py"), "build", "--root", str(project_copy), "--out", str(out),
            "--jobs", "2", "--clinic", "jabal-amman", "--clinic", "cedar-toronto", "--brochure", "chemical-peels"]  # 4
    # Ctrl-C as a terminal delivers it: a test runner's worker may ignore SIGINT, and an ignored
    # signal stays ignored in the processes it starts (Python then installs no KeyboardInterrupt).
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=_default_sigint)
    for line in process.stdout:
        if line.startswith("built "):  # at the first: the most work left, so the interrupt lands mid-batch
            # Each line is written as its job finishes (not at exit), so the batch is still running here.
            assert process.poll() is None
            os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
            break
    rest, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "interrupted: finished PDFs are kept" in err
    assert "Traceback" not in err
    partial = pdf_names(out)
    assert 1 <= len(partial) < 4
    assert len([line for line in rest.splitlines() if line.startswith("built ")]) == len(partial) - 1  # no repeats
    assert not list(out.rglob("*.tmp"))
    for name in partial:
        PdfReader(out / name).pages[0].extract_text()  # every PDF left behind is whole
    assert set(Manifest.load(out).entries()) == set(partial)
    code, stdout, err = run_cli(*args[2:])  # the next run, here: the interrupted one was its own process
    assert code == 0, err
    assert stdout.splitlines()[-1] == f"{4 - len(partial)} built, {len(partial)} up to date, 0 refused, 0 failed"


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_sigterm_stops_a_batch_cleanly(project_copy, tmp_path):
    out = tmp_path / "out"
    args = [sys.executable, str(REPO / "make_brochure.py"), "build", "--root", str(project_copy), "--out", str(out),
            "--jobs", "2", *SMALL, "--profile", "office", "--profile", "press"]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in process.stdout:
        if line.startswith("built "):
            process.send_signal(signal.SIGTERM)
            break
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert not list(out.rglob("*.tmp"))
    time.sleep(0.2)
    assert not [p for p in _children(process.pid)]


def _children(pid):
    result = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return result.stdout.split()


def test_workers_leave_no_temporary_files_and_the_parent_keeps_its_fonts(project_copy, tmp_path, monkeypatch):
    import tempfile

    from brochure_builder.fonts import load_fonts
    from brochure_builder.pdf.renderer import html_to_pdf
    from brochure_builder.project import Project

    def render_here():
        faces = load_fonts(Project(project_copy).files).face_css("../fonts/")
        html = (f'<html lang="en"><title>x</title><style>{faces} '
                'p { font-family: "Leaflet Sans" }</style><p>Hello</p></html>')
        return html_to_pdf(html, Project(project_copy).files, project_copy / "templates", name="probe")

    render_here()  # the parent now holds a warm font configuration, inherited by the workers
    private = tmp_path / "tmp"  # this test's own temporary folder: other tests may run meanwhile
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    code, _, err = run_cli("build", "--root", str(project_copy), "--out", str(tmp_path / "out"), "--jobs", "2",
                           "--clinic", "cedar-toronto", "--brochure", "chemical-peels")
    assert code == 0, err
    assert render_here().startswith(b"%PDF")
    assert list(private.iterdir()) == []
