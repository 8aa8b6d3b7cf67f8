"""The guide in each of its editions: the layers gathered, laid together, checked once.

Four layers make an edition:

    content/                                  the guide, in English (its structure and words)
    content/translations/<lang>/              the guide's words in another language
    site-data/overrides/                      an organization's own pages and blocks
    site-data/translations/<lang>/overrides/  their words in another language

A translation lives at `<top folder>/translations/<lang>/<the same path>` and
holds words only; structure (pages, order, block types, ids, links, flags,
numbers) always comes from the source file. content/ is written in English;
site-data/ in the organization's default language (`language:` in
organization.yml). An edition needs a translation of a file only when the file
is in another language.

All files are read once; the organization's changes are planned once (which
pages, which blocks come from where: org_overrides.plan_guide); then, for each
edition, each page is laid together from its layers and checked once. A
problem names the file, line and field its value really came from. The
source guide (every file as written) is checked first; a translated edition
skips the pages whose source has problems, and does not repeat the checks of
ids and links, which are structure and the same in every edition.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .blocks import BLOCK_TYPES
from .content import (PAGE_FIELDS, SECTION_FIELDS, ContentLayer, Guide, Page, block_id, check_ids_and_links,
                      check_page, gather_content, part_ids, section_title)
from .org_overrides import CHANGES, FOLDER, OverridesLayer, Plan, PlannedPage, gather_overrides, plan_guide
from .problems import ContentError, Problem
from .schema import Check, Link, Merge, Record, did_you_mean
from .glossary import glossary_problems
from .safety_rules import safety_problems
from .settings import Settings, load_settings, printing_problems
from .translation import TRANSLATIONS, Outdated, language_name, lay_over, relabel
from .yamlfile import Items, Node, load_yaml

GUIDE_LANGUAGE = "en"  # the language content/ is written in
# Lists of places that may simply lose an entry when a page is hidden: a block's
# "Related:" list (see) and the places a word-list term links to (covered_in).
RELATED_LISTS = ("see", "covered_in")
RELATED_FIELD = re.compile(r"(^|\.)(see|covered_in)(\[\d+\])?$")


@dataclass
class Edition:
    language: str
    guide: Guide
    settings: Settings
    path: str  # where it is served, from the site's root: "" (the default edition) or "es/"

    @property
    def outdated(self) -> list[Outdated]:
        return [*self.guide.outdated, *self.settings.outdated]


@dataclass
class Site:
    editions: dict[str, Edition]  # the default edition first

    @property
    def default(self) -> Edition:
        return next(iter(self.editions.values()))


@dataclass
class _Layers:
    """Every file read, and the organization's changes planned: the same for every edition."""

    root: Path
    content_dir: Path
    site_data_dir: Path
    content: ContentLayer
    overrides: OverridesLayer
    plan: Plan
    site_language: str  # the language site-data/ is written in

    def shown(self, path: Path) -> str:
        return str(path.relative_to(self.root))

    def top(self, path: Path) -> tuple[Path, str]:
        """The top folder a file belongs to, and the language its files are written in."""
        if path.is_relative_to(self.content_dir):
            return self.content_dir, GUIDE_LANGUAGE
        return self.site_data_dir, self.site_language

    def needs_translation(self, language: str) -> bool:
        """Whether an edition in this language needs any translation (content/ or site-data/)."""
        return language != GUIDE_LANGUAGE or language != self.site_language

    def translation_of(self, path: Path, language: str) -> Path | None:
        """Where the `language` translation of a file lives (None: the file is in that language)."""
        top, written_in = self.top(path)
        if written_in == language:
            return None
        return top / TRANSLATIONS / language / path.relative_to(top)


def load_site(content_dir: Path, site_data_dir: Path, root: Path) -> Site:
    """Every edition the organization's settings name, checked together: raise ContentError listing
    every problem of every edition."""
    layers, settings, source, problems = _read(content_dir, site_data_dir, root)
    if layers is None or settings is None:
        raise ContentError(problems)
    failed = {page.file.id for page in layers.plan.pages} - {page.id for page in source.pages}
    editions: dict[str, Edition] = {}
    for code in settings.editions:
        edition_settings = settings
        if code != settings.language:
            edition_settings, found = load_settings(site_data_dir, root, code)
            problems += found
        guide = source
        if layers.needs_translation(code):
            guide = _assemble(layers, code, failed, problems)
            problems += _stray_translations(layers, code)
        if edition_settings is not None:
            editions[code] = Edition(code, guide, edition_settings, "" if code == settings.language else f"{code}/")
    if source is not None:
        problems += safety_problems(source)  # blocks for both partners link to Safety first
        problems += glossary_problems(source)  # a word belongs to one term only
    if settings is not None:
        worksheets = {page.id for page in source.pages if any(b.type == "worksheet" for b in page.blocks)}
        problems += printing_problems(settings, worksheets, site_data_dir, root)
    if problems:
        raise ContentError(sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field, p.message)))
    return Site(editions)


