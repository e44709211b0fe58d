"""Write a catalog of only the messages some leaflets need in one language, for a translation agency.

By default the messages the leaflets (all, or those named with --brochure) use
that are untranslated, fuzzy, or translated with an error 'check' reports (sent
fuzzy, with the error as a comment); --all sends every message they use. Each
entry keeps the translator notes and places of the leaflet. The file is a
GNU gettext catalog any PO editor opens; bring it back with 'import'. An
existing file is never overwritten.

example:
  python make_brochure.py export --lang el --brochure chemical-peels chemical-peels.el.po
  python make_brochure.py export --lang ar --all arabic-review.po
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ..atomic import write_atomic
from ..batch.plan import check_requested_brochures, check_requested_languages
from ..catalogs.extract import extract_template
from ..catalogs.handoff import handoff_catalog
from ..catalogs.language import load_language
from ..catalogs.pofile import write_catalog
from ..catalogs.validate import message_problems
from ..content.leaflet import load_leaflet
from ..errors import EXIT_OK, BrochureError, Problem
from ..fonts import load_fonts
from ..languages import english_name
from ..project import Project
from ..render.completeness import leaflet_messages, valid_clinics
from ..render.html import load_templates


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", required=True, metavar="CODE", help="the language to translate into")
    parser.add_argument("--brochure", action="append", default=[], metavar="ID",
                        help="only what this leaflet needs (repeatable; default: all)")
    parser.add_argument("--all", action="store_true",
                        help="every message the leaflets use, translated or not (default: those not yet printable)")
    parser.add_argument("file", metavar="FILE.po", type=Path, help="the file to write (must not exist)")


def run(args, out: TextIO, err: TextIO) -> int:
    project = Project.at(args.root)
    check_requested_languages(project, [args.lang], catalogs_only=True)
    brochure_ids = check_requested_brochures(project, args.brochure)
    if args.file.exists() or args.file.is_symlink():
        raise BrochureError(Problem(str(args.file), "already exists; give the name of a new file"))
    fonts = load_fonts(project.files)
    templates, clinics = load_templates(project, fonts), valid_clinics(project)
    used: set[str] = set()
    for brochure_id in brochure_ids:
        used |= leaflet_messages(templates, load_leaflet(project, brochure_id), clinics)
    language = load_language(project, args.lang, fonts)
    glyphs = fonts.covered(args.lang)
    broken = {msgid: [text for level, text in message_problems(language.catalog[msgid], glyphs) if level == "error"]
              for msgid in (language.broken or {}) if msgid in used}
    missing = language.missing(used)
    wanted = used if args.all else set(missing) | set(broken)
    template = extract_template(project)
    order = [m.id for m in template if isinstance(m.id, str) and m.id in wanted]
    order += sorted(wanted - set(order))
    if not order:
        print(f"nothing to translate: {', '.join(brochure_ids)} {'is' if len(brochure_ids) == 1 else 'are'} "
              f"printable in {args.lang}; --all exports every message", file=out)
        return EXIT_OK
    header = (f"# {english_name(args.lang)} translation of the treatment leaflets: the messages "
              f"{', '.join(brochure_ids)} need{'s' * (len(brochure_ids) == 1)}.\n"
              "# Translate each msgstr; remove the fuzzy flag of an entry once its translation is right.\n"
              "# Returned with 'make_brochure.py import'.\n#")
    catalog = handoff_catalog(language.catalog, template, order, header, broken)
    write_atomic(args.file, write_catalog(catalog))
    states = [*missing.values(), *(["with an error"] * len(broken))]
    detail = ", ".join(f"{states.count(state)} {state}" for state in ("untranslated", "fuzzy", "with an error")
                       if state in states)
    print(f"wrote {args.file}: {len(order)} message{'s' * (len(order) != 1)} ({detail or 'all translated'})",
          file=out)
    return EXIT_OK
