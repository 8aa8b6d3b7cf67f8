"""What to do in danger right now: the organization's emergency number as a call link, then the text.

The number comes from site-data/organization.yml (emergency.number), never from
the content, so each organization's edition shows its own.
"""
from ..section import BODY
from ...schema import Text

TITLE_FIELD = "heading"
SCHEMA = {
    "heading": Text(),
    "intro": Text(required=False, doc="one paragraph right after the call link"),
    "body": BODY,
}
