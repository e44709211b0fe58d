"""Which clinic details can change the messages a leaflet looks up: read from the templates, not rendered.

A clinic reaches the templates as `brand` (and `date_locale` and `inks`, made
from it). The demo templates let it decide which template strings a leaflet
asks for only through whether it has a detail: `{% if brand.phone %}` prints
the "Phone" label, a clinic without `out_of_hours` never asks for "The clinic
outside opening hours". When that is all the templates do, two clinics that have
the same details look up the same messages, and one render answers for both.

`messages_deciding_details` proves it from the templates' syntax trees, or
gives None when it cannot: then every clinic is rendered on its own. It follows
every value taken from the clinic (through `set`, `with`, loops and includes)
and requires that

- no message is looked up with a clinic value as its text (`_(brand.name)`);
- whatever decides whether messages are looked up (an `if`, an inline `if`,
  `and`/`or`, a loop over a clinic value, an included template's name) is either
  free of clinic values or tests only whether a detail is there (`brand`,
  `brand.phone`, `not brand.phone`, and `and`/`or` of such tests);
- no clinic value is passed to a macro or another callable that might look up
  messages.

It errs on the side of rendering: anything it does not recognise counts
against the shortcut, never for it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import jinja2
from jinja2 import nodes

CLINIC_NAMES = frozenset({"brand", "date_locale", "inks"})  # what the template context takes from the clinic
LOOKUPS = frozenset({"_", "gettext", "ngettext", "pgettext", "npgettext"})
WHOLE_BRAND = ""  # the detail "there is a clinic at all"


class Undecided(Exception):
    """The templates may let a clinic decide the messages otherwise than by which details it has."""


def messages_deciding_details(sources: dict[str, str]) -> tuple[str, ...] | None:
    """The `Brand` fields whose presence decides which messages the templates look up (sorted; "" for the
    brand itself), or None when a clinic's values may decide them some other way."""
    return _deciding_details(tuple(sorted(sources.values())))


@lru_cache(maxsize=8)
def _deciding_details(sources: tuple[str, ...]) -> tuple[str, ...] | None:
    # Once per set of template sources and process: `serve` and the tests build again and again.
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    trees = []
    for source in sources:
        try:
            trees.append(env.parse(source))
        except jinja2.TemplateSyntaxError:
            continue  # a render that includes it fails, so it can decide nothing
    if any(name.name in CLINIC_NAMES for tree in trees for name in tree.find_all(nodes.Name)
           if name.ctx in ("store", "param")):
        return None  # `brand` may then be something else than the clinic
    tainted = set(CLINIC_NAMES)
    try:
        while True:  # names set from clinic values in one template are seen by those it includes
            walker = _Walker()
            for tree in trees:
                walker.visit(tree, set(tainted))
            if walker.shared <= tainted:
                return tuple(sorted(walker.details))
            tainted |= walker.shared
    except Undecided:
        return None


def present_details(brand, details: Iterable[str]) -> tuple[str, ...]:
    """Which of `details` this brand has (None: no clinic)."""
    if brand is None:
        return ()
    return tuple(detail for detail in details if detail == WHOLE_BRAND or getattr(brand, detail, None))


