"""One translation file laid over its source file: the words of one language.

A translation holds words only, shaped like the words of its source (the
schema's `words_only()`), and records in `source:` the fingerprint of the source
words it was made from. Laying it over the source gives a value with structure
from the source and words from the translation; every problem names the
translation file, its line and field. A translation whose source words changed
since is *outdated*: still used, and counted, so the build can say so.

Which files translate which, and for which edition, is decided in editions.py;
this module knows one pair of files at a time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .problems import Problem
from .schema import Field, Merge, Record, fingerprint
from .yamlfile import Node

SOURCE_KEY = "source"  # the fingerprint of the source words a translation was made from
FINGERPRINT = re.compile(r"^[0-9a-f]{8}$")
TRANSLATIONS = "translations"  # <top folder>/translations/<lang>/<same path as the source file>
# Words a block may keep unchanged in another language (names, numbers) are few;
# a block whose words are all the source's, and this many or more, is untranslated.
UNTRANSLATED_WORDS = 4

LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese", "de": "German",
                  "it": "Italian", "zh": "Chinese", "vi": "Vietnamese", "ko": "Korean", "ar": "Arabic",
                  "ru": "Russian", "pl": "Polish", "ht": "Haitian Creole", "tl": "Tagalog"}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, f"'{code}'")


@dataclass(frozen=True)
class Outdated:
    """A translated unit (a page's own words, a block, a file) whose source words changed."""

    file: str  # the translation file
    line: int | None  # of its source: line
    field: str  # "blocks.roadmap" or "" for the file's own words
    source_file: str
    source_line: int | None
    unit: str | None  # the block id in the source (None: the file's own words)
    recorded: str  # the fingerprint in the translation
    current: str  # the fingerprint of the source words now

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field + ': ' if self.field else ''}outdated (source {self.source_file})"


@dataclass
class Unit:
    """What laying one translated unit over its source gave."""

    merged: object
    outdated: Outdated | None = None


def words_fingerprint(field: Field, source: object) -> str:
    return fingerprint(field.words_of(source))


def lay_over(field: Record, source: Node, translation: object, line: int, path: str, merge: Merge,
             skip: tuple[str, ...] = (), unit: str | None = None) -> Unit:
    """Lay one translated unit (a block, or a file's own words) over its source.

    `skip` names source keys that are handled elsewhere (a page's blocks). The
    unit's `source:` must hold the fingerprint of the source words: missing or
    malformed is a problem; different means outdated.
    """
    prefix = f"{path}." if path else ""
    if not isinstance(translation, dict):
        merge.problem(line, path, f"expected the translated words (a set of fields like those in "
                                  f"{merge.source}), got {'nothing' if translation is None else 'text or a list'}")
        return Unit(source)
    current = fingerprint(_own_words(field, source, skip))
    recorded = translation.get(SOURCE_KEY)
    source_line = translation.key_lines.get(SOURCE_KEY, translation.line) if isinstance(translation, Node) else line
    outdated = None
    if recorded is None:
        merge.problem(line, prefix + SOURCE_KEY,
                      f"is missing; expected the fingerprint of the source words it was translated from: "
                      f"'{SOURCE_KEY}: {current}' if this translates the source as it is now")
    elif not (isinstance(recorded, str) and FINGERPRINT.match(recorded)):
        merge.problem(source_line, prefix + SOURCE_KEY,
                      f"expected 8 letters and digits like '{current}' (the fingerprint of the source words)")
    elif recorded != current:
        outdated = Outdated(merge.file, source_line, path, merge.source_file, getattr(source, "line", None),
                            unit, recorded, current)
    found_before = len(merge.problems)
    merged = field.overlay(source, translation, line, path, merge, skip=(SOURCE_KEY, *skip))
    words_then = _own_words(field, source, skip)
    words_now = _own_words(field, merged, skip) if isinstance(merged, dict) else None
    if (len(merge.problems) == found_before and words_now == words_then
            and _word_count(words_then) >= UNTRANSLATED_WORDS):
        merge.problem(line, path or "", f"is not translated yet: its words are the same as in {merge.source}")
    return Unit(merged, outdated)


def _own_words(field: Record, value: object, skip: tuple[str, ...]) -> object:
    if not isinstance(value, dict):
        return value
    return field.words_of({key: item for key, item in value.items() if key not in skip})


def _word_count(words: object) -> int:
    if isinstance(words, str):
        return len(re.findall(r"[^\W\d_]{2,}", words))
    if isinstance(words, list):
        return sum(_word_count(item) for item in words)
    if isinstance(words, dict):
        return sum(_word_count(item) for item in words.values())
    return 0


def relabel(problems: list[Problem], file: str, aliases: list[tuple[str, str]]) -> list[Problem]:
    """Show fields as a file writes them: 'blocks[3].heading' is 'blocks.roadmap.heading' in a
    page translation, and 'heading' in a file that holds one block."""
    moved = []
    for problem in problems:
        field = problem.field
        if problem.file == file:
            for old, new in aliases:
                if field == old or field.startswith(old + ".") or field.startswith(old + "["):
                    rest = field[len(old):]
                    field = (new + rest) if new else rest.lstrip(".")
                    break
        moved.append(Problem(problem.file, problem.line, field, problem.message) if field != problem.field
                     else problem)
    return moved
