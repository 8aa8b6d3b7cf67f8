"""The hosting organization's emergency number and help channels, from site-data."""
from ...schema import Text

TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(doc="The heading above the numbers; the numbers come from site-data/organization.yml."),
    "intro": Text(required=False, doc="One paragraph before the numbers."),
}
