"""The one answer to "which catalog messages does this leaflet print?".

A leaflet uses all its own texts (every one is translated, even in sections
a tri-fold leaves out) and the template strings its render asks for. Which
template strings depends on the templates, the clinic (a contact label is
printed only where the clinic has that detail), the tri-fold (the sections it
leaves out ask for none) and large print (which drops the running leaflet
line); not on the language, the profile or the paper. `messages_used` finds
them by rendering the HTML once with a recording translator.

A build computes the set of each job once, before rendering; the gate
(broken, untranslated, fuzzy), the catalog revision printed in the PDF and the
hash that decides whether the PDF is up to date all come from it, and the
build's own render proves it looked up nothing else (pipeline.py). `status`
counts, for each leaflet, the messages of every shape any build can print.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..catalogs.translator import Translator
from ..clinics.brand import brand_for
from ..clinics.clinic import Clinic
from ..content.leaflet import Leaflet
from ..profiles import Output, output_for
from .html import Look, Templates, render_html


@dataclass(frozen=True)
class Shape:
    """What decides which messages a leaflet prints; every job of the same shape prints the same ones."""

    brochure_id: str
    clinic_id: str | None  # None: unbranded
    trifold: bool = False
    large_print: bool = False

    @classmethod
    def of(cls, brochure_id: str, clinic_id: str | None, output: Output) -> Shape:
        return cls(brochure_id, clinic_id, output.format.is_trifold, output.large_print)


def messages_used(templates: Templates, leaflet: Leaflet, clinic: Clinic | None, shape: Shape) -> frozenset[str]:
    """Every msgid a job of this shape looks up: found by rendering it once with a recording translator."""
    # Only the shape's choices matter; the office profile and A4 (or the tri-fold) stand for the rest.
    output = output_for("office", "trifold" if shape.trifold else "a4", shape.large_print)
    brand = brand_for(clinic, clinic.default_language) if clinic else None
    recorder = Translator.source()
    render_html(templates, leaflet, recorder, Look(output=output, brand=brand))
    return frozenset(recorder.used)


def every_shape(brochure_id: str, clinic_ids: Iterable[str | None]) -> list[Shape]:
    """The shapes a leaflet can be printed in for these clinics (None: unbranded), in every format and edition."""
    # Large print is a page edition: there is no large-print tri-fold.
    return [Shape(brochure_id, clinic_id, trifold, large_print)
            for clinic_id in clinic_ids for trifold, large_print in ((False, False), (True, False), (False, True))]
