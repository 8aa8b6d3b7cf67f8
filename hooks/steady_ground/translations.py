"""Tools for translators: a file to start a translation from, and what is outdated.

    python -m steady_ground translations                 every edition's state, and each
                                                         outdated block with what changed
    python -m steady_ground translations --new es content/22-try-to-fix.yml
                                                         writes content/translations/es/22-try-to-fix.yml

A translation records, in `source:`, the fingerprint of the source words it was
made from. When the source words change, the translation is outdated: the
build still uses it and says how many there are; this report finds, in the
git history, the source as it was when it was translated, and shows what
changed, word by word.
"""
from __future__ import annotations

import difflib
import re
import subprocess
import sys
from pathlib import Path

import yaml

from .blocks import BLOCK_TYPES
from .content import PAGE_FIELDS, PAGE_FILE, SECTION_FIELDS, SECTION_FILE, block_id
from .editions import read_layers, translation_state
from .org_overrides import CHANGES, CHANGES_FILE, FOLDER
from .schema import Field, Record, fingerprint
from .settings import ORGANIZATION, load_settings
from .translation import SOURCE_KEY, TRANSLATIONS, Outdated, language_name
from .yamlfile import parse_yaml

GIT_HISTORY_LIMIT = 300  # versions of one file searched for the words a translation was made from


class _Unit:
    """Which words of a source file a translation unit holds."""

    def __init__(self, record: Field, skip: tuple[str, ...] = ()):
        self.record, self.skip = record, skip

    def words(self, data: object) -> object:
        if not isinstance(data, dict):
            return None
        return self.record.words_of({key: value for key, value in data.items() if key not in self.skip})


def _units(layers, source: Path, data: object) -> dict[str | None, tuple[_Unit, object]]:
    """The translated units of a source file: None for the file's own words, a block id for each block."""
    shown = layers.shown(source)
    if source == layers.site_data_dir / "organization.yml":
        return {None: (_Unit(ORGANIZATION), data)}
    if source.name == CHANGES_FILE and source.parent.name == FOLDER:
        return {None: (_Unit(Record({"menu_labels": CHANGES.fields["menu_labels"]})), data)}
    if source.name == SECTION_FILE:
        return {None: (_Unit(SECTION_FIELDS), data)}
    if source.parent.name == "blocks" and source.parent.parent.name == FOLDER:
        record = _override_record(layers, source, data)
        return {None: (_Unit(record, ("type", "id")), data)} if record else {}
    if PAGE_FILE.match(source.name):
        units = {None: (_Unit(PAGE_FIELDS, ("blocks",)), data)}
        for raw in data.get("blocks") or [] if isinstance(data, dict) else []:
            own = block_id(raw)
            if own:
                units[own] = (_Unit(Record(BLOCK_TYPES[raw["type"]].fields), ("type",)), raw)
        return units
    raise ValueError(f"{shown} is not a file a translation can be made of")


def _override_record(layers, source: Path, data: object) -> Field | None:
    """An override block file holds a block, or one sub-section of a block."""
    if isinstance(data, dict) and data.get("type") in BLOCK_TYPES:
        return Record(BLOCK_TYPES[data["type"]].fields)
    for page in layers.plan.pages:
        for replacement in page.replacements:
            if replacement.file.path == source and replacement.part:
                holder = page.file.data["blocks"][replacement.block]
                kind = BLOCK_TYPES[holder["type"]]
                return kind.fields[kind.parts_field].item
    return None


# --- a file to start from ----------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class _Fingerprint(str):
    """Written in quotes: an editor reading YAML 1.1 takes 56e75663 for a number."""


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Fingerprint, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style='"'))


def skeleton(layers, source: Path, language: str) -> str:
    """The words of a source file, shaped as its translation: to translate in place."""
    data = _load(source, layers.shown(source))
    units = _units(layers, source, data)
    own, own_data = units.pop(None)
    document = {SOURCE_KEY: _Fingerprint(fingerprint(own.words(own_data)))}
    document.update(own.words(own_data) or {})
    if units:
        document["blocks"] = {block: {SOURCE_KEY: _Fingerprint(fingerprint(unit.words(raw))),
                                      **(unit.words(raw) or {})}
                              for block, (unit, raw) in units.items()}
    _, written_in = layers.top(source)
    head = (f"# {language_name(language)} words for {layers.shown(source)}, written by\n"
            f"# python -m steady_ground translations --new {language} {layers.shown(source)}\n"
            f"# Replace the {language_name(written_in)} words after each colon. Keep the rest as it is: the\n"
            "# block ids, and each 'source:' line (the fingerprint of the words this translates,\n"
            "# so the build can tell when they change). Links keep their targets:\n"
            "# [your own words](ref:safety). Lists keep their length and order.\n")
    return head + yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000,
                            default_flow_style=False)


