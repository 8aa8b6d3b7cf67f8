"""The guide's word list, built from its term blocks, and the words it marks in guide text.

Where a term's word or one of its other names first appears in the text of a
page, the renderer turns it into a link to the term's entry, followed by the
meaning in a hidden span. Without JavaScript the link opens the entry; with it,
glossary.js turns the link into a button that shows the meaning in place.
The meaning is left out of the search index (data-search-exclude), so a block
is found by its own words only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .content import Guide
from .problems import Problem

TERM_TYPE = "term"

# Text inside these elements is never marked: headings and labels name things,
# links and buttons already do something, and form parts belong to worksheets.
_SKIP_TAGS = {"a", "button", "label", "textarea", "select", "option", "script", "style", "form",
              "h1", "h2", "h3", "h4", "h5", "h6", "dt", "figcaption", "legend", "th", "summary"}
_SKIP_CLASSES = {"sg-label", "sg-help", "sg-term", "sg-term__meaning", "sg-visually-hidden", "sg-couple-note"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"^<\s*(/?)\s*([a-zA-Z0-9]+)")
_CLASS = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")


@dataclass
class Term:
    id: str
    page_id: str
    word: str
    names: list[str]  # the word and its other names, as written
    meaning: str
    mark: bool
    source: str = ""
    line: int = 0


def _pattern(name: str) -> str:
    """A name as a regular expression: any case, hyphen or space between words,
    straight or curly apostrophe, and the plural forms -s, -es and -ies."""
    words = [re.escape(w).replace("'", "['\u2019]") for w in re.split(r"[\s\-]+", name.strip())]
    last = words[-1]
    if last.endswith("y") and len(last) > 2:
        words[-1] = f"(?:{last}|{last[:-1]}ies)"
    else:
        words[-1] = f"{last}(?:s|es)?"
    return r"[\s\-]+".join(words)


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)
    page_ids: set[str] = field(default_factory=set)  # pages that hold term blocks
    _regex: re.Pattern | None = None
    _by_name: dict[str, Term] = field(default_factory=dict)

    def __post_init__(self) -> None:
        marked = [(name, term) for term in self.terms if term.mark for name in term.names]
        for name, term in marked:
            self._by_name.setdefault(_key(name), term)
        if marked:
            # Longest names first, so "coercive control" wins over "control".
            names = sorted({name for name, _ in marked}, key=len, reverse=True)
            self._regex = re.compile(r"(?<![\w\-])(" + "|".join(_pattern(n) for n in names) + r")(?![\w\-])",
                                     re.IGNORECASE)

    def term_for(self, found: str) -> Term | None:
        key = _key(found)
        if key in self._by_name:
            return self._by_name[key]
        for name, term in self._by_name.items():
            if re.fullmatch(_pattern(name), found, re.IGNORECASE):
                return term
        return None

    def mark(self, html: str, seen: set[str], render) -> str:
        """Marks the first use on a page of each term not in `seen` (which it updates).

        `render(term, found_text)` returns the markup for one use.
        """
        if self._regex is None:
            return html
        parts = _TAG.split(html)
        stack: list[tuple[str, bool]] = []  # (tag, skipped)
        for index, part in enumerate(parts):
            if not part:
                continue
            if part.startswith("<"):
                match = _TAG_NAME.match(part)
                if not match or part.startswith("<!"):
                    continue
                closing, tag = match.group(1) == "/", match.group(2).lower()
                if tag in _VOID or part.endswith("/>"):
                    continue
                if closing:
                    while stack:
                        if stack.pop()[0] == tag:
                            break
                    continue
                classes = set((_CLASS.search(part) or [None, ""])[1].split())
                skipped = (tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES)
                           or re.search(r"\shidden(?:[\s=>]|$)", part) is not None)
                stack.append((tag, skipped))
                continue
            if any(skip for _, skip in stack):
                continue
            parts[index] = self._mark_text(part, seen, render)
        return "".join(parts)

    def _mark_text(self, text: str, seen: set[str], render) -> str:
        out, last = [], 0
        for match in self._regex.finditer(text):
            term = self.term_for(match.group(0))
            if term is None or term.id in seen:
                continue
            seen.add(term.id)
            out += [text[last:match.start()], render(term, match.group(0))]
            last = match.end()
        if not out:
            return text
        out.append(text[last:])
        return "".join(out)


def _key(name: str) -> str:
    return " ".join(re.split(r"[\s\-]+", name.lower().replace("\u2019", "'").strip()))


def collect(guide: Guide) -> Glossary:
    terms, page_ids = [], set()
    for page in guide.pages:
        for block in page.blocks:
            if block.type != TERM_TYPE:
                continue
            page_ids.add(page.id)
            data = block.data
            terms.append(Term(id=block.id, page_id=page.id, word=data["word"],
                              names=[data["word"], *(data.get("other_names") or [])],
                              meaning=data["meaning"], mark=data.get("mark_in_text", True) is not False,
                              source=page.source, line=block.line))
    return Glossary(terms=terms, page_ids=page_ids)


def glossary_problems(guide: Guide) -> list[Problem]:
    """A name may belong to one term only, or a word in the text could mean two things."""
    problems = []
    owners: dict[str, Term] = {}
    for term in collect(guide).terms:
        for name in term.names:
            key = _key(name)
            first = owners.get(key)
            if first is None:
                owners[key] = term
            elif first is not term:
                problems.append(Problem(term.source, term.line, f"term '{term.word}'",
                                        f"the name '{name}' is already used by the term '{first.word}' "
                                        f"at {first.source}:{first.line}; a name can belong to one term only"))
    return problems


def use_markup(term: Term, found: str, href: str, meaning_html: Markup, more: str) -> Markup:
    """One marked use: a link to the entry, then the meaning, hidden until opened."""
    meaning_id = f"sg-term-{term.id}"
    return Markup(
        f'<a class="sg-term" href="{escape(href)}" data-sg-term="{meaning_id}">{escape(found)}</a>'
        f'<span class="sg-term__meaning" id="{meaning_id}" hidden data-search-exclude>'
        f'<strong>{escape(term.word)}:</strong> {meaning_html} '
        f'<a href="{escape(href)}">{escape(more)}</a></span>'
    )
