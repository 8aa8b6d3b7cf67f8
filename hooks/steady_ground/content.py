"""The guide's pages: reading content/, checking a page, and checking ids and links.

Nothing is written here. Loading happens in layers (editions.py puts them
together): the files of content/ are read as they are (gather_content), an
organization's overrides and the translations are laid over them, and only
then is each page checked, once (check_page), and the ids and links of the
whole guide (check_ids_and_links).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .blocks import BLOCK_TYPES, BlockList, BlockType
from .problems import ContentError, Problem
from .schema import Check, Flag, Link, Record, Text, did_you_mean, slug
from .translation import Outdated
from .yamlfile import Items, Node, load_yaml

HOME_ID = "home"
PAGE_FILE = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.yml$")
FOLDER = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
SECTION_FILE = "_section.yml"
TRANSLATIONS_FOLDER = "translations"  # content/translations/<lang>/: see editions.py

# A page's own fields; its blocks are checked one by one, by type.
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
    source: str = ""  # the file its structure came from (a page, or an override file)


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
    language: str = "en"
    outdated: list[Outdated] = field(default_factory=list)  # translated words whose source changed since

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


# --- reading the files as they are ----------------------------------------------

@dataclass
class PageFile:
    """One page file, read but not yet checked."""

    id: str
    path: Path
    shown: str  # "content/22-try-to-fix.yml"
    src_uri: str
    folder: str | None  # the menu folder's slug ("worksheets"), None at the top
    order: str  # the name of its top-level entry, which sorts it in the menu
    data: object  # the YAML as read (None when it could not be read)


@dataclass
class SectionFile:
    slug: str
    path: Path
    shown: str
    data: object


@dataclass
class ContentLayer:
    pages: list[PageFile] = field(default_factory=list)
    sections: dict[str, SectionFile] = field(default_factory=dict)


def gather_content(content_dir: Path, root: Path, problems: list[Problem]) -> ContentLayer:
    """Every page and folder file of content/, read as YAML, in menu order."""
    layer = ContentLayer()
    page_sources: dict[str, str] = {}

    def shown(path: Path) -> str:
        return str(path.relative_to(root))

    def add_page(path: Path, folder: str | None, order: str) -> None:
        page_id = PAGE_FILE.match(path.name).group(2)
        if page_id in page_sources:
            problems.append(Problem(shown(path), None, "", f"the page id '{page_id}' is already used by "
                                    f"{page_sources[page_id]}; rename one of the files"))
            return
        page_sources[page_id] = shown(path)
        if page_id == HOME_ID and folder is None:
            src_uri = "index.md"
        else:
            src_uri = f"{folder}/{page_id}.md" if folder else f"{page_id}.md"
        data, found = load_yaml(path, shown(path))
        problems.extend(found)
        layer.pages.append(PageFile(page_id, path, shown(path), src_uri, folder, order, data))

    def unknown(path: Path, where: str) -> None:
        hint = " (use the .yml ending)" if path.suffix in (".yaml", ".YML") else ""
        problems.append(Problem(shown(path), None, "", f"unknown file{hint}; {where} holds only page files named "
                                "like '10-page-id.yml' and folders named like '80-worksheets'"))

    if not content_dir.is_dir():
        raise ContentError([Problem(str(content_dir), None, "", "the content folder is missing")])
    for entry in sorted(content_dir.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or (entry.name == TRANSLATIONS_FOLDER and entry.is_dir()):
            continue
        if entry.is_file() and PAGE_FILE.match(entry.name):
            add_page(entry, None, entry.name)
        elif entry.is_dir() and FOLDER.match(entry.name):
            folder = FOLDER.match(entry.name).group(2)
            section = entry / SECTION_FILE
            if section.exists():
                data, found = load_yaml(section, shown(section))
                problems.extend(found)
                layer.sections[folder] = SectionFile(folder, section, shown(section), data)
            else:
                problems.append(Problem(shown(section), None, "", "is missing; a folder needs a _section.yml "
                                        "with 'title:'"))
            for child in sorted(entry.iterdir(), key=lambda p: p.name):
                if child.name == SECTION_FILE or child.name.startswith("."):
                    continue
                if child.is_file() and PAGE_FILE.match(child.name):
                    add_page(child, folder, entry.name)
                else:
                    unknown(child, shown(entry))
        else:
            unknown(entry, "content/")
    if not any(p.id == HOME_ID and p.folder is None for p in layer.pages) and not problems:
        problems.append(Problem(shown(content_dir), None, "", "there is no start page; add a file named like "
                                "'00-home.yml'"))
    return layer


def block_id(raw: object) -> str | None:
    """The id a block has (its 'id:', or one made from its heading), read from the YAML as written."""
    if not isinstance(raw, dict) or raw.get("type") not in BLOCK_TYPES:
        return None
    given = raw.get("id")
    if isinstance(given, str) and given.strip():
        return given.strip()
    title = raw.get(BLOCK_TYPES[raw["type"]].title_field)
    return slug(str(title or raw["type"]))


def part_ids(kind: BlockType, own_id: str, parts: object) -> list[str | None]:
    """The anchors of the parts of a block that get their own (sub-sections, worksheet parts)."""
    ids = []
    for part in parts if isinstance(parts, list) else []:
        if not isinstance(part, dict):
            ids.append(None)
            continue
        given = part.get("id")
        if isinstance(given, str) and given.strip():
            ids.append(given.strip())
        else:
            made = slug(str(part.get("heading") or ""))
            ids.append(f"{own_id}-{made}" if kind.part_id_prefixed else made)
    return ids


# --- checking one page -------------------------------------------------------------

def check_page(data: object, page_file: PageFile, group: str | None, check: Check) -> Page | None:
    """Check one page (as laid together from its layers) and make it a Page.

    Every link found is recorded in check.refs with the id of the block holding it.
    """
    if not isinstance(data, dict):
        check.problem(1, "", "expected page fields (title, summary, blocks), got a list or text")
        return None
    found_before = len(check.problems)
    fields = PAGE_FIELDS.check(data, data.line, "", check, skip=("blocks",))  # reports a missing 'blocks:'
    blocks = _page_blocks(data, check) if "blocks" in data else []
    if len(check.problems) > found_before:
        return None
    return Page(id=page_file.id, title=fields["title"], nav_title=fields["nav_title"] or fields["title"],
                summary=fields["summary"], content_note=bool(fields["content_note"]), blocks=blocks,
                source=page_file.shown, src_uri=page_file.src_uri, group=group,
                print_booklet=bool(fields["print_booklet"]))


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
        back = check.inside(raw_blocks.file_of(index) if isinstance(raw_blocks, Items) else None)
        links_before = len(check.refs)
        block = _check_block(raw, block_line, path, check)
        if block:
            blocks.append(block)
            check.refs[links_before:] = [link._replace(block=block.id) for link in check.refs[links_before:]]
        check.file = back
    return blocks


def _check_block(raw: object, line: int, path: str, check: Check) -> Block | None:
    if not isinstance(raw, dict):
        check.problem(line, path, "expected a block: a set of fields starting with 'type:'")
        return None
    type_name = raw.get("type")
    if type_name not in BLOCK_TYPES:
        known = ", ".join(BLOCK_TYPES)
        if type_name is None:
            check.problem(line, f"{path}.type", f"is missing; expected one of: {known}")
        else:
            key_line = raw.key_lines.get("type", line) if isinstance(raw, Node) else line
            check.problem(key_line, f"{path}.type", f"unknown block type '{type_name}'; expected one of: {known}")
        return None
    kind = BLOCK_TYPES[type_name]
    clean = Record(kind.fields).check(raw, line, path, check, skip=("type",))
    if clean is None:
        return None
    clean["id"] = block_id(raw)
    parts = clean.get(kind.parts_field) if kind.parts_field else None
    for part, part_id in zip(parts or [], part_ids(kind, clean["id"], raw.get(kind.parts_field))):
        if isinstance(part, dict):
            part["id"] = part_id
    return Block(type=type_name, id=clean["id"], data=clean, line=line, source=check.file)


def anchors(block: Block) -> list[tuple[str, str]]:
    """(id, title) of a block and of the parts inside it that get their own anchor."""
    kind = BLOCK_TYPES[block.type]
    title = str(block.data.get(kind.title_field) or block.id)
    found = [(block.id, title)]
    if kind.parts_field:
        for part in block.data.get(kind.parts_field) or []:
            if part and part.get("id"):
                found.append((part["id"], part.get("heading") or part["id"]))
    return found


def section_title(section: SectionFile | None, data: object, problems: list[Problem]) -> str | None:
    if section is None or data is None:
        return None
    check = Check(section.shown)
    fields = SECTION_FIELDS.check(data, getattr(data, "line", 1), "", check)
    problems += check.problems
    return fields["title"] if fields and not check.problems else None


# --- ids and links across the guide ------------------------------------------------

def check_ids_and_links(guide: Guide, page_ids: set[str], links: list[Link], problems: list[Problem]) -> None:
    """Each anchor once in the guide; each link to a page or block that is there.

    `page_ids` holds every page id the guide knows, also of pages that could not
    be loaded (their own problems are reported already)."""
    owners: dict[str, str] = {}
    for page in guide.pages:
        for index, block in enumerate(page.blocks):
            for anchor, title in anchors(block):
                if anchor in owners:
                    problems.append(Problem(block.source, block.line, f"blocks[{index}].id",
                                            f"the id '{anchor}' is already used at {owners[anchor]}; "
                                            "give this block its own 'id:'"))
                    continue
                owners[anchor] = f"{block.source}:{block.line}"
                guide.anchors[anchor] = (page.id, title.replace("*", ""))
    loaded = {p.id for p in guide.pages}
    for link in links:
        message = ref_problem(link.target, guide, page_ids, loaded)
        if message:
            problems.append(Problem(link.file, link.line, link.field, message))


def ref_problem(target: str, guide: Guide, page_ids: set[str], loaded: set[str]) -> str | None:
    page_id, _, block = target.partition("/")
    if page_id not in page_ids:
        return (f"the link 'ref:{target}' points to no page"
                + (did_you_mean(page_id, page_ids) or
                   f"; expected a page id such as {', '.join(sorted(page_ids)[:4]) or 'home'}"))
    if page_id not in loaded:
        return None  # that page has problems of its own, reported already
    if block and guide.anchors.get(block, (None,))[0] != page_id:
        message = f"the link 'ref:{target}' points to no block '{block}' on the page '{page_id}'"
        if block in guide.anchors:
            owner = guide.anchors[block][0]
            return f"{message}; it is on the page '{owner}' (did you mean 'ref:{owner}/{block}'?)"
        return message + did_you_mean(block, [a for a, (on, _) in guide.anchors.items() if on == page_id])
    return None

