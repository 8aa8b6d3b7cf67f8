"""Load every page of the guide from content/, check it, and resolve its links.

Nothing is written here: the build calls load_guide() first and only goes on
to write the site when it returns without problems.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .blocks import BLOCK_TYPES, BlockList
from .problems import ContentError, Problem
from .schema import Check, Flag, Record, Text, did_you_mean, slug
from .yamlfile import Items, Node, load_yaml

HOME_ID = "home"
PAGE_FILE = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.yml$")
FOLDER = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
SECTION_FILE = "_section.yml"

PAGE_FIELDS = Record({
    "title": Text(markdown=False, doc="The page heading and the browser tab's title."),
    "nav_title": Text(markdown=False, required=False, doc="A shorter label for the menu (the title when left out)."),
    "summary": Text(doc="One or two plain sentences under the heading, also used by search engines."),
    "content_note": Flag(required=False, default=False,
                         doc="true opens the page with a short note that it talks about abuse or violence."),
    "print_booklet": Flag(required=False, default=False,
                          doc="true also shows every worksheet of the guide, to print them as one booklet."),
    # Checked one block at a time by its type in _page_blocks below.
    "blocks": BlockList(doc="The page's content in order. Each block starts with 'type:', which decides its fields."),
})
SECTION_FIELDS = Record({"title": Text(markdown=False, doc="The menu heading for the pages in this folder.")})


@dataclass
class Block:
    type: str
    id: str
    data: dict
    line: int
    source: str | None = None  # its own file when not its page's (a block an organization replaced)


@dataclass
class Page:
    id: str
    title: str
    nav_title: str
    summary: str
    content_note: bool
    blocks: list[Block]
    source: str  # path shown in messages, relative to the project
    src_uri: str  # where MkDocs places it: "index.md", "worksheets/safety-plan.md"
    group: str | None  # menu group title, for pages in a folder
    print_booklet: bool = False  # also shows every worksheet of the guide (see render.py)


@dataclass
class Guide:
    pages: list[Page]
    groups: dict[str, str] = field(default_factory=dict)  # folder slug -> menu title
    anchors: dict[str, tuple[str, str]] = field(default_factory=dict)  # anchor -> (page id, its title)

    def page(self, page_id: str) -> Page:
        return next(p for p in self.pages if p.id == page_id)

    def nav(self) -> list:
        """MkDocs nav: pages in order, folder pages under their group title."""
        entries: list = []
        open_group: dict | None = None
        for page in self.pages:
            item = {page.nav_title: page.src_uri}
            if page.group is None:
                entries.append(item)
                open_group = None
                continue
            if open_group is None or page.group not in open_group:
                open_group = {page.group: []}
                entries.append(open_group)
            open_group[page.group].append(item)
        return entries


def _page_blocks(data: Node, check: Check) -> list[Block]:
    raw_blocks = data.get("blocks")
    line = data.key_lines.get("blocks", data.line) if isinstance(data, Node) else 1
    if not isinstance(raw_blocks, list) or not raw_blocks:
        check.problem(line, "blocks", "expected a list of blocks (at least one), each with a 'type:'")
        return []
    lines = raw_blocks.item_lines if isinstance(raw_blocks, Items) else [line] * len(raw_blocks)
    blocks = []
    for index, (raw, block_line) in enumerate(zip(raw_blocks, lines)):
        path = f"blocks[{index}]"
        if not isinstance(raw, dict):
            check.problem(block_line, path, "expected a block: a set of fields starting with 'type:'")
            continue
        type_name = raw.get("type")
        if type_name not in BLOCK_TYPES:
            known = ", ".join(BLOCK_TYPES)
            if type_name is None:
                check.problem(block_line, f"{path}.type", f"is missing; expected one of: {known}")
            else:
                check.problem(raw.key_lines.get("type", block_line), f"{path}.type",
                              f"unknown block type '{type_name}'; expected one of: {known}")
            continue
        kind = BLOCK_TYPES[type_name]
        clean = Record(kind.fields).check(raw, block_line, path, check, skip=("type",))
        if clean is None:
            continue
        block_id = clean.get("id") or slug(str(clean.get(kind.title_field) or type_name))
        clean["id"] = block_id
        blocks.append(Block(type=type_name, id=block_id, data=clean, line=block_line))
    return blocks


def _load_page(path: Path, page_id: str, src_uri: str, group: str | None, root: Path,
               problems: list[Problem], refs: list) -> Page | None:
    shown = str(path.relative_to(root))
    data, found = load_yaml(path, shown)
    problems += found
    if data is None:
        return None
    check = Check(shown)
    if not isinstance(data, dict):
        check.problem(1, "", "expected page fields (title, summary, blocks), got a list or text")
        problems += check.problems
        return None
    fields = PAGE_FIELDS.check(data, data.line, "", check, skip=("blocks",))  # reports a missing 'blocks:'
    blocks = _page_blocks(data, check) if "blocks" in data else []
    problems += check.problems
    refs += check.refs
    if check.problems:
        return None
    return Page(id=page_id, title=fields["title"], nav_title=fields["nav_title"] or fields["title"],
                summary=fields["summary"], content_note=bool(fields["content_note"]), blocks=blocks,
                source=shown, src_uri=src_uri, group=group, print_booklet=bool(fields["print_booklet"]))


def _anchors(block: Block) -> list[tuple[str, str]]:
    """(id, title) of a block and of the parts inside it that get their own anchor."""
    title = str(block.data.get(BLOCK_TYPES[block.type].title_field) or block.id)
    found = [(block.id, title)]
    for sub in block.data.get("subsections") or []:
        sub["id"] = sub.get("id") or slug(sub["heading"])
        found.append((sub["id"], sub["heading"]))
    for part in block.data.get("parts") or []:
        part["id"] = part.get("id") or f"{block.id}-{slug(part['heading'])}"
        found.append((part["id"], part["heading"]))
    return found


def load_guide(content_dir: Path, root: Path) -> Guide:
    """Load and check the whole guide; raise ContentError listing every problem."""
    problems: list[Problem] = []
    refs: list = []
    pages: list[Page] = []
    groups: dict[str, str] = {}
    page_sources: dict[str, str] = {}

    def add_page(path: Path, group_slug: str | None, group_title: str | None) -> None:
        match = PAGE_FILE.match(path.name)
        page_id = match.group(2)
        if page_id in page_sources:
            problems.append(Problem(str(path.relative_to(root)), None, "",
                                    f"the page id '{page_id}' is already used by {page_sources[page_id]}; "
                                    "rename one of the files"))
            return
        page_sources[page_id] = str(path.relative_to(root))
        if page_id == HOME_ID and group_slug is None:
            src_uri = "index.md"
        else:
            src_uri = f"{group_slug}/{page_id}.md" if group_slug else f"{page_id}.md"
        page = _load_page(path, page_id, src_uri, group_title, root, problems, refs)
        if page:
            pages.append(page)

    def unknown(path: Path, where: str) -> None:
        hint = " (use the .yml ending)" if path.suffix in (".yaml", ".YML") else ""
        problems.append(Problem(str(path.relative_to(root)), None, "",
                                f"unknown file{hint}; {where} holds only page files named like "
                                "'10-page-id.yml' and folders named like '80-worksheets'"))

    if not content_dir.is_dir():
        raise ContentError([Problem(str(content_dir), None, "", "the content folder is missing")])
    for entry in sorted(content_dir.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_file() and PAGE_FILE.match(entry.name):
            add_page(entry, None, None)
        elif entry.is_dir() and FOLDER.match(entry.name):
            folder_slug = FOLDER.match(entry.name).group(2)
            title = _section_title(entry, root, problems)
            groups[folder_slug] = title or folder_slug
            for child in sorted(entry.iterdir(), key=lambda p: p.name):
                if child.name == SECTION_FILE or child.name.startswith("."):
                    continue
                if child.is_file() and PAGE_FILE.match(child.name):
                    add_page(child, folder_slug, groups[folder_slug])
                else:
                    unknown(child, str(entry.relative_to(root)))
        else:
            unknown(entry, "content/")

    guide = Guide(pages=pages, groups=groups)
    if not any(p.id == HOME_ID for p in pages) and not problems:
        problems.append(Problem(str(content_dir.relative_to(root)), None, "",
                                "there is no start page; add a file named like '00-home.yml'"))
    _check_ids_and_refs(guide, page_sources, refs, problems)
    if problems:
        raise ContentError(problems)
    return guide


def _section_title(folder: Path, root: Path, problems: list[Problem]) -> str | None:
    path = folder / SECTION_FILE
    shown = str(path.relative_to(root))
    if not path.exists():
        problems.append(Problem(shown, None, "", "is missing; a folder needs a _section.yml with 'title:'"))
        return None
    data, found = load_yaml(path, shown)
    problems += found
    if data is None:
        return None
    check = Check(shown)
    fields = SECTION_FIELDS.check(data, getattr(data, "line", 1), "", check)
    problems += check.problems
    return fields["title"] if fields and not check.problems else None


def _check_ids_and_refs(guide: Guide, page_sources: dict[str, str], refs: list,
                        problems: list[Problem]) -> None:
    owners: dict[str, tuple[str, int]] = {}
    for page in guide.pages:
        for block in page.blocks:
            for anchor, title in _anchors(block):
                if anchor in owners:
                    first_file, first_line = owners[anchor]
                    problems.append(Problem(page.source, block.line, f"blocks[{page.blocks.index(block)}].id",
                                            f"the id '{anchor}' is already used at {first_file}:{first_line}; "
                                            "give this block its own 'id:'"))
                    continue
                owners[anchor] = (page.source, block.line)
                guide.anchors[anchor] = (page.id, title.replace("*", ""))
    loaded = {p.id for p in guide.pages}
    for target, source, line, path in refs:
        message = _ref_problem(target, guide, set(page_sources), loaded)
        if message:
            problems.append(Problem(source, line, path, message))


def _ref_problem(target: str, guide: Guide, page_ids: set[str], loaded: set[str]) -> str | None:
    page_id, _, block_id = target.partition("/")
    if page_id not in page_ids:
        return (f"the link 'ref:{target}' points to no page"
                + (did_you_mean(page_id, page_ids) or
                   f"; expected a page id such as {', '.join(sorted(page_ids)[:4]) or 'home'}"))
    if page_id not in loaded:
        return None  # that page has problems of its own, reported already
    if block_id and guide.anchors.get(block_id, (None,))[0] != page_id:
        message = f"the link 'ref:{target}' points to no block '{block_id}' on the page '{page_id}'"
        if block_id in guide.anchors:
            owner = guide.anchors[block_id][0]
            return f"{message}; it is on the page '{owner}' (did you mean 'ref:{owner}/{block_id}'?)"
        return message + did_you_mean(block_id, [a for a, (on, _) in guide.anchors.items() if on == page_id])
    return None