def guide_from_content(content_dir: Path, root: Path) -> Guide:
    """The guide as content/ has it: no organization's changes, no translation."""
    problems: list[Problem] = []
    content = gather_content(content_dir, root, problems)
    plan = plan_guide(content, OverridesLayer(), problems)
    layers = _Layers(root, content_dir, root / "site-data", content, OverridesLayer(), plan, GUIDE_LANGUAGE)
    guide = _assemble(layers, None, set(), problems)
    if problems:
        raise ContentError(problems)
    return guide


def read_layers(content_dir: Path, site_data_dir: Path, root: Path) -> tuple[_Layers | None, Settings | None,
                                                                             list[Problem]]:
    """Every file read and the organization's changes planned, and the source files checked."""
    layers, settings, _, problems = _read(content_dir, site_data_dir, root)
    return layers, settings, problems


def translation_state(layers: _Layers, language: str) -> tuple[list[Problem], list[Outdated]]:
    """What an edition's translations lack or got wrong, and which are outdated (for every page the
    guide shows, whether or not the edition is switched on yet)."""
    problems: list[Problem] = []
    guide = _assemble(layers, language, set(), problems)
    problems += _stray_translations(layers, language)
    return problems, guide.outdated


def _read(content_dir: Path, site_data_dir: Path, root: Path):
    """The settings and every file, read once; the source files (as written) laid together and checked."""
    problems: list[Problem] = []
    settings, found = load_settings(site_data_dir, root)
    problems += found
    site_language = settings.language if settings else GUIDE_LANGUAGE
    try:
        content = gather_content(content_dir, root, problems)
    except ContentError as error:
        return None, settings, None, problems + error.problems
    overrides = gather_overrides(site_data_dir, root, problems)
    plan = plan_guide(content, overrides, problems)
    layers = _Layers(root, content_dir, site_data_dir, content, overrides, plan, site_language)
    source = _assemble(layers, None, set(), problems)
    return layers, settings, source, problems


# --- one edition -------------------------------------------------------------------

@dataclass
class _Assembly:
    """What laying one edition together found, before it is checked."""

    language: str | None  # None: the source files as written
    problems: list[Problem] = field(default_factory=list)
    outdated: list[Outdated] = field(default_factory=list)
    aliases: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # file -> (path, as the file says)

    def alias(self, file: str, path: str, shown_as: str) -> None:
        self.aliases.setdefault(file, []).append((path, shown_as))


def _assemble(layers: _Layers, language: str | None, skip: set[str], problems: list[Problem]) -> Guide:
    """Lay one edition together (None: the source files as written) and check it, skipping the
    pages in `skip` (their source has problems of its own)."""
    work = _Assembly(language)
    groups = _group_titles(layers, work)
    labels = _menu_labels(layers, work)
    guide = Guide(pages=[], groups=dict(groups), language=language or GUIDE_LANGUAGE)
    links: list[Link] = []
    for planned in layers.plan.pages:
        page_id = planned.file.id
        if page_id in skip:
            continue
        data = planned.file.data
        if data is not None and language is not None:
            data = _translated_page(layers, planned, language, work)
        if data is not None:
            data = _with_replacements(layers, planned, data, language, work)
        if data is None:
            continue
        check = Check(planned.file.shown)
        group = labels.get(planned.folder, groups.get(planned.folder)) if planned.folder else None
        page = check_page(data, planned.file, group, check)
        work.problems += check.problems
        if page is None:
            continue
        guide.pages.append(page)
        links += check.refs
    for page in guide.pages:
        page.nav_title = labels.get(page.id, page.nav_title)
    guide.groups = {folder: labels.get(folder, title) for folder, title in groups.items()}

    links = _without_hidden_pages(guide, links, layers, work)
    checked: list[Problem] = []
    check_ids_and_links(guide, layers.plan.page_ids, links, checked)
    if language is None:
        work.problems += checked  # ids and links are structure: checked in the source files only
    for file, aliases in work.aliases.items():
        work.problems = relabel(work.problems, file, aliases)
    problems += work.problems
    guide.outdated = work.outdated
    return guide


