"""Safe YAML reading with errors that name the file and line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import BrochureError, Problem
from .files import ContentFiles

# libyaml's parser when PyYAML has it (several times faster); the safe constructor either way.
_Safe = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_Safe):
    """A safe loader that refuses a key given twice instead of keeping the last one."""


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
        text = files.read(path).decode("utf-8")
    except FileNotFoundError:
        raise BrochureError(Problem(shown_as, "file not found")) from None
    except UnicodeDecodeError as error:
        raise BrochureError(Problem(shown_as, f"not UTF-8 text ({error.reason})")) from None
    return parse_yaml(text, shown_as)


def parse_yaml(text: str, shown_as: str) -> Any:
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a safe loader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        reason = error.problem or error.context or "invalid YAML"
        raise BrochureError(Problem(shown_as, f"YAML syntax error: {reason}", line=line)) from None
    except yaml.YAMLError as error:
        raise BrochureError(Problem(shown_as, f"YAML syntax error: {error}")) from None


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
