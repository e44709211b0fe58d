"""Outputs are replaced whole or not at all."""
import pytest

from brochure_builder.atomic import write_atomic

from .conftest import pdf_names, run_cli


def test_write_atomic_replaces_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "a" / "x.pdf"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["x.pdf"]


def test_failure_while_writing_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "x.pdf"
    target.write_bytes(b"old")

    def broken_replace(*args):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]


def test_a_failing_render_keeps_the_old_pdf_and_other_leaflets_build(project_copy, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "chemical-peels.en.pdf").write_bytes(b"previous good PDF")
    css = project_copy / "templates" / "leaflet.css"
    rule = "body[data-leaflet=chemical-peels] .terms { background: url(http://127.0.0.1:9/x.png); }"
    css.write_text(css.read_text() + "\n" + rule + "\n")
    code, stdout, err = run_cli("build", "--unbranded", "--root", str(project_copy), "--out", str(out), "--lang", "en")
    assert code == 1
    assert "error: chemical-peels.en: refused to fetch 'http://127.0.0.1:9/x.png'" in err
    assert (out / "chemical-peels.en.pdf").read_bytes() == b"previous good PDF"
    assert "mesotherapy-acne-scars" not in err
    assert pdf_names(out) == ["chemical-peels.en.pdf", "mesotherapy-acne-scars.en.pdf"]
    assert stdout.splitlines()[-1] == "1 built, 0 up to date, 0 refused, 1 failed"
