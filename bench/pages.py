"""Page-weight and slow-network benchmark. Prints figures; asserts nothing.

The shipped guide (every edition) and a stock Material build of the same text
(plain Markdown pages, Material's defaults: no overrides, no hooks; the other
editions built into /<lang>/ as a stock build would be) are served side by side
by nginx, each with the config the build generates (site/_nginx.conf: https,
gzip, the caching rules, the security headers), on 127.0.0.1 with a self-signed
certificate. In headless Chromium:

- first visit: every page of every edition opened with an empty cache until
  the network is quiet; the bytes of every response body as sent (gzip),
  headers not counted; median and largest over the pages;
- on emulated slow 3G (2 s round trip, 50 KB/s) and fast 3G (562.5 ms,
  180 KB/s; Chromium's own presets), each edition's start page, median of
  --runs visits: first paint; "exit painted" (the first frame with the quick
  exit on screen, styled); "exit armed" (the quick exit's Shift x3 listener is
  set, so Shift x3 leaves); DOMContentLoaded. The stock build has no exit: its
  first paint and DOMContentLoaded are what ours are held against;
- first search: each start page loaded, then the search box clicked and a
  reader's query typed at once (the index loads on that first touch), until
  the first result shows; on loopback and on a 4G line (150 ms, 200 KB/s).

Usage: python bench/pages.py [--runs N] [--site DIR] (--site: measure a site
already built, as site/ or from an older commit, instead of building one).
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from steady_ground.project import Project, load_project_site  # noqa: E402
from steady_ground.deploy_files import write_deploy_files  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# Chromium DevTools' presets: latency in ms, throughput in bytes per second.
PROFILES = {
    "slow 3G": {"latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 50_000},
    "fast 3G": {"latency": 562.5, "downloadThroughput": 180_000, "uploadThroughput": 84_375},
}
# A "normal connection" for the first search: Lighthouse's mobile 4G (150 ms, 1.6 Mbit/s).
NORMAL = {"latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 84_375}
# Runs before any of the page's own scripts. The first animation frame that finds the exit
# link laid out with its stylesheet applied (its red background) is the frame that paints it. The quick
# exit is armed when its Shift x3 listener is set (quick-exit.js: keyup on window, capture).
WATCH = """
(() => {
  const seen = window.__sgBench = {};
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    const capture = options === true || (options && options.capture);
    if (this === window && type === "keyup" && capture && seen.armed === undefined) seen.armed = performance.now();
    return add.call(this, type, listener, options);
  };
  function frame(now) {
    const link = document.querySelector(".sg-quick-exit__link");
    if (link && link.getBoundingClientRect().width > 0 &&
        getComputedStyle(link).backgroundColor !== "rgba(0, 0, 0, 0)") { seen.exitFrame = now; return; }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})()
