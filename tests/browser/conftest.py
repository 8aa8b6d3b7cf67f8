"""A real headless Chromium against the real built site, served on 127.0.0.1.

With CI=true a missing browser is a failure, never a skip.
"""
from __future__ import annotations

import functools
import http.server
import os
import secrets
import re
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from steady_ground.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


# The quick exit's destination, answered by a stand-in page: tests never leave 127.0.0.1.
SETTINGS, _problems = load_settings(ROOT / "site-data", ROOT)
assert SETTINGS is not None, _problems
# Each edition's settings (its organization words and interface strings), by language.
EDITION_SETTINGS = {code: load_settings(ROOT / "site-data", ROOT, code)[0] for code in SETTINGS.editions}
DESTINATION = SETTINGS.organization["quick_exit"]["destination"]
DESTINATION_HOST = urlsplit(DESTINATION).netloc
NEUTRAL_PAGE = "<!doctype html><html lang=en><title>Neutral site</title><h1>Neutral site</h1></html>"
BEFORE_URL = "https://before.example/"
BEFORE_PAGE = "<!doctype html><html lang=en><title>Before the guide</title><h1>Before</h1></html>"


def answer_for_destination(context, hold: list | None = None) -> list:
    """Route the destination host to the stand-in page and return the URLs asked for;
    with `hold`, keep the request waiting (a slow network) so the page in between can
    be inspected."""
    seen: list[str] = []

    def handle(route):
        seen.append(route.request.url)
        if hold is not None:
            hold.append(route)
        else:
            route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)

    context.route(lambda url: urlsplit(url).netloc == DESTINATION_HOST, handle)
    context.route(lambda url: url.startswith(BEFORE_URL),
                  lambda route: route.fulfill(status=200, content_type="text/html", body=BEFORE_PAGE))
    return seen


