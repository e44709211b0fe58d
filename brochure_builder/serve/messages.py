"""The translator's view of one job: every message it prints, in reading order, with its state and check's findings.

The leaflet's own texts come first, grouped as the leaflet is (cover, each
section, document control), then the template strings the job prints. Each
message carries its source, its translation (a fuzzy one too: it is shown, never
printed), its state as the build sees it (language.py) and the findings `check`
reports for its catalog entry (catalogs/validate.py, matched by the entry's line);
findings about the catalog as a whole come apart.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..catalogs.extract import extract_template
from ..catalogs.places import places
from ..catalogs.pofile import quoted_msgid
from ..catalogs.validate import check_catalog
from ..content.leaflet import Leaflet, iter_texts
from ..errors import Finding
from ..pipeline import Job
from ..schema import place_name
from .workspace import Snapshot

TEMPLATE_GROUP = "Added by the templates (headings, labels, notes)"


@dataclass(frozen=True)
class Message:
    msgid: str
    places: tuple[str, ...]  # "sections[2].heading", "templates/sections/faq.html:2"
    state: str  # "translated", "untranslated", "fuzzy", "broken" or "source" (the source language)
    translation: str  # what the catalog holds ("" when nothing); a fuzzy one is shown, not printed
    line: int | None  # of its entry in the catalog
    findings: tuple[Finding, ...] = ()

    @property
    def anchor(self) -> str:
        """An id for the page: stable while the message's text stays the same."""
        return "m-" + hashlib.sha256(self.msgid.encode()).hexdigest()[:12]

    @property
    def needs_work(self) -> bool:
        return self.state in ("untranslated", "fuzzy", "broken")

    def notes(self, lang: str) -> list[tuple[str, str]]:
        """(level, text) of each finding, without the language and message it names: it stands next to them."""
        prefix = f"{lang}: {quoted_msgid(self.msgid)}: "
        return [(f.level, f.problem.message.removeprefix(prefix)) for f in self.findings]


@dataclass
class Group:
    heading: str
    messages: list[Message] = field(default_factory=list)


@dataclass(frozen=True)
class Translation:
    groups: list[Group]
    catalog: str  # the catalog file, as messages name it ("" for the source language)
    catalog_findings: tuple[Finding, ...]  # about the catalog as a whole: its header, its counts

    @property
    def needing_work(self) -> list[Message]:
        return [message for group in self.groups for message in group.messages if message.needs_work]

    @property
    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for group in self.groups:
            for message in group.messages:
                found[message.state] = found.get(message.state, 0) + 1
        return found


def translation(snapshot: Snapshot, job: Job) -> Translation:
    leaflet: Leaflet = snapshot.leaflets[job.brochure_id]
    language = snapshot.language(job.lang)
    used = snapshot.used(job)
    findings: list[Finding] = []
    if language.catalog is not None:
        findings, _ = check_catalog(snapshot.project, job.lang, snapshot.fonts)
    by_line: dict[int, list[Finding]] = {}
    for finding in findings:
        if finding.problem.line is not None:
            by_line.setdefault(finding.problem.line, []).append(finding)
    lines = {message.lineno for message in language.catalog if message.id} if language.catalog is not None else set()
    states = {**language.missing(used), **{msgid: "broken" for msgid in (language.broken or {}) if msgid in used}}

    def message(msgid: str, where: tuple[str, ...]) -> Message:
        entry = language.catalog.get(msgid) if language.catalog is not None else None
        line = entry.lineno if entry is not None else None
        state = "source" if language.catalog is None else states.get(msgid, "translated")
        text = entry.string if entry is not None and isinstance(entry.string, str) else ""
        return Message(msgid, where, state, text, line, tuple(by_line.get(line, ())) if line else ())

    groups: list[Group] = []
    seen: set[str] = set()
    for path, value in iter_texts(leaflet):
        heading = _group_heading(leaflet, path)
        if not groups or groups[-1].heading != heading:
            groups.append(Group(heading))
        groups[-1].messages.append(message(value.text, (place_name(path),)))
        seen.add(value.text)
    template = Group(TEMPLATE_GROUP)
    for entry in extract_template(snapshot.project):
        msgid = entry.id if isinstance(entry.id, str) else entry.id[0] if entry.id else ""
        if msgid in used and msgid not in seen:
            seen.add(msgid)
            template.messages.append(message(msgid, tuple(sorted(p for p in places(entry)
                                                                 if p.startswith("templates/")))))
    if template.messages:
        groups.append(template)
    whole = tuple(f for f in findings if f.problem.line is None or f.problem.line not in lines)
    return Translation(groups, language.shown, whole)


def _group_heading(leaflet: Leaflet, path: tuple) -> str:
    if path[0] == "sections":
        section = leaflet.sections[path[1]]
        heading = section.heading.text if section.heading else section.kind
        return f"Section {path[1] + 1}: {heading}"
    return "Document control" if path[0] == "production" else "Cover"
