"""Phases of change, each with a time range and what to expect.

A range is written in the source file as 'days', '6 months' or '1 year'. The
number and the unit are structure, the same in every language; the words for
the unit come from the edition's interface strings (time_month_many: "%s months"),
so a translation never repeats or changes them.
"""
import re

from ...schema import ListOf, Pattern, Record, Text

DURATION = r"^(\d+ )?(day|week|month|year)s?$"
EXPECTED = "a time like 'days', 'weeks', '6 months' or '1 year'"
UNITS = ("day", "week", "month", "year")


class Duration(Pattern):
    """'6 months' becomes {'count': 6, 'unit': 'month', 'form': 'many'}; 'days' has no count ('any')."""

    def __init__(self, *args, **kwargs):
        super().__init__(DURATION, EXPECTED, *args, **kwargs)

    def check(self, value, line, path, check):
        text = super().check(value, line, path, check)
        if text is None:
            return None
        count, unit = re.match(DURATION, text).groups()
        count = int(count) if count else None
        form = "any" if count is None else "one" if count == 1 else "many"
        return {"count": count, "unit": unit, "form": form}


TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(doc="The timeline's heading."),
    "intro": Text(required=False, doc="One paragraph before the phases."),
    "phases": ListOf(Record({
        "name": Text(doc="The phase's name, like 'Rebuilding trust'."),
        "from": Duration(doc="When it starts: 'days', 'weeks', 'months', 'years', "
                                                "or with a number, like '6 months'."),
        "to": Duration(doc="When it ends, written like 'from'."),
        "expect": Text(doc="What to expect in this phase."),
    }), doc="The phases in order (at least one)."),
    "closing": Text(required=False, doc="One paragraph after the phases."),
}
