"""An organization's own changes to the guide, kept in site-data/overrides/.

An organization changes the guide without touching content/, so it can take
new versions of the guide and keep its changes:

    site-data/overrides/
      changes.yml            hide pages, rename menu entries
      pages/45-local-help.yml   a page of its own, placed by its number among the
                                guide's pages; a file named after an existing page
                                id (like 42-safety.yml) replaces that page
      blocks/national-hotlines.yml   replaces the block with that id; a file named
                                after a sub-section's id (the part after # in its
                                address, as the table of contents shows it)
                                replaces that sub-section only

This module reads the folder and decides where each change goes (plan_guide):
which pages the guide has, in which order, and which blocks come from which
file. editions.py lays the files together, per edition, and checks the result
once, so every problem names the file and line it really came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .blocks import BLOCK_TYPES
from .content import HOME_ID, PAGE_FILE, ContentLayer, PageFile, block_id, part_ids
from .problems import Problem
from .schema import ID_PATTERN, Check, Field, Id, ListOf, Merge, Record, Text, did_you_mean
from .yamlfile import Node, load_yaml

FOLDER = "overrides"
CHANGES_FILE = "changes.yml"
BLOCK_FILE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)\.yml$")
PART_NOUNS = {"subsections": "sub-section", "parts": "part"}


class Labels(Field):
    """Menu labels by page or folder id: `what-toxic-means: What "toxic" means`.

    The ids are structure, the labels are words: a translation gives a label
    for each id the source file lists."""

    expected = "a list of 'page-id: new label' lines"
    words = True

    def check(self, value, line, path, check):
        if not isinstance(value, dict):
            self.wrong(value, line, path, check)
            return None
        key_lines = value.key_lines if isinstance(value, Node) else {}
        labels = {}
        for key, label in value.items():
            key_line = key_lines.get(key, line)
            back = check.inside(value.file_of(key) if isinstance(value, Node) else None)
            if not ID_PATTERN.match(str(key)):
                check.problem(key_line, f"{path}.{key}", "expected a page or folder id: lowercase words "
                                                         "joined by hyphens, like 'what-toxic-means'")
            else:
                labels[key] = Text(markdown=False).check(label, key_line, f"{path}.{key}", check)
            check.file = back
        return labels

    def _json_schema(self):
        return {"type": "object", "propertyNames": {"pattern": ID_PATTERN.pattern},
                "additionalProperties": Text(markdown=False, doc="The new label in the menu.").json_schema(),
                "errorMessage": f"expected {self.expected}"}

    def words_of(self, value):
        return {key: Text().words_of(label) for key, label in value.items()} if isinstance(value, dict) else value

    def overlay(self, source, translation, line, path, merge: Merge):
        if not isinstance(translation, dict) or not isinstance(source, dict):
            return translation
        merged = source.copy_with() if isinstance(source, Node) else Node(source)
        for key, label in translation.items():
            key_line = translation.key_lines.get(key, line) if isinstance(translation, Node) else line
            if key not in source:
                merge.problem(key_line, f"{path}.{key}", f"is not in {merge.source}; a translation gives "
                                                         f"labels for: {', '.join(source)}")
                continue
            merged[key] = label
            merged.key_lines[key] = key_line
            merged.key_files[key] = merge.file
        for key in source:
            if key not in translation:
                merge.problem(getattr(translation, "line", line), f"{path}.{key}",
                              f"is missing; translate the label from {merge.source}")
        return merged


CHANGES = Record({
    "hide": ListOf(Id(), required=False, default=[], minimum=0,
                   doc="Pages (by id, like 'moving-forward') to leave out of the guide. The start page "
                       "cannot be hidden."),
    "menu_labels": Labels(required=False, default={},
                          doc="New menu labels by page or folder id, like 'get-help: Call us now'."),
})


@dataclass
class BlockFile:
    """A file in overrides/blocks/: a block, or one sub-section of a block, by its id."""

    id: str
    path: Path
    shown: str
    data: object


@dataclass
class OverridesLayer:
    changes: dict = field(default_factory=lambda: {"hide": [], "menu_labels": {}})
    changes_data: object = None
    changes_file: str = f"site-data/{FOLDER}/{CHANGES_FILE}"
    changes_path: Path | None = None
    changes_lines: dict = field(default_factory=dict)  # "hide[0]" / "menu_labels.x" -> line
    pages: list[PageFile] = field(default_factory=list)
    blocks: dict[str, BlockFile] = field(default_factory=dict)


def gather_overrides(site_data_dir: Path, root: Path, problems: list[Problem]) -> OverridesLayer:
    """Read site-data/overrides/ as it is (each file is checked where it is used)."""
    folder = site_data_dir / FOLDER
    layer = OverridesLayer(changes_file=str((folder / CHANGES_FILE).relative_to(root)))
    if not folder.is_dir():
        return layer

    def shown(path: Path) -> str:
        return str(path.relative_to(root))

    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name in (CHANGES_FILE, "pages", "blocks"):
            continue
        problems.append(Problem(shown(entry), None, "", "unknown file; site-data/overrides/ holds only changes.yml, "
                                "a pages/ folder and a blocks/ folder"))
    if (folder / CHANGES_FILE).exists():
        _read_changes(folder / CHANGES_FILE, root, layer, problems)
    for entry in sorted((folder / "pages").iterdir()) if (folder / "pages").is_dir() else []:
        match = PAGE_FILE.match(entry.name)
        if entry.name.startswith("."):
            continue
        if not (entry.is_file() and match):
            problems.append(Problem(shown(entry), None, "", "unknown file; pages/ holds only page files named "
                                    "like '45-local-help.yml'"))
            continue
        page_id = match.group(2)
        if any(page_id == other.id for other in layer.pages):
            problems.append(Problem(shown(entry), None, "", f"another file in pages/ already has the id '{page_id}'"))
            continue
        data, found = load_yaml(entry, shown(entry))
        problems += found
        src_uri = "index.md" if page_id == HOME_ID else f"{page_id}.md"
        layer.pages.append(PageFile(page_id, entry, shown(entry), src_uri, None, entry.name, data))
    for entry in sorted((folder / "blocks").iterdir()) if (folder / "blocks").is_dir() else []:
        if entry.name.startswith("."):
            continue
        match = BLOCK_FILE.match(entry.name)
        if not (entry.is_file() and match):
            problems.append(Problem(shown(entry), None, "", "unknown file; blocks/ holds one file per replaced "
                                    "block, named after its id, like 'national-hotlines.yml'"))
            continue
        data, found = load_yaml(entry, shown(entry))
        problems += found
        if data is not None and not isinstance(data, dict):
            problems.append(Problem(shown(entry), getattr(data, "line", 1), "",
                                    "expected one block: a set of fields starting with 'type:'"))
            continue
        if data is not None:
            layer.blocks[match.group(1)] = BlockFile(match.group(1), entry, shown(entry), data)
    return layer


def _read_changes(path: Path, root: Path, layer: OverridesLayer, problems: list[Problem]) -> None:
    shown = str(path.relative_to(root))
    data, errors = load_yaml(path, shown)
    problems += errors
    if data is None:
        return
    check = Check(shown)
    clean = CHANGES.check(data, getattr(data, "line", 1), "", check)
    problems += check.problems
    if clean is None or check.problems:
        return
    layer.changes, layer.changes_data, layer.changes_path = clean, data, path
    hide = data.get("hide") if isinstance(data, dict) else None
    for index, line in enumerate(getattr(hide, "item_lines", [])):
        layer.changes_lines[f"hide[{index}]"] = line
    labels = data.get("menu_labels") if isinstance(data, dict) else None
    for key, line in getattr(labels, "key_lines", {}).items():
        layer.changes_lines[f"menu_labels.{key}"] = line


# --- where each change goes -------------------------------------------------------

@dataclass
class Replacement:
    """An override file that takes the place of a block, or of one part of a block."""

    file: BlockFile
    block: int  # the block's place on the page
    part: tuple[str, int] | None = None  # (the block's parts field, the part's place) for a sub-section


@dataclass
class PlannedPage:
    file: PageFile  # where the page's own YAML comes from (content/ or overrides/pages/)
    src_uri: str
    folder: str | None
    order: str
    replacements: list[Replacement] = field(default_factory=list)

    @property
    def own(self) -> bool:
        """The organization's own page (added or replacing one of the guide's)."""
        return f"/{FOLDER}/" in f"/{self.file.shown}"


@dataclass
class Plan:
    pages: list[PlannedPage]  # the pages the guide shows, in menu order
    page_ids: set[str]  # every page id known, hidden ones too
    hidden: set[str]
    folders: list[str]  # menu folders that still hold a page
    changes_file: str


def plan_guide(content: ContentLayer, overrides: OverridesLayer, problems: list[Problem]) -> Plan:
    """Which pages the guide has, in which order, and which blocks come from override files."""
    planned: dict[str, PlannedPage] = {p.id: PlannedPage(p, p.src_uri, p.folder, p.order) for p in content.pages}
    replaced: dict[str, PageFile] = {}  # page id -> the content page an override page replaced
    for page in overrides.pages:
        if page.id in planned:
            original = planned[page.id]
            replaced[page.id] = original.file
            # Same address, same place in the menu.
            planned[page.id] = PlannedPage(page, original.src_uri, original.folder, original.order)
        else:
            planned[page.id] = PlannedPage(page, page.src_uri, None, page.order)

    hidden = set()
    for index, page_id in enumerate(overrides.changes["hide"]):
        line = overrides.changes_lines.get(f"hide[{index}]")
        if page_id == HOME_ID:
            problems.append(Problem(overrides.changes_file, line, f"hide[{index}]", "the start page cannot be "
                                    "hidden; replace it instead (site-data/overrides/pages/00-home.yml)"))
        elif page_id not in planned:
            problems.append(Problem(overrides.changes_file, line, f"hide[{index}]",
                                    f"there is no page '{page_id}' to hide{did_you_mean(page_id, planned)}"))
        else:
            hidden.add(page_id)
    pages = sorted((p for p in planned.values() if p.file.id not in hidden), key=lambda p: p.order)

    for block_file in overrides.blocks.values():
        _place(block_file, pages, planned, replaced, hidden, problems)
    for page in pages:
        whole = {r.block: r.file for r in page.replacements if r.part is None}
        for replacement in [r for r in page.replacements if r.part is not None and r.block in whole]:
            page.replacements.remove(replacement)
            holder = whole[replacement.block]
            problems.append(Problem(replacement.file.shown, None, "", f"replaces a {PART_NOUNS[replacement.part[0]]} "
                                    f"of the block '{holder.id}', which {holder.shown} replaces as a whole; make "
                                    "the change in that file and remove this one"))
        page.replacements.sort(key=lambda r: r.part is not None)  # whole blocks first, then parts of others
    folders = list(dict.fromkeys(p.folder for p in pages if p.folder))
    return Plan(pages, set(planned), hidden, folders, overrides.changes_file)


def _blocks_of(data: object) -> list:
    blocks = data.get("blocks") if isinstance(data, dict) else None
    return blocks if isinstance(blocks, list) else []


def _find(block_id_wanted: str, data: object) -> tuple[int, tuple[str, int] | None, str] | None:
    """Where on a page (as written) the block or sub-section with this id is: (block, part, block id)."""
    for index, raw in enumerate(_blocks_of(data)):
        own = block_id(raw)
        if own is None:
            continue
        if own == block_id_wanted:
            return index, None, own
        kind = BLOCK_TYPES[raw["type"]]
        if kind.parts_field:
            for place, part in enumerate(part_ids(kind, own, raw.get(kind.parts_field))):
                if part == block_id_wanted:
                    return index, (kind.parts_field, place), own
    return None


def _place(block_file: BlockFile, pages: list[PlannedPage], planned: dict[str, PlannedPage],
           replaced: dict[str, PageFile], hidden: set[str], problems: list[Problem]) -> None:
    wanted, shown, data = block_file.id, block_file.shown, block_file.data

    def problem(message: str, line: int | None = None, path: str = "") -> None:
        problems.append(Problem(shown, line, path, message))

    for page in pages:
        found = _find(wanted, page.file.data)
        if found is None:
            continue
        index, part, holder = found
        where = f"the block '{wanted}'" if part is None else f"the {PART_NOUNS[part[0]]} '{wanted}'"
        if page.own:
            problem(f"{where} is on your own page {page.file.shown}; change it there and remove this file")
            return
        given = data.get("id") if isinstance(data, dict) else None
        if given is not None and given != wanted:
            problem(f"is '{given}' but the file replaces '{wanted}'; remove the id line",
                    data.key_lines.get("id", data.line), "id")
            return
        if part is not None and "type" in data:
            noun = PART_NOUNS[part[0]]
            problem(f"'{wanted}' is a {noun} of the block '{holder}' (on the page '{page.file.id}'); this file "
                    f"replaces only that {noun}, so it holds the {noun}'s own fields (like 'heading:'), "
                    f"without 'type:'. To replace the whole block instead, name the file {holder}.yml",
                    data.key_lines.get("type", data.line), "type")
            return
        page.replacements.append(Replacement(block_file, index, part))
        return
    for page_id, original in replaced.items():
        if _find(wanted, original.data):
            problem(f"the block '{wanted}' was on the page '{page_id}' ({original.shown}), but "
                    f"{planned[page_id].file.shown} replaces that whole page, and the page there has no block "
                    f"'{wanted}'; make this change in {planned[page_id].file.shown} and remove this file")
            return
    for page_id in sorted(hidden):
        if _find(wanted, planned[page_id].file.data):
            problem(f"the block '{wanted}' is on the page '{page_id}', which changes.yml hides; "
                    "remove this file or show the page again")
            return
    known = [block_id(raw) for page in pages for raw in _blocks_of(page.file.data)]
    problem(f"there is no block '{wanted}' in the guide to replace{did_you_mean(wanted, [k for k in known if k])}; "
            "name the file after the block's id (the part after # in its address)")
