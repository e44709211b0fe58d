"""`out/index.html`: every built PDF, grouped by clinic and language, for the staff who print them.

Made from the manifest, so it lists what is in the folder (from this run or
earlier ones) and works opened straight from disk: links are relative.
"""
from __future__ import annotations

import datetime as dt
from importlib import resources
from itertools import groupby

import jinja2

from ..atomic import write_atomic
from ..languages import english_name
from .manifest import Entry, Manifest

INDEX = "index.html"


def edition(entry: Entry) -> str:
    parts = [entry.profile, entry.format] + (["large print"] if entry.large_print else [])
    return ", ".join(parts)


def write_index(manifest: Manifest, clinic_names: dict[str, str], today: dt.date | None = None) -> None:
    entries = sorted(manifest.present().items(),
                     key=lambda item: (item[1].clinic or "", item[1].lang, item[1].title, item[0]))
    groups = []
    for clinic, by_clinic in groupby(entries, key=lambda item: item[1].clinic):
        languages = [(f"{english_name(lang)} ({lang})", list(items))
                     for lang, items in groupby(by_clinic, key=lambda item: item[1].lang)]
        groups.append((clinic_names.get(clinic, clinic) if clinic else "Unbranded", languages))
    template = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
        resources.files(__package__).joinpath("index.html").read_text(encoding="utf-8"))
    html = template.render(groups=groups, total=len(entries), edition=edition,
                           today=(today or dt.date.today()).isoformat())
    write_atomic(manifest.folder / INDEX, html.encode("utf-8"))
