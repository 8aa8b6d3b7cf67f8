"""Shared test helpers: a small guide to copy and break on purpose, and the
figures a run measures, printed at its end (also when pytest-xdist runs the
tests in several processes)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from content.seed_data import SEED

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
