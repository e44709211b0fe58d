"""Edit a copied catalog the way a translator (or a mistake) would."""
from pathlib import Path

from babel.messages.pofile import read_po

from brochure_builder.catalogs.pofile import write_catalog


def po_path(root: Path, lang: str) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / "brochures.po"


def read(root: Path, lang: str):
    with po_path(root, lang).open("rb") as handle:
        return read_po(handle)


def set_translation(root: Path, lang: str, msgid: str, msgstr: str, fuzzy: bool = False) -> None:
    catalog = read(root, lang)
    message = catalog[msgid]
    assert message is not None, msgid
    message.string = msgstr
    if fuzzy:
        message.flags.add("fuzzy")
    else:
        message.flags.discard("fuzzy")
    po_path(root, lang).write_bytes(write_catalog(catalog))


def line_of(root: Path, lang: str, msgid: str) -> int:
    return read(root, lang)[msgid].lineno


def find_msgid(root: Path, lang: str, containing: str) -> str:
    return next(m.id for m in read(root, lang) if m.id and containing in m.id)


def refusal(lang: str, brochure: str, counts: str) -> str:
    """What `build` says when it refuses a leaflet whose translation is incomplete."""
    return (f"{lang}: {brochure}: {counts}; list them with 'make_brochure.py status --missing {lang} --brochure "
            f"{brochure}'; --allow-incomplete prints a DRAFT with English in their place")
