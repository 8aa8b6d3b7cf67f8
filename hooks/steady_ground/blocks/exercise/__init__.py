"""Something to do: its name, how long it takes, when to use it, its steps."""
from ...schema import ListOf, Text

TITLE_FIELD = "name"
SCHEMA = {
    "name": Text(),
    "duration": Text(),
    "when": Text(),
    "steps": ListOf(Text()),
    "notes": Text(required=False),
}
