"""Items to notice or tick off, each optionally with what helps."""
from ...schema import ListOf, Record, Text


class _Item(Record):
    """An item is plain text, or 'item:' with an optional 'helps:'."""

    expected = "text, or 'item:' with an optional 'helps:'"

    def check(self, value, line, path, check):
        if isinstance(value, str):
            return {"item": Text().check(value, line, path, check), "helps": None}
        return super().check(value, line, path, check)


TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(),
    "intro": Text(required=False),
    "items": ListOf(_Item({"item": Text(), "helps": Text(required=False)})),
    "closing": Text(required=False),
}
