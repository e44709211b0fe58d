"""Language codes, writing direction and locale formatting, all from Babel's CLDR data."""
from __future__ import annotations

import datetime as dt
import re

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from .errors import BrochureError, Problem

SOURCE_LANGUAGE = "en"  # the language leaflets are written in
_CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Za-z0-9]{2,8})*$")


def check_language(code: str) -> str:
    """Refuse codes Babel does not know, and anything that is not a plain code."""
    if not _CODE.fullmatch(code or ""):
        raise BrochureError(Problem("language", f"not a language code: {code!r} (e.g. el, pt_BR)"))
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise BrochureError(Problem("language", f"unknown language code {code!r}")) from None
    return code


def locale(code: str) -> Locale:
    return Locale.parse(check_language(code))


def direction(code: str) -> str:
    """`rtl` or `ltr`."""
    return locale(code).text_direction


def html_lang(code: str) -> str:
    """BCP 47 tag for `lang` attributes: `pt_BR` -> `pt-BR`."""
    return code.replace("_", "-")


class Written:
    """Something written in a language (`lang`), with the `lang` and `dir` attributes HTML needs for it."""

    lang: str

    @property
    def html_lang(self) -> str:
        return html_lang(self.lang)

    @property
    def dir(self) -> str:
        return direction(self.lang)


def long_date(day: dt.date, code: str) -> str:
    return format_date(day, format="long", locale=locale(code))


def own_name(code: str) -> str:
    """The language's name in itself, as its readers write it: "Ελληνικά", "español", "العربية"."""
    return locale(code).get_display_name(code) or code


def english_name(code: str) -> str:
    return locale(code).get_display_name("en") or code
