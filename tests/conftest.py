import fcntl
import io
import os
import shutil
from pathlib import Path

import pytest

from brochure_builder.cli import main

REPO = Path(__file__).resolve().parent.parent
CONTENT_DIRS = ("brochures", "locales", "templates", "fonts", "clinics")


def pytest_collection_modifyitems(items) -> None:
    """Browser tests first, then the Dask cluster tests: work stealing takes tests from the end of a process's
    queue, so at the start they stay in one test process, which launches one browser, and one cluster, for
    them all."""
    items.sort(key=lambda item: (item.get_closest_marker("browser") is None,
                                 item.get_closest_marker("cluster") is None))


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def copy_content(root: Path) -> Path:
    for name in CONTENT_DIRS:
        shutil.copytree(REPO / name, root / name)
    return root


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A writable copy of the content folder, for tests that change or break it."""
    return copy_content(tmp_path / "content")


def shared_build(tmp_path_factory, name: str, make) -> Path:
    """A build made once per test run and read by every test worker: the first worker to ask makes it
    (`make(folder)`), the others wait for it. Tests only read it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, shared by the workers
    folder = base / f"shared-{name}"
    with (base / f"shared-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".complete").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".complete").touch()
    return folder


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Both demo leaflets in every language, built once for the PDF tests."""
    def make(out: Path) -> None:
        code, _, err = run_cli("build", "--unbranded", "--root", str(REPO), "--out", str(out))
        assert code == 0, err
        assert_preflight_clean(out)

    return shared_build(tmp_path_factory, "unbranded", make)


# The editions of one clinic's leaflet the PDF tests read, in Arabic (right to left) and English: both
# profiles in A4, the office A5, Letter and tri-fold, and the press A5 and tri-fold in Arabic (press
# Letter's boxes are A4's and A5's at another size; a press edition's language changes none of them).
# Each tuple is one build.
VARIANT_BUILDS = (
    ("--lang", "ar", "--lang", "en", "--profile", "office", "--profile", "press", "--format", "a4"),
    ("--lang", "ar", "--lang", "en", "--profile", "office", "--format", "a5", "--format", "letter",
     "--format", "trifold"),
    ("--lang", "ar", "--profile", "press", "--format", "a5", "--format", "trifold"),
)
VARIANT_JOB = ("--clinic", "jabal-amman", "--brochure", "chemical-peels")


@pytest.fixture(scope="session")
def variants(tmp_path_factory):
    """The editions of VARIANT_BUILDS, for one clinic."""
    def make(out):
        for selection in VARIANT_BUILDS:
            code, _, err = run_cli("build", "--root", str(REPO), "--out", str(out), *VARIANT_JOB, *selection)
            assert code == 0, err
        assert_preflight_clean(out)

    return shared_build(tmp_path_factory, "variants", make) / "jabal-amman"


SMALL = ("--clinic", "lykavittos-athens", "--clinic", "cedar-toronto")  # el, en / en, fr: 8 jobs


@pytest.fixture(scope="session")
def small_built(tmp_path_factory) -> Path:
    """Both leaflets for the clinics of SMALL, on their own paper: the batch tests copy it, `branded`
    adds the other clinics to a copy."""
    def make(out):
        code, stdout, err = run_cli("build", "--root", str(REPO), "--out", str(out), "--jobs", "2", *SMALL)
        assert code == 0, err
        assert stdout.splitlines()[-1] == "8 built, 0 up to date, 0 refused, 0 failed"

    return shared_build(tmp_path_factory, "small", make)


@pytest.fixture(scope="session")
def branded(tmp_path_factory, small_built):
    """Every clinic's chemical-peels leaflet in its languages, on its paper (with the SMALL build's
    mesotherapy leaflets)."""
    def make(out):
        shutil.copytree(small_built, out, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".complete"))
        code, stdout, err = run_cli("build", "--root", str(REPO), "--out", str(out), "--brochure", "chemical-peels")
        assert code == 0, err
        assert stdout.splitlines()[-1] == "5 built, 4 up to date, 0 refused, 0 failed"
        assert_preflight_clean(out)

    return shared_build(tmp_path_factory, "branded", make)


@pytest.fixture(scope="session")
def twins(tmp_path_factory) -> Path:
    """The HTML twins of one leaflet for the clinic printing Arabic and English, as `variants` builds its PDFs."""
    def make(out):
        code, _, err = run_cli("build", "--root", str(REPO), "--out", str(out), "--clinic", "jabal-amman",
                               "--brochure", "chemical-peels", "--format", "html")
        assert code == 0, err

    return shared_build(tmp_path_factory, "twins", make)


def assert_preflight_clean(folder: Path) -> None:
    """Every PDF the shared builds make goes through MuPDF, Ghostscript and, when tagged, the
    machine-checkable Matterhorn conditions (pikepdf): the proof. Our own preflight, a smoke check
    with tests of its own, reads one PDF of each edition (profile, format, large print)."""
    from brochure_builder.pdf.preflight import preflight

    from .pdfs import independent_problems, structure_problems

    pdfs = sorted(folder.rglob("*.pdf"))
    assert pdfs
    editions = {}
    for pdf in pdfs:
        editions.setdefault(pdf.name.split(".", 2)[-1], pdf)  # "ar.press.a5.pdf" -> its edition, any language
    problems = [problem for pdf in editions.values() for problem in preflight(pdf)]
    assert problems == []
    assert independent_problems(pdfs) == []
    assert {pdf.name: found for pdf in pdfs if (found := structure_problems(pdf))} == {}


def pdf_names(folder: Path) -> list[str]:
    """The PDFs below an output folder (which also holds the manifest and the staff index)."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.pdf")) if folder.exists() else []
