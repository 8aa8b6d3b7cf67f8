"""Declarative field types that check YAML data and say what they expected.

A schema is a Record of named fields. Checking walks the data once, collects
every problem with its file, line and dotted field path, and returns clean
plain values (str, list, dict) for templates.

Each field type also knows whether it holds *words* (text a reader reads, which
a translation replaces) or *structure* (ids, links, flags, numbers, choices,
which come from the source file in every language). From that one fact come:
`words_only()` (the schema of a translation file), `words_of()` (the words of a
source value: a translation skeleton, a fingerprint) and `overlay()` (a
translation laid over its source, checked for the same shape and links).
"""
from __future__ import annotations

import copy
import datetime
import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import NamedTuple

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


class Link(NamedTuple):
    """A link found in the data: where it points, and where it was written."""

    target: str  # "page" or "page/block"
    file: str
    line: int | None
    field: str
    block: str | None = None  # the id of the block holding it (None: the page's own fields)


@dataclass
class Check:
    """Where we are in one file, and what was found so far.

    `file` follows the data: a value merged in from another file (a translation)
    is checked, and its problems reported, in that file.
    """

    file: str
    problems: list[Problem] = field(default_factory=list)
    refs: list[Link] = field(default_factory=list)

    def problem(self, line: int | None, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, path, message))

    def inside(self, file: str | None) -> str:
        """Switch to the file a value came from; returns the file to switch back to."""
        previous = self.file
        if file:
            self.file = file
        return previous


@dataclass
class Merge:
    """A translation being laid over its source file, and what was found so far."""

    file: str  # the translation file, as shown in messages
    source: str  # "the English file content/22-try-to-fix.yml"
    source_file: str = ""  # "content/22-try-to-fix.yml"
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int | None, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, path, message))


def _line_of(value: object, key: str | int, default: int) -> int:
    if isinstance(value, Node):
        return value.key_lines.get(key, value.line)
    if isinstance(value, Items) and isinstance(key, int) and key < len(value.item_lines):
        return value.item_lines[key]
    return default


def _absent(value: object) -> bool:
    return value is None


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
    words = False  # structure unless a type says otherwise: it comes from the source file

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
    # --- translation: words and structure ---------------------------------------

    def words_only(self) -> "Field | None":
        """This field as a translation file has it: None when it is all structure."""
        return self if self.words else None

    def words_of(self, value: object) -> object:
        """The words in a (checked) source value, shaped as a translation writes them."""
        return value.strip() if isinstance(value, str) else value

    def overlay(self, source: object, translation: object, line: int, path: str, merge: Merge) -> object:
        """The translation laid over the source (raw YAML): structure from the source,
        words from the translation. Shape problems go to `merge`; what the value
        itself holds is checked afterwards, once, with check()."""
        return translation if self.words else source


