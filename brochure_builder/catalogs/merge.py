"""Start a language's catalog from the template, and merge a new template into catalogs (as msgmerge does)."""
from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from ..atomic import write_atomic
from ..errors import BrochureError, Problem
from ..languages import check_language, english_name, locale
from ..project import DOMAIN, Project
from .extract import write_template
from .pofile import read_catalog, same_apart_from_dates, write_catalog


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


def update_catalogs(project: Project, langs: list[str]) -> dict[str, bool]:
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
        catalog.update(template, update_header_comment=False, keep_user_comments=True)
        path = project.po_path(lang)
        new = write_catalog(catalog)
        written[lang] = not same_apart_from_dates(path.read_bytes(), new)
        if written[lang]:
            write_atomic(path, new)
    return written