"""
READ = """() => {
  const paint = performance.getEntriesByType("paint");
  const first = (paint.find(p => p.name === "first-paint") || paint[0] || {}).startTime;
  const seen = window.__sgBench || {};
  const nav = performance.getEntriesByType("navigation")[0];
  return {paint: first, exitFrame: seen.exitFrame, armed: seen.armed, dcl: nav.domContentLoadedEventEnd};
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_ours(target: Path) -> Path:
    subprocess.run([sys.executable, "-m", "steady_ground", "--root", str(ROOT), "build", "--site-dir", str(target)],
                   check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return target


def build_stock(work: Path) -> Path:
    """The same text as plain Markdown, built by Material as it comes: English at /, others at /<lang>/."""
    sys.path.insert(0, str(ROOT / "bench"))
    from build import _plain_markdown  # the build benchmark's Markdown of the guide

    site = load_project_site(Project.at(ROOT))
    out = work / "stock"
    for edition in site.editions.values():
        project = work / f"stock-{edition.language}"
        project.mkdir()
        _plain_markdown(project, edition.guide)
        (project / "mkdocs.yml").write_text(
            f"site_name: {edition.settings.organization['name']!r}\ndocs_dir: docs\n"
            f"theme:\n  name: material\n  language: {edition.language}\n  font: false\n"
            "plugins:\n  - search\n")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(project / "mkdocs.yml"),
                        "-d", str(out / edition.path)], check=True, capture_output=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    write_deploy_files(out)
    return out


def pages_of(site: Path) -> list[str]:
    pages = []
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages


def _server_block(config: str, port: int, root: Path, certificate: Path, zone: str) -> str:
    """The generated config's https server, on 127.0.0.1:<port>, serving <root>."""
    start = config.index("server {", config.index("# Port 443"))
    block = config[start:]
    block = re.sub(r"listen 443 ssl([^;]*);", rf"listen 127.0.0.1:{port} ssl\1;", block, count=1)
    block = re.sub(r"\n\s*listen \[::\]:443[^;]*;", "", block)
    block = re.sub(r"ssl_certificate .*;", f"ssl_certificate {certificate}/fullchain.pem;", block, count=1)
    block = re.sub(r"ssl_certificate_key .*;", f"ssl_certificate_key {certificate}/privkey.pem;", block, count=1)
    block = re.sub(r"ssl_session_cache shared:[a-z_]+:", f"ssl_session_cache shared:{zone}:", block)
    return re.sub(r"\n    root [^;]*;", f"\n    root {root};", block, count=1)


class Nginx:
    def __init__(self, work: Path, sites: dict[str, Path]):
        self.work = work
        certificate = work / "tls"
        certificate.mkdir()
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-keyout", str(certificate / "privkey.pem"),
                        "-out", str(certificate / "fullchain.pem")], check=True, capture_output=True)
        self.urls, servers = {}, []
        for number, (name, site) in enumerate(sites.items()):
            port = _free_port()
            config = (site / "_nginx.conf").read_text()
            servers.append(_server_block(config, port, site, certificate, f"bench_tls_{number}"))
            self.urls[name] = f"https://127.0.0.1:{port}/"
        user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
        mime = "include /etc/nginx/mime.types;\n" if Path("/etc/nginx/mime.types").exists() else ""
        temp = "".join(f"{name}_temp_path {work}/{name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                          "scgi"))
        (work / "nginx.conf").write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
            f"events {{}}\nhttp {{\n{mime}default_type application/octet-stream;\naccess_log off;\n{temp}"
            + "\n".join(servers) + "\n}\n")
        self.process = subprocess.Popen([NGINX, "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")],
                                        stderr=subprocess.PIPE)
        for url in self.urls.values():
            port = urlsplit(url).port
            for _ in range(100):
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.05)
            else:
                raise SystemExit("nginx did not start: " + (work / "error.log").read_text())

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def _body_bytes(url: str) -> int:
    """The bytes of the response body as nginx sends it to a browser (gzip where it
    compresses), without the HTTP headers: asked again outside the browser, because
    Chromium's sizes over HTTP/2 count the header frames into the body."""
    parts = urlsplit(url)
    connection = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=30,
                                             context=ssl._create_unverified_context())
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""),
                           headers={"Accept-Encoding": "gzip, deflate, br"})
        return len(connection.getresponse().read())  # http.client does not decompress
    finally:
        connection.close()


def first_visit_bytes(browser, url: str) -> int:
    """Every response body a first visit to `url` loads (empty cache), summed."""
    context = browser.new_context(ignore_https_errors=True, service_workers="block")
    page = context.new_page()
    requested = []
    page.on("requestfinished", lambda request: requested.append(request.url))
    page.goto(url, wait_until="networkidle")
    context.close()
    return sum(_body_bytes(address) for address in requested if not address.startswith("data:"))


FIRST_SEARCH = {"en": "safety plan", "es": "plan de seguridad"}


def first_search(browser, url: str, query: str, profile: dict | None) -> float:
    """Milliseconds from the first touch of the search (the index not yet loaded) to the
    first result on screen, as a reader who opens the page and searches at once."""
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")  # a new context: an empty cache, as on a first visit
    if profile:
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **profile})
    page.goto(url, wait_until="load", timeout=120_000)
    started = time.perf_counter()
    page.click(".md-search__input")
    page.keyboard.type(query)  # real key presses: the theme searches on keyup, not on a filled value
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    taken = (time.perf_counter() - started) * 1000
    context.close()
    return taken


def timed_visit(browser, url: str, profile: dict) -> dict:
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 412, "height": 860})
    context.add_init_script(WATCH)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {"offline": False, **profile})
    page.goto(url, wait_until="load", timeout=120_000)
    found = page.evaluate(READ)
    context.close()
    if found["exitFrame"] is not None:
        found["exit"] = max(found["exitFrame"], found["paint"] or 0)
    else:
        found["exit"] = None
    return found


def _kb(value: float) -> str:
    return f"{value / 1024:6.1f}"


