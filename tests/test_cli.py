"""The command line: exit codes, messages, help texts and the README."""
import re
import subprocess
import sys

import pytest

from brochure_builder.cli import COMMANDS

from .conftest import REPO, pdf_names, run_cli


def test_build_writes_one_pdf_per_leaflet_and_language(tmp_path):
    code, out, err = run_cli("build", "--unbranded", "--root", str(REPO), "--out", str(tmp_path), "--lang", "en")
    assert (code, err) == (0, "")
    assert pdf_names(tmp_path) == ["chemical-peels.en.pdf", "mesotherapy-acne-scars.en.pdf"]
    assert out.splitlines()[-1] == "2 built, 0 up to date, 0 refused, 0 failed"


def test_unknown_leaflet(tmp_path):
    code, out, err = run_cli("build", "--unbranded", "--root", str(REPO), "--brochure", "botox", "--out", str(tmp_path))
    assert code == 2
    assert err == "error: unknown leaflet 'botox' (known: chemical-peels, mesotherapy-acne-scars)\n"
    assert pdf_names(tmp_path) == []


def test_unknown_language(tmp_path):
    code, _, err = run_cli("build", "--unbranded", "--root", str(REPO), "--lang", "ja", "--out", str(tmp_path))
    assert code == 2
    assert re.fullmatch(r"error: unknown language 'ja' \(known: [a-z, ]+\)\n", err)
    assert "el" in err and "en" in err


@pytest.mark.parametrize("code_", ["../el", "xx", "EL"])
def test_malformed_or_unknown_language_codes(code_, tmp_path):
    code, _, err = run_cli("build", "--unbranded", "--root", str(REPO), "--lang", code_, "--out", str(tmp_path))
    assert code == 2
    assert err.startswith("error: language: ")


def test_not_a_content_folder(tmp_path):
    code, _, err = run_cli("build", "--unbranded", "--root", str(tmp_path))
    assert code == 2
    assert err == f"error: {tmp_path}: not a content folder (no brochures/ in it)\n"


def test_bad_arguments_exit_2_with_one_line():
    code, _, err = run_cli("build", "--unbranded", "--colour", "red")
    assert code == 2
    assert err.startswith("error: make_brochure.py: unrecognized arguments: --colour red")


def test_no_command_prints_help():
    code, out, _ = run_cli()
    assert code == 2
    assert "usage: make_brochure.py" in out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command, capsys):
    with pytest.raises(SystemExit) as caught:
        run_cli(command, "--help")
    assert caught.value.code == 0
    help_text = capsys.readouterr().out
    assert "example:" in help_text
    assert f"make_brochure.py {command}" in (REPO / "README.md").read_text()


def test_script_and_module_entry_points_run(tmp_path):
    script = subprocess.run([sys.executable, str(REPO / "make_brochure.py"), "--help"], capture_output=True, text=True)
    module = subprocess.run([sys.executable, "-m", "brochure_builder", "--help"], capture_output=True, text=True,
                            cwd=REPO)
    assert script.returncode == module.returncode == 0
    assert script.stdout == module.stdout


def test_init_creates_a_catalog_with_language_and_plural_forms(project_copy):
    code, out, err = run_cli("init", "pl", "--root", str(project_copy))
    assert (code, out, err) == (0, "created locales/pl/LC_MESSAGES/brochures.po\n", "")
    text = (project_copy / "locales" / "pl" / "LC_MESSAGES" / "brochures.po").read_text()
    assert '"Language: pl\\n"' in text
    assert "Plural-Forms: nplurals=3;" in text
    assert "awaits review by a qualified medical translator" in text
    assert 'msgid "Frequently asked questions"' in text
    code, _, err = run_cli("init", "pl", "--root", str(project_copy))
    assert code == 2 and "already exists" in err


def test_init_refuses_unknown_language(project_copy):
    code, _, err = run_cli("init", "xx", "--root", str(project_copy))
    assert (code, err) == (2, "error: language: unknown language code 'xx'\n")
