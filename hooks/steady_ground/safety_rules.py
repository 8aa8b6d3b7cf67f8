"""Rules that keep the guide's advice safe, checked on the whole loaded guide.

A block for both partners (`for: couple`: an exercise, a script, a shared
worksheet) shows the standard safety line (render.py), and its page must give
a reader who is not safe a way out: a link to Safety first.
"""
from __future__ import annotations

from typing import Iterator

from .blocks import AUDIENCE, COUPLE
from .content import Guide, Page
from .markup import TextRenderer
from .problems import Problem

SAFETY_PAGE = "safety"
_TEXT = TextRenderer()


def safety_problems(guide: Guide) -> list[Problem]:
    """Every rule below, over the guide as it will be built (after an organization's changes)."""
    return couple_blocks_link_to_safety(guide)


def couple_blocks_link_to_safety(guide: Guide) -> list[Problem]:
    problems = []
    for page in guide.pages:
        couple = [(index, block) for index, block in enumerate(page.blocks) if block.data.get(AUDIENCE) == COUPLE]
        if not couple or page.id == SAFETY_PAGE or links_to(page, SAFETY_PAGE):
            continue
        for index, block in couple:
            source = block.source or page.source
            field = f"{AUDIENCE}" if block.source else f"blocks[{index}].{AUDIENCE}"
            problems.append(Problem(
                source, block.line, field,
                f"the block '{block.id}' is for both partners ({AUDIENCE}: {COUPLE}), but its page "
                f"'{page.id}' ({page.source}) has no link to Safety first (page id '{SAFETY_PAGE}'); add one, "
                f"such as '[Safety first](ref:{SAFETY_PAGE})' in the text or '{SAFETY_PAGE}' under this block's "
                "'see:', so a reader who is not safe with their partner knows where to go"))
    return problems


def links_to(page: Page, target: str) -> bool:
    """True when the page links to the target: in a text, a 'see:' or a 'ref:'.

    A page id ('safety') matches a link to that page or to any block on it; a
    block ('safety/danger-signs') matches only a link to that block.
    """
    found = [*_TEXT.check(page.summary)[1], *(t for block in page.blocks for t in _targets(block.data))]
    if "/" in target:
        return target in found
    return any(link.partition("/")[0] == target for link in found)


# Fields whose values are link targets themselves ('page' or 'page/block'), not text.
TARGET_FIELDS = ("see", "ref")


def _targets(value, key: str | None = None) -> Iterator[str]:
    if key in TARGET_FIELDS:
        yield from (value if isinstance(value, list) else [value])
    elif isinstance(value, str):
        yield from _TEXT.check(value)[1]
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _targets(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _targets(item, key)
