"""Safe YAML loading that remembers the line of every mapping key and list item.

Only plain YAML types are ever built (safe loading): a tag such as
!!python/object is refused, never constructed.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .problems import Problem


class Node(dict):
    """A YAML mapping that knows where it and each of its keys stand."""

    line: int = 0
    key_lines: dict
    # Keys whose value YAML read as a number, true/false or a date: the text as written (`yes`, `0800`).
    raw_values: dict
    # Keys left empty because the value started with # (`primary: #1f4e79`): that comment, '#1f4e79'.
    comment_values: dict


class Items(list):
    """A YAML list that knows where it and each item stand."""

    line: int = 0
    item_lines: list
    raw_items: dict  # index -> the text as written, for items YAML read as a number, true/false or a date


class Lines(str):
    """A text written over several lines of its file, with those lines as they stand there,
    so a link inside it can be reported at its own line (see line_of)."""

    line: int = 0
    source: list


# libyaml's parser when present (several times faster), the pure-Python one otherwise.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_COMMENT_VALUE = re.compile(r"^\s*:\s+(#\S.*?)\s*$")


def _raw(node: yaml.Node) -> str | None:
    """The text of a plain scalar that YAML turned into something other than text."""
    # A plain scalar has no style: None from the pure-Python parser, "" from libyaml.
    if isinstance(node, yaml.ScalarNode) and not node.style and node.tag not in (_STR_TAG, _NULL_TAG):
        return node.value
    return None


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> Node:
    result = Node()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    result.raw_values = {}
    result.comment_values = {}
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
        if _raw(value_node) is not None:
            result.raw_values[key] = value_node.value
        elif value_node.tag == _NULL_TAG and value_node.value == "" and key_node.end_mark.line < len(loader.source):
            after_key = loader.source[key_node.end_mark.line][key_node.end_mark.column:]
            comment = _COMMENT_VALUE.match(after_key)
            if comment:
                result.comment_values[key] = comment.group(1)
    return result


def _sequence(loader: _LineLoader, node: yaml.SequenceNode) -> Items:
    result = Items(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    result.raw_items = {index: child.value for index, child in enumerate(node.value) if _raw(child) is not None}
    return result


def _text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    value = loader.construct_scalar(node)
    first, last = node.start_mark.line, node.end_mark.line
    if node.end_mark.column == 0:
        last -= 1  # a block text (| or >) ends at the start of the next line
    if last <= first:
        return value
    text = Lines(value)
    text.line = first + 1
    text.source = loader.source[first:last + 1]
    return text


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
_LineLoader.add_constructor(_STR_TAG, _text)


def line_of(value: object, needle: str, line: int, nth: int = 0) -> int:
    """The line of the nth `needle` inside a text written over several lines; `line` otherwise."""
    if isinstance(value, Lines):
        count = 0
        for offset, source_line in enumerate(value.source):
            found = source_line.count(needle)
            if count + found > nth:
                return value.line + offset
            count += found
    return line


def _quoted(source_line: str) -> str:
    """The line's text in quotes, as the fix to show: `title: Why: because` -> `title: "Why: because"`."""
    stripped = source_line.strip()
    prefix = ""
    if stripped.startswith("- "):
        prefix, stripped = "- ", stripped[2:].lstrip()
    key = re.match(r"^([A-Za-z_][\w-]*):\s+", stripped)
    if key:
        prefix, stripped = prefix + key.group(1) + ": ", stripped[key.end():]
    if '"' in stripped:
        return prefix + "'" + stripped.replace("'", "''") + "'"
    return prefix + '"' + stripped.replace("\\", "\\\\") + '"'


_ANCHOR = re.compile(r"^\s*(?:-\s+|[A-Za-z_][\w-]*:\s+)&\S")
_AMPERSAND_OR_STAR = ("a text that starts with * or & needs quotes, because YAML reads * and & at the start "
                      "as a reference to another part of the file; write it like this: ")