class _Walker:
    def __init__(self) -> None:
        self.details: set[str] = set()  # tested for presence where messages depend on the test
        self.shared: set[str] = set()  # tainted names an included template can see

    def visit(self, node: nodes.Node, tainted: set[str]) -> None:
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is not None:
            method(node, tainted)
        else:
            for child in node.iter_child_nodes():
                self.visit(child, tainted)

    def visit_all(self, parts: Iterable[nodes.Node], tainted: set[str]) -> None:
        for part in parts:
            self.visit(part, tainted)

    def decide(self, test: nodes.Node, guarded: list[nodes.Node], tainted: set[str]) -> None:
        """`test` decides whether `guarded` runs: if that may look up messages, it may only test presence."""
        if _uses(test, tainted) and any(_may_look_up(part) for part in guarded):
            found = _presence(test, tainted)
            if found is None:
                raise Undecided
            self.details |= found

    # statements
    def _If(self, node: nodes.If, tainted: set[str]) -> None:
        self.decide(node.test, [*node.body, *node.elif_, *node.else_], tainted)
        self.visit(node.test, tainted)
        self.visit_all([*node.body, *node.elif_, *node.else_], tainted)  # `if` opens no scope: a `set` stays

    def _For(self, node: nodes.For, tainted: set[str]) -> None:
        inner = set(tainted)
        if _uses(node.iter, tainted):
            # The body runs once per item: with items or not is presence; the items are clinic values.
            self.decide(node.iter, [*node.body, *node.else_] + ([node.test] if node.test else []), tainted)
            inner |= _names(node.target) | {"loop"}
        if node.test is not None:
            self.decide(node.test, node.body, inner)
            self.visit(node.test, inner)
        self.visit(node.iter, tainted)
        self.visit_all(node.body, inner)
        self.visit_all(node.else_, tainted)

    def _Assign(self, node: nodes.Assign, tainted: set[str]) -> None:
        self.visit(node.node, tainted)
        if _uses(node.node, tainted):
            tainted |= _names(node.target)

    def _AssignBlock(self, node: nodes.AssignBlock, tainted: set[str]) -> None:
        self.visit_all(node.body, tainted)
        if any(_uses(part, tainted) for part in node.body):
            tainted |= _names(node.target)

    def _With(self, node: nodes.With, tainted: set[str]) -> None:
        inner = set(tainted)
        for target, value in zip(node.targets, node.values, strict=True):
            self.visit(value, tainted)
            if _uses(value, tainted):
                inner |= _names(target)
        self.visit_all(node.body, inner)

    def _Include(self, node: nodes.Include, tainted: set[str]) -> None:
        if _uses(node.template, tainted):
            raise Undecided  # the clinic would choose the template
        self.shared |= tainted

    def _Macro(self, node: nodes.Macro, tainted: set[str]) -> None:
        self.visit_all([*node.defaults, *node.body], tainted)

    def _CallBlock(self, node: nodes.CallBlock, tainted: set[str]) -> None:
        if _uses(node.call, tainted):
            raise Undecided
        self.visit_all([node.call, *node.body], tainted)

    # expressions
    def _Call(self, node: nodes.Call, tainted: set[str]) -> None:
        arguments = [*node.args, *(kw.value for kw in node.kwargs), *filter(None, (node.dyn_args, node.dyn_kwargs))]
        if isinstance(node.node, nodes.Name) and any(_uses(argument, tainted) for argument in arguments):
            raise Undecided  # a message text from the clinic, or a clinic value given to a macro
        self.visit_all([node.node, *arguments], tainted)

    def _CondExpr(self, node: nodes.CondExpr, tainted: set[str]) -> None:
        self.decide(node.test, [node.expr1] + ([node.expr2] if node.expr2 else []), tainted)
        self.visit_all([node.test, node.expr1] + ([node.expr2] if node.expr2 else []), tainted)

    def _And(self, node: nodes.And, tainted: set[str]) -> None:
        self.decide(node.left, [node.right], tainted)  # the right side is evaluated or not, as the left decides
        self.visit_all([node.left, node.right], tainted)

    _Or = _And


def _names(target: nodes.Node) -> set[str]:
    """The names a `set`, `for` or `with` target binds: one name, or a tuple of them."""
    found = [target] if isinstance(target, nodes.Name) else target.find_all(nodes.Name)
    return {name.name for name in found}


def _uses(node: nodes.Node, tainted: set[str]) -> bool:
    return (isinstance(node, nodes.Name) and node.name in tainted) or any(
        name.name in tainted for name in node.find_all(nodes.Name))


def _may_look_up(node: nodes.Node) -> bool:
    """Whether evaluating `node` may look up a message: a gettext call, an include, a macro."""
    parts = [node, *node.find_all((nodes.Call, nodes.Include, nodes.CallBlock))]
    return any(isinstance(part, (nodes.Include, nodes.CallBlock)) or
               (isinstance(part, nodes.Call) and isinstance(part.node, nodes.Name)) for part in parts)


def _presence(test: nodes.Node, tainted: set[str]) -> set[str] | None:
    """The details a test checks the presence of, or None when it looks at a clinic value in any other way."""
    if isinstance(test, nodes.Name) and test.name == "brand":
        return {WHOLE_BRAND}
    if isinstance(test, nodes.Getattr) and isinstance(test.node, nodes.Name) and test.node.name == "brand":
        return {test.attr}
    if isinstance(test, nodes.Not):
        return _presence(test.node, tainted)
    if isinstance(test, (nodes.And, nodes.Or)):
        sides = [set() if not _uses(side, tainted) else _presence(side, tainted) for side in (test.left, test.right)]
        return None if None in sides else sides[0] | sides[1]
    return None