def _s(value) -> str:
    return "     -" if value is None else f"{value / 1000:6.2f}"


def measure(ours: Path, stock: Path, runs: int, work: Path) -> None:
    from playwright.sync_api import sync_playwright

    server = Nginx(work, {"ours": ours, "stock": stock})
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            editions = [page for page in pages_of(stock) if re.fullmatch(r"[a-z]{2}/", page)]
            print("First visit (KB sent, gzip; empty cache)   ours median    max   |  stock median    max"
                  "   (pages)")
            for edition in [""] + editions:
                row = {}
                for name, site in (("ours", ours), ("stock", stock)):
                    pages = [p for p in pages_of(site) if p.startswith(edition) and
                             (edition or not any(p.startswith(e) for e in editions))]
                    sizes = [first_visit_bytes(browser, server.urls[name] + p) for p in pages]
                    largest = max(range(len(sizes)), key=sizes.__getitem__)
                    row[name] = (statistics.median(sizes), sizes[largest], len(sizes), pages[largest])
                label = f"  /{edition} edition"
                print(f"{label:42s} {_kb(row['ours'][0])}   {_kb(row['ours'][1])}   |   {_kb(row['stock'][0])}"
                      f"   {_kb(row['stock'][1])}   ({row['ours'][2]} / {row['stock'][2]}; largest ours:"
                      f" /{row['ours'][3]})")
            print("  target: largest first visit of ours <= 80 KB on every page of every edition\n")
            if runs < 1:
                browser.close()
                return
            print(f"Start page, median of {runs}   first paint  exit painted  exit armed    DCL  |  stock: first paint"
                  "    DCL   |  exit painted / stock paint, armed / stock DCL, DCL / stock DCL")
            for profile_name, profile in PROFILES.items():
                for edition in [""] + editions:
                    got = {}
                    for name in ("ours", "stock"):
                        visits = [timed_visit(browser, server.urls[name] + edition, profile) for _ in range(runs)]
                        # A visit can miss a paint entry (Chromium does not always report it):
                        # the median of the visits that have one.
                        got[name] = {key: (statistics.median(v[key] for v in visits if v[key] is not None)
                                           if any(v[key] is not None for v in visits) else None)
                                     for key in ("paint", "exit", "armed", "dcl")}
                    o, s = got["ours"], got["stock"]
                    ratio = lambda a, b: "   -" if a is None or not b else f"{a / b:4.2f}"  # noqa: E731
                    print(f"  {profile_name} /{edition:4s}            {_s(o['paint'])}      {_s(o['exit'])}      "
                          f"{_s(o['armed'])}  {_s(o['dcl'])}  |        {_s(s['paint'])}  {_s(s['dcl'])}   |  "
                          f"{ratio(o['exit'], s['paint'])}  {ratio(o['armed'], s['dcl'])}  {ratio(o['dcl'], s['dcl'])}")
            print("  targets on slow 3G: exit painted <= 1.05 x stock first paint; exit armed and DCL <= 1.15 x"
                  " stock DCL")
            print("\nFirst search (ms from the first touch of the search box to the first result; index not yet"
                  f" loaded), median of {runs}")
            for edition in [""] + editions:
                language = edition.strip("/") or "en"
                query = FIRST_SEARCH.get(language, FIRST_SEARCH["en"])
                cells = []
                for label, profile in (("loopback", None), ("4G", NORMAL)):
                    for name in ("ours", "stock"):
                        taken = statistics.median(first_search(browser, server.urls[name] + edition, query, profile)
                                                  for _ in range(runs))
                        cells.append(f"{label} {name} {taken:6.0f}")
                print(f"  /{edition:4s} {query!r:22s} " + "   ".join(cells))
            print("  target: ours within 1000 ms on a normal connection (4G)")
            browser.close()
    finally:
        server.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="slow-network visits per page; 0: weight only")
    parser.add_argument("--site", type=Path, help="a built site to measure instead of building one")
    args = parser.parse_args(argv)
    # A folder nginx's workers (nobody) can read, as a host's /var/www.
    work = Path(tempfile.mkdtemp(prefix="sg-bench-pages-"))
    os.chmod(work, 0o755)
    try:
        ours = work / "ours"
        if args.site:
            shutil.copytree(args.site, ours)
        else:
            build_ours(ours)
        stock = build_stock(work)
        subprocess.run(["chmod", "-R", "a+rX", str(work)], check=True)
        measure(ours, stock, args.runs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
