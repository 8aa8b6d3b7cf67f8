"""One word per idea: the guide uses the terms in docs/editing-the-guide.md, never the retired ones.

A reader in a hard moment should not have to wonder whether a "helper", a
"support worker" and an "advocate" are three different people.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .guide_files import page_files, texts_in

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
DOCS = ROOT / "docs" / "editing-the-guide.md"

# Fields that hold ids and links, not words a reader reads.
NOT_WORDS = {"type", "id", "ref", "see", "for", "from", "to"}

# A retired word (as a pattern) and the term to use instead.
RETIRED = {
    r"\bsupport workers?\b": "advocate",
    r"\btrained helpers?\b": "advocate",
    r"\bhelpers?\b": "advocate",
    r"\blimits?\b": "boundary / boundaries",
    r"\brisk(?:y|ier|iest)\b": "dangerous",
}


def texts(node):
    """Every text a reader reads in a YAML tree."""
    return (" ".join(text.split()) for text in texts_in(node, NOT_WORDS))


def page_texts(path: Path) -> list[str]:
    return list(texts(yaml.safe_load(path.read_text(encoding="utf-8"))))


def retired_words(text: str) -> list[tuple[str, str]]:
    """(the retired word as written, the term to use) for each one in the text."""
    found = []
    for pattern, use in RETIRED.items():
        found += [(match.group(0), use) for match in re.finditer(pattern, text, re.IGNORECASE)]
    return found


def line_of(path: Path, word: str) -> int:
    """The first line of the file holding the word's first word (folded text splits phrases)."""
    first = word.split()[0].lower()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.search(rf"\b{re.escape(first)}", line.lower()):
            return number
    return 1


def test_the_check_finds_retired_words():
    assert retired_words("A support worker, a helper and some limits are risky.") == [
        ("support worker", "advocate"), ("helper", "advocate"), ("limits", "boundary / boundaries"),
        ("risky", "dangerous")]
    assert retired_words("A time-limited test with an advocate is not a risk to your boundaries.") == []


@pytest.mark.parametrize("path", page_files(), ids=lambda p: str(p.relative_to(CONTENT)))
def test_no_retired_words(path: Path):
    problems = [f"{path.relative_to(ROOT)}:{line_of(path, word)}: '{word}': write '{use}' instead"
                for text in page_texts(path) for word, use in retired_words(text)]
    assert not problems, "retired words (see the terms list in docs/editing-the-guide.md):\n" + "\n".join(problems)


def test_the_editing_guide_lists_the_terms():
    docs = DOCS.read_text(encoding="utf-8")
    terms = docs.split("## Terms", 1)
    assert len(terms) == 2, "docs/editing-the-guide.md needs a '## Terms' section"
    for word in ("advocate", "boundary", "coercive control", "dangerous", "safety plan", "protection order",
                 "emergency number", "support worker", "helper", "limit", "risky"):
        assert word in terms[1], f"the terms list does not mention '{word}'"


def all_texts() -> list[tuple[Path, str]]:
    return [(path, text) for path in page_files() for text in page_texts(path)]


# A term's other names and search words (the word list, content/72-words.yml) are
# names people use, listed so readers find the term: not sentences of the guide.
NAME_LISTS = {"other_names", "search_also"}


def sentences() -> list[tuple[Path, str]]:
    """Every sentence a reader reads, without a term's lists of names (names, not sentences)."""
    return [(path, " ".join(text.split())) for path in page_files()
            for text in texts_in(yaml.safe_load(path.read_text(encoding="utf-8")), NOT_WORDS | NAME_LISTS)]


def test_restraining_order_is_named_once_beside_protection_order():
    found = [(path, text) for path, text in sentences() if "restraining order" in text.lower()]
    assert len(found) == 1, f"say once that people also call it a restraining order; found {len(found)}"
    assert "protection order" in found[0][1].lower()


def test_advocate_is_explained_where_help_is_offered():
    get_help = CONTENT / "02-get-help.yml"
    assert any(text.startswith("An advocate is ") for text in page_texts(get_help))


def test_coercive_control_is_named_where_the_source_names_it():
    try_to_fix = " ".join(page_texts(CONTENT / "22-try-to-fix.yml"))
    assert "coercive control" in try_to_fix
    explained = " ".join(page_texts(CONTENT / "10-what-toxic-means.yml"))
    assert "called coercive control" in explained
