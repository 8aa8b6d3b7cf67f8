"""Words to use in a hard moment: the situation, what to say, why it helps."""
from ...schema import Text

TITLE_FIELD = "situation"
SCHEMA = {
    "situation": Text(doc="When to use these words, like 'Asking for accountability'."),
    "say": Text(doc="The words themselves."),
    "why": Text(doc="Why these words help."),
}
