"""`check --pdf` hands PDF/UA files to veraPDF where the machine has it, and reports what it says.

veraPDF cannot be installed from the registries this project uses, so these
tests stand in a `verapdf` command that writes a report in veraPDF's
machine-readable XML format and records how it was called.
"""
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from ..conftest import run_cli

COMPLIANT = ('<validationReport profileName="PDF/UA-1 validation profile" isCompliant="true">'
             '<details/></validationReport>')
FAILING = """<validationReport profileName="PDF/UA-1 validation profile" isCompliant="false">
  <details passedRules="104" failedRules="1" passedChecks="5000" failedChecks="2">
    <rule specification="ISO 14289-1:2014" clause="7.1" testNumber="3" status="failed" failedChecks="2">
      <description>Content shall be marked as Artifact or tagged as real content</description>
      <check status="failed"><context>root/document[0]/pages[1](12 0 obj PDPage)/contentStream[0]</context></check>
      <check status="failed"><context>root/document[0]/pages[3](40 0 obj PDPage)/contentStream[0]</context></check>
    </rule>
    <rule specification="ISO 14289-1:2014" clause="7.2" testNumber="2" status="passed" failedChecks="0">
      <description>passed rules are not reported</description>
    </rule>
  </details>
</validationReport>"""
UNREADABLE = ('<taskException type="PARSE" isExecuted="true" isSuccessful="false">'
              '<exceptionMessage>Couldn\'t parse stream</exceptionMessage></taskException>')


def fake_verapdf(folder: Path, reports: dict[str, str], exit_code: int = 1, raw: str | None = None) -> Path:
    """A `verapdf` that answers each file (by name) with the given report and logs its arguments."""
    script = folder / "verapdf"
    script.write_text(f"""#!{sys.executable}
import json, sys
reports = {json.dumps(reports)}
with open({str(folder / "calls.json")!r}, "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
raw = {raw!r}
if raw is not None:
    sys.stdout.write(raw); sys.exit({exit_code})
files = [a for a in sys.argv[1:] if a.endswith(".pdf")]
jobs = "".join(f"<job><item size='1'><name>{{f}}</name></item>{{reports[f.rsplit('/', 1)[-1]]}}</job>" for f in files)
sys.stdout.write(f"<?xml version='1.0' encoding='utf-8'?><report><jobs>{{jobs}}</jobs></report>")
sys.exit({exit_code})
""")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


@pytest.fixture
def on_path(tmp_path, monkeypatch):
    monkeypatch.delenv("VERAPDF", raising=False)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    return tmp_path


def calls(folder: Path) -> list[list[str]]:
    return [json.loads(line) for line in (folder / "calls.json").read_text().splitlines()]


def test_only_pdf_ua_files_go_to_verapdf_and_its_failed_rules_are_errors(variants, on_path):
    office, press = variants / "chemical-peels.ar.pdf", variants / "chemical-peels.ar.press.pdf"
    english = variants / "chemical-peels.en.pdf"
    fake_verapdf(on_path, {office.name: FAILING, english.name: COMPLIANT})
    code, out, err = run_cli("check", "--pdf", str(office), str(press), str(english))
    assert code == 1
    assert calls(on_path) == [["--flavour", "ua1", "--format", "xml", str(office), str(english)]]  # not the PDF/X
    assert err.splitlines() == [
        f"error: {office}: veraPDF: ISO 14289-1:2014 7.1-3: Content shall be marked as Artifact or tagged as "
        "real content (pages 2, 4), 2 failed checks"]
    assert "3 of 3 PDFs passed preflight" in out and "1 of 2 PDF/UA files passed veraPDF" in out


def test_a_compliant_set_passes(variants, on_path):
    office = variants / "chemical-peels.en.pdf"
    fake_verapdf(on_path, {office.name: COMPLIANT}, exit_code=0)
    code, out, err = run_cli("check", "--pdf", str(office))
    assert (code, err) == (0, "")
    assert "1 of 1 PDF/UA file passed veraPDF" in out


def test_a_file_verapdf_cannot_read_fails_with_its_reason(variants, on_path):
    office = variants / "chemical-peels.en.pdf"
    fake_verapdf(on_path, {office.name: UNREADABLE})
    code, _, err = run_cli("check", "--pdf", str(office))
    assert code == 1
    assert err == f"error: {office}: veraPDF could not check it: Couldn't parse stream\n"


def test_verapdf_without_a_report_is_one_line_and_a_failure(variants, on_path):
    fake_verapdf(on_path, {}, exit_code=7, raw="Exception in thread main: java.lang.OutOfMemoryError\n")
    code, _, err = run_cli("check", "--pdf", str(variants / "chemical-peels.en.pdf"))
    assert code == 1
    assert err.startswith("error: veraPDF: ") and "exited with 7 and no report: Exception" in err
    assert len(err.splitlines()) == 1


def test_the_verapdf_variable_names_the_command(variants, on_path, monkeypatch):
    office = variants / "chemical-peels.en.pdf"
    script = fake_verapdf(on_path, {office.name: COMPLIANT}, exit_code=0)
    monkeypatch.setenv("PATH", os.defpath)
    monkeypatch.setenv("VERAPDF", str(script))
    assert run_cli("check", "--pdf", str(office))[0] == 0
    assert len(calls(on_path)) == 1


def test_without_verapdf_check_says_so_and_still_passes(variants, monkeypatch):
    monkeypatch.delenv("VERAPDF", raising=False)
    monkeypatch.setenv("PATH", os.defpath)
    code, out, err = run_cli("check", "--pdf", str(variants / "chemical-peels.en.pdf"),
                             str(variants / "chemical-peels.en.press.pdf"))
    assert (code, err) == (0, "")
    assert "note: veraPDF not found: 1 PDF/UA file not checked by the reference validator" in out
