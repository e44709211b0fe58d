"""Schema validation of content files: strict models, and problems that name the place.

Leaflets, clinic files and fonts/fonts.yaml are validated by pydantic models
built on `Strict`; `problems_from` turns a validation error into one line per
problem (`file: place: message`), all of them at once.
"""
from __future__ import annotations

from typing import Callable

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import Problem


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


def problems_from(error: ValidationError, shown_as: str, path: Callable[[tuple], tuple] | None = None,
                  message: Callable[[dict], str | None] | None = None,
                  lines: Callable[[], dict[tuple, int]] | None = None) -> list[Problem]:
    """One problem per validation error.

    `path` turns pydantic's location into the place a reader sees (default: as it is), `message`
    words a problem (None: the general wording below), `lines` gives the line of each place in
    the file (read only when there is an error to place).
    """
    where = lines() if lines else {}
    problems = []
    for item in error.errors():
        place = (path or tuple)(item["loc"])
        problems.append(Problem(shown_as, (message and message(item)) or describe(item), place_name(place),
                                line=_line_of(place, where)))
    return problems


def _line_of(place: tuple, lines: dict[tuple, int]) -> int | None:
    """The line of the place, or of the nearest enclosing one the file has (a missing key: its mapping)."""
    for end in range(len(place), 0, -1):
        if place[:end] in lines:
            return lines[place[:end]]
    return None


def place_name(path: tuple) -> str:
    """`('sections', 2, 'items', 0)` -> `sections[2].items[0]`."""
    place = ""
    for part in path:
        place += f"[{part}]" if isinstance(part, int) else (f".{part}" if place else str(part))
    return place


_MESSAGES = {
    "missing": "field required",
    "extra_forbidden": "unknown key",
    "string_type": "must be text",
    "list_type": "must be a list",
    "model_type": "must be a mapping",
    "model_attributes_type": "must be a mapping",
    "dict_type": "must be a mapping",
    "date_type": "not a date (use YYYY-MM-DD)",
    "date_parsing": "not a date (use YYYY-MM-DD)",
    "date_from_datetime_parsing": "not a date (use YYYY-MM-DD)",
    "date_from_datetime_inexact": "not a date (use YYYY-MM-DD)",
    "union_tag_not_found": "field required: kind",
    "string_pattern_mismatch": "not a valid id (lower-case letters, digits and '-')",
}


def describe(item: dict) -> str:
    """One pydantic error in the words of a content file's reader."""
    kind = item["type"]
    if isinstance(item.get("input"), bool) and kind != "bool_type":
        return f'YAML read true or false here; put the text in quotes, e.g. "{str(item["input"]).lower()}"'
    if kind == "too_short":
        return "must not be empty"
    if kind == "literal_error":
        return f"must be one of {item['ctx']['expected']}, not {item['input']!r}"
    if kind == "value_error":
        return str(item["ctx"]["error"])
    return _MESSAGES.get(kind, item["msg"][:1].lower() + item["msg"][1:])