def _translation(layers: _Layers, source: Path, language: str, work: _Assembly,
                 what: str) -> tuple[Node | None, Merge | None]:
    """The translation file of `source` for an edition, read; a missing one is a problem that names it."""
    path = layers.translation_of(source, language)
    if path is None:
        return None, None
    shown = layers.shown(path)
    _, written_in = layers.top(source)
    merge = Merge(shown, f"the {language_name(written_in)} file {layers.shown(source)}", layers.shown(source))
    if not path.is_file():
        work.problems.append(Problem(shown, None, "", f"is missing; the {language_name(language)} edition needs "
                                     f"{what} in {language_name(language)}: python -m steady_ground translations "
                                     f"--new {language} {layers.shown(source)} writes a file to start from, "
                                     "with the words to translate"))
        return None, merge
    data, found = load_yaml(path, shown)
    work.problems += found
    if data is not None and not isinstance(data, dict):
        work.problems.append(Problem(shown, getattr(data, "line", 1), "", "expected the translated words: a set "
                                     "of fields like those of the source file"))
        return None, merge
    return data, merge


def _translated_page(layers: _Layers, planned: PlannedPage, language: str, work: _Assembly) -> Node | None:
    source = planned.file.data
    if layers.translation_of(planned.file.path, language) is None:
        return source
    translation, merge = _translation(layers, planned.file.path, language, work, "every page")
    if translation is None:
        return None
    page = lay_over(PAGE_FIELDS, source, translation, translation.line, "", merge, skip=("blocks",))
    merged = page.merged
    work.outdated += [page.outdated] if page.outdated else []
    source_blocks = source.get("blocks")
    wanted = translation.get("blocks")
    blocks_line = translation.key_lines.get("blocks", translation.line)
    if not isinstance(source_blocks, list):
        work.problems += merge.problems
        return merged  # the source's own problem is reported by the check
    if not isinstance(wanted, dict):
        merge.problem(blocks_line, "blocks", "expected the page's blocks by their id, like 'roadmap:' followed by "
                                             "the block's words (python -m steady_ground translations --new "
                                             "writes them so)")
        work.problems += merge.problems
        return None
    replaced = {r.file.id for r in planned.replacements if r.part is None}
    blocks = source_blocks.copy_with() if isinstance(source_blocks, Items) else Items(source_blocks)
    ids = []
    for index, raw in enumerate(source_blocks):
        own = block_id(raw)
        ids.append(own)
        if own is None or own in replaced:
            continue  # a block replaced by the organization takes its words from its own files
        if own not in wanted:
            merge.problem(blocks_line, f"blocks.{own}", f"is missing; translate the block '{own}' of "
                                                        f"{merge.source_file}:{_line(source_blocks, index)}")
            continue
        words = wanted[own]
        line = wanted.key_lines.get(own, blocks_line)
        if isinstance(words, dict) and "type" in words:
            merge.problem(words.key_lines.get("type", line), f"blocks.{own}.type", f"comes from {merge.source}; "
                                                                                  "remove it")
        unit = lay_over(Record(BLOCK_TYPES[raw["type"]].fields), raw, words, line, f"blocks.{own}", merge,
                        skip=("type",), unit=own)
        blocks[index] = _with_source_ids(unit.merged, raw, own)
        work.outdated += [unit.outdated] if unit.outdated else []
        work.alias(merge.file, f"blocks[{index}]", f"blocks.{own}")
    untranslated = [i for i in ids if i and i not in wanted and i not in replaced]
    for extra in wanted:
        if extra not in ids:
            # A block's id changes with its heading: the likeliest match is one not translated here.
            close = difflib.get_close_matches(extra, untranslated, n=1, cutoff=0.5) or \
                difflib.get_close_matches(extra, [i for i in ids if i], n=1, cutoff=0.6)
            merge.problem(wanted.key_lines.get(extra, blocks_line), f"blocks.{extra}",
                          f"there is no block '{extra}' in {merge.source}; remove it"
                          + (f" (did you mean '{close[0]}'?)" if close else
                             f" (its blocks are: {', '.join(i for i in ids if i)})"))
    merged["blocks"] = blocks
    work.problems += merge.problems
    return merged


