"""The hosting organization's emergency number and help channels, from site-data."""
from ...schema import Text

TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(),
    "intro": Text(required=False),
}
