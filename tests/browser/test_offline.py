"""The offline bundle opened from file:// in the real Chromium: pages, search and the quick
exit work with no server, and nothing is requested from another site."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import DESTINATION, ROOT, RequestLog, answer_for_destination, ask_to_print, search_for

SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The zip `make bundle` writes, built from the shipped guide."""
    target = tmp_path_factory.mktemp("offline") / "guide-offline.zip"
    result = subprocess.run([sys.executable, "-m", "steady_ground.offline_bundle", "--root", str(ROOT),
                             "--out", str(target)], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    print(f"\noffline bundle: {target.stat().st_size / 1024:.0f} KB")
    return target


@pytest.fixture(scope="module")
def unpacked(bundle: Path) -> Path:
    """The bundle unzipped, as on a USB stick: one folder holding index.html."""
    with zipfile.ZipFile(bundle) as archive:
        tops = {name.split("/")[0] for name in archive.namelist()}
        assert len(tops) == 1, tops
        archive.extractall(bundle.parent / "stick")
    folder = bundle.parent / "stick" / tops.pop()
    assert (folder / "index.html").is_file()
    return folder


@pytest.fixture
def offline_page(browser, unpacked: Path):
    context = browser.new_context()
    log = RequestLog(unpacked.as_uri())
    context.on("request", log.record)
    page = context.new_page()
    page.request_log = log
    yield page
    context.close()


def test_bundle_holds_the_local_shim_and_no_server_files(bundle: Path, unpacked: Path):
    names = zipfile.ZipFile(bundle).namelist()
    assert not [n for n in names if n.endswith(("_headers", "_nginx.conf", ".map", "404.html"))]
    shim = unpacked / "assets" / "javascripts" / "iframe-worker-shim.js"
    assert shim.read_bytes() == SHIM.read_bytes(), "the shim is the npm package's file, unchanged"
    home = (unpacked / "index.html").read_text()
    assert '<script src="assets/javascripts/iframe-worker-shim.js"></script>' in home
    for page in unpacked.rglob("*.html"):
        text = page.read_text()
        assert "unpkg.com" not in text and not re.search(r"<script[^>]+src=\"(https?:)?//", text), page
    assert (unpacked / "search" / "search_index.js").read_text().startswith("var __index = ")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.targets.append(values["href"])
        if tag in ("script", "img") and values.get("src"):
            self.targets.append(values["src"])
        if tag == "link" and values.get("href"):
            self.targets.append(values["href"])


def test_every_link_inside_the_bundle_points_to_a_file(unpacked: Path):
    # From file:// a link to a folder shows a file listing, not the page: every link names a file.
    checked = 0
    for page in unpacked.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text())
        for href in parser.targets:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # outside links (help lines, the exit) and same-page anchors
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(unpacked)} links to {href}"
            checked += 1
    assert checked > 50


def test_every_page_opens_from_the_file_system_without_outside_requests(offline_page, unpacked: Path):
    pages = sorted(unpacked.rglob("*.html"))
    assert len(pages) >= 3
    errors = []
    offline_page.on("pageerror", lambda error: errors.append(str(error)))
    for page in pages:
        offline_page.goto(page.as_uri())
        assert offline_page.locator("h1").count() == 1, page
        assert offline_page.evaluate("document.documentElement.classList.contains('js')"), page
    assert errors == []
    assert offline_page.request_log.third_party() == []
    assert all(url.startswith(("file:", "data:", "blob:", "about:")) for url in offline_page.request_log.urls)


def test_search_works_from_the_file_system(offline_page, unpacked: Path):
    import json

    docs = json.loads((unpacked / "search" / "search_index.json").read_text())["docs"]
    title = next(doc["title"] for doc in docs if doc["location"] and len(doc["title"]) > 6)
    word = max(re.findall(r"[A-Za-z]{5,}", title), key=len).lower()
    offline_page.goto((unpacked / "index.html").as_uri())
    assert search_for(offline_page, word) >= 1
    first = offline_page.locator(".md-search-result__item a").first.get_attribute("href")
    assert first and ".html" in first  # results lead to files, not folders
    assert offline_page.request_log.third_party() == []


def test_quick_exit_works_from_the_file_system(offline_page, unpacked: Path):
    left_for = answer_for_destination(offline_page.context)
    pages = sorted(unpacked.rglob("*.html"))
    offline_page.goto(pages[-1].as_uri())
    offline_page.locator(".sg-quick-exit a").first.click()
    offline_page.wait_for_url(DESTINATION, timeout=10_000)
    assert left_for and left_for[0].startswith(DESTINATION)
    # The exit is the only request that left the bundle.
    assert offline_page.request_log.third_party() == left_for


def test_a_worksheet_prints_in_the_bundled_font_from_the_file_system(offline_page, unpacked: Path):
    sheet = next(path for path in sorted(unpacked.rglob("*.html")) if "data-sg-worksheet" in path.read_text())
    offline_page.goto(sheet.as_uri())
    assert set(ask_to_print(offline_page)) == {"loaded"}
    fonts = [url for url in offline_page.request_log.urls if "/assets/fonts/" in url]
    # From the bundle itself (an edition at es/ has its own assets/ folder).
    assert fonts and all(url.startswith(unpacked.as_uri() + "/") for url in fonts)
    assert offline_page.request_log.third_party() == []
