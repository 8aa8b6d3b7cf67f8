"""The project's folders, and loading everything the build needs in one go."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .content import Guide
from .editions import Site, load_site
from .settings import Settings


@dataclass
class Project:
    root: Path
    content_dir: Path
    site_data_dir: Path

    @classmethod
    def at(cls, root: Path, content: str = "content", site_data: str = "site-data") -> "Project":
        root = Path(root).resolve()
        return cls(root=root, content_dir=root / content, site_data_dir=root / site_data)


def load_project_site(project: Project) -> Site:
    """Every edition, content and settings checked together so one run reports every problem
    (raises ContentError)."""
    return load_site(project.content_dir, project.site_data_dir, project.root)


def load_project(project: Project) -> tuple[Guide, Settings]:
    """The default edition (every edition is checked)."""
    default = load_project_site(project).default
    return default.guide, default.settings
