"""Phases of change, each with a time range and what to expect."""
from ...schema import ListOf, Pattern, Record, Text

DURATION = r"^(\d+ )?(day|week|month|year)s?$"
EXPECTED = "a time like 'days', 'weeks', '6 months' or '1 year'"

TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(doc="The timeline's heading."),
    "intro": Text(required=False, doc="One paragraph before the phases."),
    "phases": ListOf(Record({
        "name": Text(doc="The phase's name, like 'Rebuilding trust'."),
        "from": Pattern(DURATION, EXPECTED, doc="When it starts: 'days', 'weeks', 'months', 'years', "
                                                "or with a number, like '6 months'."),
        "to": Pattern(DURATION, EXPECTED, doc="When it ends, written like 'from'."),
        "expect": Text(doc="What to expect in this phase."),
    }), doc="The phases in order (at least one)."),
    "closing": Text(required=False, doc="One paragraph after the phases."),
}
