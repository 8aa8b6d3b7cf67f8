"""Signposts: a few clear ways into the guide, each a link with a line of text."""
from ...schema import ListOf, Record, Ref, Text

TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(),
    "intro": Text(required=False),
    "items": ListOf(Record({"label": Text(markdown=False), "text": Text(), "ref": Ref()})),
}
