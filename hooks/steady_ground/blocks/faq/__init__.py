"""One question a reader asks, and its answer."""
from ...schema import ListOf, Text

TITLE_FIELD = "question"
SCHEMA = {
    "question": Text(doc="The question, in the reader's own words."),
    "answer": ListOf(Text(), single_ok=True, doc="The answer: one text, or a list of paragraphs."),
}
