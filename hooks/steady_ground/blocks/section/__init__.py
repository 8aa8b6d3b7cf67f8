"""A titled part of a page: intro, paragraphs, lists and sub-sections."""
from ...schema import Id, ListOf, OneOf, Record, Text

BODY = ListOf(
    OneOf(Text(), {"bullets": ListOf(Text(), doc="A bulleted list."),
                   "numbered": ListOf(Text(), doc="A numbered list.")}),
    required=False, default=[],
    doc="In order: paragraphs (plain text), 'bullets:' lists and 'numbered:' lists.",
)

TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(doc="The section's heading."),
    "intro": Text(required=False, doc="One paragraph under the heading."),
    "body": BODY,
    "subsections": ListOf(Record({
        "id": Id(required=False, doc="The sub-section's anchor for links, like 'step-1' (made from its heading "
                                     "when left out)."),
        "heading": Text(doc="The sub-section's heading."),
        "body": BODY,
    }), required=False, default=[], doc="Smaller parts under their own headings, each like a small section."),
}
