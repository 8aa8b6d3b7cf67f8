"""Turn a checked page into HTML with the block templates (Jinja)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup

from .blocks import AUDIENCE, BLOCK_TYPES, COUPLE, HERE as BLOCKS_DIR
from .content import Block, Guide, Page
from .glossary import TERM_TYPE, Term, collect, use_markup
from .markup import TextRenderer
from .settings import Settings

TEMPLATES_DIR = Path(__file__).parent / "templates"

# Compiled templates are kept in a private temporary folder (keyed by each template's
# checksum), so rebuilds, `mkdocs serve` reloads and each edition's build skip compiling:
# the block templates, and the theme's own (see mkdocs_build.GuideBuild.cache_theme_templates).
BYTECODE_CACHE = FileSystemBytecodeCache()

# Block types that a page with 'print_booklet: true' gathers from every other page.
BOOKLET_TYPES = ("worksheet",)
# Block types whose text never gets word meanings: forms (worksheets, the self-check),
# help lines, the emergency step (it must stay short and direct) and the word list itself.
UNMARKED_TYPES = ("worksheet", "self_check", "help_channels", "emergency", TERM_TYPE)

# Given "page-id" or "page-id/block-id", the URL relative to the page being built.
LinkFor = Callable[[str], str]


class PageRenderer:
    """One Jinja environment and one Markdown renderer for the whole build."""

    def __init__(self, guide: Guide, settings: Settings):
        self.guide = guide
        self.settings = settings
        self.text = TextRenderer()
        self.env = Environment(
            loader=FileSystemLoader([str(TEMPLATES_DIR), str(BLOCKS_DIR)]),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=BYTECODE_CACHE,
        )
        # Filters read the page's link resolver from the render context.
        self.env.filters.update({
            # "%s to %s" % values; a text without a place for a value (like "1 day") is left as it is.
            "format": lambda pattern, *values: pattern % values[:pattern.count("%s")],
            "md": pass_context(lambda ctx, text: self.text.block(text, ctx["link_for"])),
            "inline": pass_context(lambda ctx, text: self.text.inline(text, ctx["link_for"])),
            "link": pass_context(lambda ctx, target: ctx["link_for"](target)),
            "link_title": self.title_of,
        })
        self.templates = {name: self.env.get_template(kind.template) for name, kind in BLOCK_TYPES.items()}
        self.page_template = self.env.get_template("page.html.j2")
        self.couple_note = self.env.get_template("couple_note.html.j2")
        self.glossary = collect(guide)

    def title_of(self, target: str) -> str:
        page_id, _, block_id = target.partition("/")
        if block_id:
            return self.guide.anchors[block_id][1]
        return self.guide.page(page_id).title

    def render(self, page: Page, link_for: LinkFor) -> str:
        context = {
            "link_for": link_for,
            "page": page,
            "strings": self.settings.strings,
            "organization": self.settings.organization,
        }
        blocks = []
        seen: set[str] = set()  # terms already marked on this page: only the first use is
        mark = page.id not in self.glossary.page_ids
        for block in page.blocks:
            html = self.render_block(block, context)
            if mark and block.type not in UNMARKED_TYPES:
                html = Markup(self.glossary.mark(html, seen, lambda term, found: self.term_use(term, found, link_for)))
            blocks.append({"type": block.type, "id": block.id, "see": block.data.get("see") or [],
                           "html": html})
        if page.print_booklet:
            blocks += self.booklet(page, context)
        return self.page_template.render(blocks=blocks, **context)

    def term_use(self, term: Term, found: str, link_for: LinkFor) -> Markup:
        href = link_for(f"{term.page_id}/{term.id}")
        more = self.settings.strings["term_more"] % term.word
        return use_markup(term, found, href, self.text.inline(term.meaning, link_for), more)

    def booklet(self, booklet_page: Page, context: dict) -> list[dict]:
        """Every worksheet of the guide, in menu order, rendered from its own page's YAML.

        Each is rendered as on its own page (context 'page' is its page), so
        per-page settings such as discreet printing still apply.
        """
        sheets = []
        for page in self.guide.pages:
            if page is booklet_page:
                continue
            for block in page.blocks:
                if block.type in BOOKLET_TYPES:
                    html = self.render_block(block, {**context, "page": page})
                    sheets.append({"type": block.type, "id": block.id, "see": [], "html": html})
        return sheets

    def render_block(self, block: Block, context: dict) -> Markup:
        """One block; a block for both partners gets the standard safety line under its heading.

        The line is added here, not in each type's template, so no block type can
        leave it out, on screen or on paper.
        """
        html = self.templates[block.type].render(block=block.data, **context)
        if block.data.get(AUDIENCE) == COUPLE:
            html = with_note(html, self.couple_note.render(**context))
        return Markup(html)


def with_note(html: str, note: str) -> str:
    """The note right after the block's heading (its first h2), or first if it has none."""
    end = html.find("</h2>")
    if end < 0:
        return note + html
    end += len("</h2>")
    return html[:end] + "\n" + note + html[end:]


HEADING = re.compile(r'<h([123]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
TAG = re.compile(r"<[^>]+>")


def toc_tokens(html: str) -> list[dict]:
    """Nested heading tokens (h1 > h2 > h3) in the shape MkDocs' get_toc() expects.

    The page heading comes first, as in a Markdown page: the theme's skip link
    goes to it, and the theme shows only its children in the contents list.
    """
    tokens: list[dict] = []
    above: dict[int, dict] = {}  # the latest heading at each level higher than this one
    for level, anchor, inner in HEADING.findall(html):
        name = " ".join(TAG.sub("", inner).split())  # stays HTML-escaped, as Markdown's toc gives it
        heading = {"level": int(level), "id": anchor, "name": name, "children": []}
        above = {lvl: h for lvl, h in above.items() if lvl < heading["level"]}
        (above[max(above)]["children"] if above else tokens).append(heading)
        above[heading["level"]] = heading
    return tokens
