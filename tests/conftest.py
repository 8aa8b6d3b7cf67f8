"""Shared test helpers: a small guide to copy and break on purpose."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI_GUIDE = ROOT / "tests" / "fixtures" / "mini-guide"


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """A copy of the small test guide, with mkdocs.yml pointing at this checkout."""
    target = tmp_path / "guide"
    shutil.copytree(MINI_GUIDE, target, ignore=shutil.ignore_patterns("site", "site.*"))
    # The project's own settings, so the fixture never drifts from them.
    shutil.copytree(ROOT / "site-data", target / "site-data")
    config = (target / "mkdocs.yml").read_text()
    config = config.replace("../../../", f"{ROOT}/")
    (target / "mkdocs.yml").write_text(config)
    return target
