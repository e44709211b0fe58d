"""The small inline markup allowed in leaflet text and its translations.

`**bold**`, `*italic*` and `[link text](https://...)`; a backslash makes the
next character literal. Translators keep the markers, so the same parser
serves rendering (to escaped HTML) and checking (structure of a msgstr
against its msgid).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from markupsafe import Markup, escape

from ..fonts import unprintable

LINK_SCHEMES = ("https:", "http:", "mailto:", "tel:")
_LINK_END = re.compile(r"\]\(([^()\s]*)\)")


class MarkupError(ValueError):
    """Unbalanced or malformed inline markup."""


@dataclass
class Node:
    tag: str  # "text", "strong", "em" or "a"
    text: str = ""
    url: str = ""
    children: list["Node"] = field(default_factory=list)


_MARKERS = frozenset("*[]\\")


def parse_inline(source: str) -> list[Node]:
    if _MARKERS.isdisjoint(source):
        return [Node("text", text=source)] if source else []
    root = Node("root")
    stack = [root]
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            stack[-1].children.append(Node("text", text="".join(buffer)))
            buffer.clear()

    def open_(tag: str) -> None:
        flush()
        node = Node(tag)
        stack[-1].children.append(node)
        stack.append(node)

    def close(tag: str) -> None:
        flush()
        if stack[-1].tag != tag:
            raise MarkupError(f"{_name(tag)} closed while {_name(stack[-1].tag)} is open")
        stack.pop()

    def toggle(tag: str) -> None:
        (close if any(node.tag == tag for node in stack) else open_)(tag)

    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            buffer.append(source[i + 1])
            i += 2
            continue
        if source.startswith("***", i) and stack[-1].tag == "em":
            toggle("em")  # `*x **y***`: the inner italic closes first
            i += 1
            continue
        if source.startswith("**", i):
            toggle("strong")
            i += 2
            continue
        if char == "*":
            toggle("em")
            i += 1
            continue
        if char == "[":
            if any(node.tag == "a" for node in stack):
                raise MarkupError("link inside a link")
            open_("a")
            i += 1
            continue
        if char == "]":
            end = _LINK_END.match(source, i)
            if stack[-1].tag != "a" or not end:
                raise MarkupError("']' without a matching '[text](url)'")
            stack[-1].url = _checked_url(end.group(1))
            close("a")
            i = end.end()
            continue
        buffer.append(char)
        i += 1
    flush()
    if len(stack) > 1:
        raise MarkupError(f"{_name(stack[-1].tag)} is never closed")
    return root.children


def _name(tag: str) -> str:
    return {"strong": "bold '**'", "em": "italic '*'", "a": "link '[...](...)'"}.get(tag, tag)


def _checked_url(url: str) -> str:
    if not url.lower().startswith(LINK_SCHEMES):
        raise MarkupError(f"link must start with one of {', '.join(LINK_SCHEMES)}: {url!r}")
    return url


@lru_cache(maxsize=4096)
def to_html(source: str) -> Markup:
    """Escaped HTML for a piece of text; the only tags are the ones the markup makes."""
    return _joined(parse_inline(source))


def _joined(nodes: list[Node]) -> Markup:
    """The nodes as HTML, a space before emphasis moved inside it.

    The renderer, finding that the first word of an emphasis does not fit at the end of a line,
    may break the line at the first space of the text before it rather than the last: "Anything /
    else that worries you — *we are…*" left one word on a line. The space inside the element is the
    same break opportunity, and it is found. A link keeps its space outside: it would be underlined.
    """
    moved = [Node(node.tag, node.text, node.url, list(node.children)) for node in nodes]
    for before, node in pairwise(moved):
        if before.tag == "text" and before.text.endswith(" ") and node.tag in ("em", "strong"):
            before.text = before.text[:-1]
            node.children.insert(0, Node("text", text=" "))
    return Markup("").join(_html(node) for node in moved)


# Read as one, so a line never ends inside them: a unit and its number ("SPF 30"), a range of
# numbers joined by a short word or a dash ("3 to 6", "3 έως 6", "2 a 4", "4–6"), and a word
# joined by hyphens ("micro-needling", "rendez-vous"), which would otherwise break after its
# hyphen, at a line's or a page's end.
_UNIT_NUMBER = re.compile(r"\b(?:SPF|UVA|UVB|UV)\s\d+|\d+(?:[.,]\d+)?(?:\s[^\W\d_]{1,4}\s|\s?[–-]\s?)\d+(?:[.,]\d+)?"
                          r"|[^\W\d_]+(?:-[^\W\d_]+)+")


def kept_together(text: str, pattern: re.Pattern) -> Markup:
    """Escaped text in which each match of `pattern` is one unbreakable run (class "unbroken")."""
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last:match.start()]), Markup('<span class="unbroken">{}</span>').format(match[0])]
        last = match.end()
    return Markup("").join([*parts, escape(text[last:])])


def unbroken_words(text: str) -> Markup:
    """Escaped plain text (a template's own string) with the same runs kept on one line as leaflet text."""
    return kept_together(text, _UNIT_NUMBER)


def _html(node: Node) -> Markup:
    if node.tag == "text":
        return unbroken_words(node.text)
    inner = _joined(node.children)
    if node.tag == "a":
        return Markup('<a href="{}">{}</a>').format(node.url, inner)
    return Markup("<{0}>{1}</{0}>").format(Markup(node.tag), inner)


@lru_cache(maxsize=4096)
def plain_text(source: str) -> str:
    """The text a reader sees, markers removed (for titles and metadata)."""
    return "".join(_plain(node) for node in parse_inline(source))


def _plain(node: Node) -> str:
    return node.text if node.tag == "text" else "".join(_plain(c) for c in node.children)


@lru_cache(maxsize=4096)
def structure(source: str) -> tuple[str, ...]:
    """Tags and link targets in order, ignoring the words: equal for a faithful translation."""
    out: list[str] = []

    def walk(nodes: list[Node]) -> None:
        for node in nodes:
            if node.tag != "text":
                out.append(node.tag if node.tag != "a" else f"a:{node.url}")
                walk(node.children)

    walk(parse_inline(source))
    return tuple(out)


def unprintable_markup(text: str, glyphs: frozenset[int]) -> list[str]:
    """The characters of inline-marked text no font has.

    Only what a reader sees counts, not markers or link targets.
    """
    try:
        visible = plain_text(text)
    except MarkupError:
        visible = text
    return unprintable(visible, glyphs)
