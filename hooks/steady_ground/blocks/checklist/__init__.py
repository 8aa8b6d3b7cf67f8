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

    # A translation keeps the source's shape: text for text, 'item:' (and 'helps:') for a record.
    def words_only(self):
        return _Item(super().words_only().fields, required=self.required)

    def words_of(self, value):
        return Text().words_of(value) if isinstance(value, str) else super().words_of(value)

    def overlay(self, source, translation, line, path, merge):
        if isinstance(source, str) != isinstance(translation, str):
            merge.problem(line, path, "is " + ("text" if isinstance(translation, str) else "'item:'")
                          + f" but {merge.source} has " + ("text" if isinstance(source, str) else "'item:'")
                          + " here; keep the same kind of item")
            return translation
        if isinstance(source, str):
            return Text().overlay(source, translation, line, path, merge)
        return super().overlay(source, translation, line, path, merge)


TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(doc="The checklist's heading."),
    "intro": Text(required=False, doc="One paragraph before the list."),
    "items": ListOf(_Item({"item": Text(doc="The thing to notice or tick off."),
                           "helps": Text(required=False, doc="What helps with it, shown under the item.")}),
                    doc="At least one. Each is plain text, or 'item:' with an optional 'helps:'."),
    "closing": Text(required=False, doc="One paragraph after the list."),
}
