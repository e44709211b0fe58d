"""Preflight: check built PDFs against the rules of the profile and format they were built for.

The profile, format and large-print flag are read from the PDF's own metadata
(written at build time), so any leaflet PDF can be checked on its own. Each
failure is one line naming the file, the page and the problem.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..profiles import FORMATS, MM, PROFILES, Output
from .marks import MARK_ROOM
from .scan import PageScan, scan_page

TOLERANCE = 0.5  # pt, for box sizes
SAFE_MM = 5  # text must stay this far inside the trim
MIN_DPI = 300


@dataclass(frozen=True)
class Rules:
    width_pt: float
    height_pt: float
    bleed_pt: float
    cmyk: bool
    tagged: bool
    min_text_pt: float
    safe_pt: float


def rules_for(metadata: dict) -> Rules | str:
    profile = PROFILES.get(str(metadata.get("/profile", "")))
    format_ = FORMATS.get(str(metadata.get("/format", "")))
    if profile is None or format_ is None:
        return "no profile/format metadata: not a leaflet built by make_brochure.py"
    output = Output(profile, format_, str(metadata.get("/largeprint", "no")) == "yes")
    return Rules(
        width_pt=format_.width_mm * MM, height_pt=format_.height_mm * MM, bleed_pt=profile.bleed_mm * MM,
        cmyk=profile.cmyk, tagged=output.tagged, min_text_pt=output.min_text_pt,
        safe_pt=SAFE_MM * MM if profile.bleed_mm else 0)


def preflight(path: Path, shown: str | None = None) -> list[str]:
    from pypdf import PdfReader  # noqa: PLC0415
    from pypdf.errors import PdfReadError  # noqa: PLC0415

    shown = shown or str(path)
    try:
        reader = PdfReader(path)
        metadata = dict(reader.metadata or {})
        pages = list(reader.pages)
    except (OSError, PdfReadError, ValueError) as error:
        return [f"{shown}: cannot read PDF: {error}"]
    rules = rules_for(metadata)
    if isinstance(rules, str):
        return [f"{shown}: {rules}"]
    problems = [f"{shown}: {p}" for p in document_problems(reader, metadata, rules)]
    for number, page in enumerate(pages, start=1):
        problems += [f"{shown}: page {number}: {p}" for p in page_problems(page, rules)]
    return problems


def document_problems(reader, metadata: dict, rules: Rules) -> list[str]:
    root = reader.trailer["/Root"]
    problems = []
    if rules.cmyk:
        intents = root.get("/OutputIntents")
        if not intents or not any("/DestOutputProfile" in intent.get_object() for intent in intents):
            problems.append("press PDF without an OutputIntent with an ICC output profile")
    if rules.tagged:
        if "/StructTreeRoot" not in root or not root.get("/MarkInfo", {}).get("/Marked"):
            problems.append("not a tagged PDF (no structure tree)")
        if not root.get("/Lang"):
            problems.append("no document language (/Lang)")
        if not str(metadata.get("/Title", "")).strip():
            problems.append("no document title")
    return problems


def page_problems(page, rules: Rules) -> list[str]:
    problems = _box_problems(page, rules)
    scan = scan_page(page)
    problems += [f"font {name} is not embedded" for name in sorted(scan.unembedded_fonts)]
    problems += [f"image {name} is {dpi:.0f} dpi at its placed size (needs {MIN_DPI})"
                 for name, dpi in sorted(scan.image_dpi.items()) if dpi < MIN_DPI]
    if scan.min_text_pt is not None and scan.min_text_pt < rules.min_text_pt - 0.05:
        problems.append(f"text at {scan.min_text_pt:.1f} pt; the minimum for this profile is {rules.min_text_pt:g} pt")
    if rules.cmyk:
        problems += [f"{what} painted in {space} (press needs CMYK)" for what, space in sorted(scan.non_cmyk)]
    if rules.safe_pt:
        problems += _safety_problems(page, scan, rules)
    return problems


def _box_problems(page, rules: Rules) -> list[str]:
    trim, media, bleed = page.trimbox, page.mediabox, page.bleedbox
    problems = []
    if abs(float(trim.width) - rules.width_pt) > TOLERANCE or abs(float(trim.height) - rules.height_pt) > TOLERANCE:
        expected = f"{rules.width_pt / MM:.1f} x {rules.height_pt / MM:.1f} mm"
        problems.append(f"TrimBox is {_mm(trim)}, the format is {expected}")
    # Press: the bleed around the trim, and room for the crop marks outside the bleed.
    room = rules.bleed_pt + (MARK_ROOM if rules.bleed_pt else 0)
    for name, box, margin in (("MediaBox", media, room), ("BleedBox", bleed, rules.bleed_pt)):
        expected = [float(trim.left) - margin, float(trim.bottom) - margin,
                    float(trim.right) + margin, float(trim.top) + margin]
        actual = [float(box.left), float(box.bottom), float(box.right), float(box.top)]
        if any(abs(a - e) > TOLERANCE for a, e in zip(actual, expected, strict=True)):
            problems.append(f"{name} is {_mm(box)}; expected the TrimBox plus {margin / MM:g} mm on each side")
    return problems


def _safety_problems(page, scan: PageScan, rules: Rules) -> list[str]:
    trim = page.trimbox
    inside = (float(trim.left) + rules.safe_pt, float(trim.bottom) + rules.safe_pt,
              float(trim.right) - rules.safe_pt, float(trim.top) - rules.safe_pt)
    outside = [(x, y) for x, y in scan.text_origins
               if not (inside[0] - 0.5 <= x <= inside[2] + 0.5 and inside[1] - 0.5 <= y <= inside[3] + 0.5)]
    if not outside:
        return []
    x, y = outside[0]
    return [f"{len(outside)} line(s) of text closer than {SAFE_MM} mm to the trim, "
            f"e.g. at {(x - float(trim.left)) / MM:.1f} mm, {(y - float(trim.bottom)) / MM:.1f} mm"]


def _mm(box) -> str:
    return f"{float(box.width) / MM:.1f} x {float(box.height) / MM:.1f} mm"
