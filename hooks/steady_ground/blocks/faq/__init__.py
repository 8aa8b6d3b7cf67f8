"""One question a reader asks, and its answer."""
from ...schema import ListOf, Text

TITLE_FIELD = "question"
SCHEMA = {
    "question": Text(),
    "answer": ListOf(Text(), single_ok=True),
}
