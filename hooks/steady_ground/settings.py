"""The hosting organization's settings and interface strings, from site-data/."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .schema import Check, Choice, Field, Flag, ListOf, Pattern, Record, Text
from .yamlfile import Node, load_yaml

PHONE = Pattern(r"^\+?[0-9][0-9 ()\-]*$", "a phone number of digits, spaces, ( ) and - only")
HTTPS_URL = Pattern(r"^https://[^\s/]+\.[^\s]+$", "an absolute https:// address")

ORGANIZATION = Record({
    "name": Text(markdown=False),
    "description": Text(markdown=False),
    "language": Pattern(r"^[a-z]{2}$", "a two-letter language code with a strings file, like 'en'"),
    "region": Text(markdown=False),
    "emergency": Record({"label": Text(markdown=False), "number": PHONE}),
    "help_channels": ListOf(Record({
        "kind": Choice(["phone", "text", "chat", "email"]),
        "label": Text(markdown=False),
        "value": Text(markdown=False),
        "hours": Text(markdown=False, required=False),
        "languages": ListOf(Text(markdown=False), required=False, default=[]),
    })),
    "quick_exit": Record({
        "label": Text(markdown=False),
        "destination": HTTPS_URL,
        # Guide pages replace each other in the tab's history instead of adding entries.
        "keep_out_of_history": Flag(required=False, default=True),
    }),
    "printing": Record({
        # Worksheets (by page id) whose printout shows the organization's name.
        # None by default: a printed safety plan that names a service can put someone at risk.
        "show_organization_on": ListOf(Text(markdown=False), required=False, default=[], minimum=0),
    }, required=False, default={"show_organization_on": []}),
})

_CHANNEL_VALUE = {
    "phone": PHONE,
    "text": PHONE,
    "chat": HTTPS_URL,
    "email": Pattern(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "an email address"),
}


class StringsFile(Field):
    """A flat list of interface texts; every key of the English file is required."""

    expected = "a list of named texts"

    def __init__(self, keys: list[str]):
        super().__init__()
        self.keys = keys

    def check(self, value, line, path, check):
        fields = {key: Text(markdown=False) for key in self.keys}
        return Record(fields).check(value, line, path, check)


@dataclass
class Settings:
    organization: dict
    strings: dict


def load_settings(site_data: Path, root: Path) -> tuple[Settings | None, list[Problem]]:
    problems: list[Problem] = []

    def shown(path: Path) -> str:
        return str(path.relative_to(root))

    org_path = site_data / "organization.yml"
    if not org_path.exists():
        return None, [Problem(shown(org_path), None, "", "is missing; copy it from the project and edit it")]
    data, found = load_yaml(org_path, shown(org_path))
    problems += found
    organization = None
    if data is not None:
        check = Check(shown(org_path))
        organization = ORGANIZATION.check(data, getattr(data, "line", 1), "", check)
        problems += check.problems
        if organization and not check.problems:
            for index, channel in enumerate(organization["help_channels"]):
                raw = data["help_channels"][index]
                line = raw.key_lines.get("value", raw.line) if isinstance(raw, Node) else 1
                sub = Check(shown(org_path))
                _CHANNEL_VALUE[channel["kind"]].check(channel["value"], line,
                                                      f"help_channels[{index}].value", sub)
                problems += sub.problems

    strings = _load_strings(site_data, organization, problems, shown)
    if problems:
        return None, problems
    return Settings(organization=organization, strings=strings), problems


def _load_strings(site_data: Path, organization: dict | None, problems: list[Problem], shown) -> dict | None:
    english_path = site_data / "strings" / "en.yml"
    english, found = load_yaml(english_path, shown(english_path))
    problems += found
    if not isinstance(english, dict):
        return None
    language = (organization or {}).get("language") or "en"
    path = site_data / "strings" / f"{language}.yml"
    if not path.exists():
        problems.append(Problem(shown(site_data / "organization.yml"), None, "language",
                                f"there is no strings file {shown(path)}; add one or use 'en'"))
        return None
    data, found = (english, []) if language == "en" else load_yaml(path, shown(path))
    problems += found
    if data is None:
        return None
    check = Check(shown(path))
    strings = StringsFile(list(english)).check(data, getattr(data, "line", 1), "", check)
    problems += check.problems
    return strings
