"""gettext over one catalog that remembers what it was asked.

Missing, fuzzy and broken translations fall back to the source text, returned
as `SourceText` so the page can set it in the source language and direction
(an English sentence inside an Arabic draft). Every lookup is recorded:
rendering with a translator is how the messages a leaflet uses are found
(render/usage.py), and how a build proves it printed no other.
"""
from __future__ import annotations

import gettext as _gettext
from dataclasses import dataclass, field
from typing import Collection

from babel.messages.catalog import Catalog

from ..languages import SOURCE_LANGUAGE


class SourceText(str):
    """The source text printed where a translation is missing: it is in the source language, not the page's."""


@dataclass
class Translator:
    """Translations of one language for one render; create a fresh one per leaflet."""

    lang: str
    messages: dict[str, object] = field(default_factory=dict)  # msgid -> msgstr or tuple of plurals
    plural: object = staticmethod(lambda n: int(n != 1))
    used: set[str] = field(default_factory=set)  # every msgid looked up, translated or not

    @classmethod
    def source(cls) -> "Translator":
        return cls(SOURCE_LANGUAGE)

    @classmethod
    def from_catalog(cls, lang: str, catalog: Catalog, broken: Collection[str] = ()) -> "Translator":
        """Fuzzy translations and those in `broken` (msgids) are never printed: the source text is."""
        messages = {}
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            key = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
            if translated(message.string) and key not in broken:
                messages[key] = message.string
        return cls(lang, messages, _gettext.c2py(catalog.plural_expr))

    def gettext(self, msgid: str) -> str:
        self.used.add(msgid)
        found = self.messages.get(msgid)
        if isinstance(found, str):
            return found
        return SourceText(msgid) if self.lang != SOURCE_LANGUAGE else msgid

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.used.add(singular)
        found = self.messages.get(singular)
        if isinstance(found, (list, tuple)):
            return found[self.plural(n)]
        source = singular if n == 1 else plural
        return SourceText(source) if self.lang != SOURCE_LANGUAGE else source


def translated(string) -> bool:
    """Whether a msgstr (or every form of a plural one) is filled in."""
    if isinstance(string, (list, tuple)):
        return all(string)
    return bool(string)
