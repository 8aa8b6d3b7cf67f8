"""Declarative field types that check YAML data and say what they expected.

A schema is a Record of named fields. Checking walks the data once, collects
every problem with its file, line and dotted field path, and returns clean
plain values (str, list, dict) for templates.
"""
from __future__ import annotations

import copy
import datetime
import re
from dataclasses import dataclass, field

from .markup import HTML_LIKE, TextRenderer
from .problems import Problem
from .yamlfile import Items, Node, line_of

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ID = ID_PATTERN.pattern[1:-1]
# What a ref can point to: a page id, or a page id, a slash and a block id ('faq/how-long-to-wait').
REF_PATTERN = re.compile(rf"^\s*(?:ref:)?{_ID}(?:/{_ID})?\s*$")
_TEXT = TextRenderer()

# JSON Schema (draft-07) fragments for code editors: each field type says what it accepts
# (json_schema below), so the schemas in schemas/ come from the same definitions the build
# checks with. Patterns are written so that Python and ECMAScript (editors) read them alike;
# "errorMessage" and "patternErrorMessage" are the editors' own keywords for the message shown.
_NOT_EMPTY = r"\S"
_NO_HTML = r"^(?![\s\S]*" + HTML_LIKE.pattern + ")"
_NO_LINKS = r"^(?!(?=[\s\S]*\[)[\s\S]*\]\()"


@dataclass
class Check:
    """Where we are in one file, and what was found so far."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    refs: list[tuple[str, str, int, str]] = field(default_factory=list)  # (ref, file, line, field)

    def problem(self, line: int | None, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, path, message))


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"the date {value}"
    return type(value).__name__


def _as_yaml_read(value: object) -> str:
    """What YAML made of a plain value: 'a number', 'true/false', 'a date'."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return "a date" if isinstance(value, (datetime.date, datetime.datetime)) else _kind(value)


def check_written(spec: "Field", value: object, raw: str | None, line: int, path: str, check: Check,
                  quoted_as: str) -> object:
    """Check a value; `raw` is its text as written when YAML read it as a number, true/false or a
    date. Where text was expected, say so and show the quoted form (`quoted_as` + "..."), so
    `value: 5552017799` or `hours: no` is explained instead of refused as "got the number"."""
    if raw is not None and isinstance(spec, Text):
        if isinstance(spec, Pattern) and isinstance(value, (int, float)) and not isinstance(value, bool):
            return spec.check(raw, line, path, check)  # digits as written: a leading + or 0 stays
        check.problem(line, path, f"expected {spec.expected}, got {_kind(value)}: without quotes YAML reads "
                                  f"{raw} as {_as_yaml_read(value)}; write it in quotes: {quoted_as}\"{raw}\"")
        return None
    return spec.check(value, line, path, check)


class Field:
    expected = "a value"

    def __init__(self, required: bool = True, default: object = None, doc: str = ""):
        self.required = required
        self.default = default
        self.doc = doc

    def check(self, value: object, line: int, path: str, check: Check) -> object:
        raise NotImplementedError

    def wrong(self, value: object, line: int, path: str, check: Check) -> None:
        check.problem(line, path, f"expected {self.expected}, got {_kind(value)}")

    def with_doc(self, doc: str) -> "Field":
        """The same field with its own help text, for a shared field used in several places."""
        described = copy.copy(self)
        described.doc = doc
        return described

    def json_schema(self) -> dict:
        """What this field accepts, as a JSON Schema for code editors; its doc is the hover text."""
        return self._described(self._json_schema())

    def _json_schema(self) -> dict:
        raise NotImplementedError(f"{type(self).__name__} has no JSON Schema; give it a _json_schema method")

    def _described(self, schema: dict) -> dict:
        if self.doc:
            schema = {"description": self.doc, **schema}
        if not self.required and self.default not in (None, [], {}):
            schema["default"] = self.default
        return schema

    def _scalar(self, schema: dict) -> dict:
        """A single value: editors show the build's own words when it is of the wrong kind."""
        return {**schema, "errorMessage": f"expected {self.expected}"}


