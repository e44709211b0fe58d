"""The one answer to "which catalog messages does this leaflet print?".

A leaflet uses all its own texts (every one is translated, even in sections
a tri-fold leaves out) and the template strings its render asks for. Which
template strings depends on the templates, the clinic (a contact label is
printed only where the clinic has that detail), the tri-fold (the sections it
leaves out ask for none) and large print (which drops the running leaflet
line); not on the language, the profile or the paper. `messages_used` finds
them by rendering the HTML once with a recording translator.

A clinic decides only through the details it has, as far as the templates go
(clinic_details.py proves it from their syntax, or says it cannot): so one render
answers for every clinic with the same details (`deciding_details`), and a
group of fifty clinics costs a handful of renders per leaflet, not fifty.

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
from ..clinics.brand import Brand, brand_for
from ..clinics.clinic import Clinic
from ..content.leaflet import Leaflet
from ..profiles import Output, output_for
from .clinic_details import present_details
from .html import Look, Templates, make_environment, render_in, translate


@dataclass(frozen=True)
class Shape:
    """What decides which messages a leaflet prints; every job of the same shape prints the same ones."""

    brochure_id: str
    clinic_id: str | None  # None: unbranded
    trifold: bool = False
    large_print: bool = False
    screen: bool = False  # the HTML twin: no running header or footer, so fewer template strings

    @classmethod
    def of(cls, brochure_id: str, clinic_id: str | None, output: Output) -> Shape:
        return cls(brochure_id, clinic_id, output.format.is_trifold, output.large_print, output.format.is_screen)


def messages_used(templates: Templates, leaflet: Leaflet, clinic: Clinic | None, shape: Shape) -> frozenset[str]:
    """Every msgid a job of this shape looks up: found by rendering it once with a recording translator."""
    return Recorder(templates).messages_used(leaflet, clinic, shape)


class Recorder:
    """`messages_used` for many shapes: one recording translator and one template environment for all."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates
        self.translator = Translator.source()
        self.env = make_environment(templates, self.translator)
        self.renders = 0
        self._texts: dict[int, tuple[Leaflet, Leaflet, frozenset[str]]] = {}  # id -> (leaflet, translated, texts)

    def messages_used(self, leaflet: Leaflet, clinic: Clinic | None, shape: Shape) -> frozenset[str]:
        # Only the shape's choices matter; the office profile and A4 (or the tri-fold, or html) stand for the rest.
        output = output_for("office", "trifold" if shape.trifold else "html" if shape.screen else "a4",
                            shape.large_print)
        translated, texts = self._translated(leaflet)
        self.translator.used = set(texts)
        render_in(self.env, self.templates, translated, self.translator, Look(output=output, brand=brand_of(clinic)))
        self.renders += 1
        return frozenset(self.translator.used)

    def _translated(self, leaflet: Leaflet) -> tuple[Leaflet, frozenset[str]]:
        """The leaflet through the recording translator (its own texts, looked up), once per leaflet."""
        if id(leaflet) not in self._texts:
            self.translator.used = set()
            self._texts[id(leaflet)] = (leaflet, translate(leaflet, self.translator), frozenset(self.translator.used))
        _, translated, texts = self._texts[id(leaflet)]
        return translated, texts


def brand_of(clinic: Clinic | None) -> Brand | None:
    """The brand a shape's messages are found with (and whose details `deciding_details` reads)."""
    return brand_for(clinic, clinic.default_language) if clinic else None


def deciding_details(clinic: Clinic | None, details: tuple[str, ...] | None) -> str | None:
    """What of a clinic decides which messages its leaflets look up: the details it has among `details`
    (from `messages_deciding_details`), so clinics alike share one render; None when the templates let
    each clinic decide them otherwise (then each clinic is rendered on its own)."""
    if clinic is None:
        return "unbranded"
    if details is None:
        return None
    return "details: " + " ".join(present_details(brand_of(clinic), details))


def every_shape(brochure_id: str, clinic_ids: Iterable[str | None]) -> list[Shape]:
    """The shapes a leaflet can be printed in for these clinics (None: unbranded), in every format and edition."""
    # Large print is a page edition: there is no large-print tri-fold. The HTML twin prints the page
    # edition's messages but its running footer's, so it adds none to these.
    return [Shape(brochure_id, clinic_id, trifold, large_print)
            for clinic_id in clinic_ids for trifold, large_print in ((False, False), (True, False), (False, True))]
