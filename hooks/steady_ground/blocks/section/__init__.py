"""A titled part of a page: intro, paragraphs, lists and sub-sections."""
from ...schema import Id, ListOf, OneOf, Record, Text

BODY = ListOf(
    OneOf(Text(), {"bullets": ListOf(Text()), "numbered": ListOf(Text())}),
    required=False, default=[],
)

TITLE_FIELD = "heading"
PARTS_FIELD = "subsections"  # each sub-section has its own anchor, made from its heading unless it has an id
SCHEMA = {
    "heading": Text(),
    "intro": Text(required=False),
    "body": BODY,
    "subsections": ListOf(Record({
        "id": Id(required=False),
        "heading": Text(),
        "body": BODY,
    }), required=False, default=[]),
}
