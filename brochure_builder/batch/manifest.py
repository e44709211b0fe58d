"""What shaped each output, so an unchanged job is skipped without rendering.

Every output's entry in `out/manifest.json` records a hash per input: the
leaflet file, the catalog entries the leaflet really uses in that language,
templates and stylesheets, fonts, the clinic file with its logo and fonts,
the build options, and the versions of the tool and its renderer. A job whose
hashes all match and whose PDF is still there is up to date.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic

MANIFEST = "manifest.json"
FORMAT_VERSION = 2  # 2: entries say whether the PDF is a draft, and the clinic's name


@dataclass
class Entry:
    input_hash: str
    inputs: dict[str, str]
    size: int
    leaflet: str
    lang: str
    clinic: str | None
    profile: str
    format: str
    large_print: bool
    title: str
    title_lang: str  # the language the title is printed in: the source language when it is not translated
    version: str
    reviewed: str
    review_due: str
    draft: bool  # printed with English where the translation is missing (--allow-incomplete)
    clinic_name: str | None  # as the clinic's file named it when the PDF was built; None: unbranded
    clinic_name_lang: str | None  # the language of that name: the clinic's default language


@dataclass
class Manifest:
    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)  # output path relative to the folder -> entry
    # Which messages a leaflet looks up, by a hash of what decides it: an up-to-date run needs no template.
    messages: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> "Manifest":
        path = folder / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT_VERSION:
                return cls(folder)
            messages = data.get("messages", {})
            if not isinstance(messages, dict) or not all(isinstance(v, list) for v in messages.values()):
                messages = {}
            return cls(folder, {key: Entry(**value) for key, value in data["outputs"].items()}, messages)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls(folder)  # no manifest, or an unreadable one: everything is rebuilt

    def key(self, output: Path) -> str:
        return output.resolve().relative_to(self.folder.resolve()).as_posix()

    def is_current(self, output: Path, input_hash: str) -> bool:
        entry = self.entries.get(self.key(output))
        return entry is not None and entry.input_hash == input_hash and output.is_file() \
            and output.stat().st_size == entry.size

    def record(self, output: Path, entry: Entry) -> None:
        self.entries[self.key(output)] = entry

    def save(self) -> None:
        data = {"format": FORMAT_VERSION,
                "outputs": {key: vars(entry) for key, entry in sorted(self.entries.items())},
                "messages": dict(sorted(self.messages.items()))}
        write_atomic(self.folder / MANIFEST, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())

    def present(self) -> dict[str, Entry]:
        """Entries whose PDF still exists."""
        return {key: entry for key, entry in self.entries.items() if (self.folder / key).is_file()}
