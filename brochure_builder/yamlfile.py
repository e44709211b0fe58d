"""Safe YAML reading with errors that name the file and line, and with limits.

Content files are written by people, so scalars keep what they wrote: only
`true`/`false`, `null` and plain decimal integers are read as such (as in
YAML 1.2's core schema); `1.10`, `2029-02-30`, `9:30`, `Yes` and `on` stay
text. Aliases (`*name`) are refused: a few lines of them can expand to
gigabytes. A file over MAX_BYTES is refused before it is parsed.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import BrochureError, Problem
from .files import ContentFiles

# libyaml's parser when PyYAML has it (several times faster); the safe constructor either way.
_Safe = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_BYTES = 1024 * 1024  # a leaflet is a few kilobytes; a clinic file less


class _UniqueKeyLoader(_Safe):
    """A safe loader that refuses a key given twice instead of keeping the last one."""


# YAML 1.1 reads `yes`, `on`, `1.10`, `010` (as 8), `9:30` (as 570) and dates as booleans, numbers and
# dates; only the YAML 1.2 core forms are resolved here, everything else stays the text it is.
_UniqueKeyLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _UniqueKeyLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node), 10))


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[Any, Any] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen[key] = True
    return loader.construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(files: ContentFiles, path: Path, shown_as: str) -> Any:
    """Load one YAML file of the content folder; syntax errors become `file:line: message`."""
    try:
        data = files.read(path)
        if len(data) > MAX_BYTES:
            raise BrochureError(Problem(shown_as, f"file is {len(data) / 1024:.0f} KiB; a content file may "
                                                  f"have at most {MAX_BYTES // 1024} KiB"))
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise BrochureError(Problem(shown_as, "file not found")) from None
    except UnicodeDecodeError as error:
        raise BrochureError(Problem(shown_as, f"not UTF-8 text ({error.reason})")) from None
    return parse_yaml(text, shown_as)


def parse_yaml(text: str, shown_as: str) -> Any:
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_aliases(node, shown_as)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        reason = error.problem or error.context or "invalid YAML"
        raise BrochureError(Problem(shown_as, f"YAML syntax error: {reason}", line=line)) from None
    except yaml.YAMLError as error:
        raise BrochureError(Problem(shown_as, f"YAML syntax error: {error}")) from None
    finally:
        loader.dispose()


def _refuse_aliases(root: yaml.Node, shown_as: str) -> None:
    """An alias makes one node appear twice in the tree: refuse the first one met, before building anything."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            raise BrochureError(Problem(shown_as, "YAML aliases (*name) are not allowed in content files; "
                                                  "write the text out where it is needed",
                                        line=node.start_mark.line + 1))
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            pending.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def yaml_lines(files: ContentFiles, path: Path) -> dict[tuple, int]:
    """`line_numbers` of a file already read (for error messages: it is parsed again, not read)."""
    return line_numbers(files.read(path).decode("utf-8"))


def line_numbers(text: str) -> dict[tuple, int]:
    """Map each node's path (keys and indexes) to its 1-based line number.

    Used to give catalog entries a source reference; the text is assumed to
    have parsed already.
    """
    lines: dict[tuple, int] = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                walk(value_node, path + (key_node.value,))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, path + (index,))

    root = yaml.compose(text, Loader=_Safe)
    if root is not None:
        walk(root, ())
    return lines
