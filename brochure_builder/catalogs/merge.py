"""Start a language's catalog from the template, and merge a new template into catalogs (as msgmerge does).

Unlike msgmerge, a new source text is matched to an old translation only at the
same place (places.py): a leaflet text rewritten where it stands, a template
string changed on its line. A text at a new place starts untranslated, so a new
leaflet's heading "Types of device" is not offered another leaflet's "Types of
peel". `fuzzy_match=True` matches by similarity alone, as msgmerge does.
"""
from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from ..atomic import write_atomic
from ..errors import BrochureError, Problem
from ..languages import check_language, english_name, locale
from ..project import DOMAIN, Project
from .extract import write_template
from .places import places
from .pofile import read_catalog, same_apart_from_dates, write_catalog
from .translator import translated


def init_catalog(project: Project, lang: str) -> Path:
    """Start `locales/<lang>/LC_MESSAGES/brochures.po` from the current template."""
    check_language(lang)
    path = project.po_path(lang)
    if path.exists():
        raise BrochureError(Problem(project.relative(path), "already exists; use 'update' to merge new strings"))
    write_template(project)
    with project.pot_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    catalog.locale = locale(lang)  # also sets Plural-Forms from CLDR
    catalog.fuzzy = False
    catalog.revision_date = catalog.creation_date
    catalog.header_comment = (
        f"# {english_name(lang)} translation of the treatment leaflets.\n"
        "# This translation awaits review by a qualified medical translator.\n#"
    )
    write_atomic(path, write_catalog(catalog))
    return path


def update_catalogs(project: Project, langs: list[str], fuzzy_match: bool = False) -> dict[str, bool]:
    """Merge the fresh template into each catalog, like `msgmerge --previous`.

    Changed source strings become fuzzy and keep the previous msgid (`#|`),
    removed ones become obsolete (`#~`); no translation is dropped. A catalog
    whose only change would be its date is not rewritten. Returns lang -> written.
    """
    write_template(project)
    with project.pot_path.open("rb") as handle:
        template = read_po(handle)
    written = {}
    for lang in langs:
        catalog = read_catalog(project, lang)
        merge_template(catalog, template, fuzzy_match)
        path = project.po_path(lang)
        new = write_catalog(catalog)
        written[lang] = not same_apart_from_dates(path.read_bytes(), new)
        if written[lang]:
            write_atomic(path, new)
    return written


def merge_template(catalog: Catalog, template: Catalog, fuzzy_match: bool = False) -> None:
    """Update `catalog` from `template`; a new text takes the translation of the old text at its place, fuzzy."""
    if fuzzy_match:
        catalog.update(template, update_header_comment=False, keep_user_comments=True)
        return
    old = {_key(message): message for message in catalog if message.id}
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False, keep_user_comments=True)
    at_place: dict[str, list[Message]] = {}
    for message in old.values():
        if translated(message.string):
            for place in places(message):
                at_place.setdefault(place, []).append(message)
    for message in catalog:
        if not message.id or _key(message) in old:
            continue
        candidates = [m for place in sorted(places(message)) for m in at_place.get(place, ())
                      if isinstance(m.id, str) == isinstance(message.id, str)]
        if candidates:
            _take_previous(catalog, message, max(candidates, key=lambda m: (_likeness(m, message), _msgid(m))))


def _take_previous(catalog: Catalog, message: Message, previous: Message) -> None:
    """What msgmerge does with a fuzzy match: the old translation, marked fuzzy, its msgid kept as `#|`."""
    message.string = previous.string
    message.previous_id = [previous.id] if isinstance(previous.id, str) else list(previous.id)
    message.flags |= previous.flags | {"fuzzy"}
    if previous.user_comments:
        message.user_comments = list(dict.fromkeys(previous.user_comments))
    catalog.obsolete.pop(_key(previous), None)


def _msgid(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _key(message: Message):
    """How Babel keys a catalog's messages (and its obsolete ones)."""
    return (_msgid(message), message.context) if message.context is not None else _msgid(message)


def _likeness(a: Message, b: Message) -> float:
    return SequenceMatcher(None, _msgid(a), _msgid(b)).ratio()