def _describe_yaml_error(error: yaml.YAMLError, text: str) -> tuple[int | None, str]:
    """The line and a plain-words explanation, with the fix, of what the YAML parser could not read."""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    line = mark.line + 1 if mark else None
    problem = str(getattr(error, "problem", None) or error)
    context = str(getattr(error, "context", None) or "")
    lines = text.splitlines()

    def source(number: int | None) -> str:
        return lines[number - 1] if number and number <= len(lines) else ""

    here = source(line)
    if "\t" in here[: len(here) - len(here.lstrip())] or "tab character" in problem:
        return line, "a tab character is used for indentation; indent with spaces"
    if "unknown escape" in problem:
        return line, ("inside double quotes a backslash (\\) starts a special character; use single quotes "
                      "around this text instead, or write \\\\ for one backslash")
    if "quoted scalar" in context and context_mark:
        return context_mark.line + 1, "a quote opened on this line is never closed; add the closing quote"
    if isinstance(error, yaml.constructor.ConstructorError) and "tag" in problem:
        tag = problem.split("tag", 1)[1].strip()
        return line, (f"the YAML tag {tag} is not allowed; write plain text, lists and fields only "
                      f"(a text that starts with ! needs quotes: {_quoted(here)})")
    if "alias" in context or "alias" in problem or "anchor" in context:
        return line, _AMPERSAND_OR_STAR + _quoted(here)
    if "cannot start any token" in problem:
        character = here[problem_mark.column] if problem_mark and problem_mark.column < len(here) else "this character"
        return line, (f"a text cannot start with {character} in YAML; put the whole text in quotes: {_quoted(here)}")
    if "mapping values are not allowed" in problem:
        before = here[: problem_mark.column] if problem_mark else here
        if re.search(r"[\w\"'](?<!\\):\s", before):
            return line, ("this text holds a colon followed by a space, which YAML reads as the start of another "
                          f"field; put the whole text in quotes: {_quoted(here)}")
        return line, ("this line is indented more than the line above, so it cannot start a field here; "
                      "line it up with the fields it belongs with")
    if "block scalar" in context:
        return line, "after | or > the text must start on the next line, indented; move it there"
    if "another document" in problem:
        return line, "a line with --- starts a second part, and a file holds only one; remove this line"
    if "flow sequence" in context or "flow mapping" in context or "',' or" in problem:
        opened = context_mark.line + 1 if context_mark else line
        what = "a list in [ ]" if "sequence" in context or "']'" in problem else "a set of fields in { }"
        return opened, (f"{what} opened on this line is not closed, or holds a stray character; "
                        f"close it, or put any text in it that has a comma or colon in quotes")
    if "could not find expected ':'" in problem and context_mark:
        return context_mark.line + 1, ("this line is not a field ('name: value') and not part of the text above; "
                                       "indent the rest of a long text further than its field name, or add "
                                       "the missing ':'")
    if "'-' indicator" in problem or ("block collection" in context and "block end" in problem):
        return line, ("this line is not lined up with the list items above it; start each item with '- ' "
                      "at the same indentation")
    if "expected key" in problem or "block end" in problem:
        value = re.sub(r"^\s*(?:-\s+)?(?:[A-Za-z_][\w-]*:\s+)?", "", here)
        if value[:1] in "\"'" and value.count(value[0]) >= 2 and not value.rstrip().endswith(value[0]):
            return line, ("a text that starts with a quote must end with the same quote; put the whole text "
                          f"in quotes: {_quoted(here)}")
        if value[:1] in "[{":
            return line, (f"a text that starts with {value[0]} is read as a list or a set of fields; "
                          f"put the whole text in quotes: {_quoted(here)}")
        if here.lstrip().startswith("- "):
            return line, ("this list item ('- ') is not lined up with the items above it, or stands where a "
                          "field ('name: value') was expected; start each item of a list with '- ' at the same "
                          "indentation, under the field it belongs to")
        return line, ("this line is not lined up with the fields above it; indent it exactly like the "
                      "fields it belongs with (YAML groups lines by the spaces at their start)")
    return line, ("YAML cannot read this line; check its indentation, that each field is 'name: value', "
                  "and that quotes and brackets are closed")


def load_yaml(path: Path, shown_as: str) -> tuple[object, list[Problem]]:
    """Read one YAML file. Returns (data or None, problems)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(shown_as, line, "", "the file is not UTF-8 text; save it as UTF-8")]
    if not text.strip():
        return None, [Problem(shown_as, 1, "", "the file is empty; expected YAML fields")]
    loader = _LineLoader(text)
    loader.duplicate_keys = []
    loader.source = text.splitlines()
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
    # `summary: &more text` is valid YAML that silently drops "&more" (a YAML anchor): say so.
    for number, source_line in enumerate(loader.source, 1):
        if _ANCHOR.match(source_line):
            problems.append(Problem(shown_as, number, "", _AMPERSAND_OR_STAR + _quoted(source_line)))
    if data is None:
        problems.append(Problem(shown_as, 1, "", "the file holds no fields; expected YAML fields"))
    return data, problems
