"""Block types: each folder here is one type with its schema and template.

Adding a type means adding a folder with an __init__.py (SCHEMA, TITLE_FIELD,
and PARTS_FIELD when a list of its parts gets anchors of their own) and a
template.html.j2; nothing else has to change.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from ..schema import Field, Id, ListOf, Ref

HERE = Path(__file__).parent


@dataclass(frozen=True)
class BlockType:
    name: str
    fields: dict[str, Field]
    title_field: str  # the field an id is made from when none is given
    template: str  # template name for the Jinja loader
    doc: str
    parts_field: str | None = None  # a list whose items get their own anchor (sub-sections, parts)
    part_id_prefixed: bool = False  # a part's anchor starts with the block's id


def common_fields() -> dict[str, Field]:
    return {
        "id": Id(required=False, doc="anchor for links and search results"),
        "see": ListOf(Ref(), required=False, single_ok=True, default=[], doc="related pages or blocks"),
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
            parts_field=getattr(module, "PARTS_FIELD", None),
            part_id_prefixed=getattr(module, "PART_ID_PREFIXED", False),
        )
    return types


BLOCK_TYPES = _discover()
