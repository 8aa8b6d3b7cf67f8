"""Phases of change, each with a time range and what to expect."""
from ...schema import ListOf, Pattern, Record, Text

DURATION = r"^(\d+ )?(day|week|month|year)s?$"
EXPECTED = "a time like 'days', 'weeks', '6 months' or '1 year'"

TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(),
    "intro": Text(required=False),
    "phases": ListOf(Record({
        "name": Text(),
        "from": Pattern(DURATION, EXPECTED),
        "to": Pattern(DURATION, EXPECTED),
        "expect": Text(),
    })),
    "closing": Text(required=False),
}
