"""Inline Markdown for text fields: emphasis and links, never raw HTML.

The same pass that renders a text also lists its links, so validation and
rendering cannot disagree about what a link is.
"""
from __future__ import annotations

import re
from typing import Callable
from xml.etree import ElementTree

import markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from markupsafe import Markup

HTML_LIKE = re.compile(r"<\s*/?\s*[A-Za-z!?]")
EVENT_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
REF_PREFIX = "ref:"
SAFE_SCHEMES = ("https://", "http://", "mailto:", "tel:", "sms:")
# Links take the reader away: they never pass on where they came from.
EXTERNAL_REL = "noopener noreferrer"

# Text with none of these needs no Markdown pass: most fields are plain sentences.
NEEDS_MARKDOWN = re.compile(r"[*_\[\]`\\<&\n]|^\s*(?:[-+]|\d+[.)])\s|https://")
# A bare address written in the text ("see https://example.org/help."): it becomes a link.
# Not inside [text](...) or a word; "<" is already "&lt;" when this runs.
BARE_ADDRESS = r"(?<![\w/(\[])https://(?:(?!&lt;)[^\s<>\"'`])+"

# A resolver turns "page" or "page/block" into a URL relative to the page
# being rendered.
Resolver = Callable[[str], str]


def _no_links(target: str) -> str:
    return "#"


class _Links(Treeprocessor):
    """Lists every link target, resolves ref: links and marks outside links."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.targets: list[str] = []
        self.images = 0
        self.resolve: Resolver = _no_links

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            if element.tag == "img":
                self.images += 1
            if element.tag != "a":
                continue
            href = (element.get("href") or "").strip()
            self.targets.append(href)
            if href.startswith(REF_PREFIX):
                element.set("href", self.resolve(href[len(REF_PREFIX):]))
            elif href.startswith(("https://", "http://")):
                element.set("rel", EXTERNAL_REL)
            elif not href.startswith(SAFE_SCHEMES) and not href.startswith("#"):
                element.set("href", "#")  # never reached once validation passed


class _BareAddresses(InlineProcessor):
    """https://example.org/ written without [text](...) becomes a link to itself."""

    ANCESTOR_EXCLUDES = ("a",)  # never a link inside a link's text: [https://a.org/](https://a.org/)

    def handleMatch(self, match: re.Match, data: str):
        address = match.group(0)
        # Punctuation that ends the sentence is not part of the address; a ")" only when unpaired.
        while address[-1] in ".,;:!?)" and not (address[-1] == ")" and address.count("(") >= address.count(")")):
            address = address[:-1]
        if address == "https://":
            return None, None, None
        link = ElementTree.Element("a", {"href": address})
        link.text = AtomicString(address)  # no emphasis inside an address (https://a.org/my_page_1)
        return link, match.start(0), match.start(0) + len(address)


class TextRenderer:
    """Renders one text field at a time; reuses one Markdown instance."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[], output_format="html")
        # Text fields are prose: no headings, code blocks, quotes or rules that
        # would break the page outline, and no reference-style link definitions.
        for name in ("hashheader", "setextheader", "hr", "code", "indent", "quote", "reference"):
            self._md.parser.blockprocessors.deregister(name)
        for name in ("html", "autolink", "automail", "reference", "short_reference", "image_reference"):
            if name in self._md.inlinePatterns:
                self._md.inlinePatterns.deregister(name)
        # After [text](...) links (160), before emphasis, so an address keeps its _ and *.
        self._md.inlinePatterns.register(_BareAddresses(BARE_ADDRESS, self._md), "steady_ground_bare_address", 155)
        self._links = _Links(self._md)
        self._md.treeprocessors.register(self._links, "steady_ground_links", 0)

    def _convert(self, text: str, resolve: Resolver) -> str:
        if not NEEDS_MARKDOWN.search(text):
            return f"<p>{text.replace('>', '&gt;')}</p>"
        self._md.reset()
        self._links.targets = []
        self._links.images = 0
        self._links.resolve = resolve
        # "<" is always shown as a character, so no HTML can reach the page.
        return self._md.convert(text.replace("<", "&lt;"))

    def block(self, text: str, resolve: Resolver = _no_links) -> Markup:
        """One or more paragraphs (separated by blank lines)."""
        return Markup(self._convert(text, resolve))

    def inline(self, text: str, resolve: Resolver = _no_links) -> Markup:
        """A single line of text, without the surrounding paragraph."""
        html = self._convert(text, resolve)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)

    def check(self, text: str) -> tuple[list[str], list[str]]:
        """Returns (problems, ref targets) for one text field."""
        problems = []
        if not NEEDS_MARKDOWN.search(text):
            return problems, []
        tag = HTML_LIKE.search(text)
        if tag:
            snippet = text[tag.start(): tag.start() + 12].split(">")[0]
            problems.append(
                f"HTML is not allowed in text (found '{snippet}'); write plain text, "
                "*emphasis* or [a link](https://...)"
            )
        elif EVENT_HANDLER.search(text) and "<" in text:
            problems.append("HTML event handlers are not allowed in text")
        self._convert(text, _no_links)
        refs = []
        for target in self._links.targets:
            lowered = target.lower()
            if lowered.startswith(REF_PREFIX):
                refs.append(target[len(REF_PREFIX):])
            elif not lowered.startswith(SAFE_SCHEMES) and not target.startswith("#"):
                shown = target if len(target) <= 40 else target[:37] + "..."
                problems.append(
                    f"the link '{shown}' is not allowed; expected a link starting with "
                    "https://, mailto:, tel:, sms: or ref: (another page of the guide)"
                )
        if self._links.images:
            problems.append("images are not supported in text; remove the ![...](...) part")
        return problems, refs
