"""The code editors' JSON Schemas (schemas/): current, tied to every data file, and in step with the build.

Each broken copy below must be refused twice: by its schema (what an editor underlines
while typing) and by the build. Each accepted variant must pass both.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from steady_ground.blocks import BLOCK_TYPES, BlockType
from steady_ground.editor_schemas import EDITOR_SCHEMAS, REGENERATE, generated, schemas_for, stale_schemas
from steady_ground.problems import ContentError
from steady_ground.project import Project, load_project
from steady_ground.schema import Text

ROOT = Path(__file__).resolve().parent.parent
DATA_FOLDERS = ("content", "site-data", "tests/fixtures")


def data_files() -> list[str]:
    """Every YAML file editors open in the data folders (MkDocs' own config is not ours)."""
    return sorted(path.relative_to(ROOT).as_posix() for folder in DATA_FOLDERS
                  for path in (ROOT / folder).rglob("*.yml") if path.name != "mkdocs.yml")


def schema_errors(project: Path, relative_path: str) -> list[str]:
    """What the file's schema says about it (the schema the editor settings tie to that path)."""
    specs = schemas_for(relative_path)
    assert len(specs) == 1, f"{relative_path} is tied to {len(specs)} schemas: {[s.name for s in specs]}"
    schema = json.loads((ROOT / specs[0].path).read_text())
    data = yaml.safe_load((project / relative_path).read_text())
    return [f"{'.'.join(map(str, error.absolute_path))}: {error.message}"
            for error in Draft7Validator(schema).iter_errors(data)]


def test_the_schemas_are_current():
    stale = stale_schemas(ROOT)
    assert not stale, (f"The editor schemas are out of date ({', '.join(stale)}): a field, block type or "
                       f"interface string changed. Run `{REGENERATE}` (python -m steady_ground schemas) "
                       "and commit schemas/ and .vscode/settings.json.")


def test_a_new_field_or_block_type_reaches_the_schemas_with_no_second_definition(monkeypatch):
    faq = BLOCK_TYPES["faq"]
    monkeypatch.setitem(faq.fields, "source", Text(required=False, doc="Where the answer comes from."))
    monkeypatch.setitem(BLOCK_TYPES, "term", BlockType(name="term", fields={"word": Text(doc="The word.")},
                                                       title_field="word", template="", doc="A word explained."))
    assert {"schemas/page.schema.json", "schemas/block.schema.json"} <= set(stale_schemas(ROOT))
    page = json.loads(generated(ROOT)["schemas/page.schema.json"])
    block = page["properties"]["blocks"]["items"]
    assert "term" in block["properties"]["type"]["enum"]
    branches = {branch["if"]["properties"]["type"]["const"]: branch["then"] for branch in block["allOf"]}
    assert branches["term"]["required"] == ["type", "word"]
    assert branches["faq"]["properties"]["source"]["description"] == "Where the answer comes from."
    error = list(Draft7Validator(page).iter_errors({"title": "T", "summary": "S", "blocks": [{"type": "term"}]}))
    assert [e.message for e in error] == ["'word' is a required property"]


def test_regenerating_writes_every_file_and_says_what_is_wrong_with_a_broken_source(tmp_path: Path):
    shutil.copytree(ROOT / "site-data", tmp_path / "site-data")
    run = [sys.executable, "-m", "steady_ground", "schemas", "--root", str(tmp_path)]
    first = subprocess.run(run, capture_output=True, text=True)
    assert first.returncode == 0 and "schemas/page.schema.json" in first.stdout
    assert stale_schemas(tmp_path) == []
    assert subprocess.run(run, capture_output=True, text=True).stdout.strip() == "The editor schemas are up to date."
    (tmp_path / ".vscode" / "settings.json").write_text('{\n  // my own comment\n  "editor.tabSize": 2\n}\n')
    failed = subprocess.run(run, capture_output=True, text=True)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert ".vscode/settings.json:2: is not plain JSON" in failed.stderr
    (tmp_path / ".vscode" / "settings.json").write_text('{"editor.tabSize": 2}')
    (tmp_path / "site-data" / "strings" / "en.yml").write_text("related: [unclosed\n")
    failed = subprocess.run(run, capture_output=True, text=True)
    assert failed.returncode == 1 and "site-data/strings/en.yml cannot be read" in failed.stderr


def test_the_schemas_are_valid_draft_07():
    for spec in EDITOR_SCHEMAS:
        Draft7Validator.check_schema(json.loads((ROOT / spec.path).read_text()))


def test_every_pattern_reads_the_same_in_editors():
    """Editors run patterns as JavaScript regular expressions, some with the 'u' flag."""
    patterns = set()

    def collect(node):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                patterns.add(node["pattern"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    for spec in EDITOR_SCHEMAS:
        collect(json.loads((ROOT / spec.path).read_text()))
    assert len(patterns) >= 8
    script = ("const bad = JSON.parse(process.argv[1]).filter(p => { try { new RegExp(p, 'u'); return false }"
              " catch (e) { return true } }); console.log(JSON.stringify(bad));")
    result = subprocess.run(["node", "-e", script, json.dumps(sorted(patterns))], capture_output=True, text=True,
                            check=True)
    assert json.loads(result.stdout) == []


def test_every_data_file_has_exactly_one_schema_and_meets_it():
    files = data_files()
    assert len(files) >= 40 and any(f.startswith("tests/fixtures/example-org/overrides/") for f in files)
    problems = {path: errors for path in files if (errors := schema_errors(ROOT, path))}
    assert problems == {}


def test_translations_and_unknown_files_get_no_schema_yet():
    """The Spanish edition's files (words only) need schemas of their own; none of these globs may catch them."""
    for path in ("content/translations/es/10-what-toxic-means.yml",
                 "content/translations/es/80-worksheets/10-safety-plan.yml",
                 "content/translations/es/80-worksheets/_section.yml", "site-data/translations/es/organization.yml",
                 "site-data/translations/es/strings.yml", "content/notes.yml", "mkdocs.yml"):
        assert schemas_for(path) == [], path
    assert [s.name for s in schemas_for("content/80-worksheets/_section.yml")] == ["section"]
    assert [s.name for s in schemas_for("content/80-worksheets/10-safety-plan.yml")] == ["page"]


FAQ = "content/10-faq.yml"
ORG = "site-data/organization.yml"
PAGE = """title: Extra
summary: One more page.
blocks:
{}
"""


def extra_page(block: str) -> dict[str, str]:
    return {"content/60-extra.yml": PAGE.format(block)}


# (case, files: path -> new text or (old, new) to replace once, what the build says)
# The first file is the one checked against its schema.
BROKEN = [
    ("unknown block type", {FAQ: ("type: faq", "type: faqs")}, "unknown block type 'faqs'"),
    ("unknown field", {FAQ: ("question:", "questoin:")}, "blocks[0].questoin: unknown field"),
    ("missing required field", {FAQ: ("    question: How long should I wait?\n", "")},
     "blocks[0].question: is missing"),
    ("wrong type", {FAQ: ("title: Questions", "title: [Questions, More]")}, "title: expected text, got a list"),
    ("bad id pattern", {FAQ: ("id: how-long-to-wait", "id: How_Long")}, "blocks[0].id: 'How_Long' is not valid"),
    ("http:// exit destination", {ORG: ("destination: https://", "destination: http://")},
     "quick_exit.destination: 'http://www.weather.gov/' is not valid"),
    ("chat channel that is not https",
     {ORG: ("value: https://www.thehotline.org/", "value: http://www.thehotline.org/")},
     "help_channels[2].value: 'http://www.thehotline.org/' is not valid"),
    ("unknown help channel kind", {ORG: ("kind: chat", "kind: fax")}, "help_channels[2].kind: 'fax' is not allowed"),
    ("emergency number in words", {ORG: ('number: "911"', "number: call nine one one")},
     "emergency.number: 'call nine one one' is not valid"),
    ("colour by name", {ORG: ("\nfooter:", "\ncolours:\n  primary: blue\nfooter:")},
     "colours.primary: 'blue' is not valid"),
    ("flag that is not true or false", {FAQ: ("content_note: true", "content_note: yes please")},
     "content_note: expected true or false"),
    ("time that is not a time", {FAQ: ("from: days", "from: soon")}, "phases[0].from: 'soon' is not valid"),
    ("worksheet lines out of range", {"content/50-worksheets/10-check-in.yml": ("lines: 2", "lines: 40")},
     "prompts[1].lines: expected a whole number from 1 to 12"),
    ("worksheet prompt kind", {"content/50-worksheets/10-check-in.yml": ("kind: checkbox", "kind: tickbox")},
     "'tickbox' is not allowed"),
    ("html in text", {FAQ: ("Months, not days.", "<b>Months</b>, not days.")}, "HTML is not allowed in text"),
    ("empty text", {FAQ: ("why: It names one thing.", "why: '  '")}, "blocks[1].why: is empty"),
    ("link in a plain-text field", {FAQ: ("title: Questions", "title: '[Questions](https://example.org/)'")},
     "links are not allowed in this field"),
    ("ref that can point nowhere", extra_page("  - type: paths\n    heading: Go\n    items:\n"
                                              "      - {label: Start, text: The start., ref: The Start Page}"),
     "'ref:The Start Page' points to no page"),
    ("block that is only text", extra_page("  - just some words"), "expected a block"),
    ("page without blocks", {"content/60-extra.yml": "title: Extra\nsummary: One more page.\n"},
     "blocks: is missing"),
    ("section file field typo", {"content/50-worksheets/_section.yml": "titel: Worksheets\n"},
     "titel: unknown field"),
    ("interface text with html", {"site-data/strings/en.yml": ('related: "Related:"', 'related: "<b>Related:</b>"')},
     "related: HTML is not allowed"),
    ("translation missing a key", {"site-data/strings/es.yml": ('related: "Relacionado:"\n', ""),
                                   ORG: ("language: en", "language: es")}, "related: is missing"),
    ("hidden page that is not an id", {"site-data/overrides/changes.yml": "hide: [Moving Forward]\n"},
     "hide[0]: 'Moving Forward' is not valid"),
    ("menu label for a non-id", {"site-data/overrides/changes.yml": "menu_labels:\n  Get Help: Call us\n"},
     "expected a page or folder id"),
    ("replaced block with unknown field",
     {"site-data/overrides/blocks/how-long-to-wait.yml": "type: faq\nquestion: How long?\nanswr: Months.\n"},
     "answr: unknown field"),
    ("organization's own page without summary", {"site-data/overrides/pages/45-local.yml":
                                                 "title: Local\nblocks:\n  - type: script\n    situation: a\n"
                                                 "    say: b\n    why: c\n"}, "summary: is missing"),
]

# Written differently, but fine for the build: the schemas must not underline them.
ACCEPTED = [
    ("unquoted emergency number", {ORG: ('number: "911"', "number: 911")}),
    ("optional field left empty", {FAQ: ("content_note: true", "content_note:")}),
    ("one answer without a list", {FAQ: ("    answer:\n      - Months, not days.\n      - Watch what happens under "
                                         "stress.\n", "    answer: Months, not days.\n")}),
    ("one related page without a list", {FAQ: ("see: [home, tools/breathing]", "see: ref:home")}),
    ("checklist items as text and as item/helps", extra_page(
        "  - type: checklist\n    heading: Signs\n    items:\n      - A plain item.\n"
        "      - {item: An item, helps: What helps.}")),
    ("section body with lists", extra_page(
        "  - type: section\n    heading: Parts\n    intro:\n    body:\n      - A paragraph with *emphasis*.\n"
        "      - bullets: [One, Two]\n      - numbered: [First, Second]\n    subsections:\n"
        "      - {heading: More, body: [Text.]}")),
    ("organization's own page, block and changes", {
        "site-data/overrides/pages/45-local.yml": "title: Local\nsummary: Near you.\nblocks:\n"
                                                  "  - type: help_channels\n    heading: Call us\n",
        "site-data/overrides/blocks/how-long-to-wait.yml": "type: faq\nquestion: How long?\nanswer: Months.\n",
        "site-data/overrides/changes.yml": "hide: []\nmenu_labels:\n  local: Help near you\n"}),
]


def apply(project: Path, files: dict) -> None:
    for name, change in files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(change, tuple):
            old, new = change
            text = path.read_text()
            assert text.count(old) >= 1, f"{old!r} is not in {name}"
            change = text.replace(old, new, 1)
        path.write_text(change)


@pytest.mark.parametrize("files, build_says", [pytest.param(f, s, id=n) for n, f, s in BROKEN])
def test_broken_copies_fail_the_schema_and_the_build(mini_project: Path, files: dict, build_says: str):
    apply(mini_project, files)
    broken = next(iter(files))
    assert schema_errors(mini_project, broken), f"the schema accepts the broken {broken}"
    with pytest.raises(ContentError) as refused:
        load_project(Project.at(mini_project))
    report = refused.value.report()
    assert broken in report and build_says in report, report


def test_at_least_twelve_broken_copies_including_the_ones_the_issue_names():
    names = [name for name, _, _ in BROKEN]
    assert len(names) >= 12
    for needed in ("unknown block type", "unknown field", "missing required field", "wrong type",
                   "bad id pattern", "http:// exit destination"):
        assert needed in names


@pytest.mark.parametrize("files", [pytest.param(f, id=n) for n, f in ACCEPTED])
def test_accepted_variants_pass_the_schema_and_the_build(mini_project: Path, files: dict):
    apply(mini_project, files)
    for name in files:
        assert schema_errors(mini_project, name) == [], name
    load_project(Project.at(mini_project))
