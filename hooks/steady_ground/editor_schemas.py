"""JSON Schemas for code editors, made from the engine's own field types.

`python -m steady_ground schemas` (or `make schemas`) writes one schema per kind of
YAML file into schemas/ and ties them to their files in .vscode/settings.json
(`yaml.schemas`, read by the YAML extension of VS Code and other editors that use
yaml-language-server). Editors then flag a mistyped field while you type, complete
field names and block types, and show each field's `doc` on hover.

Every schema comes from the same definitions the build checks with (schema.py field
types, each block type's SCHEMA, PAGE_FIELDS, ORGANIZATION, ...), so a new block type
or field appears here after one regeneration. Checks that need more than one file
(links, unique ids, readable colours, the logo file) stay in the build.

To add a schema, add one EditorSchema to EDITOR_SCHEMAS below and regenerate.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .blocks import block_json_schema
from .content import PAGE_FIELDS, SECTION_FIELDS
from .org_overrides import CHANGES
from .settings import ORGANIZATION, StringsFile
from .yamlfile import load_yaml

SCHEMA_FOLDER = "schemas"
EDITOR_SETTINGS = ".vscode/settings.json"
DRAFT = "http://json-schema.org/draft-07/schema#"
REGENERATE = "make schemas"  # or: python -m steady_ground schemas


class SchemaError(Exception):
    """A file the schemas are made from cannot be read; the message says which and what to do."""


@dataclass(frozen=True)
class EditorSchema:
    name: str  # written to schemas/<name>.schema.json
    title: str
    make: Callable[[Path], dict]  # the project folder -> the schema body
    files: tuple[str, ...]  # globs, relative to the project, of the files it describes

    @property
    def path(self) -> str:
        return f"{SCHEMA_FOLDER}/{self.name}.schema.json"


def _strings(root: Path) -> dict:
    """Every key of the English strings file, each with its English text as the hover help."""
    english, problems = load_yaml(root / "site-data" / "strings" / "en.yml", "site-data/strings/en.yml")
    if problems or not isinstance(english, dict):
        raise SchemaError("site-data/strings/en.yml cannot be read, so the strings schema cannot list its names; "
                          "run `make check`, fix what it reports, then run this again")
    return StringsFile(list(english), docs={key: f"English: {text}" for key, text in english.items()}).json_schema()


# The globs must not overlap: each YAML file gets exactly one schema (tests check this).
# Editors using yaml-language-server match a glob at any depth ("**/" in front), so
# "content/[0-9]*.yml" also covers the test guide in tests/fixtures/mini-guide/content/.
# Translations (content/translations/<lang>/, site-data/translations/<lang>/) match none of these.
EDITOR_SCHEMAS: list[EditorSchema] = [
    EditorSchema("page", "A page of the guide", lambda root: PAGE_FIELDS.json_schema(), (
        "content/[0-9]*.yml",
        "content/[0-9]*/[0-9]*.yml",
        "site-data/overrides/pages/[0-9]*.yml",
        "tests/fixtures/example-org/overrides/pages/[0-9]*.yml",
    )),
    EditorSchema("section", "A folder's _section.yml: its menu heading", lambda root: SECTION_FIELDS.json_schema(), (
        "content/[0-9]*/_section.yml",
    )),
    EditorSchema("block", "A block an organization replaces (site-data/overrides/blocks/<block-id>.yml)",
                 lambda root: block_json_schema(), (
        "site-data/overrides/blocks/*.yml",
        "tests/fixtures/example-org/overrides/blocks/*.yml",
    )),
    EditorSchema("changes", "An organization's changes: hidden pages and menu labels",
                 lambda root: CHANGES.json_schema(), (
        "site-data/overrides/changes.yml",
        "tests/fixtures/example-org/overrides/changes.yml",
    )),
    EditorSchema("organization", "The hosting organization's settings", lambda root: ORGANIZATION.json_schema(), (
        "site-data/organization.yml",
        "tests/fixtures/example-org/organization.yml",
    )),
    EditorSchema("strings", "The interface text in one language (every key of en.yml)", _strings, (
        "site-data/strings/*.yml",
    )),
]


def schema_document(spec: EditorSchema, root: Path) -> dict:
    body = spec.make(root)
    return {
        "$schema": DRAFT,
        "$comment": f"Made by `{REGENERATE}` from hooks/steady_ground; do not edit by hand.",
        "title": spec.title,
        **body,
    }


def _dump(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _settings_text(root: Path) -> str:
    """.vscode/settings.json with its yaml.schemas map made from EDITOR_SCHEMAS; other settings kept."""
    path = root / EDITOR_SETTINGS
    try:
        settings = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except json.JSONDecodeError as error:
        raise SchemaError(f"{EDITOR_SETTINGS}:{error.lineno}: is not plain JSON ({error.msg}); remove comments "
                          "and trailing commas, then run this again") from None
    settings["yaml.schemas"] = {f"./{spec.path}": list(spec.files) for spec in EDITOR_SCHEMAS}
    # Read YAML as the build does (PyYAML follows YAML 1.1: 'yes' is true, 0123 is a number).
    settings["yaml.yamlVersion"] = "1.1"
    return _dump(settings)


def generated(root: Path) -> dict[str, str]:
    """Every file this module writes, by path relative to the project, with its text."""
    files = {spec.path: _dump(schema_document(spec, root)) for spec in EDITOR_SCHEMAS}
    files[EDITOR_SETTINGS] = _settings_text(root)
    return files


def write_schemas(root: Path) -> list[str]:
    """Write the schemas and the editor settings; return the paths that changed."""
    wanted = generated(root)
    changed = []
    for name, text in wanted.items():
        path = root / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    for old in sorted((root / SCHEMA_FOLDER).glob("*.schema.json")):
        if f"{SCHEMA_FOLDER}/{old.name}" not in wanted:
            old.unlink()
            changed.append(f"{SCHEMA_FOLDER}/{old.name} (removed)")
    return changed


def stale_schemas(root: Path) -> list[str]:
    """The generated files that differ from what the engine makes now (empty: all current)."""
    wanted = generated(root)
    stale = [name for name, text in wanted.items()
             if not (root / name).exists() or (root / name).read_text(encoding="utf-8") != text]
    stale += [f"{SCHEMA_FOLDER}/{old.name} (no longer made)"
              for old in sorted((root / SCHEMA_FOLDER).glob("*.schema.json"))
              if f"{SCHEMA_FOLDER}/{old.name}" not in wanted]
    return stale


def _glob_pattern(glob: str) -> re.Pattern:
    """A glob as yaml-language-server reads it: '**/' in front, '*' within one folder, [0-9] as a class."""
    parts = re.split(r"(\*|\[[^\]]*\])", glob.lstrip("/"))
    body = "".join("[^/]*" if part == "*" else part if part.startswith("[") else re.escape(part) for part in parts)
    return re.compile(rf"(?:.*/)?{body}")


def schemas_for(relative_path: str) -> list[EditorSchema]:
    """The schemas an editor applies to this file (a path relative to the project, with '/')."""
    return [spec for spec in EDITOR_SCHEMAS
            if any(_glob_pattern(glob).fullmatch(relative_path) for glob in spec.files)]
