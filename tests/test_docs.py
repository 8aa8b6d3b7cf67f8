"""The examples in the README and the editing guide must be valid content."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from steady_ground.project import Project, load_project

ROOT = Path(__file__).resolve().parent.parent
STUB = "title: {0}\nsummary: A stub page.\nblocks:\n  - type: section\n    heading: {0} stub\n"


def _yaml_examples(markdown: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown, flags=re.S)


def test_readme_page_example_builds(mini_project: Path):
    example = next(e for e in _yaml_examples((ROOT / "README.md").read_text()) if e.startswith("title:"))
    content = mini_project / "content"
    (content / "60-pitfalls.yml").write_text(example)
    for number, page_id in ((70, "safety"), (80, "not-safe")):
        (content / f"{number}-{page_id}.yml").write_text(STUB.format(page_id))
    guide, _ = load_project(Project.at(mini_project))
    types = {block.type for block in guide.page("pitfalls").blocks}
    assert types == {"section", "faq", "script", "exercise", "timeline", "checklist", "worksheet",
                     "paths", "help_channels", "emergency"}


def test_every_block_example_in_the_editing_guide_is_valid(mini_project: Path):
    examples = [yaml.safe_load(e) for e in _yaml_examples((ROOT / "docs" / "editing-the-guide.md").read_text())]
    blocks = [e[0] for e in examples if isinstance(e, list) and isinstance(e[0], dict) and "type" in e[0]]
    assert len(blocks) >= 8
    content = mini_project / "content"
    page = {"title": "Examples", "summary": "Every example.", "blocks": blocks}
    (content / "60-examples.yml").write_text(yaml.safe_dump(page, sort_keys=False))
    for number, page_id in ((70, "safety"), (80, "not-safe"), (90, "safety-plan")):
        (content / f"{number}-{page_id}.yml").write_text(STUB.format(page_id))
    load_project(Project.at(mini_project))


def test_the_docs_link_to_each_other_and_every_link_resolves():
    docs = sorted((ROOT / "docs").glob("*.md"))
    readme = (ROOT / "README.md").read_text()
    assert [doc.name for doc in docs if f"](docs/{doc.name})" not in readme] == []
    for page in [ROOT / "README.md", *docs]:
        targets = re.findall(r"\]\(([^)#:\s]+\.md)(?:#[^)]*)?\)", page.read_text())
        assert [t for t in targets if not (page.parent / t).exists()] == [], page.name
        if page.parent.name == "docs":
            assert {t for t in targets if (page.parent / t).parent == page.parent} - {page.name}, \
                f"{page.name} links to no other page in docs/"
