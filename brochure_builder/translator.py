"""gettext over one catalog that remembers what it was asked.

Missing, fuzzy and broken translations fall back to the source text and are
recorded, so a build can refuse a leaflet that would silently mix languages
or print a damaged translation.
"""
from __future__ import annotations

import gettext as _gettext
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog

from .languages import SOURCE_LANGUAGE


@dataclass
class Translator:
    """Translations of one language for one render; create a fresh one per leaflet."""

    lang: str
    messages: dict[str, object] = field(default_factory=dict)  # msgid -> msgstr or tuple of plurals
    fuzzy: set[str] = field(default_factory=set)
    plural: object = staticmethod(lambda n: int(n != 1))
    broken: dict[str, list[str]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)

    @classmethod
    def source(cls) -> "Translator":
        return cls(SOURCE_LANGUAGE)

    @classmethod
    def from_catalog(cls, lang: str, catalog: Catalog, broken: dict[str, list[str]] | None = None) -> "Translator":
        """`broken`: msgid -> problems of its translation; such translations are never printed."""
        messages, fuzzy = {}, set()
        broken = broken or {}
        for message in catalog:
            if not message.id:
                continue
            key = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
            if message.fuzzy:
                fuzzy.add(key)
            elif _translated(message.string) and key not in broken:
                messages[key] = message.string
        return cls(lang, messages, fuzzy, _gettext.c2py(catalog.plural_expr), broken=broken)

    @property
    def is_source(self) -> bool:
        return self.lang == SOURCE_LANGUAGE and not self.messages

    def gettext(self, msgid: str) -> str:
        self.used.add(msgid)
        found = self.messages.get(msgid)
        if isinstance(found, str):
            return found
        if not self.is_source:
            self.missing.add(msgid)
        return msgid

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.used.add(singular)
        found = self.messages.get(singular)
        if isinstance(found, (list, tuple)):
            return found[self.plural(n)]
        if not self.is_source:
            self.missing.add(singular)
        return singular if n == 1 else plural

    @property
    def untranslated(self) -> set[str]:
        return self.missing - self.fuzzy - set(self.broken)

    @property
    def broken_used(self) -> dict[str, list[str]]:
        return {msgid: problems for msgid, problems in self.broken.items() if msgid in self.used}


def _translated(string) -> bool:
    if isinstance(string, (list, tuple)):
        return all(string)
    return bool(string)
