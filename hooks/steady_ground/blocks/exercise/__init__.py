"""Something to do: its name, how long it takes, when to use it, its steps."""
from ...schema import ListOf, Text

TITLE_FIELD = "name"
SCHEMA = {
    "name": Text(doc="The exercise's name, like '4-4-4 breathing'."),
    "duration": Text(doc="How long it takes, in plain words, like 'About 1 minute'."),
    "when": Text(doc="When to use it."),
    "steps": ListOf(Text(), doc="The steps in order (at least one)."),
    "notes": Text(required=False, doc="Anything to add after the steps."),
}
