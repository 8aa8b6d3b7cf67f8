"""A printable form: parts with prompts and space to write, fillable on screen."""
from ...schema import Choice, Id, ListOf, Number, Record, Text

TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(),
    "intro": Text(required=False),
    "parts": ListOf(Record({
        "id": Id(required=False),
        "heading": Text(),
        "prompts": ListOf(Record({
            "label": Text(markdown=False),
            "hint": Text(required=False),
            "kind": Choice(["lines", "line", "checkbox"], required=False, default="lines"),
            "lines": Number(required=False, minimum=1, maximum=20, default=3),
        })),
    })),
}
