"""Helpers for the tests that sit beside each block type.

They build a one-page guide in a temporary folder from a YAML snippet, so a
block's schema and template are tested exactly as the build uses them.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import yaml

from .problems import ContentError
from .project import Project, load_project
from .render import PageRenderer

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def copy_site_data(root: Path) -> Path:
    """The shipped site-data/ in a test project, without overrides and with one edition
    (a test guide's pages have no translation)."""
    shutil.copytree(PROJECT_ROOT / "site-data", root / "site-data", ignore=shutil.ignore_patterns("overrides"))
    organization = root / "site-data" / "organization.yml"
    organization.write_text(re.sub(r"(?m)^editions:.*\n", "", organization.read_text()))
    return root / "site-data"


def _project_with(blocks: list[dict], extra_pages: dict[str, dict] | None = None) -> Project:
    root = Path(tempfile.mkdtemp(prefix="sg-block-"))
    copy_site_data(root)
    content = root / "content"
    content.mkdir()
    home = {"title": "Test page", "summary": "A page for a block test.", "blocks": blocks}
    (content / "00-home.yml").write_text(yaml.safe_dump(home, sort_keys=False))
    for index, (page_id, page) in enumerate((extra_pages or {}).items(), start=1):
        (content / f"{index * 10}-{page_id}.yml").write_text(yaml.safe_dump(page, sort_keys=False))
    return Project.at(root)


def _report(project: Project) -> str:
    """Load the test project and remove it: its problem report, '' when it is fine."""
    try:
        load_project(project)
        return ""
    except ContentError as error:
        return error.report()
    finally:
        shutil.rmtree(project.root, ignore_errors=True)


def check_blocks(*blocks: dict, extra_pages: dict[str, dict] | None = None) -> str:
    """The problem report for these blocks ('' when they are fine)."""
    return _report(_project_with(list(blocks), extra_pages))


def check_page_source(text: str, name: str = "10-words.yml") -> str:
    """The problem report for one page file written exactly as given (so lines are known),
    next to a start page; '' when it is fine."""
    project = _project_with([{"type": "section", "heading": "Start", "body": ["Hello."]}])
    (project.content_dir / name).write_text(text, encoding="utf-8")
    return _report(project)


def render_blocks(*blocks: dict, extra_pages: dict[str, dict] | None = None) -> str:
    """The HTML of a start page holding these blocks; links resolve to '/<page>/#<block>'."""
    project = _project_with(list(blocks), extra_pages)
    try:
        guide, settings = load_project(project)
        renderer = PageRenderer(guide, settings)

        def link_for(target: str) -> str:
            page_id, _, block_id = target.partition("/")
            return f"/{page_id}/" + (f"#{block_id}" if block_id else "")

        return renderer.render(guide.page("home"), link_for)
    finally:
        shutil.rmtree(project.root, ignore_errors=True)
