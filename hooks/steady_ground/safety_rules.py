"""Rules that keep the guide's advice safe, checked on the whole loaded guide.

A block for both partners (`for: couple`: an exercise, a script, a shared
worksheet) shows the standard safety line (render.py), and its page must give
a reader who is not safe a way out: a link to Safety first.

A self-check (`self_check`) must have a group of danger signs (`danger: true`),
and what it says when any of them is true for the reader (`if_any`) must link
to Safety first: the renderer puts that reflection first, with the emergency
number and the help lines.
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
    return couple_blocks_link_to_safety(guide) + self_checks_lead_to_safety(guide)


def couple_blocks_link_to_safety(guide: Guide) -> list[Problem]:
    problems = []
    for page in guide.pages:
        couple = [(index, block) for index, block in enumerate(page.blocks) if block.data.get(AUDIENCE) == COUPLE]
        if not couple or page.id == SAFETY_PAGE or links_to(page, SAFETY_PAGE):
            continue
        for index, block in couple:
            source = block.source or page.source
            own_file = source != page.source  # a block an organization replaced, in a file of its own
            field = f"{AUDIENCE}" if own_file else f"blocks[{index}].{AUDIENCE}"
            problems.append(Problem(
                source, block.line, field,
                f"the block '{block.id}' is for both partners ({AUDIENCE}: {COUPLE}), but its page "
                f"'{page.id}' ({page.source}) has no link to Safety first (page id '{SAFETY_PAGE}'); add one, "
                f"such as '[Safety first](ref:{SAFETY_PAGE})' in the text or '{SAFETY_PAGE}' under this block's "
                "'see:', so a reader who is not safe with their partner knows where to go"))
    return problems


SELF_CHECK = "self_check"


def self_checks_lead_to_safety(guide: Guide) -> list[Problem]:
    problems = []
    for page in guide.pages:
        for index, block in enumerate(page.blocks):
            if block.type != SELF_CHECK:
                continue
            source = block.source or page.source
            prefix = "" if source != page.source else f"blocks[{index}]."
            groups = block.data.get("groups") or []
            danger = [(place, group) for place, group in enumerate(groups) if group.get("danger")]
            if not danger:
                problems.append(Problem(
                    source, block.line, f"{prefix}groups",
                    f"the self-check '{block.id}' has no group of danger signs; add one with 'danger: true' "
                    f"(such as 'What frightens you') whose 'if_any' links to Safety first "
                    f"('[Safety first](ref:{SAFETY_PAGE})'), so a reader in danger is shown the way to safety first"))
            for place, group in danger:
                targets = list(_targets(group.get("if_any") or []))
                if not any(target.partition("/")[0] == SAFETY_PAGE for target in targets):
                    problems.append(Problem(
                        source, block.line, f"{prefix}groups[{place}].if_any",
                        f"the danger group '{group.get('heading')}' of the self-check '{block.id}' does not link to "
                        f"Safety first (page id '{SAFETY_PAGE}'); add '[Safety first](ref:{SAFETY_PAGE})' or a link "
                        f"to a block on it, such as '(ref:{SAFETY_PAGE}/danger-signs)', to its 'if_any'"))
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
