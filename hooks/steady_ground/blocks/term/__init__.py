"""A word readers use or hear: other names for it, its plain meaning, and where the guide covers it."""
# A page made of term blocks is the guide's word list ("Words people use"). Search
# finds each term by its word, its other names and its extra search words. Where
# one of its names appears in the text of another page, the first time on that
# page, the reader can open the meaning in place (see glossary.py).
from __future__ import annotations

import re

from ...schema import Flag, ListOf, Ref, Text

MAX_SENTENCES = 3
MAX_WORDS = 20  # per sentence
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+")


class Meaning(Text):
    """Text of 1 to 3 short sentences."""

    expected = f"1 to {MAX_SENTENCES} short sentences"

    def check(self, value, line, path, check):
        text = super().check(value, line, path, check)
        if not text:
            return text
        plain = _LINK.sub(r"\1", text).replace("*", "")
        sentences = [s for s in _SENTENCE_END.split(plain.strip()) if s.strip()]
        if len(sentences) > MAX_SENTENCES:
            check.problem(line, path, f"has {len(sentences)} sentences; keep it to 1 to {MAX_SENTENCES} short "
                                      "sentences and put the rest on the guide page the term links to")
        for sentence in sentences:
            words = len(sentence.split())
            if words > MAX_WORDS:
                check.problem(line, path, f"has a sentence of {words} words ('{' '.join(sentence.split()[:6])} ...'); "
                                          f"keep each sentence to {MAX_WORDS} words or fewer")
        return text


def _name(doc: str) -> Text:
    return Text(markdown=False, max_length=40, doc=doc)


TITLE_FIELD = "word"
SCHEMA = {
    "word": _name("The word as readers say or type it, like 'Gaslighting'. It is the entry's heading, "
                  "and its anchor when no id is given."),
    "other_names": ListOf(
        _name("another name for the same thing"), required=False, default=[], own_length=True,
        doc="Other names people use for the same thing, like 'silent treatment' for stonewalling. "
            "Shown under the word, found by search, and marked in guide text like the word. "
            "Plurals (-s, -es, -ies) are found without listing them. A translation lists the "
            "names people use in its own language, as many as there are."),
    "meaning": Meaning(doc=f"What the word means, in plain words: 1 to {MAX_SENTENCES} short sentences "
                           f"(at most {MAX_WORDS} words each). Readers see it in the list and, in guide text, "
                           "when they open the word."),
    "covered_in": ListOf(
        Ref(doc="a page id like 'safety' or a block like 'safety/violence'"), single_ok=True,
        doc="Where the guide covers it: pages or blocks, like 'safety/violence'. At least one. "
            "Shown as links under the meaning."),
    "search_also": ListOf(
        _name("a spelling or word for search only"), required=False, default=[], own_length=True,
        doc="Misspellings and other forms that search should also find, like 'narcisist'. "
            "Never shown on the page. A translation lists its own language's, as many as there are."),
    "mark_in_text": Flag(
        required=False, default=True,
        doc="true (the default): where the word or one of its other names appears in guide text, "
            "the reader can open its meaning there. false: only in this list."),
}
