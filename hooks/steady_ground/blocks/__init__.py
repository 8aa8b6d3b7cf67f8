"""Block types: each folder here is one type with its schema and template.

Adding a type means adding a folder with an __init__.py (SCHEMA, TITLE_FIELD)
and a template.html.j2; nothing else has to change.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from ..schema import Choice, Field, Id, ListOf, Ref

HERE = Path(__file__).parent

# A block meant for both partners says so with `for: couple` (see safety_rules.py).
AUDIENCE = "for"
COUPLE = "couple"


@dataclass(frozen=True)
class BlockType:
    name: str
    fields: dict[str, Field]
    title_field: str  # the field an id is made from when none is given
    template: str  # template name for the Jinja loader
    doc: str


def common_fields() -> dict[str, Field]:
    return {
        "id": Id(required=False, doc="anchor for links and search results"),
        "see": ListOf(Ref(), required=False, single_ok=True, default=[], doc="related pages or blocks"),
        AUDIENCE: Choice([COUPLE], required=False,
                         doc="couple: the block is for both partners to use together (an exercise, a script, "
                             "a shared worksheet). It then shows the standard safety line on screen and on paper, "
                             "and its page must link to Safety first"),
    }


def _discover() -> dict[str, BlockType]:
    types = {}
    for folder in sorted(p for p in HERE.iterdir() if (p / "__init__.py").exists()):
        module = importlib.import_module(f"{__name__}.{folder.name}")
        fields = {**module.SCHEMA, **common_fields()}
        types[folder.name] = BlockType(
            name=folder.name,
            fields=fields,
            title_field=module.TITLE_FIELD,
            template=f"{folder.name}/template.html.j2",
            doc=(module.__doc__ or "").strip(),
        )
    return types


BLOCK_TYPES = _discover()