def _load(path: Path, shown: str) -> object:
    data, problems = parse_yaml(path.read_text(encoding="utf-8"), shown)
    if problems:
        raise ValueError("\n".join(str(p) for p in problems))
    return data


def write_skeletons(root: Path, language: str, sources: list[Path]) -> int:
    from .project import Project

    project = Project.at(root)
    layers, settings, problems = read_layers(project.content_dir, project.site_data_dir, project.root)
    if problems or layers is None:
        print("Fix these first; a translation starts from source files without problems:", file=sys.stderr)
        print("\n".join(f"  {p}" for p in problems), file=sys.stderr)
        return 1
    status = 0
    for given in sources:
        source = (root / given).resolve() if not given.is_absolute() else given
        if not source.is_file():
            print(f"{given}: there is no such file", file=sys.stderr)
            status = 1
            continue
        top, _ = layers.top(source)
        if source.relative_to(top).parts[0] == TRANSLATIONS:
            print(f"{layers.shown(source)} is a translation itself; give the file it translates", file=sys.stderr)
            status = 1
            continue
        target = layers.translation_of(source, language)
        if target is None:
            _, written_in = layers.top(source)
            print(f"{layers.shown(source)} is written in {language_name(written_in)} already", file=sys.stderr)
            status = 1
            continue
        if target.exists():
            print(f"{layers.shown(target)} is there already; edit it (python -m steady_ground translations "
                  "shows what is outdated), or remove it to start again", file=sys.stderr)
            status = 1
            continue
        try:
            text = skeleton(layers, source, language)
        except ValueError as error:
            print(error, file=sys.stderr)
            status = 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"Wrote {layers.shown(target)}: translate its words, then run python -m steady_ground check")
    return status


# --- what is missing and outdated ----------------------------------------------------

def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _versions(root: Path, shown: str):
    """(commit, path then) of each committed version of a file, newest first, following renames."""
    log = _git(root, "log", "--follow", "--format=commit %H", "--name-only", f"-n{GIT_HISTORY_LIMIT}", "--", shown)
    commit = None
    for line in (log or "").splitlines():
        if line.startswith("commit "):
            commit = line.split()[1]
        elif line.strip() and commit:
            yield commit, line.strip()
            commit = None


def words_then(layers, outdated: Outdated) -> tuple[object, str] | None:
    """The source words a translation was made from (and the commit), from the git history."""
    source = layers.root / outdated.source_file
    current = _load(source, outdated.source_file)
    unit, _ = _units(layers, source, current).get(outdated.unit, (None, None))
    if unit is None:
        return None
    for commit, path in _versions(layers.root, outdated.source_file):
        text = _git(layers.root, "show", f"{commit}:{path}")
        if text is None:
            continue
        data, problems = parse_yaml(text, path)
        if problems or not isinstance(data, dict):
            continue
        if outdated.unit is None:
            raw = data
        else:
            raw = next((b for b in data.get("blocks") or [] if block_id(b) == outdated.unit), None)
        words = unit.words(raw) if raw is not None else None
        if words is not None and fingerprint(words) == outdated.recorded:
            return words, commit
    return None


def _flat(words: object, path: str = "") -> dict[str, str]:
    if isinstance(words, str):
        return {path: words}
    if isinstance(words, list):
        return {k: v for i, item in enumerate(words) for k, v in _flat(item, f"{path}[{i}]").items()}
    if isinstance(words, dict):
        return {k: v for key, item in words.items()
                for k, v in _flat(item, f"{path}.{key}" if path else key).items()}
    return {}


def word_diff(old: str, new: str) -> str:
    """[-removed-] and {+added+} words, the rest as it is."""
    before, after = old.split(), new.split()
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(before[a1:a2]))
            continue
        if a2 > a1:
            out.append("[-" + " ".join(before[a1:a2]) + "-]")
        if b2 > b1:
            out.append("{+" + " ".join(after[b1:b2]) + "+}")
    return " ".join(out)


