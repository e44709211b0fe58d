"""One language as a build reads it: the catalog, its unprintable translations, and what a leaflet needs of it.

Read and validated once per run, before anything is rendered. Given the
messages a leaflet uses (render/usage.py), it answers the questions the build
asks of that set: which of them are broken, untranslated or fuzzy (the gate),
and which revision of the translation the leaflet prints.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Collection

from babel.messages.catalog import Catalog

from ..digests import digest
from ..fonts import Fonts
from ..languages import SOURCE_LANGUAGE
from ..project import Project
from .pofile import read_catalog_file
from .translator import Translator, translated
from .validate import broken_translations


@dataclass(frozen=True)
class Gaps:
    """What stands between a leaflet and a complete translation, among the messages it uses."""

    broken: tuple[str, ...] = ()  # error lines of translations that must not be printed
    untranslated: int = 0
    fuzzy: int = 0

    @property
    def incomplete(self) -> bool:
        return bool(self.untranslated or self.fuzzy)


@dataclass(frozen=True)
class Language:
    lang: str
    catalog: Catalog | None  # None: the source language, which needs no catalog
    # msgid -> why its translation must not print; None until checked (`checked`), which only
    # a run that renders needs: the revision and the hashes do not depend on it.
    broken: dict[str, list[str]] | None = field(default_factory=dict)
    shown: str = ""  # the catalog file, as messages name it
    digest: str = "none"  # of the catalog file's bytes

    def checked(self, fonts: Fonts) -> Language:
        """The same language with the translations it must not print found (validate.py)."""
        if self.catalog is None or self.broken is not None:
            return self
        return replace(self, broken=broken_translations(self.shown, self.lang, self.catalog, fonts.covered(self.lang)))

    def translator(self) -> Translator:
        """A fresh translator for one render."""
        if self.catalog is None:
            return Translator.source()
        return Translator.from_catalog(self.lang, self.catalog, set(self._broken()))

    def _broken(self) -> dict[str, list[str]]:
        if self.broken is None:
            raise RuntimeError(f"{self.lang}: translations used before they were checked")
        return self.broken

    def text(self, msgid: str) -> str:
        """One message in this language; the source text where it is not (properly) translated."""
        message = self.catalog.get(msgid) if self.catalog is not None else None
        return message.string if message is not None and message.string and not message.fuzzy else msgid

    def gaps(self, used: Collection[str]) -> Gaps:
        if self.catalog is None:
            return Gaps()
        used, known_broken = set(used), self._broken()
        broken = tuple(line for msgid, lines in known_broken.items() if msgid in used for line in lines)
        states = list(self.missing(used).values())
        return Gaps(broken, states.count("untranslated"), states.count("fuzzy"))

    def missing(self, used: Collection[str]) -> dict[str, str]:
        """msgid -> "untranslated" or "fuzzy", for each message of `used` that is not translated (broken ones
        apart: `gaps` names them)."""
        if self.catalog is None:
            return {}
        found = {}
        for msgid in sorted(set(used) - set(self._broken())):
            message = self.catalog.get(msgid)
            if message is not None and message.fuzzy:
                found[msgid] = "fuzzy"
            elif message is None or not translated(message.string):
                found[msgid] = "untranslated"
        return found

    def revision(self, used: Collection[str]) -> str:
        """Which translations a leaflet printed: a short hash of the catalog entries it uses.

        Only those entries count, so editing one message changes the revision (and
        the PDF) of just the leaflets that use it. Whether a translation is broken
        follows from its text and the fonts, so it needs no place here.
        """
        if self.catalog is None:
            return "source text"
        entries = []
        for msgid in sorted(used):
            message = self.catalog.get(msgid)
            if message is not None:
                entries.append([msgid, message.string, message.fuzzy])
        return "sha256:" + hashlib.sha256(json.dumps(entries, ensure_ascii=False).encode()).hexdigest()[:16]


def load_language(project: Project, lang: str, fonts: Fonts | None) -> Language:
    """The catalog, read once; with `fonts`, also checked (`Language.checked`)."""
    path = project.po_path(lang)
    if lang == SOURCE_LANGUAGE and not path.is_file():
        return Language(lang, None)
    catalog, raw = read_catalog_file(project, lang)
    language = Language(lang, catalog, None, project.relative(path), digest(raw))
    return language.checked(fonts) if fonts is not None else language
