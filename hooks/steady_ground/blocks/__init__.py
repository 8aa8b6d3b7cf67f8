"""Block types: each folder here is one type with its schema and template.

Adding a type means adding a folder with an __init__.py (SCHEMA, TITLE_FIELD)
and a template.html.j2; nothing else has to change.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from ..schema import Choice, Field, Id, ListOf, Record, Ref

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
        "id": Id(required=False, doc="The block's anchor, for links and search results, like 'how-long-to-wait'. "
                                     "Made from the heading when left out; unique across the guide."),
        "see": ListOf(Ref(), required=False, single_ok=True, default=[],
                      doc="Related pages or blocks, shown as 'Related' links: a page id like 'safety' "
                          "or a block like 'faq/how-long-to-wait'."),
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


TYPE_DOC = "Which kind of block this is; it decides the block's other fields."


def block_json_schema() -> dict:
    """One block as a JSON Schema for code editors: 'type:' picks the kind, and that kind's fields apply.

    Each kind is an if/then branch keyed by its 'type', so an editor reports an unknown field
    against the right kind and completes the fields of the kind already chosen.
    """
    names = list(BLOCK_TYPES)
    branches = []
    for name, kind in BLOCK_TYPES.items():
        fields = Record(kind.fields).json_schema()
        fields["properties"] = {"type": {"description": kind.doc, "const": name}, **fields["properties"]}
        fields["required"] = ["type", *fields.get("required", [])]
        chosen = {"type": "object", "properties": {"type": {"const": name}}, "required": ["type"]}
        branches.append({"if": chosen, "then": {"title": f"{name} block", "description": kind.doc, **fields}})
    return {
        "type": "object",
        "errorMessage": "expected a block: a set of fields starting with 'type:'",
        "required": ["type"],
        "properties": {"type": {"description": TYPE_DOC, "enum": names,
                                "enumDescriptions": [kind.doc for kind in BLOCK_TYPES.values()],
                                "errorMessage": "unknown block type; expected one of: " + ", ".join(names)}},
        "allOf": branches,
    }


class BlockList(Field):
    """A page's blocks in order, each checked by its type (content.py does the checking)."""

    expected = "a list of blocks (at least one), each with a 'type:'"

    def _json_schema(self):
        return {"type": "array", "minItems": 1, "items": block_json_schema()}
