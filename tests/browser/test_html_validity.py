"""Every built page is valid HTML: the Nu Html Checker (npm vnu-jar) reports no error.

All pages go to the checker in one run: starting Java once per page would be slow.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .conftest import ROOT, require

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(files: list[Path]) -> list[dict]:
    require(VNU.exists(), "vnu-jar (npm ci)")
    require(shutil.which("java") is not None, "Java")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    # vnu writes its JSON report to stderr, and exits 1 when it found errors.
    report = json.loads(result.stderr or result.stdout)
    return [message for message in report["messages"] if message.get("type") in ("error", "non-document-error")]


def test_every_built_page_is_valid_html(built_site: Path):
    site = built_site
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
