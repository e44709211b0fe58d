"""`out/index.html`: every built PDF (and HTML twin), for the staff who print or publish them, made so that it
cannot mislead.

Made from the manifest, so it lists what is in the folder (from this run or
earlier ones) and works opened straight from disk: links are relative. Drafts
(English where a translation is missing) and leaflets past their review date
are listed apart from those ready to print, and say why. Clinic headings are
the names recorded with each PDF, so they do not depend on which clinics the
last build selected. Every table has the same fixed columns, so they line up;
each title is set in its own language and direction inside the left-to-right
page.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from itertools import groupby

import jinja2

from ..atomic import write_atomic
from ..languages import Written, direction, english_name, html_lang
from .manifest import Entry, Manifest

INDEX = "index.html"


def edition(entry: Entry) -> str:
    if entry.format == "html":
        return "HTML for screens"  # the twin: no profile or paper of its own
    parts = [entry.profile, entry.format] + (["large print"] if entry.large_print else [])
    return ", ".join(parts)


@dataclass(frozen=True)
class Row:
    path: str  # relative to the folder
    entry: Entry
    overdue: bool

    @property
    def ready(self) -> bool:
        return not (self.entry.draft or self.overdue)

    @property
    def status(self) -> str:
        marks = (["DRAFT: translation incomplete"] if self.entry.draft else []) + \
                (["REVIEW OVERDUE"] if self.overdue else [])
        return "; ".join(marks) or "ready"

    @property
    def language(self) -> str:
        return f"{english_name(self.entry.lang)} ({self.entry.lang})"

    @property
    def title_lang(self) -> str:
        return html_lang(self.entry.title_lang)

    @property
    def title_dir(self) -> str:
        return direction(self.entry.title_lang)

    @property
    def edition(self) -> str:
        return edition(self.entry)


@dataclass(frozen=True)
class Heading(Written):
    """A clinic's name as its PDFs recorded it, in its own language and direction."""

    text: str
    lang: str = "en"


def clinic_headings(entries: dict[str, Entry]) -> dict[str, Heading]:
    """Each clinic's name as its PDFs recorded it (the most common, should they differ)."""
    names: dict[str, Counter] = {}
    for _, entry in sorted(entries.items()):
        if entry.clinic and entry.clinic_name:
            names.setdefault(entry.clinic, Counter())[Heading(entry.clinic_name, entry.clinic_name_lang or "en")] += 1
    return {clinic: min(counts.items(), key=lambda item: (-item[1], item[0].text))[0]
            for clinic, counts in names.items()}


def grouped(rows: list[Row], names: dict[str, Heading]) -> list[tuple[Heading, list[Row]]]:
    rows = sorted(rows, key=lambda row: (row.entry.clinic or "", row.entry.lang, row.entry.title, row.path))
    return [(names.get(clinic, Heading(clinic)) if clinic else Heading("Unbranded"), list(by_clinic))
            for clinic, by_clinic in groupby(rows, key=lambda row: row.entry.clinic)]


def write_index(manifest: Manifest, today: dt.date | None = None) -> None:
    day = (today or dt.date.today()).isoformat()
    present = manifest.present()
    rows = [Row(path, entry, entry.review_due < day) for path, entry in present.items()]
    names = clinic_headings(present)
    not_ready = [row for row in rows if not row.ready]
    template = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                                  lstrip_blocks=True).from_string(
        resources.files(__package__).joinpath("index.html").read_text(encoding="utf-8"))
    twins = sum(row.entry.format == "html" for row in rows)
    use = "print or publish" if twins else "print"  # an HTML twin is put on a website or sent, not printed
    html = template.render(pdfs=len(rows) - twins, twins=twins, use=use, not_ready=grouped(not_ready, names),
                           not_ready_count=len(not_ready),
                           ready=grouped([row for row in rows if row.ready], names),
                           ready_count=len(rows) - len(not_ready), today=day)
    write_atomic(manifest.folder / INDEX, html.encode("utf-8"))
