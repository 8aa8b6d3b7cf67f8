"""The hosting organization's settings and interface strings, from site-data/."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import colours
from .problems import Problem
from .schema import Check, Choice, Field, Flag, ListOf, Merge, Pattern, Record, Text
from .translation import TRANSLATIONS, Outdated, language_name, lay_over
from .yamlfile import Node, load_yaml

PHONE = Pattern(r"^\+?[0-9][0-9 ()\-]*$", "a phone number of digits, spaces, ( ) and - only")
# A host name with a dot, then an optional port and path. Quotes, < > and spaces are
# refused so an address can never break out of the HTML attribute it is written into.
HTTPS_URL = Pattern(r"^https://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
                    r"""(?::[0-9]{1,5})?(?:[/?#][^\s"'<>\\`]*)?$""",
                    "an absolute https:// address, like https://www.example.org/")

# The host name the guide is served under, for the nginx config's server_name and certificate.
DOMAIN = Pattern(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$",
                 "a host name only, in lower case, like 'guide.example.org' (no https:// and no /)",
                 required=False)


def _colour(required: bool = True, doc: str = "") -> Pattern:
    return Pattern(r"^#[0-9A-Fa-f]{6}$", "a colour written as # and six hex digits, like '#1f4e79'",
                   required=required, doc=doc)


LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
LOGO_MAX_BYTES = 200_000  # a large logo slows every page on a slow phone

# What a help channel's value must be, by its kind (checked once the rest of the file is right).
_CHANNEL_VALUE = {
    "phone": PHONE,
    "text": PHONE,
    "chat": HTTPS_URL,
    "email": Pattern(r"""^[^@\s"'<>]+@[^@\s"'<>]+\.[^@\s"'<>]+$""", "an email address"),
}


class _Channel(Record):
    """A help channel; load_settings checks its value by its kind."""

    def _json_schema(self):
        schema = super()._json_schema()
        schema["allOf"] = [{"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                            "then": {"properties": {"value": value.json_schema()}}}
                           for kind, value in _CHANNEL_VALUE.items()]
        return schema


ORGANIZATION = Record({
    "name": Text(markdown=False, max_length=60,
                 doc="The organization's name, shown in the top bar and page titles (at most 60 characters: "
                     "on a phone the top bar shows it whole, on a row of its own)."),
    "description": Text(markdown=False, doc="A sentence about the guide for search engines and link previews."),
    "logo": Pattern(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", "a file name in site-data/, like 'logo.svg'",
                    required=False, doc="A picture file in site-data/ shown in the top bar, like 'logo.svg' "
                                        "(svg, png, jpg or webp, under 200 KB). Optional."),
    "colours": Record({
        "primary": _colour(doc="The top bar, and links on the light page."),
        "text_on_primary": _colour(required=False, doc="The words in the top bar (white when not given)."),
        "accent": _colour(required=False, doc="Links under the pointer (the primary colour when not given)."),
        "dark_mode_links": _colour(required=False, doc="Links on the dark page (made from primary when not given)."),
    }, required=False, doc="Brand colours. The build checks that text stays readable on them."),
    "language": Pattern(r"^[a-z]{2}$", "a two-letter language code with a strings file, like 'en'",
                        doc="The guide's language, like 'en': site-data/strings/<language>.yml holds its "
                            "interface text."),
    "editions": ListOf(Pattern(r"^[a-z]{2}$", "a two-letter language code with a strings file, like 'es'"),
                       required=False, default=[],
                       doc="Every edition the site carries, like [en, es] (default: only 'language'). The "
                           "default edition is served at the site's root, the others at /<code>/."),
    "region": Text(markdown=False, doc="Where the organization helps, like 'United States'."),
    "domain": DOMAIN.with_doc("The address people type, like 'guide.example.org' (no https://, no /): "
                              "the nginx config's server_name and certificate folder. Optional."),
    "emergency": Record({
        "label": Text(markdown=False, doc="Its name on the page, like 'Emergency'."),
        "number": PHONE.with_doc("The number itself, like '911'. Write it in quotes."),
    }, doc="The emergency number shown next to the quick exit and on every help list."),
    "help_channels": ListOf(_Channel({
        "kind": Choice(list(_CHANNEL_VALUE), doc="phone or text: a phone number; chat: an https:// address; "
                                                 "email: an email address."),
        "label": Text(markdown=False, doc="The channel's name, like 'National Domestic Violence Hotline'."),
        "value": Text(markdown=False, words=False, doc="The number or address, written as its kind needs "
                                                        "(the same in every language)."),
        "hours": Text(markdown=False, required=False, doc="When someone answers, like '24 hours a day, every day'."),
        "languages": ListOf(Text(markdown=False), required=False, default=[],
                            doc="The languages it answers in."),
    }), doc="The organization's help lines, in the order shown (at least one)."),
    "quick_exit": Record({
        "label": Text(markdown=False, doc="The words on the red exit button, like 'Exit this page'."),
        "destination": HTTPS_URL.with_doc("The everyday site the exit opens instead of the guide, like a "
                                          "weather or news page. Must start with https://."),
        "keep_out_of_history": Flag(required=False, default=True,
                                    doc="true: guide pages replace each other in the tab's history instead of "
                                        "adding entries."),
    }, doc="The quick exit on every page."),
    "printing": Record({
        "show_organization_on": ListOf(Text(markdown=False, words=False), required=False, default=[], minimum=0,
                                       doc="Worksheets (by page id) whose printout shows the organization's "
                                           "name. None by default: a printed safety plan that names a service "
                                           "can put someone at risk."),
    }, required=False, default={"show_organization_on": []}, doc="What printed worksheets show."),
    "footer": Text(required=False, doc="Shown at the bottom of every page. Plain text with *emphasis* and "
                                       "https:// links."),
    "privacy": Text(required=False, doc="What the site does and does not keep about visitors, shown in the footer."),
})


class StringsFile(Field):
    """A flat list of interface texts; every key of the English file is required."""

    expected = "a list of named texts"

    def __init__(self, keys: list[str], docs: dict[str, str] | None = None):
        super().__init__()
        self.keys = keys
        self.docs = docs or {}  # hover text by key for editors, such as the English text

    def _record(self) -> Record:
        return Record({key: Text(markdown=False, doc=self.docs.get(key, "")) for key in self.keys})

    def check(self, value, line, path, check):
        return self._record().check(value, line, path, check)

    def _json_schema(self):
        return self._record().json_schema()


@dataclass
class Settings:
    organization: dict  # in this edition's language
    strings: dict  # the interface strings of this edition's language
    language: str = "en"  # this edition's language
    editions: tuple[str, ...] = ("en",)  # every edition of the site, the default first
    outdated: tuple[Outdated, ...] = ()  # translated words whose source changed since

    @property
    def default_language(self) -> str:
        return self.editions[0]


def load_settings(site_data: Path, root: Path, language: str | None = None) -> tuple[Settings | None, list[Problem]]:
    """The settings of one edition (the default one when no language is given).

    organization.yml is written in the default edition's language; another
    edition takes its words from site-data/translations/<language>/organization.yml.
    """
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
        # The footer is the same on every page, so it cannot hold links to guide pages.
        problems += [Problem(link.file, link.line, link.field, "links to pages of the guide cannot be used here; "
                             "use a full https:// address") for link in check.refs]
        if organization and not check.problems:
            for index, channel in enumerate(organization["help_channels"]):
                raw = data["help_channels"][index]
                line = raw.key_lines.get("value", raw.line) if isinstance(raw, Node) else 1
                sub = Check(shown(org_path))
                _CHANNEL_VALUE[channel["kind"]].check(channel["value"], line,
                                                      f"help_channels[{index}].value", sub)
                problems += sub.problems
            problems += _check_readable(organization, data, shown(org_path))
            problems += _check_logo(organization, data, site_data, shown(org_path))
            problems += _check_editions(organization, data, site_data, shown)

    if problems or organization is None:
        # The strings are checked too, so one run reports every problem.
        _load_strings(site_data, language or (organization or {}).get("language") or "en", problems, shown)
        return None, problems
    default = organization["language"]
    editions = (default, *[code for code in organization["editions"] if code != default])
    language = language or default
    outdated: tuple[Outdated, ...] = ()
    if language != default:
        organization, outdated = _translated(data, site_data, language, problems, shown)
    strings = _load_strings(site_data, language, problems, shown)
    if problems:
        return None, problems
    return Settings(organization=organization, strings=strings, language=language, editions=editions,
                    outdated=outdated), problems


def translation_path(site_data: Path, language: str, source: Path) -> Path:
    """Where the `language` translation of a site-data file lives."""
    return site_data / TRANSLATIONS / language / source.relative_to(site_data)


def _translated(data: Node, site_data: Path, language: str, problems: list[Problem], shown):
    """The organization's words in another edition's language, over its structure."""
    org_path = site_data / "organization.yml"
    path = translation_path(site_data, language, org_path)
    if not path.is_file():
        problems.append(Problem(shown(path), None, "", f"is missing; the {language_name(language)} edition needs "
                                f"the organization's words in {language_name(language)}: "
                                f"python -m steady_ground translations --new {language} {shown(org_path)} "
                                "writes a file to start from"))
        return None, ()
    translation, found = load_yaml(path, shown(path))
    problems += found
    if translation is None:
        return None, ()
    merge = Merge(shown(path), f"the {language_name(data.get('language', 'en'))} file {shown(org_path)}",
                  shown(org_path))
    unit = lay_over(ORGANIZATION, data, translation, getattr(translation, "line", 1), "", merge)
    problems += merge.problems
    check = Check(shown(org_path))
    organization = ORGANIZATION.check(unit.merged, data.line, "", check)
    problems += check.problems
    problems += [Problem(link.file, link.line, link.field, "links to pages of the guide cannot be used here; "
                         "use a full https:// address") for link in check.refs]
    if organization:
        organization["language"] = language
    return organization, (unit.outdated,) if unit.outdated else ()


def _check_editions(organization: dict, data, site_data: Path, shown) -> list[Problem]:
    problems = []
    file = shown(site_data / "organization.yml")
    listed = organization["editions"]
    if not listed:
        return []
    lines = getattr(data.get("editions"), "item_lines", [])
    if organization["language"] not in listed:
        problems.append(Problem(file, _line(data, "editions"), "editions",
                                f"does not list the default edition '{organization['language']}' (language:); "
                                "add it"))
    seen = set()
    for index, code in enumerate(listed):
        line = lines[index] if index < len(lines) else _line(data, "editions")
        if code in seen:
            problems.append(Problem(file, line, f"editions[{index}]", f"'{code}' is listed twice; keep one"))
        seen.add(code)
        if not (site_data / "strings" / f"{code}.yml").is_file():
            problems.append(Problem(file, line, f"editions[{index}]",
                                    f"there is no strings file {shown(site_data / 'strings' / f'{code}.yml')}; "
                                    "add one (copy strings/en.yml and translate it) or remove this edition"))
    return problems


def _line(data, *keys: str) -> int:
    """The line of a nested key, or of the nearest parent found."""
    line = getattr(data, "line", 1)
    for key in keys:
        if not isinstance(data, Node) or key not in data:
            break
        line = data.key_lines.get(key, line)
        data = data[key]
    return line


def _check_readable(organization: dict, data, file: str) -> list[Problem]:
    """Brand colours must keep text readable (WCAG 2 AA: 4.5:1 for normal text)."""
    problems = []
    chosen = organization.get("colours")
    if chosen:
        for field, message in colours.contrast_problems(chosen):
            problems.append(Problem(file, _line(data, "colours", field), f"colours.{field}", message))
    return problems


def _check_logo(organization: dict, data, site_data: Path, file: str) -> list[Problem]:
    name = organization.get("logo")
    if not name:
        return []
    line = _line(data, "logo")
    path = site_data / name
    if Path(name).suffix.lower() not in LOGO_TYPES:
        return [Problem(file, line, "logo", f"'{name}' is not a picture this site can show; "
                        f"use one of: {', '.join(LOGO_TYPES)}")]
    if not path.is_file():
        return [Problem(file, line, "logo", f"there is no file {name} in site-data/; "
                        "put the logo there or remove this line")]
    size = path.stat().st_size
    if size > LOGO_MAX_BYTES:
        return [Problem(file, line, "logo", f"{name} is {size // 1000} KB; keep it under "
                        f"{LOGO_MAX_BYTES // 1000} KB so pages load fast on a slow phone")]
    return []


def printing_problems(settings: Settings, worksheet_pages: set[str], site_data: Path, root: Path) -> list[Problem]:
    """printing.show_organization_on must name pages that hold a worksheet."""
    wanted = settings.organization["printing"]["show_organization_on"]
    unknown = [page_id for page_id in wanted if page_id not in worksheet_pages]
    if not unknown:
        return []
    path = site_data / "organization.yml"
    data, _ = load_yaml(path, str(path.relative_to(root)))
    listed = data["printing"]["show_organization_on"] if isinstance(data, Node) else []
    lines = getattr(listed, "item_lines", [])
    problems = []
    for index, page_id in enumerate(wanted):
        if page_id in unknown:
            line = lines[index] if index < len(lines) else _line(data, "printing", "show_organization_on")
            problems.append(Problem(str(path.relative_to(root)), line, f"printing.show_organization_on[{index}]",
                                    f"'{page_id}' is not a worksheet page; expected one of: "
                                    f"{', '.join(sorted(worksheet_pages)) or 'none (there are no worksheets)'}"))
    return problems


def _load_strings(site_data: Path, language: str, problems: list[Problem], shown) -> dict | None:
    english_path = site_data / "strings" / "en.yml"
    english, found = load_yaml(english_path, shown(english_path))
    problems += found
    if not isinstance(english, dict):
        return None
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
