"""The project's folders, and loading everything the build needs in one go."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .content import Guide, load_guide
from .glossary import glossary_problems
from .org_overrides import apply_overrides
from .problems import ContentError, Problem
from .safety_rules import safety_problems
from .settings import Settings, load_settings, printing_problems


@dataclass
class Project:
    root: Path
    content_dir: Path
    site_data_dir: Path

    @classmethod
    def at(cls, root: Path, content: str = "content", site_data: str = "site-data") -> "Project":
        root = Path(root).resolve()
        return cls(root=root, content_dir=root / content, site_data_dir=root / site_data)


def load_project(project: Project) -> tuple[Guide, Settings]:
    """Check content and settings together so one run reports every problem."""
    problems: list[Problem] = []
    settings, found = load_settings(project.site_data_dir, project.root)
    problems += found
    guide = None
    try:
        guide = load_guide(project.content_dir, project.root)
    except ContentError as error:
        problems += error.problems
    if guide is not None:
        # The organization's own pages, replaced blocks, hidden pages and menu labels.
        problems += apply_overrides(guide, project.content_dir, project.site_data_dir, project.root)
        problems += safety_problems(guide)  # blocks for both partners link to Safety first
        problems += glossary_problems(guide)  # a word belongs to one term only
    if guide is not None and settings is not None:
        worksheets = {page.id for page in guide.pages if any(b.type == "worksheet" for b in page.blocks)}
        problems += printing_problems(settings, worksheets, project.site_data_dir, project.root)
    if problems:
        raise ContentError(problems)
    return guide, settings
