"""Leaflet content: the schema, loading with every error at once, and text walking.

A leaflet is declared once here; extraction, translation and rendering all
walk the same model, so a new section kind needs no change elsewhere.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Callable, Iterator, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..errors import BrochureError, Problem
from ..fonts import Fonts, no_font_has, unprintable
from ..languages import SOURCE_LANGUAGE
from ..project import SLUG, Project, check_slug
from ..schema import Strict, place_name, problems_from
from ..yamlfile import read_yaml, yaml_lines
from .markup import MarkupError, parse_inline, unprintable_markup


def _text_from_string(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


# Limits that keep one leaflet's work bounded (the demo leaflets: at most 344 characters in one
# text, about 7,100 in all); a longer text is a mistake or an attack, never a patient leaflet.
MAX_TEXT = 2_000
MAX_LEAFLET_TEXT = 40_000


class TextValue(Strict):
    """A piece of translatable text and an optional note for translators."""

    text: str
    note: str | None = None

    @field_validator("text")
    @classmethod
    def _valid_markup(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        if len(value) > MAX_TEXT:
            raise ValueError(f"is {len(value):,} characters long; a text may have at most {MAX_TEXT:,} "
                             "(split it into paragraphs or items)")
        if value != value.strip():
            raise ValueError("has leading or trailing spaces")
        try:
            parse_inline(value)
        except MarkupError as error:
            raise ValueError(f"bad inline markup: {error}") from None
        return value


Text = Annotated[TextValue, BeforeValidator(_text_from_string)]

# How often a risk happens, in the words medicine leaflets use (the template prints each word with
# its meaning once, "may affect up to 1 in 100 people"); "not-known" where there is not enough
# information to say. Every item of the risks section carries one.
FREQUENCIES = ("very-common", "common", "uncommon", "rare", "very-rare", "not-known")


class ListItem(TextValue):
    """A list item; in the risks section, with how often it happens."""

    frequency: Literal[FREQUENCIES] | None = None


Item = Annotated[ListItem, BeforeValidator(_text_from_string)]


class Term(Strict):
    term: Text
    text: Text


class Question(Strict):
    question: Text
    answer: Text


def _trifold_priority(value: Any) -> Any:
    if value is True:
        return 1
    if value is False:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9:
        return value
    raise ValueError(f"must be true, false or a priority from 1 to 9, not {value!r}")


# What a section is for, where patient-information standards (NHS, PIF TICK) ask for it: a
# leaflet must say what happens on the day, the risks, and the alternatives, no treatment included.
ROLES = ("on-the-day", "risks", "alternatives")


class SectionBase(Strict):
    role: Literal[ROLES] | None = None
    # The tri-fold has room for less than the other editions. Its panels are filled in priority
    # order: 1 (the default, or true) is always printed, 2 to 9 while there is room, in that
    # order; false never. The build says which sections a tri-fold left out.
    trifold: Annotated[int | None, BeforeValidator(_trifold_priority)] = 1


class TextSection(SectionBase):
    kind: Literal["text"]
    heading: Text
    items: list[Text] = Field(min_length=1)


class BulletSection(SectionBase):
    kind: Literal["bullets"]
    heading: Text
    intro: Text | None = None
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _frequencies_where_risks_are(self) -> "BulletSection":
        given = [i for i, item in enumerate(self.items) if item.frequency]
        if self.role == "risks" and len(given) < len(self.items):
            missing = ", ".join(f"items[{i}]" for i in range(len(self.items)) if i not in given)
            raise ValueError(f"{missing}: a risk needs how often it happens (frequency: "
                             f"{', '.join(FREQUENCIES)})")
        if self.role != "risks" and given:
            raise ValueError(f"items[{given[0]}].frequency: only the items of the section with role: risks "
                             "say how often they happen")
        return self


class TermSection(SectionBase):
    kind: Literal["terms"]
    heading: Text
    intro: Text | None = None
    items: list[Term] = Field(min_length=1)


class FaqSection(SectionBase):
    kind: Literal["faq"]
    heading: Text | None = None  # the template's "Frequently asked questions" when absent
    intro: Text | None = None
    items: list[Question] = Field(min_length=1)


class CalloutSection(SectionBase):
    kind: Literal["callout"]
    tone: Literal["info", "urgent"] = "info"
    heading: Text
    intro: Text | None = None
    items: list[Text] = []

    @model_validator(mode="after")
    def _not_empty(self) -> "CalloutSection":
        if self.intro is None and not self.items:
            raise ValueError("a callout needs an intro or items")
        return self


Section = Annotated[
    Union[TextSection, BulletSection, TermSection, FaqSection, CalloutSection],
    Field(discriminator="kind"),
]
SECTION_KINDS = ("text", "bullets", "terms", "faq", "callout")


class Production(Strict):
    """Who wrote the leaflet, who checked it clinically, and what it rests on: printed with the
    document control, as patient-information standards ask."""

    written_by: Text
    clinical_review: Text
    sources: Text


class Leaflet(Strict):
    id: str = Field(pattern=SLUG.pattern)
    version: str = Field(min_length=1)
    reviewed: dt.date
    review_due: dt.date
    title: Text
    subtitle: Text | None = None
    lead: Text
    sections: list[Section] = Field(min_length=1)
    production: Production

    @field_validator("sections")
    @classmethod
    def _required_roles(cls, sections: list) -> list:
        missing = [role for role in ROLES if not any(section.role == role for section in sections)]
        if missing:
            raise ValueError(f"no section has the role {', '.join(map(repr, missing))}; patient-information "
                             "standards ask every leaflet for what happens on the day, the risks and the "
                             "alternatives, no treatment included (role: on-the-day, risks, alternatives)")
        return sections

    @field_validator("review_due")
    @classmethod
    def _review_after_reviewed(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        reviewed = info.data.get("reviewed")
        if reviewed is not None and value <= reviewed:
            raise ValueError(f"must come after reviewed ({reviewed})")
        return value

    @model_validator(mode="after")
    def _bounded(self) -> "Leaflet":
        total = sum(len(value.text) for _, value in iter_texts(self))
        if total > MAX_LEAFLET_TEXT:
            raise ValueError(f"its texts have {total:,} characters in all; a leaflet may have at most "
                             f"{MAX_LEAFLET_TEXT:,}")
        return self


# --- loading ---------------------------------------------------------------

def load_leaflet(project: Project, brochure_id: str) -> Leaflet:
    path = project.brochure_path(check_slug("brochure", brochure_id))
    shown = project.relative(path)
    return validate_leaflet(read_yaml(project.files, path, shown), shown, expected_id=brochure_id,
                            lines=lambda: yaml_lines(project.files, path))


def validate_leaflet(data: Any, shown_as: str, expected_id: str | None = None,
                     lines: Callable[[], dict[tuple, int]] | None = None) -> Leaflet:
    """Validate parsed YAML; every problem of the file is reported at once (`lines`: where each place is)."""
    if not isinstance(data, dict):
        raise BrochureError(Problem(shown_as, "must be a mapping of leaflet fields"))
    problems: list[Problem] = []
    leaflet = None
    try:
        leaflet = Leaflet.model_validate(data)
    except ValidationError as error:
        problems.extend(problems_from(error, shown_as, path=_path, message=_message, lines=lines))
    if expected_id is not None and isinstance(data.get("id"), str) and data["id"] != expected_id:
        problems.append(Problem(shown_as, f"must match the file name ({expected_id!r}), not {data['id']!r}", "id"))
    if problems:
        raise BrochureError(problems)
    return leaflet


def _path(loc: tuple) -> tuple:
    # A discriminated union puts the section kind into the location; readers don't need it.
    if len(loc) > 2 and loc[0] == "sections" and isinstance(loc[1], int) and loc[2] in SECTION_KINDS:
        loc = loc[:2] + loc[3:]
    return loc


def _message(item: dict) -> str | None:
    if item["type"] == "union_tag_invalid":
        return f"unknown section kind {item['ctx']['tag']!r} (expected: {', '.join(SECTION_KINDS)})"
    return None


# --- walking the text ------------------------------------------------------

def iter_texts(model: BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, TextValue]]:
    """Every translatable text in reading order, with its path in the document."""
    for name in type(model).model_fields:
        yield from _iter_value(getattr(model, name), path + (name,))


def _iter_value(value: Any, path: tuple) -> Iterator[tuple[tuple, TextValue]]:
    if isinstance(value, TextValue):
        yield path, value
    elif isinstance(value, BaseModel):
        yield from iter_texts(value, path)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _iter_value(item, path + (index,))


def map_texts(model: BaseModel, change: Callable[[str], str]) -> BaseModel:
    """A copy of the model with every text passed through `change` (e.g. gettext)."""
    changed = {name: _map_value(getattr(model, name), change) for name in type(model).model_fields}
    return model.model_copy(update=changed)


def _map_value(value: Any, change: Callable[[str], str]) -> Any:
    if isinstance(value, TextValue):
        return value.model_copy(update={"text": change(value.text)})
    if isinstance(value, BaseModel):
        return map_texts(value, change)
    if isinstance(value, list):
        return [_map_value(item, change) for item in value]
    return value




def printable_leaflet(project: Project, brochure_id: str, fonts: Fonts) -> Leaflet:
    """A leaflet as `build` and `check` read it: valid, and every character in a declared font."""
    leaflet = load_leaflet(project, brochure_id)
    problems = leaflet_problems(leaflet, project.relative(project.brochure_path(brochure_id)), fonts)
    if problems:
        raise BrochureError(problems)
    return leaflet


def leaflet_problems(leaflet: Leaflet, shown: str, fonts: Fonts) -> list[Problem]:
    glyphs = fonts.covered(SOURCE_LANGUAGE)
    problems = []
    for path, value in iter_texts(leaflet):
        characters = unprintable_markup(value.text, glyphs)
        if characters:  # the place a schema error in this text would name
            problems.append(Problem(shown, no_font_has(characters), place_name(path + ("text",))))
    characters = unprintable(leaflet.version, glyphs)  # printed in the footer
    if characters:
        problems.append(Problem(shown, no_font_has(characters), "version"))
    return problems
