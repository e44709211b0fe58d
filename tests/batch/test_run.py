"""Batch builds: the matrix, incremental rebuilds, parallel workers, interruption, shards, the index."""
import io
import json
import shutil
import subprocess
import sys

import pytest

from ..catalog_edit import set_translation
from ..conftest import REPO, SMALL, copy_content, pdf_names, run_cli
from ..index_html import read_index


def plan(root, *args):
    code, out, err = run_cli("plan", "--root", str(root), "--json", *args)
    assert code == 0, err
    return json.loads(out)["jobs"]


def test_the_matrix_is_every_clinic_leaflet_language_and_variant():
    jobs = plan(REPO)
    assert len(jobs) == 2 * (2 + 3 + 2 + 2)  # leaflets x languages of the four clinics
    assert plan(REPO, "--all") == jobs
    assert {job["output"] for job in jobs} >= {"retiro-madrid/chemical-peels.fr.pdf",
                                               "jabal-amman/chemical-peels.ar.pdf"}
    wide = plan(REPO, "--profile", "office", "--profile", "press", "--format", "a4", "--format", "trifold")
    assert len(wide) == 4 * len(jobs)
    assert {j["output"] for j in wide} >= {"cedar-toronto/chemical-peels.fr.press.trifold.pdf",
                                          "cedar-toronto/chemical-peels.fr.a4.pdf"}


def test_filters_narrow_the_matrix():
    jobs = plan(REPO, "--clinic", "retiro-madrid", "--lang", "fr", "--brochure", "chemical-peels")
    assert [job["output"] for job in jobs] == ["retiro-madrid/chemical-peels.fr.pdf"]
    assert len(plan(REPO, "--lang", "en")) == 4 * 2
    assert len(plan(REPO, "--unbranded")) == 2 * 6


@pytest.mark.parametrize("n", [2, 5])
def test_shards_are_disjoint_balanced_and_cover_the_matrix(n):
    everything = {job["output"] for job in plan(REPO, "--profile", "office", "--profile", "press")}
    shares = [{job["output"] for job in plan(REPO, "--profile", "office", "--profile", "press", "--shard", f"{k}/{n}")}
              for k in range(1, n + 1)]
    assert set().union(*shares) == everything
    assert sum(len(share) for share in shares) == len(everything)
    assert max(map(len, shares)) - min(map(len, shares)) <= 1


ARRAY_JOB_VARIABLES = ("JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX", "AWS_BATCH_JOB_ARRAY_SIZE")


@pytest.mark.parametrize("environ, shard", [
    ({"JOB_COMPLETION_INDEX": "1"}, "auto/3"),  # a Kubernetes Indexed Job: the count is given
    ({"AWS_BATCH_JOB_ARRAY_INDEX": "1", "AWS_BATCH_JOB_ARRAY_SIZE": "3"}, "auto"),
    ({"AWS_BATCH_JOB_ARRAY_INDEX": "1", "AWS_BATCH_JOB_ARRAY_SIZE": "3"}, "auto/3"),
])
def test_an_array_job_builds_the_shard_of_its_index(environ, shard, monkeypatch):
    for name in ARRAY_JOB_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert plan(REPO, "--shard", shard) == plan(REPO, "--shard", "2/3")  # indexes count from 0, shards from 1


@pytest.mark.parametrize("environ, shard, says", [
    ({}, "auto/3", "auto needs the index of an array job: exactly one of JOB_COMPLETION_INDEX, "
                   "AWS_BATCH_JOB_ARRAY_INDEX set (0 are)"),
    ({"JOB_COMPLETION_INDEX": "1"}, "auto", "auto: JOB_COMPLETION_INDEX gives the index, not the count; "
                                            "give it: --shard auto/N (N: the Job's completions)"),
    ({"JOB_COMPLETION_INDEX": "3"}, "auto/3", "auto: JOB_COMPLETION_INDEX=3 is not below the count 3"),
    ({"AWS_BATCH_JOB_ARRAY_INDEX": "0", "AWS_BATCH_JOB_ARRAY_SIZE": "4"}, "auto/3",
     "auto/3: AWS_BATCH_JOB_ARRAY_SIZE says 4"),
    ({"AWS_BATCH_JOB_ARRAY_INDEX": "one", "AWS_BATCH_JOB_ARRAY_SIZE": "4"}, "auto",
     "auto: AWS_BATCH_JOB_ARRAY_INDEX is not a whole number: 'one'"),
])
def test_an_array_job_that_does_not_say_its_shard_is_one_line(environ, shard, says, monkeypatch):
    for name in ARRAY_JOB_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert run_cli("plan", "--root", str(REPO), "--shard", shard) == (2, "", f"error: --shard: {says}\n")


@pytest.mark.parametrize("shard", ["0/3", "4/3", "x", "1/0"])
def test_bad_shard_is_a_usage_error(shard):
    code, _, err = run_cli("plan", "--root", str(REPO), "--shard", shard)
    assert code == 2 and "not a shard" in err


@pytest.fixture
def small_build(small_built, tmp_path):
    """The SMALL batch built (once for the run), with this test's own copy of the content and the output."""
    root, out = copy_content(tmp_path / "content"), tmp_path / "out"
    shutil.copytree(small_built, out, ignore=shutil.ignore_patterns(".complete"))
    return root, out


def to_build(root, out):
    return sorted(job["output"] for job in plan(root, "--out", str(out), *SMALL) if not job["up_to_date"])


