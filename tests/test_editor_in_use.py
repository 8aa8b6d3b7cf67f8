"""The schemas in a real editor's hands: yaml-language-server (the engine of VS Code's YAML
extension) with this project's .vscode/settings.json, as someone editing content/ would have it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from lsp_client import YamlLanguageServer
from steady_ground.blocks import BLOCK_TYPES
from steady_ground.project import Project, load_project

ROOT = Path(__file__).resolve().parent.parent
FAQ = "tests/fixtures/mini-guide/content/10-faq.yml"
ORG = "site-data/organization.yml"


@pytest.fixture(scope="module")
def editor():
    server = YamlLanguageServer(ROOT)
    yield server
    server.close()


def read(path: str) -> str:
    return (ROOT / path).read_text()


def test_every_data_file_opens_without_a_warning(editor):
    from test_editor_schemas import data_files

    files = data_files()
    assert len(files) >= 40
    warned = {path: found for path in files if (found := editor.diagnostics(path, read(path)))}
    assert warned == {}


@pytest.mark.parametrize("path, old, new, at, says", [
    (FAQ, "question:", "questoin:", "questoin:", "Property questoin is not allowed"),
    (FAQ, "    question: How long should I wait?\n", "", "- type: faq", 'Missing property "question"'),
    (FAQ, "type: faq", "type: faqs", "type: faqs", "unknown block type; expected one of: checklist"),
    (FAQ, "id: how-long-to-wait", "id: How_Long", "id: How_Long", "expected lowercase words joined by hyphens"),
    (FAQ, "from: days", "from: soon", "from: soon", "expected a time like 'days'"),
    (FAQ, "title: Questions", "title: [Questions, More]", "title:", "expected text"),
    (FAQ, "why: It names one thing.", "why: <b>Why</b>", "why:", "HTML is not allowed in text"),
    (ORG, "destination: https://", "destination: http://", "destination:", "expected an absolute https:// address"),
    (ORG, "kind: chat", "kind: fax", "kind: fax", "expected one of: phone, text, chat, email"),
    ("content/80-worksheets/_section.yml", "title:", "titel:", "titel:", "Property titel is not allowed"),
])
def test_mistakes_are_underlined_on_their_line_while_typing(editor, path, old, new, at, says):
    text = read(path)
    assert old in text
    broken = text.replace(old, new, 1)
    line = next(number for number, content in enumerate(broken.splitlines(), 1) if at in content)
    found = editor.diagnostics(path, broken)
    assert any(item.startswith(f"{line}: ") and says in item for item in found), found


def test_yaml_is_read_as_the_build_reads_it(editor, mini_project: Path):
    """YAML 1.1, as PyYAML: 'yes' is true. The build accepts this file, so the editor must too."""
    text = read(FAQ).replace("content_note: true", "content_note: yes")
    assert editor.diagnostics(FAQ, text) == []
    (mini_project / "content" / "10-faq.yml").write_text(text)
    guide, _ = load_project(Project.at(mini_project))
    assert guide.page("faq").content_note is True


def test_block_types_and_their_fields_are_completed(editor):
    page = "title: New page\nsummary: A page in the making.\nblocks:\n  - type: \n"
    offered = [item["label"] for item in editor.completions("content/99-new-page.yml", page, 4, 11)]
    assert offered == list(BLOCK_TYPES)
    page = "title: New page\nsummary: A page in the making.\nblocks:\n  - type: faq\n    \n"
    offered = [item["label"] for item in editor.completions("content/99-new-page.yml", page, 5, 5)]
    assert {"question", "answer", "id", "see"} <= set(offered) and "heading" not in offered


def test_hovering_a_field_shows_its_help(editor):
    text = read(FAQ)
    line = text.splitlines().index("    question: How long should I wait?") + 1
    shown = editor.hover(FAQ, text, line, 7)
    assert BLOCK_TYPES["faq"].fields["question"].doc in shown and "faq block" in shown


def test_files_outside_the_map_get_no_schema(editor):
    """A translation (words only, added later) is not checked as a page by mistake."""
    text = read(FAQ).replace("question:", "questoin:", 1)
    assert editor.diagnostics("content/translations/es/10-faq.yml", text) == []
