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
    "heading": Text(),
    "intro": Text(required=False),
    "phases": ListOf(Record({
        "name": Text(),
        "from": Duration(),
        "to": Duration(),
        "expect": Text(),
    })),
    "closing": Text(required=False),
}