def test_second_run_skips_everything(small_build):
    root, out = small_build
    before = {name: (out / name).read_bytes() for name in pdf_names(out)}
    code, stdout, _ = run_cli("build", "--root", str(root), "--out", str(out), *SMALL)
    assert (code, stdout) == (0, "8 up to date, 0 to build\n0 built, 8 up to date, 0 refused, 0 failed\n")
    assert {name: (out / name).read_bytes() for name in pdf_names(out)} == before


def test_an_up_to_date_run_does_not_start_the_renderer(small_build):
    root, out = small_build
    script = ("import sys; from brochure_builder.cli import main; "
              f"code = main(['build', '--root', {str(root)!r}, '--out', {str(out)!r}, "
              + ", ".join(repr(a) for a in SMALL) + "]); "
              "print(code, 'weasyprint' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "0 False"


def test_changing_one_greek_message_rebuilds_only_the_greek_pdfs_that_use_it(small_build):
    root, out = small_build
    set_translation(root, "el", "Types of peel", "Τύποι χημικής απολέπισης")
    assert to_build(root, out) == ["lykavittos-athens/chemical-peels.el.pdf"]
    set_translation(root, "el", "Frequently asked questions", "Ερωτήσεις που κάνουν συχνά")
    assert to_build(root, out) == ["lykavittos-athens/chemical-peels.el.pdf",
                                   "lykavittos-athens/mesotherapy-acne-scars.el.pdf"]


@pytest.mark.parametrize("change, expected", [
    (lambda r: _append(r / "brochures" / "mesotherapy-acne-scars.yaml", "\n"), "mesotherapy-acne-scars"),
    (lambda r: _append(r / "templates" / "leaflet.css", "\n/* x */\n"), "all"),
    (lambda r: _append(r / "templates" / "sections" / "faq.html", "\n"), "all"),
    (lambda r: (r / "fonts" / "NotoSans-Regular.ttf").write_bytes(
        (r / "fonts" / "NotoSans-Regular.ttf").read_bytes() + b"\0"), "all"),
    (lambda r: _append(r / "clinics" / "cedar-toronto.yaml", "\n# moved\n"), "cedar-toronto"),
    (lambda r: _append(r / "clinics" / "lykavittos-athens" / "logo.svg", "\n"), "lykavittos-athens"),
])
def test_each_kind_of_change_rebuilds_what_it_shapes(small_build, change, expected):
    root, out = small_build
    everything = sorted(pdf_names(out))
    change(root)
    stale = to_build(root, out)
    assert stale == (everything if expected == "all" else [name for name in everything if expected in name])


def _append(path, text):
    path.write_text(path.read_text() + text)


def test_options_and_force_rebuild(small_build):
    root, out = small_build
    assert to_build(root, out) == []
    stale = [j["output"] for j in plan(root, "--out", str(out), *SMALL, "--allow-overdue", "--today", "2030-01-01")
             if not j["up_to_date"]]
    assert len(stale) == 8  # the leaflets would now carry the REVIEW OVERDUE mark
    code, stdout, _ = run_cli("build", "--root", str(root), "--out", str(out), "--clinic", "cedar-toronto", "--force",
                              "--brochure", "chemical-peels", "--lang", "fr")  # one PDF is enough to show it
    assert stdout.splitlines()[-1] == "1 built, 0 up to date, 0 refused, 0 failed"


def test_staff_index_lists_every_pdf_with_its_title(small_build):
    root, out = small_build
    index = read_index(out)
    assert sorted(row.href for row in index.rows) == pdf_names(out)
    assert {row.section for row in index.rows} == {"ready"} and index.in_section("not-ready") == []
    titles = {(row.clinic, row.cells["Language"], row.cells["Leaflet"]) for row in index.rows}
    assert ("Ιατρείο Δέρματος Λυκαβηττού", "Greek (el)", "Χημική απολέπιση") in titles
    assert ("Cedar Skin Clinic", "French (fr)", "Peelings chimiques") in titles
    assert all(row.cells["Review due"] == "2029-11-01" and row.cells["Status"] == "ready" for row in index.rows)
    assert {row.title_attrs["lang"] for row in index.rows} == {"el", "en", "fr"}


def test_staff_index_clinic_names_do_not_depend_on_the_last_builds_selection(small_build):
    root, out = small_build
    before = read_index(out)
    code, stdout, _ = run_cli("build", "--root", str(root), "--out", str(out), "--clinic", "cedar-toronto")
    assert code == 0 and stdout.splitlines()[-1] == "0 built, 4 up to date, 0 refused, 0 failed"
    after = read_index(out)
    assert {(row.clinic, row.clinic_attrs["lang"]) for row in after.rows} == {
        ("Cedar Skin Clinic", "en"), ("Ιατρείο Δέρματος Λυκαβηττού", "el")}
    assert after.rows == before.rows


def test_terminal_gets_a_progress_bar_and_a_summary_table(small_build):
    from brochure_builder.cli import main

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    root, out = small_build
    screen, err = Terminal(), io.StringIO()
    code = main(["build", "--root", str(root), "--out", str(out), "--clinic", "cedar-toronto", "--force",
                 "--brochure", "chemical-peels", "--lang", "fr"], stdout=screen, stderr=err)
    assert code == 0
    text = screen.getvalue()
    assert "Summary" in text and "up to date" in text
    assert text.splitlines()[-1] == "1 built, 0 up to date, 0 refused, 0 failed"


def test_one_build_at_a_time_per_output_folder(small_build):
    import fcntl

    root, out = small_build
    with (out / ".build.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        code, _, err = run_cli("build", "--root", str(root), "--out", str(out), *SMALL, "--force")
    assert (code, err) == (2, f"error: {out.resolve()}: another build is writing to this folder\n")
