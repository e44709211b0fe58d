"""Hand-off to a translation agency: a catalog of only what some leaflets need, and the agency's work merged back.

`handoff_catalog` makes the file sent out: the language's header and, for each
message asked for, the entry as a translator needs it (the notes and places of
the current template, the catalog's translation, fuzzy flag and previous
msgid). `merge_returned` takes the file back into the catalog without losing
work: a final translation is never replaced, a message the agency left fuzzy
stays fuzzy, and a message whose source text changed since the export (its
msgid is no longer in the catalog) is not imported but reported.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Collection

from babel.messages.catalog import Catalog, Message

from ..errors import Problem
from .pofile import quoted_msgid
from .translator import translated


def handoff_catalog(catalog: Catalog, template: Catalog, msgids: list[str], header_comment: str,
                    needs_work: dict[str, list[str]] | None = None) -> Catalog:
    """A catalog holding only `msgids`; those in `needs_work` (msgid -> why) are marked fuzzy with the reasons
    as translator comments, so the agency sees them and the file passes the checks on its way back."""
    out = copy.deepcopy(catalog)
    out.header_comment = header_comment
    out.obsolete.clear()
    wanted = set(msgids)
    for message in list(out):
        if message.id and _msgid(message) not in wanted:
            del out[message.id]
    for msgid in msgids:
        source = template.get(msgid)
        entry = out.get(msgid)
        if entry is None:
            out[msgid] = entry = Message(msgid, "", flags=source.flags if source else ())
        if source is not None:
            entry.auto_comments, entry.locations = list(source.auto_comments), list(source.locations)
        if needs_work and msgid in needs_work:
            entry.flags.add("fuzzy")
            entry.user_comments = [*entry.user_comments, *(f"Needs work: {why}" for why in needs_work[msgid])]
    return out


@dataclass
class Returned:
    """What `merge_returned` did with each entry of the returned file."""

    translated: int = 0  # translations taken, final
    fuzzy: int = 0  # translations taken, still fuzzy
    unchanged: int = 0  # the same as the catalog's already, or left empty
    not_imported: list[Problem] = field(default_factory=list)  # reported, the catalog's entry left as it was


def merge_returned(catalog: Catalog, returned: Catalog, shown: str, broken: Collection[str] = ()) -> Returned:
    """Take the returned file's translations into `catalog` (changed in place); `broken`: msgids whose
    translation in the catalog has an error, which a returned translation may replace."""
    result = Returned()
    lang = str(catalog.locale_identifier or "")
    for message in returned:
        if not message.id:
            continue
        current = catalog.get(message.id, message.context)
        if current is None:
            result.not_imported.append(Problem(
                shown, f"{lang}: {quoted_msgid(message.id)}: not imported: its source text is no longer in the "
                       "catalog (changed or removed since the export); export it again", line=message.lineno))
            continue
        if not translated(message.string) or (message.string == current.string and message.fuzzy == current.fuzzy):
            result.unchanged += 1
            continue
        final = translated(current.string) and not current.fuzzy and _msgid(current) not in broken
        if final and message.fuzzy:
            result.unchanged += 1  # the agency left it fuzzy: the catalog's final translation stays
            continue
        if final:
            result.not_imported.append(Problem(
                shown, f"{lang}: {quoted_msgid(message.id)}: not imported: the catalog has another final "
                       f"translation (line {current.lineno}); change it there if the agency's is better",
                line=message.lineno))
            continue
        current.string = message.string
        if message.fuzzy:
            current.flags.add("fuzzy")
            result.fuzzy += 1
        else:
            current.flags.discard("fuzzy")
            current.previous_id = []
            result.translated += 1
    return result


def _msgid(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]
