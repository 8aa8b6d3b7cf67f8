"""An organization's own changes to the guide, kept in site-data/overrides/.

An organization changes the guide without touching content/, so it can take
new versions of the guide and keep its changes:

    site-data/overrides/
      changes.yml            hide pages, rename menu entries
      pages/45-local-help.yml   a page of its own, placed by its number among the
                                guide's pages; a file named after an existing page
                                id (like 42-safety.yml) replaces that page
      blocks/national-hotlines.yml   replaces the block with that id

Everything is checked like content/, with the same file:line messages, and the
links of the whole changed guide are checked again afterwards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .blocks import BLOCK_TYPES
from .content import HOME_ID, PAGE_FILE, Block, Guide, Page, _anchors, _check_ids_and_refs, _load_page
from .problems import Problem
from .schema import ID_PATTERN, Check, Field, Id, ListOf, Record, Text, did_you_mean
from .yamlfile import Node, load_yaml

FOLDER = "overrides"
CHANGES_FILE = "changes.yml"
# Lists of places that may simply lose an entry: a block's "see:" list and a term's "covered_in:".
RELATED_LISTS = ("see", "covered_in")
RELATED = re.compile(r"(^|\.)(see|covered_in)\[\d+\]$")
BLOCK_FILE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)\.yml$")


class Labels(Field):
    """Menu labels by page or folder id: `what-toxic-means: What "toxic" means`."""

    expected = "a list of 'page-id: new label' lines"

    def check(self, value, line, path, check):
        if not isinstance(value, dict):
            self.wrong(value, line, path, check)
            return None
        key_lines = value.key_lines if isinstance(value, Node) else {}
        labels = {}
        for key, label in value.items():
            key_line = key_lines.get(key, line)
            if not ID_PATTERN.match(str(key)):
                check.problem(key_line, f"{path}.{key}", "expected a page or folder id: lowercase words "
                                                         "joined by hyphens, like 'what-toxic-means'")
                continue
            labels[key] = Text(markdown=False).check(label, key_line, f"{path}.{key}", check)
        return labels

    def _json_schema(self):
        return {"type": "object", "propertyNames": {"pattern": ID_PATTERN.pattern},
                "additionalProperties": Text(markdown=False, doc="The new label in the menu.").json_schema(),
                "errorMessage": f"expected {self.expected}"}


CHANGES = Record({
    "hide": ListOf(Id(), required=False, default=[], minimum=0,
                   doc="Pages (by id, like 'moving-forward') to leave out of the guide. The start page "
                       "cannot be hidden."),
    "menu_labels": Labels(required=False, default={},
                          doc="New menu labels by page or folder id, like 'get-help: Call us now'."),
})


@dataclass
class _Found:
    """What the overrides folder holds, each with where it came from."""

    changes: dict = field(default_factory=lambda: {"hide": [], "menu_labels": {}})
    changes_lines: dict = field(default_factory=dict)  # "hide[0]" / "menu_labels.x" -> line
    pages: list[tuple[str, Page]] = field(default_factory=list)  # (file name, page)
    blocks: dict[str, tuple[Block, str]] = field(default_factory=dict)  # id -> (block, shown path)
    refs: list = field(default_factory=list)
    block_sources: dict[int, str] = field(default_factory=dict)  # id(block) -> file it came from


def apply_overrides(guide: Guide, content_dir: Path, site_data_dir: Path, root: Path) -> list[Problem]:
    """Change the loaded guide in place; return every problem found (none: all applied)."""
    folder = site_data_dir / FOLDER
    if not folder.is_dir():
        return []
    problems: list[Problem] = []
    found = _read_folder(folder, root, problems)
    if problems:
        return problems

    def shown(path: Path) -> str:
        return str(path.relative_to(root))

    changes_file = shown(folder / CHANGES_FILE)
    by_id = {page.id: page for page in guide.pages}
    # Where each page sits in the menu: the name of its top-level file or folder in content/.
    order = {page.id: Path(page.source).relative_to(shown(content_dir)).parts[0] for page in guide.pages}
    replaced_blocks: dict[str, set[int]] = {}  # page id -> indexes of its replaced blocks

    for file_name, page in found.pages:
        if page.id in by_id:
            original = by_id[page.id]
            page.src_uri, page.group = original.src_uri, original.group  # same address, same place
            guide.pages[guide.pages.index(original)] = page
        else:
            guide.pages.append(page)
            order[page.id] = file_name
        by_id[page.id] = page

    for block_id, (block, source) in found.blocks.items():
        owner = next(((p, i) for p in guide.pages for i, b in enumerate(p.blocks) if b.id == block_id), None)
        if owner is None:
            problems.append(Problem(source, None, "", f"there is no block '{block_id}' in the guide to replace"
                                    f"{did_you_mean(block_id, [b.id for p in guide.pages for b in p.blocks])}; "
                                    "name the file after the block's id (the part after # in its address)"))
            continue
        page, index = owner
        page.blocks[index] = block
        found.block_sources[id(block)] = source
        replaced_blocks.setdefault(page.id, set()).add(index)

    hidden = set()
    for index, page_id in enumerate(found.changes["hide"]):
        line = found.changes_lines.get(f"hide[{index}]")
        if page_id == HOME_ID:
            problems.append(Problem(changes_file, line, f"hide[{index}]", "the start page cannot be hidden; "
                                    "replace it instead (site-data/overrides/pages/00-home.yml)"))
        elif page_id not in by_id:
            problems.append(Problem(changes_file, line, f"hide[{index}]", f"there is no page '{page_id}' to hide"
                                    f"{did_you_mean(page_id, by_id)}"))
        else:
            hidden.add(page_id)
    guide.pages = [page for page in guide.pages if page.id not in hidden]
    guide.pages.sort(key=lambda page: order[page.id])  # stable: pages inside a folder keep their order

    problems += _rename(guide, found.changes["menu_labels"], found.changes_lines, changes_file)
    problems += _recheck_links(guide, root, found, hidden, replaced_blocks)
    return problems


def _read_folder(folder: Path, root: Path, problems: list[Problem]) -> _Found:
    found = _Found()
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name in (CHANGES_FILE, "pages", "blocks"):
            continue
        problems.append(Problem(str(entry.relative_to(root)), None, "",
                                "unknown file; site-data/overrides/ holds only changes.yml, "
                                "a pages/ folder and a blocks/ folder"))
    if (folder / CHANGES_FILE).exists():
        _read_changes(folder / CHANGES_FILE, root, found, problems)
    for entry in sorted((folder / "pages").iterdir()) if (folder / "pages").is_dir() else []:
        match = PAGE_FILE.match(entry.name)
        if entry.name.startswith("."):
            continue
        if not (entry.is_file() and match):
            problems.append(Problem(str(entry.relative_to(root)), None, "",
                                    "unknown file; pages/ holds only page files named like '45-local-help.yml'"))
            continue
        page_id = match.group(2)
        if any(page_id == other.id for _, other in found.pages):
            problems.append(Problem(str(entry.relative_to(root)), None, "",
                                    f"another file in pages/ already has the id '{page_id}'"))
            continue
        src_uri = "index.md" if page_id == HOME_ID else f"{page_id}.md"
        page = _load_page(entry, page_id, src_uri, None, root, problems, found.refs)
        if page:
            found.pages.append((entry.name, page))
    for entry in sorted((folder / "blocks").iterdir()) if (folder / "blocks").is_dir() else []:
        if entry.name.startswith("."):
            continue
        match = BLOCK_FILE.match(entry.name)
        if not (entry.is_file() and match):
            problems.append(Problem(str(entry.relative_to(root)), None, "",
                                    "unknown file; blocks/ holds one file per replaced block, named after "
                                    "its id, like 'national-hotlines.yml'"))
            continue
        block = _load_block(entry, match.group(1), root, found, problems)
        if block:
            found.blocks[block.id] = (block, str(entry.relative_to(root)))
    return found


def _read_changes(path: Path, root: Path, found: _Found, problems: list[Problem]) -> None:
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
    found.changes = clean
    hide = data.get("hide") if isinstance(data, dict) else None
    for index, line in enumerate(getattr(hide, "item_lines", [])):
        found.changes_lines[f"hide[{index}]"] = line
    labels = data.get("menu_labels") if isinstance(data, dict) else None
    for key, line in getattr(labels, "key_lines", {}).items():
        found.changes_lines[f"menu_labels.{key}"] = line


def _load_block(path: Path, block_id: str, root: Path, found: _Found, problems: list[Problem]) -> Block | None:
    shown = str(path.relative_to(root))
    data, errors = load_yaml(path, shown)
    problems += errors
    if data is None:
        return None
    check = Check(shown)
    line = getattr(data, "line", 1)
    if not isinstance(data, dict):
        check.problem(line, "", "expected one block: a set of fields starting with 'type:'")
    elif data.get("type") not in BLOCK_TYPES:
        known = ", ".join(BLOCK_TYPES)
        check.problem(data.key_lines.get("type", line), "type",
                      f"expected one of: {known}" if "type" not in data else
                      f"unknown block type '{data['type']}'; expected one of: {known}")
    else:
        kind = BLOCK_TYPES[data["type"]]
        clean = Record(kind.fields).check(data, line, "", check, skip=("type",))
        if clean is not None and clean.get("id") not in (None, block_id):
            check.problem(data.key_lines.get("id", line), "id",
                          f"is '{clean['id']}' but the file replaces '{block_id}'; remove the id line")
        if clean is not None and not check.problems:
            clean["id"] = block_id
            found.refs += check.refs
            return Block(type=data["type"], id=block_id, data=clean, line=line, source=shown)
    problems += check.problems
    return None


def _rename(guide: Guide, labels: dict, lines: dict, changes_file: str) -> list[Problem]:
    problems = []
    for key, label in labels.items():
        pages = [page for page in guide.pages if page.id == key]
        if pages:
            pages[0].nav_title = label
        elif key in guide.groups:
            old = guide.groups[key]
            guide.groups[key] = label
            for page in guide.pages:
                if page.group == old:
                    page.group = label
        else:
            problems.append(Problem(changes_file, lines.get(f"menu_labels.{key}"), f"menu_labels.{key}",
                                    f"there is no page or folder '{key}' in the menu"
                                    f"{did_you_mean(key, [p.id for p in guide.pages] + list(guide.groups))}"))
    return problems


def _recheck_links(guide: Guide, root: Path, found: _Found, hidden: set[str],
                   replaced_blocks: dict[str, set[int]]) -> list[Problem]:
    """Check ids and every link again over the changed guide."""
    problems: list[Problem] = []
    refs = list(found.refs)
    override_pages = {id(page) for _, page in found.pages}
    for page in guide.pages:
        if id(page) in override_pages:
            continue
        # Read the page's file again for the exact line of each link it holds.
        page_refs: list = []
        _load_page(root / page.source, page.id, page.src_uri, page.group, root, [], page_refs)
        gone = replaced_blocks.get(page.id, set())
        refs += [ref for ref in page_refs if not any(ref[3].startswith(f"blocks[{i}]") for i in gone)]
    kept = []
    for target, source, line, path in refs:
        page_id = target.partition("/")[0]
        if page_id in hidden and RELATED.search(path):
            continue  # dropped from the block's "Related:" list below
        if page_id in hidden:
            problems.append(Problem(source, line, path,
                                    f"links to the page '{page_id}', which site-data/overrides/changes.yml "
                                    "hides; replace this block in site-data/overrides/blocks/ or keep the page"))
        else:
            kept.append((target, source, line, path))
    # A hidden page simply leaves the "Related:" lists; a link in the text itself is reported above.
    for page in guide.pages:
        for index, block in enumerate(page.blocks):
            for key in RELATED_LISTS:
                if not block.data.get(key):
                    continue
                block.data[key] = [t for t in block.data[key] if t.partition("/")[0] not in hidden]
                if not block.data[key] and key == "covered_in":
                    problems.append(Problem(page.source, block.line, f"blocks[{index}].covered_in",
                                            "every place this term links to is hidden by "
                                            "site-data/overrides/changes.yml; add a page it can link to"))
    guide.anchors.clear()
    sources = {page.id: page.source for page in guide.pages}
    found_here: list[Problem] = []
    _check_ids_and_refs(guide, sources, kept, found_here)
    # Repeated ids are reported here instead, naming the file each block really came from.
    problems += [p for p in found_here if "is already used at" not in p.message]
    problems += _repeated_ids(guide, found.block_sources)
    return problems


def _repeated_ids(guide: Guide, block_sources: dict[int, str]) -> list[Problem]:
    problems = []
    owners: dict[str, str] = {page.id: f"the page {page.source}" for page in guide.pages}
    for page in guide.pages:
        for index, block in enumerate(page.blocks):
            source = block_sources.get(id(block), page.source)
            path = "id" if id(block) in block_sources else f"blocks[{index}].id"
            for anchor, _ in _anchors(block):
                if anchor in owners:
                    problems.append(Problem(source, block.line, path, f"the id '{anchor}' is already used at "
                                            f"{owners[anchor]}; give this block its own 'id:'"))
                else:
                    owners[anchor] = f"{source}:{block.line}"
    return problems
