"""A self-check: plain statements in groups, each answered with a choice, and a reflection written
in the page's own words (never a score or a verdict). Nothing is stored or sent.

On screen, with JavaScript, the reflection shows what the answers point to as they are given, a
danger group first with the emergency number and the help lines; without JavaScript, and on paper,
it is a checklist with every reflection written out.
"""
from ..section import BODY
from ...schema import Flag, Id, ListOf, Record, Text

MAX_CHOICES = 4


class _Choices(ListOf):
    """2 to 4 answers; at least one counts as 'true for me' and at least one does not."""

    def check(self, value, line, path, check):
        clean = super().check(value, line, path, check)
        if not clean or any(choice is None for choice in clean):
            return clean
        if not 2 <= len(clean) <= MAX_CHOICES:
            check.problem(line, path, f"has {len(clean)} choice(s); expected 2 to {MAX_CHOICES}, "
                                      "such as Yes, Sometimes and No")
        elif not any(choice.get("counts") for choice in clean):
            check.problem(line, path, "has no choice with 'counts: true'; mark the answers that mean "
                                      "'this is true for me' (such as Yes and Sometimes)")
        elif all(choice.get("counts") for choice in clean):
            check.problem(line, path, "has only choices with 'counts: true'; at least one answer (such as No) "
                                      "must not count")
        return clean

    def words_only(self):
        item = self.item.words_only()
        return _Choices(item, required=self.required, minimum=self.minimum, doc=self.doc) if item else None


def _reflection(doc: str):
    """A section's body (paragraphs and lists), required here: every group says what its answers point to."""
    field = BODY.with_doc(doc)
    field.required, field.default = True, None
    return field


class _Group(Record):
    """A group of statements; its reflection for 'some count' and for 'none count'."""

    def words_only(self):
        return Record(super().words_only().fields, required=self.required)


TITLE_FIELD = "heading"
PARTS_FIELD = "groups"  # each group has its own anchor: '<block id>-<group heading>' unless it has an id
PART_ID_PREFIXED = True
SCHEMA = {
    "heading": Text(doc="The self-check's heading."),
    "intro": Text(required=False, doc="One paragraph under the heading: what the check is for."),
    "privacy": Text(doc="The line that says the answers are not saved or sent, and are gone when the page "
                        "closes or the quick exit is used."),
    "choices": _Choices(Record({
        "label": Text(markdown=False, doc="The answer as the reader reads it, like 'Yes' or 'Sometimes'."),
        "counts": Flag(required=False, default=False,
                       doc="true: this answer means 'this is true for me' and shows the group's 'if_any' "
                           "reflection."),
    }), minimum=2, doc="The answers every statement offers, 2 to 4, such as Yes, Sometimes and No. At least one "
                       "has 'counts: true' and at least one does not."),
    "groups": ListOf(_Group({
        "id": Id(required=False, doc="The group's anchor (made from the self-check's id and the group's heading "
                                     "when left out)."),
        "heading": Text(markdown=False, doc="The group's name, like 'What has changed'."),
        "intro": Text(required=False, doc="One line under the group's name."),
        "danger": Flag(required=False, default=False,
                       doc="true: a group of danger signs. Any answer that counts puts its reflection first, "
                           "with the emergency number and the help lines; its 'if_any' must link to Safety first."),
        "statements": ListOf(Text(markdown=False), doc="Plain statements, each answered with one of the choices."),
        "if_any": _reflection("What it may mean when any statement of the group got an answer that counts: "
                                "paragraphs and lists with links to the guide's pages."),
        "if_none": _reflection("What it may mean when every statement of the group got an answer that does "
                                 "not count."),
    }), doc="The groups of statements in order, such as what has changed, what has not, and what frightens you "
            "(a group with 'danger: true')."),
    "reflection_heading": Text(markdown=False, doc="The heading above the reflection, like 'What your answers "
                                                   "point to'."),
    "waiting": Text(doc="Shown on screen before any answer: where the reflection will appear."),
    "any_label": Text(markdown=False, doc="On paper and without JavaScript, before each 'if_any' reflection: "
                                          "'If you answered Yes or Sometimes to any of these'."),
    "none_label": Text(markdown=False, doc="On paper and without JavaScript, before each 'if_none' reflection: "
                                           "'If you answered No to all of these'."),
    "closing": Text(required=False, doc="One paragraph after the reflection, such as: this is not a test."),
}