class Text(Field):
    """Plain text with inline Markdown; refs are collected for later checks.

    Words by default; `words=False` for text that is the same in every language
    (a phone number, an address)."""

    expected = "text"
    words = True

    def __init__(self, *args, markdown: bool = True, max_length: int | None = None, words: bool | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.markdown = markdown
        self.max_length = max_length
        if words is not None:
            self.words = words

    def overlay(self, source, translation, line, path, merge):
        if not self.words:
            return source
        if isinstance(source, str) and isinstance(translation, str):
            for message in link_differences(source, translation):
                merge.problem(line, path, message)
        return translation

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
            check.refs.append(Link(ref, check.file, line_of(value, "ref:" + ref, line, nth), path))
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
    """Short text that must match a pattern (ids, phone numbers, colours): structure."""

    words = False

    def __init__(self, pattern: str, expected: str, *args, **kwargs):
        kwargs.setdefault("words", False)
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
        check.refs.append(Link(target, check.file, line, path))
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
    def __init__(self, item: Field, *args, minimum: int = 1, single_ok: bool = False, own_length: bool = False,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.minimum = minimum
        self.single_ok = single_ok  # a lone item may be written without the list
        # A translation may hold more or fewer items than its source (a language's own
        # names for a thing); by default it translates each item, in the same order.
        self.own_length = own_length
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
        raw = getattr(value, "raw_items", {})
        clean = []
        for index, (item, item_line) in enumerate(zip(value, lines)):
            back = check.inside(value.file_of(index) if isinstance(value, Items) else None)
            clean.append(check_written(self.item, item, raw.get(index), item_line, f"{path}[{index}]", check, "- "))
            check.file = back
        return clean

    def words_only(self):
        item = self.item.words_only()
        return ListOf(item, required=self.required, minimum=self.minimum, single_ok=self.single_ok,
                      own_length=self.own_length, doc=self.doc) if item else None

    def words_of(self, value):
        if self.single_ok and not isinstance(value, list):
            return self.item.words_of(value)
        return [self.item.words_of(item) for item in value] if isinstance(value, list) else value

    def overlay(self, source, translation, line, path, merge):
        if self.item.words_only() is None:
            return source
        if not isinstance(translation, list) and not (self.single_ok and isinstance(translation, str)):
            return translation  # the wrong kind of value: check() says what was expected
        if self.own_length:
            return translation  # the language's own list, checked item by item by check()
        many = isinstance(source, list)
        sources = source if many else [source]
        translations = translation if isinstance(translation, list) else [translation]
        if len(sources) != len(translations):
            merge.problem(line, path, f"has {_count(translations)} but {merge.source} has {_count(sources)} here; "
                                      "translate each item, in the same order")
            return translation
        if not isinstance(translation, list):
            return self.item.overlay(source, translation, line, path, merge)
        merged = Items(self.item.overlay(s, t, _line_of(translation, i, line), f"{path}[{i}]", merge)
                       for i, (s, t) in enumerate(zip(sources, translations)))
        merged.line, merged.file = getattr(translation, "line", line), getattr(translation, "file", merge.file)
        merged.item_lines = list(getattr(translation, "item_lines", [line] * len(translations)))
        return merged

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
        back = check.inside(value.file if isinstance(value, Node) else None)
        own_file = check.file
        clean = {}
        for key, item in value.items():
            if key in skip:
                continue
            key_line = key_lines.get(key, own_line)
            check.file = value.file_of(key) or own_file if isinstance(value, Node) else own_file
            if key not in self.fields:
                check.problem(key_line, prefix + key, f"unknown field{did_you_mean(key, self.fields)}; "
                              f"expected one of: {', '.join(self.fields)}")
                continue
            comment = getattr(value, "comment_values", {}).get(key)
            if comment is not None:
                check.problem(key_line, prefix + key, f"is empty, because YAML reads everything from # on as a "
                                                      f"comment; write the value in quotes: {key}: \"{comment}\"")
                continue
            if item is None and not self.fields[key].required:
                clean[key] = self.fields[key].default  # 'intro:' with nothing after it: as if not given
                continue
            raw = getattr(value, "raw_values", {}).get(key)
            clean[key] = check_written(self.fields[key], item, raw, key_line, prefix + key, check, f"{key}: ")
        check.file = own_file
        for key, spec in self.fields.items():
            if key in value:
                continue
            if spec.required:
                check.problem(own_line, prefix + key, f"is missing; expected {spec.expected}")
            else:
                clean[key] = spec.default
        check.file = back
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

    def words_only(self):
        fields = {key: spec.words_only() for key, spec in self.fields.items()}
        fields = {key: spec for key, spec in fields.items() if spec is not None}
        return Record(fields, required=self.required, doc=self.doc) if fields else None

    def words_of(self, value):
        if not isinstance(value, dict):
            return value
        words = {}
        for key, item in value.items():
            spec = self.fields.get(key)
            if spec is not None and spec.words_only() is not None and not _absent(item):
                words[key] = spec.words_of(item)
        return words

    def overlay(self, source, translation, line, path, merge, skip: tuple[str, ...] = ()):
        if self.words_only() is None:
            return source
        if not isinstance(translation, dict) or not isinstance(source, dict):
            return translation  # check() says what was expected
        prefix = f"{path}." if path else ""
        merged = source.copy_with() if isinstance(source, Node) else Node(source)
        if not isinstance(source, Node):
            merged.line, merged.key_lines, merged.key_files = line, {}, {}
            merged.raw_values, merged.comment_values = {}, {}
        own_line = translation.line if isinstance(translation, Node) else line
        words_fields = [key for key, spec in self.fields.items() if spec.words_only() is not None]
        for key, item in translation.items():
            if key in skip:
                continue
            key_line = _line_of(translation, key, own_line)
            spec = self.fields.get(key)
            if spec is None:
                merge.problem(key_line, prefix + key, f"unknown field{did_you_mean(key, words_fields)}; "
                              f"a translation of this part has only: {', '.join(words_fields) or 'no words'}")
            elif spec.words_only() is None:
                merge.problem(key_line, prefix + key, f"comes from {merge.source}; remove it")
            elif _absent(source.get(key)) and not getattr(spec, "own_length", False):
                merge.problem(key_line, prefix + key, f"is not in {merge.source} here; remove it")
            else:
                merged[key] = spec.overlay(source.get(key), item, key_line, prefix + key, merge)
                merged.key_lines[key] = key_line
                merged.key_files[key] = getattr(translation, "file", None) or merge.file
                # How the translator wrote it (an unquoted number, a # read as a comment), for check().
                for written in ("raw_values", "comment_values"):
                    getattr(merged, written).pop(key, None)
                    if key in getattr(translation, written, {}):
                        getattr(merged, written)[key] = getattr(translation, written)[key]
        for key in words_fields:
            if key not in skip and not _absent(source.get(key)) and key not in translation:
                where = _line_of(source, key, 0)
                merge.problem(line, prefix + key, f"is missing; translate it from {merge.source}"
                                                      + (f", line {where}" if where else ""))
        return merged


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
                back = check.inside(value.file_of(key) if isinstance(value, Node) else None)
                clean = {"kind": key, key: self.records[key].check(value[key], key_line, f"{path}.{key}", check)}
                check.file = back
                return clean
            check.problem(line, f"{path}.{key}", f"unknown field{did_you_mean(key, self.records)}; expected {self.expected}")
            return None
        self.wrong(value, line, path, check)
        return None

    def _json_schema(self):
        options = [self.text.json_schema()] if self.text else []
        options += [{"type": "object", "properties": {key: record.json_schema()}, "required": [key],
                     "additionalProperties": False} for key, record in self.records.items()]
        return {"anyOf": options}

    def _records_words(self) -> dict[str, Field]:
        return {key: record.words_only() for key, record in self.records.items() if record.words_only()}

    def words_only(self):
        text = self.text.words_only() if self.text else None
        records = self._records_words()
        return OneOf(text, records, required=self.required, doc=self.doc) if text or records else None

    def words_of(self, value):
        if isinstance(value, str) and self.text:
            return self.text.words_of(value)
        if isinstance(value, dict) and len(value) == 1:
            key = next(iter(value))
            if key in self.records:
                return {key: self.records[key].words_of(value[key])}
        return value

    def overlay(self, source, translation, line, path, merge):
        if self.words_only() is None:
            return source
        kind_source, kind_translation = _one_of_kind(source), _one_of_kind(translation)
        if kind_translation is None:
            return translation  # check() says what was expected
        if kind_source != kind_translation:
            merge.problem(line, path, f"is {kind_translation} but {merge.source} has {kind_source} here; "
                                      "keep the same kind of item")
            return translation
        if isinstance(source, str):
            return self.text.overlay(source, translation, line, path, merge)
        key = next(iter(source))
        key_line = _line_of(translation, key, line)
        merged = Node({key: self.records[key].overlay(source[key], translation[key], key_line, f"{path}.{key}",
                                                      merge)})
        merged.line, merged.file = getattr(translation, "line", line), getattr(translation, "file", merge.file)
        merged.key_lines = {key: key_line}
        return merged


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
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _one_of_kind(value: object) -> str | None:
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict) and len(value) == 1:
        return f"'{next(iter(value))}:'"
    return None


def _count(items: list) -> str:
    return f"{len(items)} item{'s' if len(items) != 1 else ''}"



def link_differences(source: str, translation: str) -> list[str]:
    """A translation keeps every link of its source, with the same target."""
    wanted, found = _TEXT.link_targets(source), _TEXT.link_targets(translation)
    messages = []
    for target in wanted:
        if target in found:
            found.remove(target)
        else:
            messages.append(f"lost the link to '{target}' that the source text has; "
                            f"keep it, with your own words: [...]({target})")
    for target in found:
        messages.append(f"has a link to '{target}' that the source text does not have; links keep the "
                        f"source's targets" + (f" ({', '.join(_TEXT.link_targets(source))})"
                                               if _TEXT.link_targets(source) else ""))
    return messages


def fingerprint(words: object) -> str:
    """A short hash of some words (not of structure): a translation records the
    fingerprint of the source words it was made from, to tell when they change."""
    def normal(value):
        if isinstance(value, str):
            return " ".join(value.split())
        if isinstance(value, list):
            return [normal(item) for item in value]
        if isinstance(value, dict):
            return {key: normal(item) for key, item in value.items()}
        return value

    text = json.dumps(normal(words), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    short = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    # Never digits only: YAML would read that as a number (and one with a leading 0 as octal).
    return "f" + short[1:] if short.isdigit() else short


def slug(text: str) -> str:
    """A readable anchor id made from a heading."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"['\u2019]", "", text.lower()))
    return "-".join(words[:8]) or "block"
