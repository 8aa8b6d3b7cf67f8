"""Items to notice or tick off, each optionally with what helps."""
from ...schema import ListOf, Record, Text


class _Item(Record):
    """An item is plain text, or 'item:' with an optional 'helps:'."""

    expected = "text, or 'item:' with an optional 'helps:'"

    def check(self, value, line, path, check):
        if isinstance(value, str):
            return {"item": Text().check(value, line, path, check), "helps": None}
        return super().check(value, line, path, check)

    def _json_schema(self):
        return {"anyOf": [Text().json_schema(), super()._json_schema()]}


TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(doc="The checklist's heading."),
    "intro": Text(required=False, doc="One paragraph before the list."),
    "items": ListOf(_Item({"item": Text(doc="The thing to notice or tick off."),
                           "helps": Text(required=False, doc="What helps with it, shown under the item.")}),
                    doc="At least one. Each is plain text, or 'item:' with an optional 'helps:'."),
    "closing": Text(required=False, doc="One paragraph after the list."),
}
