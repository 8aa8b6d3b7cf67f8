"""Safe YAML loading that remembers the line of every mapping key and list item.

Only plain YAML types are ever built (safe loading): a tag such as
!!python/object is refused, never constructed.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem


class Node(dict):
    """A YAML mapping that knows where it and each of its keys stand.

    `file` is the file it was read from. A mapping merged from several files (a
    translation over its English source) names, in `key_files`, the file of each
    key whose value came from elsewhere, so problems point at the right file.
    """

    line: int = 0
    key_lines: dict
    file: str | None = None
    key_files: dict | None = None

    def file_of(self, key: str) -> str | None:
        return (self.key_files or {}).get(key, self.file)

    def copy_with(self) -> "Node":
        """A shallow copy that keeps lines and files, to change some keys of."""
        copy = Node(self)
        copy.line, copy.file = self.line, self.file
        copy.key_lines = dict(getattr(self, "key_lines", {}))
        copy.key_files = dict(self.key_files or {})
        return copy


class Items(list):
    """A YAML list that knows where it and each item stand (and, when merged, each item's file)."""

    line: int = 0
    item_lines: list
    file: str | None = None
    item_files: list | None = None

    def file_of(self, index: int) -> str | None:
        files = self.item_files
        return files[index] if files and index < len(files) and files[index] else self.file

    def copy_with(self) -> "Items":
        copy = Items(self)
        copy.line, copy.file = self.line, self.file
        copy.item_lines = list(getattr(self, "item_lines", [self.line] * len(self)))
        copy.item_files = list(self.item_files or [None] * len(self))
        return copy


def file_of(value: object) -> str | None:
    """The file a mapping or list was read from (None for plain values)."""
    return getattr(value, "file", None)


# libyaml's parser when present (several times faster), the pure-Python one otherwise.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> Node:
    result = Node()
    result.file = loader.shown
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    seen = set()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in seen:
            loader.duplicate_keys.append((key, key_node.start_mark.line + 1))
        seen.add(key)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _LineLoader, node: yaml.SequenceNode) -> Items:
    result = Items(loader.construct_object(child, deep=True) for child in node.value)
    result.file = loader.shown
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def _describe_yaml_error(error: yaml.YAMLError, text: str) -> tuple[int | None, str]:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else None
    problem = getattr(error, "problem", None) or str(error)
    lines = text.splitlines()
    if line and line <= len(lines) and "\t" in lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip())]:
        return line, "a tab character is used for indentation; indent with spaces"
    context_mark = getattr(error, "context_mark", None)
    if "quoted scalar" in str(getattr(error, "context", "")) and context_mark:
        return context_mark.line + 1, "a quote opened on this line is never closed; add the closing quote"
    if isinstance(error, yaml.constructor.ConstructorError) and "tag" in str(problem):
        tag = problem.split("tag", 1)[1].strip()
        return line, f"the YAML tag {tag} is not allowed; write plain text, lists and fields only"
    context = getattr(error, "context", None)
    detail = f"{context}, {problem}" if context else problem
    return line, f"this is not valid YAML ({detail}); check indentation, colons and closing quotes"


def load_yaml(path: Path, shown_as: str) -> tuple[object, list[Problem]]:
    """Read one YAML file. Returns (data or None, problems)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(shown_as, line, "", "the file is not UTF-8 text; save it as UTF-8")]
    return parse_yaml(text, shown_as)


def parse_yaml(text: str, shown_as: str) -> tuple[object, list[Problem]]:
    """Read YAML text (a file's, or an old version of it from git)."""
    if not text.strip():
        return None, [Problem(shown_as, 1, "", "the file is empty; expected YAML fields")]
    loader = _LineLoader(text)
    loader.duplicate_keys = []
    loader.shown = shown_as
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as error:
        line, message = _describe_yaml_error(error, text)
        return None, [Problem(shown_as, line, "", message)]
    finally:
        loader.dispose()
    problems = [
        Problem(shown_as, line, key, "this field is given twice; keep one")
        for key, line in loader.duplicate_keys
    ]
    if data is None:
        problems.append(Problem(shown_as, 1, "", "the file holds no fields; expected YAML fields"))
    return data, problems
