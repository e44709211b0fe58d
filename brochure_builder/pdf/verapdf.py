"""veraPDF, the PDF Association's reference PDF/UA validator, where the machine has one.

It is a Java application that no package registry this project installs from
carries, so it is never a requirement: `check --pdf` runs it when a `verapdf`
command is on the PATH (or named by the VERAPDF environment variable) and says
in one line when there is none. Only PDFs that claim PDF/UA-1 in their XMP
metadata go to it; PDF/X is outside what veraPDF validates.

Its machine-readable report (`--format xml`) is read for each file: compliant,
the rules it failed (specification, clause, test number, description, how many
checks and on which pages), or the reason it could not check the file.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

TIMEOUT_S = 600  # a JVM start and a few dozen leaflets take well under a minute
_PAGE = re.compile(r"pages\[(\d+)\]")


@dataclass
class Verdict:
    """What veraPDF said about one file: compliant, or the failed rules, or why it could not check it."""

    compliant: bool
    problems: list[str] = field(default_factory=list)


class VeraPDFFailed(Exception):
    """veraPDF did not run, or wrote no report we can read."""


def verapdf_command() -> str | None:
    named = os.environ.get("VERAPDF")
    return shutil.which(named) if named else shutil.which("verapdf")


def claims_pdf_ua(path: Path) -> bool:
    """The PDF says in its XMP metadata that it conforms to PDF/UA-1."""
    from pypdf import PdfReader  # noqa: PLC0415
    from pypdf.errors import PdfReadError  # noqa: PLC0415

    try:
        metadata = PdfReader(path).trailer["/Root"].get("/Metadata")
        xmp = metadata.get_object().get_data() if metadata is not None else b""
    except (OSError, PdfReadError, ValueError, KeyError):
        return False
    return re.search(rb"pdfuaid:part(?:>|=\")\s*1\b", xmp) is not None


def validate(command: str, paths: list[Path]) -> dict[Path, Verdict]:
    """Run veraPDF once on all `paths` against PDF/UA-1; a verdict for each."""
    try:
        done = subprocess.run([command, "--flavour", "ua1", "--format", "xml", *map(str, paths)],
                              capture_output=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise VeraPDFFailed(f"could not run {command}: {error}") from None
    try:
        report = ElementTree.fromstring(done.stdout)
    except ElementTree.ParseError:
        said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
        raise VeraPDFFailed(f"{command} exited with {done.returncode} and no report"
                            + (f": {said[-1]}" if said else "")) from None
    verdicts = {}
    by_name = {str(path): path for path in paths} | {str(path.resolve()): path for path in paths}
    for job in report.iter("job"):
        name = job.findtext("item/name", default="")
        path = by_name.get(name) or by_name.get(str(Path(name).resolve()))
        if path is not None:
            verdicts[path] = _verdict(job)
    for path in paths:
        verdicts.setdefault(path, Verdict(False, ["veraPDF reported nothing for this file"]))
    return verdicts


def _verdict(job) -> Verdict:
    report = job.find("validationReport")
    if report is None:
        reason = job.findtext(".//exceptionMessage", default="").strip() or "no validation report"
        return Verdict(False, [f"veraPDF could not check it: {reason}"])
    if report.get("isCompliant") == "true":
        return Verdict(True)
    problems = []
    for rule in report.iter("rule"):
        if rule.get("status") != "failed":
            continue
        pages = sorted({int(match[1]) + 1 for check in rule.iter("check")
                        for match in _PAGE.finditer(check.findtext("context", default=""))})
        where = f" (page{'s' * (len(pages) > 1)} {', '.join(map(str, pages[:5]))}{', ...' * (len(pages) > 5)})" \
            if pages else ""
        checks = rule.get("failedChecks", "?")
        description = " ".join(rule.findtext("description", default="").split())
        problems.append(f"veraPDF: {rule.get('specification', '?')} {rule.get('clause', '?')}-"
                        f"{rule.get('testNumber', '?')}: {description}{where}, {checks} failed "
                        f"check{'s' * (checks != '1')}")
    return Verdict(False, problems or ["veraPDF: not compliant"])
