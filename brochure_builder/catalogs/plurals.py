"""Is a catalog's `Plural-Forms` header usable? The rules GNU `msgfmt -c` applies.

A header is valid when it parses, when its expression gives a form below
`nplurals` for every n from 0 to 1,000,000, and when every plural entry
carries `nplurals` forms. It need not match CLDR: CLDR's rules change between
Babel releases (French and Spanish gained a third form in Babel 2.19) while
GNU gettext, Poedit and Weblate keep writing the rule translators know, so a
difference from CLDR is reported as a warning naming both rules, never refused.
"""
from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache

from babel.messages.plurals import get_plural

LARGEST_N = 1_000_000  # as far as GNU msgfmt -c evaluates the expression
_HEADER = re.compile(r"^\s*nplurals\s*=\s*(?P<count>\d+)\s*;\s*plural\s*=\s*(?P<expression>[^;]+?)\s*;?\s*$")


@dataclass(frozen=True)
class PluralRule:
    count: int
    expression: str

    def __str__(self) -> str:
        return f"nplurals={self.count}; plural={self.expression};"


class PluralError(ValueError):
    """A header no gettext implementation can use; the message says why."""


@lru_cache(maxsize=32)
def parse_plural_forms(header: str) -> PluralRule:
    """`nplurals=N; plural=EXPR;` -> PluralRule, checked over 0..1,000,000 (once per header and process)."""
    match = _HEADER.match(header or "")
    if not match:
        raise PluralError(f"header Plural-Forms is {header!r}, not 'nplurals=N; plural=EXPRESSION;'")
    rule = PluralRule(int(match["count"]), match["expression"])
    if rule.count < 1:
        raise PluralError(f"header Plural-Forms has nplurals={rule.count}; it must be at least 1")
    forms = plural_forms(rule.expression)
    if max(forms) >= rule.count:
        n = forms.translate(bytes(int(form >= rule.count) for form in range(256))).find(1)
        form = gettext.c2py(rule.expression)(n)
        raise PluralError(f"header Plural-Forms gives form {form} for n={n}, but nplurals={rule.count}")
    return rule


@lru_cache(maxsize=32)
def plural_forms(expression: str) -> bytes:
    """The form the expression picks for each n in 0..1,000,000 (a byte per n, 255 for "255 or more").

    Computed once per expression and process: a batch meets only a handful.
    """
    try:
        pick = gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError) as error:
        raise PluralError(f"header Plural-Forms has an invalid expression {expression!r}: {error}") from None
    try:
        return bytes(map(pick, range(LARGEST_N + 1)))
    except ValueError:  # a form outside 0..255: name the first n that gives one
        n = next(n for n in range(LARGEST_N + 1) if not 0 <= pick(n) < 256)
        if pick(n) < 0:
            raise PluralError(f"header Plural-Forms gives form {pick(n)} for n={n}") from None
        return bytes(min(pick(n), 255) for n in range(LARGEST_N + 1))
    except ArithmeticError as error:
        n = next(n for n in range(LARGEST_N + 1) if _fails(pick, n))
        raise PluralError(f"header Plural-Forms cannot be computed for n={n}: {error}") from None


def _fails(pick, n: int) -> bool:
    try:
        pick(n)
    except ArithmeticError:
        return True
    return False


def cldr_rule(lang: str) -> PluralRule:
    """The rule the installed Babel's CLDR data gives, which `init` writes."""
    found = get_plural(lang)
    return PluralRule(found.num_plurals, found.plural_expr)


def same_rule(a: PluralRule, b: PluralRule) -> bool:
    """Same count and the same form for every n: spelling and parentheses do not matter."""
    return a.count == b.count and plural_forms(a.expression) == plural_forms(b.expression)