def changes(old: object, new: object) -> list[str]:
    """One line per field whose words changed."""
    before, after = _flat(old), _flat(new)
    lines = []
    for key in dict.fromkeys([*before, *after]):
        if before.get(key) == after.get(key):
            continue
        if key not in before:
            lines.append(f"{key}: new: {after[key]}")
        elif key not in after:
            lines.append(f"{key}: removed: {before[key]}")
        else:
            lines.append(f"{key}: {word_diff(before[key], after[key])}")
    return lines


def _languages(layers, settings) -> list[str]:
    """The site's editions, and languages translators have started on before they are switched on."""
    found = list(settings.editions if settings else ())
    for top in (layers.content_dir, layers.site_data_dir):
        folder = top / TRANSLATIONS
        found += sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    return [code for code in dict.fromkeys(found) if layers.needs_translation(code)]


def report(root: Path, languages: list[str] | None = None) -> tuple[str, int]:
    """The state of each edition's translation: missing files, problems, outdated units with what changed."""
    from .project import Project

    project = Project.at(root)
    layers, settings, problems = read_layers(project.content_dir, project.site_data_dir, project.root)
    if layers is None or problems:
        return ("Fix the source files first:\n" + "\n".join(f"  {p}" for p in problems)), 1
    lines: list[str] = []
    status = 0
    for language in languages or _languages(layers, settings):
        found, outdated = translation_state(layers, language)
        edition_settings, settings_problems = load_settings(project.site_data_dir, project.root, language)
        found += settings_problems
        if edition_settings is not None:
            outdated = [*outdated, *edition_settings.outdated]
        missing = [p for p in found if p.message.startswith("is missing; the ")]
        broken = [p for p in found if p not in missing]
        state = "on" if settings and language in settings.editions else "not switched on (editions: in organization.yml)"
        lines.append(f"{language_name(language)} ({language}), edition {state}: {len(missing)} file(s) to "
                     f"translate, {len(broken)} problem(s), {len(outdated)} outdated")
        for problem in missing:
            lines.append(f"  missing: {problem.file}")
        for problem in broken:
            lines.append(f"  problem: {problem}")
        for item in outdated:
            lines += ["", *_outdated_lines(layers, item)]
        lines.append("")
        status |= bool(found or outdated)
    if not lines:
        lines = ["No edition needs a translation: editions in site-data/organization.yml lists one language."]
    return "\n".join(lines).rstrip() + "\n", int(status)


def _outdated_lines(layers, item: Outdated) -> list[str]:
    where = f"{item.file}:{item.line}" if item.line else item.file
    unit = f"the block '{item.unit}'" if item.unit else "the file's own words"
    source = f"{item.source_file}:{item.source_line}" if item.source_line else item.source_file
    lines = [f"  outdated: {where}: {item.field + ': ' if item.field else ''}{unit} changed in {source}"]
    then = words_then(layers, item)
    source_path = layers.root / item.source_file
    now = _units(layers, source_path, _load(source_path, item.source_file)).get(item.unit)
    if then is None:
        lines.append(f"    The words it was translated from (fingerprint {item.recorded}) are not in the git "
                     "history here, so what changed cannot be shown; compare the whole "
                     + ("block" if item.unit else "file") + " with the source by hand.")
    else:
        words, commit = then
        lines.append(f"    What changed since it was translated (commit {commit[:10]}), [-removed-] {{+added+}}:")
        lines += [f"      {line}" for line in changes(words, now[0].words(now[1]))]
    lines.append(f"    Once the translation says the same as the source again, set:  {SOURCE_KEY}: \"{item.current}\"")
    return lines


def main(root: Path, new: list[str] | None, languages: list[str] | None) -> int:
    if new:
        language, *paths = new
        if not re.match(r"^[a-z]{2}$", language) or not paths:
            print("usage: python -m steady_ground translations --new LANGUAGE FILE [FILE ...]", file=sys.stderr)
            return 2
        return write_skeletons(root, language, [Path(p) for p in paths])
    text, status = report(root, languages)
    print(text, end="")
    return status


def outdated_summary(site) -> list[str]:
    """One line per edition with outdated translations, for the build's output."""
    lines = []
    for edition in site.editions.values():
        count = len(edition.outdated)
        if count:
            lines.append(f"{language_name(edition.language)} edition: {count} translated block"
                         f"{'s are' if count != 1 else ' is'} outdated (the source words changed since); "
                         "python -m steady_ground translations lists them")
    return lines

