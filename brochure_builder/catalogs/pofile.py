"""PO files: read with the header checked as GNU msgfmt -c does, written as GNU gettext lays them out.

Babel and GNU msgcat/msgmerge wrap long strings differently, so a catalog
written by one and opened by the other would show spurious diffs. Babel
writes every string on one line; `gnu_layout` then wraps them as GNU does:
at most 79 columns, breaking after spaces and hyphens, after each `\\n`,
and starting with `msgid ""` when the string does not fit on the first line.
"""
from __future__ import annotations

import io
import re
import unicodedata

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from ..errors import BrochureError, Problem
from ..languages import check_language
from ..project import DOMAIN, Project
from .plurals import PluralError, cldr_rule, parse_plural_forms

PAGE_WIDTH = 79
MAX_BYTES = 5 * 1024 * 1024  # a catalog of the demo leaflets is about 100 KiB
_STRING = re.compile(r'^(?P<prefix>#[~|] )?(?P<keyword>msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(?P<body>.*)"$')
_CONTINUATION = re.compile(r'^(?P<prefix>#[~|] )?"(?P<body>.*)"$')


def write_catalog(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_by_file=True, include_previous=True)
    text = out.getvalue().decode(catalog.charset or "utf-8")
    return gnu_layout(text).encode(catalog.charset or "utf-8")


