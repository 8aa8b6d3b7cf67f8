"""Words to use in a hard moment: the situation, what to say, why it helps."""
from ...schema import Text

TITLE_FIELD = "situation"
SCHEMA = {
    "situation": Text(),
    "say": Text(),
    "why": Text(),
}
