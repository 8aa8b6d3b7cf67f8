"""The points of the seed guide: each bullet, each sentence of a paragraph, each FAQ answer sentence.

Used by test_coverage.py to check the coverage map against the seed. Headings
and the table of contents are not points: they name sections, and every section
is a list of points. A point is known by a short hash of its words, so the map
in the repository holds no seed sentence.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# A sentence ends at . ! or ? (and a closing quote), before a space and a capital,
# a quote or a digit.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d\u2019)]?\s+(?=[A-Z\u201c\"0-9])")


@dataclass(frozen=True)
class Point:
    line: int  # 1-based line of the seed
    kind: str  # "bullet" or "sentence"
    text: str

    @property
    def hash(self) -> str:
        return point_hash(self.text)


def point_hash(text: str) -> str:
    words = " ".join(re.findall(r"\w+", text.lower().replace("\u2019", "'")))
    return hashlib.sha1(words.encode("utf-8")).hexdigest()[:8]


def _is_heading(line: str) -> bool:
    """A heading: short, with no sentence end. A line that leads into a list (ends
    with ':') is a point; an FAQ question ('Q: ...') is a heading, its answer a point."""
    if line.startswith("Q: "):
        return True
    if line.startswith("A: "):
        return False
    return not re.search(r"[.!?:][\"\u201d\u2019)]*$", line) and len(line.split()) <= 12


def seed_points(seed: str) -> list[Point]:
    lines = seed.splitlines()
    points: list[Point] = []
    in_contents = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if line == "Table of Contents":
            in_contents = True
            continue
        if in_contents:
            if line.startswith("- "):
                continue
            in_contents = False
        if line.startswith("- "):
            points.append(Point(number, "bullet", line[2:].strip()))
            continue
        if _is_heading(line):
            continue
        if line.startswith("A: "):
            line = line[3:]
        for sentence in SENTENCE_END.split(line):
            if sentence.strip():
                points.append(Point(number, "sentence", sentence.strip()))
    return points