def require(condition: bool, what: str) -> None:
    """Fail in CI, skip elsewhere, when a tool the test needs is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI (run scripts/setup-system.sh)")
    pytest.skip(f"{what} is not installed")


def build_site(target: Path, root: Path = ROOT, host: str | None = None) -> Path:
    """`python -m steady_ground build`, for `host`'s deploy files when given (--host)."""
    result = subprocess.run([sys.executable, "-m", "steady_ground", "--root", str(root), "build",
                             "--site-dir", str(target), *(["--host", host] if host else [])],
                            capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def host_folder(name: str) -> Path:
    """A new folder made the way a server's administrator makes one (`sudo mkdir -p
    /var/www/steady-ground`, umask 022): 0755, in a parent everyone may enter (the system's
    temporary folder). A web server's workers, running as www-data, can reach what is in it;
    pytest's own temporary folders (0700) would hide it from them."""
    folder = Path(tempfile.gettempdir()) / f"steady-ground-{name}-{secrets.token_hex(4)}"
    subprocess.run(["mkdir", "-p", str(folder)], check=True, umask=0o022)
    return folder


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The shipped guide with every edition the organization ships (others in site/<lang>/),
    built once for the whole test session into a host's folder,
    exactly as `python -m steady_ground build` leaves it (tests/browser/test_nginx.py serves it
    with nginx's unprivileged workers)."""
    www = host_folder("www")
    try:
        yield build_site(www / "site")
    finally:
        shutil.rmtree(www, ignore_errors=True)


MINI_GUIDE = ROOT / "tests" / "fixtures" / "mini-guide"


def bilingual_project(target: Path) -> Path:
    """The small test guide in English and Spanish (its fixture translation), with the project's
    own mkdocs.yml, theme overrides and hooks: a stand-in for the whole guide in two editions,
    until the real Spanish text exists."""
    target.mkdir(parents=True)
    for name in ("hooks", "overrides", "node_modules"):
        (target / name).symlink_to(ROOT / name)
    for name in ("mkdocs.yml", "mkdocs-offline.yml"):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(MINI_GUIDE / "content", target / "content")
    shutil.copytree(ROOT / "site-data", target / "site-data", ignore=shutil.ignore_patterns("overrides"))
    shutil.copytree(MINI_GUIDE / "site-data", target / "site-data", dirs_exist_ok=True)
    organization = target / "site-data" / "organization.yml"
    organization.write_text(re.sub(r"(?m)^editions:.*\n", "", organization.read_text()) + "editions: [en, es]\n")
    return target


@pytest.fixture(scope="session")
def bilingual_root(tmp_path_factory) -> Path:
    return bilingual_project(tmp_path_factory.mktemp("bilingual") / "project")


@pytest.fixture(scope="session")
def bilingual_site(bilingual_root) -> Path:
    """The small guide in two editions: English at /, Spanish at /es/."""
    return build_site(bilingual_root / "site", root=bilingual_root)


@pytest.fixture(scope="session")
def bilingual_url(bilingual_site: Path):
    server = StaticServer(bilingual_site)
    yield server.url
    server.close()


@pytest.fixture(scope="session")
def bilingual_pages(bilingual_site: Path) -> list[str]:
    return pages_of(bilingual_site)


def pages_of(site: Path) -> list[str]:
    """Every built HTML page, as a path relative to the site root ('' is the start page)."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        relative = index.parent.relative_to(site).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages


def edition_of(path: str) -> str:
    """The language of a page of the shipped site, from its path ('es/faq/' -> 'es')."""
    first = path.split("/", 1)[0]
    return first if first in SETTINGS.editions[1:] else SETTINGS.editions[0]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticServer:
    """A plain static file server on a free loopback port."""

    def __init__(self, directory: Path):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        socketserver.TCPServer.allow_reuse_address = True
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    server = StaticServer(built_site)
    yield server.url
    server.close()


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[str]:
    """Every built HTML page of every edition, as a path relative to the site root ('' is
    the start page, 'es/' the Spanish edition's)."""
    return pages_of(built_site)


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright driver for the session (a second one cannot run in the same thread)."""
    require(Path(CHROMIUM).exists(), "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


def launch_chromium(playwright_driver, env: dict | None = None):
    return playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                                             env=env)


@pytest.fixture(scope="session")
def browser(playwright_driver):
    browser = launch_chromium(playwright_driver)
    yield browser
    browser.close()


def fontconfig_env(font_folder: Path, work: Path) -> dict:
    """The environment for a Chromium that sees only the fonts in `font_folder`
    (fontconfig's usual rules, such as which font stands in for Arial, still apply)."""
    work.mkdir(parents=True, exist_ok=True)
    config = work / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{font_folder}</dir>\n  <cachedir>{work / 'cache'}</cachedir>\n"
        '  <include ignore_missing="yes">/etc/fonts/conf.d</include>\n</fontconfig>\n', encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


class RequestLog:
    """Every request a page makes, so tests can prove no third party is contacted."""

    def __init__(self, own_url: str):
        self.own_host = urlsplit(own_url).netloc
        self.urls: list[str] = []

    def record(self, request) -> None:
        self.urls.append(request.url)

    def third_party(self) -> list[str]:
        outside = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.netloc != self.own_host:
                outside.append(url)
        return outside


@pytest.fixture
def context(browser, site_url):
    """A fresh browser profile per test, with its requests logged."""
    ctx = browser.new_context()
    log = RequestLog(site_url)
    ctx.on("request", log.record)
    ctx.request_log = log
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


def search_for(page, word: str, seconds: float = 15) -> int:
    """Type into Material's search box until results show; returns how many.

    Material searches on key presses, and what is typed before its index is
    ready is lost, so this types again until results appear or time runs out.
    """
    import time

    box = page.locator("input.md-search__input")
    box.click()
    results = page.locator(".md-search-result__item")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        box.fill("")
        box.press_sequentially(word)
        try:
            results.first.wait_for(timeout=500)
            return results.count()
        except Exception:  # Playwright's TimeoutError: the index is not ready yet
            continue
    return 0


def wait_for_search_index(page) -> None:
    """The theme loads its search index in a worker; the box says so until it is ready.
    The index loads on first use (partials/sg-search-lazy.html): a pointer over the search
    starts it here, without moving focus or opening the search."""
    page.dispatch_event(".md-search", "pointerover")
    page.wait_for_function("() => !/Initializing|Inicializando/i.test("
                           "document.querySelector('.md-search-result__meta').textContent)")


def wait_for_results_to_settle(page, quiet_ms: int = 300) -> None:
    """Wait until the result list has not changed for `quiet_ms`.

    Each key typed starts a search in the worker, and each answer redraws the list;
    a result focused before the last answer is replaced, and focus falls to the page.
    """
    page.evaluate("""quiet => new Promise(done => {
        const list = document.querySelector('.md-search-result__list');
        const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, quiet); });
        let timer = setTimeout(finish, quiet);
        function finish() { observer.disconnect(); done(); }
        observer.observe(list, {childList: true, subtree: true, characterData: true});
    })""", quiet_ms)


# Stands in for the browser's print dialog: notes the state of each font face
# at the moment the page asks to print.
STUB_PRINT = """() => {
  window.sgPrinted = null;
  window.print = () => { window.sgPrinted = [...document.fonts].map(face => face.status); };
}"""


def ask_to_print(page) -> list[str]:
    """Ctrl+P, as a reader prints: the page loads the print font first, then prints.
    Returns the font faces' states when the page called print()."""
    page.evaluate(STUB_PRINT)
    page.keyboard.press("Control+p")
    page.wait_for_function("() => window.sgPrinted !== null")
    return page.evaluate("() => window.sgPrinted")
