"""The engine end to end on the small test guide: menu, links, anchors, search, reload."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from steady_ground.editions import guide_from_content as load_guide
from steady_ground.markup import TextRenderer
from steady_ground.project import Project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(project: Path) -> Path:
    result = subprocess.run([sys.executable, "-m", "steady_ground", "build"], cwd=project,
                            capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_menu_order_and_groups_come_from_file_names(mini_project: Path):
    guide = load_guide(mini_project / "content", mini_project)
    assert [p.id for p in guide.pages] == ["home", "faq", "tools", "get-help", "check-in"]
    assert guide.nav() == [
        {"A small guide": "index.md"}, {"Questions": "faq.md"}, {"Tools": "tools.md"},
        {"Get help now": "get-help.md"}, {"Worksheets": [{"Weekly check-in": "worksheets/check-in.md"}]},
    ]


def test_text_never_becomes_html_and_outside_links_do_not_leak_the_referrer():
    text = TextRenderer()
    html = text.inline("a <b>bold</b> [site](https://example.org/) [page](ref:faq)", lambda t: f"../{t}/")
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert '<a href="https://example.org/" rel="noopener noreferrer">site</a>' in html
    assert '<a href="../faq/">page</a>' in html


def test_a_bare_https_address_becomes_a_link_and_keeps_its_characters():
    text = TextRenderer()
    html = text.inline("More at https://example.org/my_help_page. Or [https://a.org/](https://a.org/), "
                       "https://b.org/wiki/Foo_(bar) and http://plain.example.org/")
    assert ('More at <a href="https://example.org/my_help_page" rel="noopener noreferrer">'
            "https://example.org/my_help_page</a>. Or ") in html  # the full stop ends the sentence
    assert '<a href="https://a.org/" rel="noopener noreferrer">https://a.org/</a>,' in html  # no link in a link
    assert '<a href="https://b.org/wiki/Foo_(bar)" rel="noopener noreferrer">' in html
    assert "and http://plain.example.org/" in html  # only https:// addresses
    assert text.check("See https://example.org/ now.") == ([], [])


def test_built_pages_link_blocks_and_index_them_for_search(mini_project: Path):
    site = build(mini_project)
    home = (site / "index.html").read_text()
    assert '<a href="faq/#how-long-to-wait">a question</a>' in home
    faq = (site / "faq" / "index.html").read_text()
    # The related links under a block resolve to the page and the block, with their titles.
    assert '<a href="../">A small guide</a>' in faq and '<a href="../tools/#breathing">4-4-4 breathing</a>' in faq
    # The table of contents lists the blocks.
    assert 'href="#how-long-to-wait"' in faq.split('class="md-nav md-nav--secondary"')[1]
    index = json.loads((site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert {"faq/#how-long-to-wait", "tools/#breathing", "worksheets/check-in/#this-week"} <= locations
    assert "content/" not in "".join(str(p) for p in site.rglob("*.yml")), "YAML sources are not published"
    assert not list(site.rglob("*.yml"))


def test_shipped_guide_builds_strictly(tmp_path: Path):
    root = Path(__file__).resolve().parent.parent
    Project.at(root)
    result = subprocess.run([sys.executable, "-m", "steady_ground", "--root", str(root), "build",
                             "--site-dir", str(tmp_path / "site")], capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float = 40) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            body = urllib.request.urlopen(url, timeout=2).read().decode()
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds}s")


def _save(path: Path, text: str) -> None:
    """Save the way editors do (write aside, then rename), so the watcher never sees half a file."""
    aside = path.parent.parent / (path.name + ".saving")  # outside the watched folder
    aside.write_text(text)
    os.replace(aside, path)


def test_serve_reloads_when_content_or_site_data_changes(mini_project: Path):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=mini_project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/faq/"
        _wait_for(url, "How long should I wait?")
        faq = mini_project / "content" / "10-faq.yml"
        _save(faq, faq.read_text().replace("How long should I wait?", "How long is long enough?"))
        _wait_for(url, "How long is long enough?")
        organization = mini_project / "site-data" / "organization.yml"
        _save(organization, organization.read_text().replace('number: "911"', 'number: "112"'))
        _wait_for(url, 'href="tel:112"')
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_shows_every_edition_and_reloads_a_translation(bilingual_project: Path):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=bilingual_project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(f"http://127.0.0.1:{port}/faq/", "How long should I wait?")
        url = f"http://127.0.0.1:{port}/es/faq/"
        _wait_for(url, "¿Cuánto tiempo debo esperar?")
        spanish = bilingual_project / "content" / "translations" / "es" / "10-faq.yml"
        _save(spanish, spanish.read_text().replace("¿Cuánto tiempo debo esperar?", "¿Hasta cuándo espero?"))
        _wait_for(url, "¿Hasta cuándo espero?")
    finally:
        server.terminate()
        server.wait(timeout=10)