def _with_source_ids(merged: object, source: Node, own: str) -> object:
    """Ids are structure: a block's anchor, and its sub-sections', stay the source's even where
    they are made from a heading, which a translation changes."""
    if not isinstance(merged, Node):
        return merged
    merged = merged.copy_with()
    merged["id"] = own
    merged.key_lines.setdefault("id", source.line)
    kind = BLOCK_TYPES[source["type"]]
    parts = merged.get(kind.parts_field) if kind.parts_field else None
    if isinstance(parts, list):
        parts = parts.copy_with() if isinstance(parts, Items) else Items(parts)
        for place, part_id in enumerate(part_ids(kind, own, source.get(kind.parts_field))):
            if place < len(parts) and isinstance(parts[place], Node) and part_id:
                part = parts[place].copy_with()
                part["id"] = part_id
                part.key_lines.setdefault("id", part.line)
                parts[place] = part
        merged[kind.parts_field] = parts
    return merged


def _with_replacements(layers: _Layers, planned: PlannedPage, data: Node, language: str | None,
                       work: _Assembly) -> Node | None:
    """The page with the organization's replaced blocks and sub-sections (in the edition's words)."""
    if not planned.replacements:
        return data
    page = data.copy_with()
    blocks = data.get("blocks")
    if not isinstance(blocks, list):
        return data
    blocks = blocks.copy_with() if isinstance(blocks, Items) else Items(blocks)
    page["blocks"] = blocks
    for replacement in planned.replacements:
        block_file, index = replacement.file, replacement.block
        if replacement.part is None:
            kind = BLOCK_TYPES.get(block_file.data.get("type"))
            record = Record(kind.fields) if kind else None
        else:
            holder = blocks[index]
            kind = BLOCK_TYPES[holder["type"]]
            record = kind.fields[kind.parts_field].item
        words = block_file.data
        if language is not None and record is not None:
            translation, merge = _translation(layers, block_file.path, language, work,
                                              f"the words of {block_file.shown}")
            if merge is not None:
                if translation is None:
                    return None
                unit = lay_over(record, block_file.data, translation, translation.line, "", merge,
                                skip=("type",), unit=block_file.id)
                work.problems += merge.problems
                work.outdated += [unit.outdated] if unit.outdated else []
                words = unit.merged
        node = words.copy_with() if isinstance(words, Node) else Node(words)
        node["id"] = block_file.id
        node.key_lines.setdefault("id", node.line)
        path = f"blocks[{index}]"
        if replacement.part is None:
            blocks[index] = node
            blocks.item_files[index] = block_file.shown
            blocks.item_lines[index] = node.line
        else:
            field_name, place = replacement.part
            holder = blocks[index].copy_with()
            parts = holder[field_name].copy_with()
            parts[place] = node
            parts.item_files[place] = block_file.shown
            parts.item_lines[place] = node.line
            holder[field_name] = parts
            blocks[index] = holder
            path = f"{path}.{field_name}[{place}]"
        for file in {block_file.shown, getattr(words, "file", None) or block_file.shown}:
            work.alias(file, path, "")
    return page


def _group_titles(layers: _Layers, work: _Assembly) -> dict[str, str]:
    titles = {}
    for folder in layers.plan.folders:
        section = layers.content.sections.get(folder)
        data = section.data if section else None
        if section is not None and data is not None and work.language is not None:
            translation, merge = _translation(layers, section.path, work.language, work, "each menu folder's title")
            if merge is not None:
                if translation is None:
                    data = None
                else:
                    unit = lay_over(SECTION_FIELDS, data, translation, translation.line, "", merge)
                    work.problems += merge.problems
                    work.outdated += [unit.outdated] if unit.outdated else []
                    data = unit.merged
        title = section_title(section, data, work.problems) if section else None
        titles[folder] = title or folder
    return titles


def _menu_labels(layers: _Layers, work: _Assembly) -> dict[str, str]:
    overrides = layers.overrides
    labels = overrides.changes["menu_labels"]
    if not labels:
        return {}
    if work.language is not None and overrides.changes_path is not None:
        translation, merge = _translation(layers, overrides.changes_path, work.language, work, "the menu labels")
        if merge is not None:
            if translation is None:
                return {}
            unit = lay_over(CHANGES, overrides.changes_data, translation, translation.line, "", merge)
            work.problems += merge.problems
            work.outdated += [unit.outdated] if unit.outdated else []
            check = Check(overrides.changes_file)
            clean = CHANGES.check(unit.merged, translation.line, "", check)
            work.problems += check.problems
            labels = clean["menu_labels"] if clean else {}
    known = {page.id for page in (p.file for p in layers.plan.pages)} | set(layers.plan.folders)
    found = {}
    for key, label in labels.items():
        if key in known:
            found[key] = label
        elif work.language is None:
            work.problems.append(Problem(overrides.changes_file, overrides.changes_lines.get(f"menu_labels.{key}"),
                                         f"menu_labels.{key}", f"there is no page or folder '{key}' in the menu"
                                         f"{did_you_mean(key, known)}"))
    return found