def gnu_layout(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _STRING.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        prefix = match["prefix"] or ""
        body = [match["body"]]
        i += 1
        while i < len(lines) and (cont := _CONTINUATION.match(lines[i])) and (cont["prefix"] or "") == prefix:
            body.append(cont["body"])
            i += 1
        out.extend(_wrap(prefix, match["keyword"], "".join(body)))
    return "\n".join(out).rstrip("\n") + "\n"


def _wrap(prefix: str, keyword: str, escaped: str) -> list[str]:
    head = f"{prefix}{keyword} "
    inner_newline = "\\n" in escaped[:-2] if escaped.endswith("\\n") else "\\n" in escaped
    if not inner_newline and _width(head) + _width(escaped) + 2 <= PAGE_WIDTH:
        return [f'{head}"{escaped}"']
    lines = [f'{head}""']
    for segment in _segments(escaped):
        lines.extend(f'{prefix}"{chunk}"' for chunk in _fill(segment, PAGE_WIDTH - 2 - _width(prefix)))
    return lines


def _segments(escaped: str) -> list[str]:
    """Split after each escaped newline: GNU always breaks there."""
    parts = re.split(r"(?<=\\n)", escaped)
    return [p for p in parts if p]


_TOKEN = re.compile(r"\\.|.", re.S)


def _fill(segment: str, width: int) -> list[str]:
    # Units that may not be split: escapes and characters; break opportunities after spaces and hyphens.
    units = _TOKEN.findall(segment)
    chunks, line, column, last_break = [], [], 0, None
    for index, unit in enumerate(units):
        line.append(unit)
        column += _width(unit)
        if column > width and last_break is not None:
            chunks.append("".join(line[:last_break]))
            line = line[last_break:]
            column = sum(_width(u) for u in line)
            last_break = None
        if _breaks_after(units, index):
            last_break = len(line)
    if line:
        chunks.append("".join(line))
    return chunks


def _breaks_after(units: list[str], index: int) -> bool:
    unit = units[index]
    following = units[index + 1] if index + 1 < len(units) else ""
    if not following or following == " ":
        return False
    if unit == " ":
        return True
    if unit in "-\u2010\u2013\u2014" and index > 0:
        return units[index - 1].isalpha() and following.isalpha()
    return False


def _width(text: str) -> int:
    width = 0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def header_fields(raw: bytes) -> dict[str, str]:
    """The fields of the header entry (the msgstr of `msgid ""`) as written in the file."""
    head = raw.split(b"\n\n", 1)[0].decode("utf-8", "replace")
    body = head.split("\nmsgstr ", 1)[-1] if "\nmsgstr " in head else ""
    text = "".join(_PO_STRING.findall(body)).replace("\\n", "\n").replace('\\"', '"')
    return dict(line.split(": ", 1) for line in text.split("\n") if ": " in line)


_PO_STRING = re.compile(r'^\s*"(.*)"\s*$', re.M)


def plural_entries(raw: bytes) -> list[tuple[int, int, str]]:
    """(line, number of msgstr[i] forms, msgid) of every plural entry, as written in the file.

    Babel pads or refuses entries whose forms do not match the header; GNU gettext
    reports them, so they are counted here before Babel reads the file.
    """
    found = []
    lines = raw.decode("utf-8", "replace").split("\n")
    for index, line in enumerate(lines):
        if not line.startswith("msgid_plural "):
            continue
        start = index
        while start > 0 and not lines[start].startswith("msgid "):
            start -= 1
        end = index
        while end + 1 < len(lines) and lines[end + 1].strip() and not lines[end + 1].startswith("#"):
            end += 1
        forms = sum(text.startswith("msgstr[") for text in lines[index:end + 1])
        msgid = "".join(_PO_STRING.findall("\n".join(lines[start:index])) or [lines[start][7:-1]])
        found.append((start + 1, forms, msgid))
    return found


_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"\s*$')


def duplicate_entries(raw: bytes) -> list[tuple[int, int, str]]:
    """(first line, repeated line, msgid) of every entry whose context and msgid were given before.

    Babel keeps one of them silently; GNU msgfmt refuses the file ("duplicate message definition").
    Obsolete entries (`#~`) do not count.
    """
    seen: dict[tuple[str, str], int] = {}
    found = []
    context, msgid, start, keyword = "", None, 0, ""
    for number, line in enumerate(raw.decode("utf-8", "replace").split("\n") + [""], start=1):
        match = _KEYWORD.match(line)
        continued = _PO_STRING.match(line) if not match else None
        if match:
            keyword = match[1]
            if keyword == "msgctxt":
                context, start = match[2], number
            elif keyword == "msgid":
                msgid, start = match[2], start if context else number
        elif continued and keyword in ("msgctxt", "msgid"):
            if keyword == "msgctxt":
                context += continued[1]
            else:
                msgid += continued[1]
        if keyword.startswith("msgstr") and msgid is not None:
            if msgid:  # the header entry has an empty msgid
                first = seen.setdefault((context, msgid), start)
                if first != start:
                    found.append((first, start, msgid.replace('\\"', '"').replace("\\n", "\n")))
            context, msgid, keyword = "", None, ""
    return found


def quoted_msgid(msgid) -> str:
    """How messages name a catalog entry: its (singular) msgid, quoted, cut at 40 characters."""
    text = msgid[0] if isinstance(msgid, (list, tuple)) else msgid
    return '"' + (text if len(text) <= 40 else text[:39] + "…") + '"'


def msgfmt_problems(raw: bytes, lang: str) -> list[tuple[str, int]]:
    """(problem, line) for what GNU `msgfmt -c` refuses: the header, an entry given twice, plural forms."""
    fields = header_fields(raw)
    found = [(f"{quoted_msgid(msgid)}: given again (first on line {first}); a msgid may appear once, "
              "as GNU msgfmt requires", line) for first, line, msgid in duplicate_entries(raw)]
    if fields.get("Language") != lang:
        found.append((f"header Language is {fields.get('Language')!r}, expected {lang!r}", 1))
    charset = re.search(r"charset=([\w-]+)", fields.get("Content-Type", ""))
    if not charset or charset.group(1).lower() not in ("utf-8", "utf8"):
        found.append((f"header charset is {charset.group(1) if charset else 'missing'!r}; catalogs must be UTF-8", 1))
    if "Plural-Forms" not in fields:
        return found + [(f"header Plural-Forms is missing (CLDR's rule is {str(cldr_rule(lang))!r})", 1)]
    try:
        rule = parse_plural_forms(fields["Plural-Forms"])
    except PluralError as error:
        return found + [(str(error), 1)]
    for line, count, msgid in plural_entries(raw):
        if count != rule.count:
            found.append((f"{quoted_msgid(msgid)}: {count} plural form{'s' * (count != 1)}, "
                          f"but the header says nplurals={rule.count}", line))
    return found


def _syntax_problem(shown: str, raw: bytes, error: PoFileError) -> Problem:
    """Our own words for the line Babel could not read; its reason (which changes between releases) follows."""
    lineno = getattr(error, "lineno", None)
    if not isinstance(lineno, int):
        return Problem(shown, f"PO syntax error ({error})")
    lines = raw.decode("utf-8", "replace").split("\n")
    text = lines[lineno].strip() if 0 <= lineno < len(lines) else ""
    reason = re.sub(r" on \d+$", "", str(error))  # Babel counts lines from 0; ours are counted from 1
    return Problem(shown, f"PO syntax error: not a comment, keyword or string: {text!r} ({reason})", line=lineno + 1)


def read_catalog(project: Project, lang: str) -> Catalog:
    return read_catalog_file(project, lang)[0]


def read_catalog_file(project: Project, lang: str) -> tuple[Catalog, bytes]:
    """Parse one `.po`, returned with its bytes; a header no gettext tool could use, or a syntax error,
    names the file and line."""
    check_language(lang)
    path = project.po_path(lang)
    shown = project.relative(path)
    if not path.is_file():
        raise BrochureError(Problem(shown, f"no catalog for language {lang!r}; start one with "
                                           f"'make_brochure.py init {lang}'"))
    raw = project.files.read(path)
    return parse_catalog(raw, shown, lang), raw


def parse_catalog(raw: bytes, shown: str, lang: str) -> Catalog:
    """A catalog from its bytes, refused (naming `shown` and the line) when too large, when its header is
    one GNU msgfmt -c refuses, or when it cannot be parsed."""
    if len(raw) > MAX_BYTES:
        raise BrochureError(Problem(shown, f"file is {len(raw) / 1048576:.1f} MiB; a catalog may have at most "
                                           f"{MAX_BYTES // 1048576} MiB"))
    header = msgfmt_problems(raw, lang)
    if header:
        raise BrochureError([Problem(shown, f"{lang}: {problem}", line=line) for problem, line in header])
    try:
        return read_po(io.BytesIO(raw), locale=lang, domain=DOMAIN, abort_invalid=True)
    except PoFileError as error:
        raise BrochureError(_syntax_problem(shown, raw, error)) from None
    except (UnicodeDecodeError, LookupError) as error:
        raise BrochureError(Problem(shown, f"cannot decode: {error}")) from None


_VOLATILE_HEADER = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*\\n"\n', re.M)


def same_apart_from_dates(old: bytes, new: bytes) -> bool:
    """True when only the dates or the Babel version that wrote it differ: such a rewrite is noise in a diff."""
    return _VOLATILE_HEADER.sub(b"", old) == _VOLATILE_HEADER.sub(b"", new)