class Text(Field):
    """Plain text with inline Markdown; refs are collected for later checks."""

    expected = "text"

    def __init__(self, *args, markdown: bool = True, max_length: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.markdown = markdown
        self.max_length = max_length

    def check(self, value, line, path, check):
        if not isinstance(value, str):
            self.wrong(value, line, path, check)
            return None
        text = value.strip()
        if not text:
            check.problem(line, path, f"is empty; expected {self.expected}")
            return None
        if self.max_length and len(text) > self.max_length:
            check.problem(line, path, f"is {len(text)} characters long; keep it under {self.max_length}")
        problems, refs = _TEXT.check(text)
        if not self.markdown and ("[" in text and "](" in text):
            problems.append("links are not allowed in this field; write plain text")
        for message in problems:
            check.problem(line, path, message)
        seen: dict[str, int] = {}
        for ref in refs:
            # The link's own line, also inside a text written over several lines.
            nth = seen[ref] = seen.get(ref, -1) + 1
            check.refs.append((ref, check.file, line_of(value, "ref:" + ref, line, nth), path))
        return text

    def _json_schema(self):
        rules = [{"pattern": _NO_HTML, "patternErrorMessage": "HTML is not allowed in text; write plain text, "
                                                             "*emphasis* or [a link](https://...)"}]
        if not self.markdown:
            rules.append({"pattern": _NO_LINKS,
                          "patternErrorMessage": "links are not allowed in this field; write plain text"})
        schema = {"type": "string", "pattern": _NOT_EMPTY,
                  "patternErrorMessage": f"is empty; expected {self.expected}", "allOf": rules}
        if self.max_length:
            schema["maxLength"] = self.max_length
        return self._scalar(schema)


class Pattern(Text):
    """Short text that must match a pattern (ids, durations, phone numbers)."""

    def __init__(self, pattern: str, expected: str, *args, **kwargs):
        super().__init__(*args, markdown=False, **kwargs)
        self.pattern = re.compile(pattern)
        self.expected = expected

    def check(self, value, line, path, check):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.wrong(value, line, path, check)
            return None
        text = value.strip()
        if not self.pattern.match(text):
            check.problem(line, path, f"'{text}' is not valid; expected {self.expected}")
            return None
        return text

    def _json_schema(self):
        pattern = self.pattern.pattern
        if not pattern.startswith("^"):
            pattern = f"^(?:{pattern})"  # the build matches from the start; JSON Schema searches
        # A number is read as its digits (an unquoted 911), so numbers are left to the build.
        return self._scalar({"type": ["string", "number"], "pattern": pattern,
                             "patternErrorMessage": f"expected {self.expected}"})


class Id(Pattern):
    def __init__(self, *args, **kwargs):
        super().__init__(ID_PATTERN.pattern, "lowercase words joined by hyphens, like 'how-long-to-wait'",
                         *args, **kwargs)


class Ref(Field):
    """A link to a page ('page-id') or a block ('page-id/block-id')."""

    expected = "a page id like 'safety' or a block like 'faq/how-long-to-wait'"

    def check(self, value, line, path, check):
        if not isinstance(value, str) or not value.strip():
            self.wrong(value, line, path, check)
            return None
        target = value.strip()
        if target.startswith("ref:"):
            target = target[4:]
        check.refs.append((target, check.file, line, path))
        return target

    def _json_schema(self):
        # Only the form: whether the page or block exists is checked by the build.
        return self._scalar({"type": "string", "pattern": REF_PATTERN.pattern,
                             "patternErrorMessage": f"expected {self.expected}"})


class Flag(Field):
    expected = "true or false"

    def check(self, value, line, path, check):
        if not isinstance(value, bool):
            self.wrong(value, line, path, check)
            return None
        return value

    def _json_schema(self):
        return self._scalar({"type": "boolean"})


class Number(Field):
    def __init__(self, *args, minimum: int = 0, maximum: int = 1000, **kwargs):
        super().__init__(*args, **kwargs)
        self.minimum, self.maximum = minimum, maximum
        self.expected = f"a whole number from {minimum} to {maximum}"

    def check(self, value, line, path, check):
        if isinstance(value, bool) or not isinstance(value, int) or not self.minimum <= value <= self.maximum:
            self.wrong(value, line, path, check)
            return None
        return value

    def _json_schema(self):
        return self._scalar({"type": "integer", "minimum": self.minimum, "maximum": self.maximum})


class Choice(Field):
    def __init__(self, options: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options
        self.expected = "one of: " + ", ".join(options)

    def check(self, value, line, path, check):
        if value not in self.options:
            shown = f"'{value}'" if isinstance(value, str) else _kind(value)
            check.problem(line, path, f"{shown} is not allowed; expected {self.expected}")
            return None
        return value

    def _json_schema(self):
        return self._scalar({"enum": list(self.options)})


class ListOf(Field):
    def __init__(self, item: Field, *args, minimum: int = 1, single_ok: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.minimum = minimum
        self.single_ok = single_ok  # a lone item may be written without the list
        self.expected = f"a list of {item.expected}" + (f" (at least {minimum})" if minimum > 1 else "")

    def check(self, value, line, path, check):
        if self.single_ok and not isinstance(value, list) and value is not None:
            return [self.item.check(value, line, path, check)]
        if not isinstance(value, list):
            self.wrong(value, line, path, check)
            return None
        if len(value) < self.minimum:
            check.problem(line, path, f"has {len(value)} item(s); expected at least {self.minimum}")
        lines = value.item_lines if isinstance(value, Items) else [line] * len(value)
        raw = value.raw_items if isinstance(value, Items) else {}
        return [check_written(self.item, item, raw.get(index), item_line, f"{path}[{index}]", check, "- ")
                for index, (item, item_line) in enumerate(zip(value, lines))]

    def _json_schema(self):
        items = {"type": "array", "items": self.item.json_schema()}
        if self.minimum:
            items["minItems"] = self.minimum
        if self.single_ok:
            return {"anyOf": [items, self.item.json_schema()]}
        return items


class Record(Field):
    """A set of named fields; unknown fields are reported, with a suggestion."""

    expected = "a set of fields"

    def __init__(self, fields: dict[str, Field], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = fields

    def check(self, value, line, path, check, skip: tuple[str, ...] = ()):
        if not isinstance(value, dict):
            self.wrong(value, line, path, check)
            return None
        key_lines = value.key_lines if isinstance(value, Node) else {}
        own_line = value.line if isinstance(value, Node) else line
        prefix = f"{path}." if path else ""
        clean = {}
        for key, item in value.items():
            if key in skip:
                continue
            key_line = key_lines.get(key, own_line)
            if key not in self.fields:
                check.problem(key_line, prefix + key, f"unknown field{did_you_mean(key, self.fields)}; "
                              f"expected one of: {', '.join(self.fields)}")
                continue
            comment = value.comment_values.get(key) if isinstance(value, Node) else None
            if comment is not None:
                check.problem(key_line, prefix + key, f"is empty, because YAML reads everything from # on as a "
                                                      f"comment; write the value in quotes: {key}: \"{comment}\"")
                continue
            if item is None and not self.fields[key].required:
                clean[key] = self.fields[key].default  # 'intro:' with nothing after it: as if not given
                continue
            raw = value.raw_values.get(key) if isinstance(value, Node) else None
            clean[key] = check_written(self.fields[key], item, raw, key_line, prefix + key, check, f"{key}: ")
        for key, spec in self.fields.items():
            if key in value:
                continue
            if spec.required:
                check.problem(own_line, prefix + key, f"is missing; expected {spec.expected}")
            else:
                clean[key] = spec.default
        return clean

    def _json_schema(self):
        schema = {
            "type": "object",
            # An optional field left empty ('intro:' with nothing after it) counts as not given.
            "properties": {key: spec.json_schema() if spec.required else _or_nothing(spec.json_schema())
                           for key, spec in self.fields.items()},
            "additionalProperties": False,
        }
        required = [key for key, spec in self.fields.items() if spec.required]
        if required:
            schema["required"] = required
        return schema


class OneOf(Field):
    """Either plain text or a record chosen by its single key (like 'bullets:')."""

    def __init__(self, text: Field | None, records: dict[str, Field], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.text = text
        self.records = records
        options = (["text"] if text else []) + [f"'{key}:'" for key in records]
        self.expected = " or ".join(options)

    def check(self, value, line, path, check):
        if isinstance(value, str) and self.text:
            return {"kind": "text", "text": self.text.check(value, line, path, check)}
        if isinstance(value, dict) and len(value) == 1:
            key = next(iter(value))
            if key in self.records:
                key_line = value.key_lines.get(key, line) if isinstance(value, Node) else line
                return {"kind": key, key: self.records[key].check(value[key], key_line, f"{path}.{key}", check)}
            check.problem(line, f"{path}.{key}", f"unknown field{did_you_mean(key, self.records)}; expected {self.expected}")
            return None
        self.wrong(value, line, path, check)
        return None

    def _json_schema(self):
        options = [self.text.json_schema()] if self.text else []
        options += [{"type": "object", "properties": {key: record.json_schema()}, "required": [key],
                     "additionalProperties": False} for key, record in self.records.items()]
        return {"anyOf": options}


def _or_nothing(schema: dict) -> dict:
    """The schema of an optional field, which may also be left empty (null)."""
    schema = dict(schema)
    if "anyOf" in schema:
        schema["anyOf"] = [*schema["anyOf"], {"type": "null"}]
    elif "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    elif "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        schema["type"] = [*types, "null"]
    else:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return schema


def did_you_mean(key: str, known) -> str:
    """' (did you mean 'question'?)' for the closest of `known`, or '' when none is close."""
    import difflib

    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def slug(text: str) -> str:
    """A readable anchor id made from a heading."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"['\u2019]", "", text.lower()))
    return "-".join(words[:8]) or "block"
