"""Signposts: a few clear ways into the guide, each a link with a line of text."""
from ...schema import ListOf, Record, Ref, Text

TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(doc="The heading above the signposts."),
    "intro": Text(required=False, doc="One paragraph before the signposts."),
    "items": ListOf(Record({
        "label": Text(markdown=False, doc="The signpost's words, like 'I don't feel safe'."),
        "text": Text(doc="A line under the label saying what the reader finds there."),
        "ref": Ref(doc="Where it leads: a page id like 'not-safe' or a block like 'faq/how-long-to-wait'."),
    }), doc="The signposts (at least one), each with label, text and ref."),
}
