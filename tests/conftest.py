"""Shared test helpers: a small guide to copy and break on purpose, and the
figures a run measures, printed at its end (also when pytest-xdist runs the
tests in several processes)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from content.seed_data import SEED

ROOT = Path(__file__).resolve().parent.parent
MINI_GUIDE = ROOT / "tests" / "fixtures" / "mini-guide"


def set_editions(project: Path, editions: list[str] | None) -> None:
    """Choose the editions of a test project (None: only the default one, whatever the
    project's own organization.yml says)."""
    path = project / "site-data" / "organization.yml"
    text = re.sub(r"(?m)^editions:.*\n", "", path.read_text())
    if editions:
        text += f"editions: [{', '.join(editions)}]\n"
    path.write_text(text)


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """A copy of the small test guide, with mkdocs.yml pointing at this checkout.

    It has a Spanish translation (content/translations/es/), switched off: tests
    switch it on with set_editions(project, ["en", "es"]) or use bilingual_project."""
    target = tmp_path / "guide"
    shutil.copytree(MINI_GUIDE, target, ignore=shutil.ignore_patterns("site", "site.*", "site-data"))
    # The project's own settings, so the fixture never drifts from them, and the
    # fixture's translation of them on top.
    shutil.copytree(ROOT / "site-data", target / "site-data", ignore=shutil.ignore_patterns("overrides"))
    shutil.copytree(MINI_GUIDE / "site-data", target / "site-data", dirs_exist_ok=True)
    set_editions(target, None)
    config = (target / "mkdocs.yml").read_text()
    config = config.replace("../../../", f"{ROOT}/")
    (target / "mkdocs.yml").write_text(config)
    return target


@pytest.fixture
def bilingual_project(mini_project: Path) -> Path:
    """The small test guide with its English and Spanish editions switched on."""
    set_editions(mini_project, ["en", "es"])
    return mini_project


FIGURES: dict[str, object] = {}


@pytest.fixture(scope="session")
def figures() -> dict:
    """Measured numbers (name -> value) that the run prints at the end, for reports."""
    return FIGURES


def pytest_sessionfinish(session):
    output = getattr(session.config, "workeroutput", None)
    if output is not None:  # a pytest-xdist worker hands its figures to the main process
        output["steady_ground_figures"] = dict(FIGURES)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    FIGURES.update(getattr(node, "workeroutput", {}).get("steady_ground_figures", {}))


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("measured figures")
        for name, value in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{name}: {value}")
    if not SEED.is_file():
        terminalreporter.write_line(f"seed guide not found at {SEED}: the content tests used the stored "
                                    "seed data alone (tests/content/test_seed_match.py did not run)")