def _without_hidden_pages(guide: Guide, links: list[Link], layers: _Layers, work: _Assembly) -> list[Link]:
    """A hidden page leaves "Related:" lists quietly; a link to it in the text must go, and the
    message says which block (or sub-section) to replace to do that."""
    hidden = layers.plan.hidden
    if not hidden:
        return links
    for page in guide.pages:
        for index, block in enumerate(page.blocks):
            for key in RELATED_LISTS:
                if not block.data.get(key):
                    continue
                block.data[key] = [t for t in block.data[key] if t.partition("/")[0] not in hidden]
                if not block.data[key] and key == "covered_in" and work.language is None:
                    work.problems.append(Problem(block.source or page.source, block.line, f"blocks[{index}].{key}",
                                                 f"every place this term links to is hidden by "
                                                 f"{layers.plan.changes_file}; add a page it can link to"))
    kept = []
    pages = {page.id: page for page in guide.pages}
    files = {page.source: page for page in guide.pages}
    for link in links:
        page_id = link.target.partition("/")[0]
        if page_id not in hidden:
            kept.append(link)
            continue
        if RELATED_FIELD.search(link.field):
            continue
        if work.language is not None:
            continue  # reported once, in the source files
        message = f"links to the page '{page_id}', which {layers.plan.changes_file} hides; "
        page = files.get(link.file) or pages.get(_page_of_block(guide, link.block))
        own_file = f"/{FOLDER}/" in f"/{link.file}"
        if own_file:
            message += "remove the link here, or show the page again"
        elif link.block is None:
            message += (f"this is in the page's own words (title or summary): replace the page with "
                        f"site-data/{FOLDER}/pages/{Path(link.file).name}, or show the page again")
        else:
            part = _part_of(page, link)
            if part:
                message += (f"replace the sub-section '{part}' of the block '{link.block}' with a file "
                            f"site-data/{FOLDER}/blocks/{part}.yml that leaves the link out (or the whole block: "
                            f"site-data/{FOLDER}/blocks/{link.block}.yml), or show the page again")
            else:
                message += (f"replace the block '{link.block}' with a file site-data/{FOLDER}/blocks/{link.block}.yml "
                            "that leaves the link out, or show the page again")
        work.problems.append(Problem(link.file, link.line, link.field, message))
    return kept


def _page_of_block(guide: Guide, block: str | None) -> str | None:
    for page in guide.pages:
        if any(b.id == block for b in page.blocks):
            return page.id
    return None


def _part_of(page: Page | None, link: Link) -> str | None:
    """The id of the sub-section a link is in, from its field path ('blocks[0].subsections[4].body[1]')."""
    if page is None:
        return None
    block = next((b for b in page.blocks if b.id == link.block), None)
    if block is None:
        return None
    kind = BLOCK_TYPES[block.type]
    if not kind.parts_field or f".{kind.parts_field}[" not in link.field:
        return None
    place = int(link.field.split(f".{kind.parts_field}[", 1)[1].split("]", 1)[0])
    parts = block.data.get(kind.parts_field) or []
    return parts[place].get("id") if place < len(parts) else None


def _line(items: object, index: int) -> int | None:
    lines = getattr(items, "item_lines", None)
    return lines[index] if lines and index < len(lines) else None


def _stray_translations(layers: _Layers, language: str) -> list[Problem]:
    """A file in translations/<lang>/ must translate a file that is there (renamed or removed sources
    leave translations behind)."""
    problems = []
    sources = {page.path for page in layers.content.pages} | {s.path for s in layers.content.sections.values()}
    sources |= {page.path for page in layers.overrides.pages} | {b.path for b in layers.overrides.blocks.values()}
    sources.add(layers.site_data_dir / "organization.yml")
    if layers.overrides.changes_path:
        sources.add(layers.overrides.changes_path)
    expected = {layers.translation_of(path, language) for path in sources} - {None}
    for top, written_in in ((layers.content_dir, GUIDE_LANGUAGE), (layers.site_data_dir, layers.site_language)):
        folder = top / TRANSLATIONS / language
        if written_in == language or not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith(".") and path not in expected:
                source = top / path.relative_to(folder)
                problems.append(Problem(layers.shown(path), None, "", f"translates {layers.shown(source)}, which "
                                        "is not there; name it after the file it translates (same folder and "
                                        "name under translations/" + language + "/), or remove it"))
    return problems

