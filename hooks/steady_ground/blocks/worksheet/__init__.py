"""A printable form: parts with prompts, tables or steps, fillable on screen."""
from ...schema import Choice, Flag, Id, ListOf, Number, Record, Text

PROMPT_KINDS = ["lines", "line", "short", "checkbox"]
COLUMN_KINDS = ["line", "lines", "checkbox"]


class Part(Record):
    """A part of a worksheet; it must give the reader something to read or fill in."""

    def check(self, value, line, path, check, skip=()):
        clean = super().check(value, line, path, check, skip)
        if not clean:
            return clean
        own_line = getattr(value, "line", line)
        prompts, table, repeat = clean.get("prompts"), clean.get("table"), clean.get("repeat") or 1
        if not (prompts or table or clean.get("steps") or clean.get("help_numbers")):
            check.problem(own_line, path, "has nothing in it; expected 'prompts:', 'table:', "
                                          "'steps:' or 'help_numbers: true'")
        if table and prompts:
            check.problem(own_line, path, "has both 'prompts:' and 'table:'; split it into two parts")
        if repeat > 1 and not clean.get("repeat_label"):
            check.problem(own_line, f"{path}.repeat_label",
                          "is missing; a repeated part needs a label such as 'Week' (printed as Week 1, Week 2)")
        if repeat > 1 and not prompts:
            check.problem(own_line, f"{path}.repeat", "only prompts can be repeated; use 'rows:' for a table")
        if table and not (table.get("rows") or table.get("row_labels")):
            check.problem(own_line, f"{path}.table", "needs 'rows:' (a number of blank rows) or 'row_labels:'")
        return clean


PROMPT = Record({
    "label": Text(markdown=False, doc="The question or item, always shown."),
    "hint": Text(required=False, doc="A short example or tip under the label."),
    "kind": Choice(PROMPT_KINDS, required=False, default="lines",
                   doc="lines: space to write; line: one line; short: a short line (a date, a time); "
                       "checkbox: a box to tick."),
    "lines": Number(required=False, minimum=1, maximum=12, default=2, doc="How many lines for 'lines'."),
})

TABLE = Record({
    "columns": ListOf(Record({
        "label": Text(markdown=False, doc="The column's heading."),
        "kind": Choice(COLUMN_KINDS, required=False, default="line",
                       doc="line: space to write; lines: more space; checkbox: a box to tick."),
        "width": Choice(["narrow", "normal", "wide"], required=False, default="normal",
                        doc="How wide the column is printed."),
    }), doc="The table's columns (at least one)."),
    "rows": Number(required=False, minimum=1, maximum=20, doc="How many blank rows."),
    "row_labels": ListOf(Text(markdown=False), required=False, default=[],
                         doc="Rows that start with printed text instead of a number."),
    "row_heading": Text(markdown=False, required=False, doc="The heading above the row labels."),
    "lines": Number(required=False, minimum=1, maximum=4, default=1, doc="Handwriting lines per row."),
}, required=False, doc="A table to fill in; it needs 'rows:' or 'row_labels:'. Not together with 'prompts:'.")

TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(doc="The worksheet's heading."),
    "intro": Text(required=False, doc="One paragraph under the heading."),
    "caution": Text(required=False, doc="A boxed warning at the top, printed too."),
    "layout": Choice(["sheet", "card"], required=False, default="sheet",
                     doc="sheet: a full page; card: a small card with a dashed line to cut along."),
    "parts": ListOf(Part({
        "id": Id(required=False, doc="The part's anchor for links (made from the worksheet's id and the part's "
                                     "heading when left out)."),
        "heading": Text(doc="The part's heading."),
        "intro": Text(required=False, doc="One paragraph under the part's heading."),
        "steps": ListOf(Text(), required=False, default=[], doc="Printed steps, nothing to fill in."),
        "help_numbers": Flag(required=False, default=False,
                             doc="true pre-prints the emergency number and help lines from site-data."),
        "prompts": ListOf(PROMPT, required=False, default=[], doc="Questions with space to answer."),
        "table": TABLE,
        "repeat": Number(required=False, minimum=1, maximum=8, default=1,
                         doc="Print the prompts this many times, such as once a week."),
        "repeat_label": Text(markdown=False, required=False,
                             doc="Needed with 'repeat:': 'Week' gives Week 1, Week 2, ..."),
    }), doc="The worksheet's parts in order. Each needs 'prompts:', 'table:', 'steps:' or 'help_numbers: true'."),
}
