"""Every built page is valid HTML: the Nu Html Checker (npm vnu-jar) reports no error.

All pages go to the checker in one run: starting Java once per page would be slow.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
IN_CI = os.environ.get("CI", "").lower() == "true"


def _require(condition: bool, what: str) -> None:
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI (make tools; scripts/setup-system.sh)")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("valid") / "site"
    result = subprocess.run([sys.executable, "-m", "steady_ground", "--root", str(ROOT), "build",
                             "--site-dir", str(target)], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def nu_errors(files: list[Path]) -> list[dict]:
    _require(VNU.exists(), "vnu-jar (npm ci)")
    _require(shutil.which("java") is not None, "Java")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    # vnu writes its JSON report to stderr, and exits 1 when it found errors.
    report = json.loads(result.stderr or result.stdout)
    return [message for message in report["messages"] if message.get("type") in ("error", "non-document-error")]


def test_every_built_page_is_valid_html(site: Path):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 5 and site / "404.html" in pages
    errors = nu_errors(pages)
    shown = [f"{e.get('url', '').removeprefix('file:').removeprefix(f'{site}/')}:{e.get('lastLine', '?')}: "
             f"{e['message']}" for e in errors[:30]]
    assert not errors, f"{len(errors)} errors in {len(pages)} pages:\n" + "\n".join(shown)


def test_the_checker_reports_invalid_html(tmp_path: Path):
    """The check is live: a page with a known error fails it."""
    page = tmp_path / "broken.html"
    page.write_text('<!doctype html><html lang="en"><head><title>x</title></head>'
                    '<body><input type="checkbox" autocomplete="off"><p><div></div></p></body></html>')
    assert nu_errors([page])
