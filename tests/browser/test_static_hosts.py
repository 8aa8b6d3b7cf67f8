"""The built site on the static hosts' own local runtimes, as docs/hosting.md publishes it:
Cloudflare Pages (`wrangler pages dev`, the workerd engine of Cloudflare's network),
Netlify (`netlify dev`), and Apache with the generated .htaccess (Debian's apache2 with
its own apache2.conf and modules, the site set up as the docs say, workers as www-data). Both come from npm, pinned in package-lock.json, and run on the
Node.js 22 they need (the npm package `node`, also pinned: the machine's own Node.js is 20).

Each runtime is started by its test module and stopped by it, offline: no login, no
account, telemetry off (Cloudflare's: no metrics and no fetch of its request.cf data;
Netlify's: no telemetry, no edge functions, which would download Deno).

Every page of every edition: 200 with every header and Cache-Control as nginx sends it;
each edition's not-found page; deploy files not served; no Access-Control-Allow-Origin;
every page in Chromium without a CSP violation; search and the quick exit.

`netlify dev` puts its own `cache-control: public, max-age=0` over the one _headers gives
(its static server's, written after the rules; Netlify's network sends the file's). For
Netlify, Cache-Control is read from the rules as the Netlify CLI's own code resolves them
for each path (the same functions netlify dev uses), the rest from the runtime.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from steady_ground.deploy_files import DEPLOY_FILES, HOSTS
from steady_ground.security_headers import FINGERPRINTED, HEADERS_FILE, scan_site

from .conftest import DESTINATION, ROOT, answer_for_destination, build_site, host_folder, require, search_for
from .test_nginx import EXPECTED, LONG_CACHE, RECORD_VIOLATIONS, _free_port, directives, search_word
from .test_nginx import fetch_body as fetch  # (status, headers, body), redirects not followed

NODE = ROOT / "node_modules" / "node" / "bin" / "node"
WRANGLER = ROOT / "node_modules" / "wrangler" / "bin" / "wrangler.js"
NETLIFY = ROOT / "node_modules" / "netlify-cli" / "bin" / "run.js"
NETLIFY_HEADERS = ROOT / "node_modules" / "netlify-cli" / "dist" / "utils" / "headers.js"
APACHE = Path("/usr/sbin/apache2")
DEBIAN_APACHE = Path("/etc/apache2")
# docs/hosting.md's Apache site, for your own Debian server (the test's port and folder
# in place of these).
APACHE_SITE = """<VirtualHost *:80>
    ServerName guide.example.org
    DocumentRoot /var/www/steady-ground/site
    <Directory /var/www/steady-ground/site>
        AllowOverride FileInfo Indexes Options
        Require all granted
    </Directory>
</VirtualHost>
"""
APACHE_COMMANDS = ["sudo apt install apache2", "sudo a2enmod headers",
                   "sudo cp steady-ground.conf /etc/apache2/sites-available/",
                   "sudo a2ensite steady-ground", "sudo a2dissite 000-default",
                   "sudo apache2ctl configtest", "sudo systemctl reload apache2"]


def expected_cache(path: str, pages: set[str]) -> str:
    """What nginx sends (security_headers.nginx_config): pages no-store, fingerprinted a year."""
    if path in pages:
        return "no-store"
    return LONG_CACHE if FINGERPRINTED.search(path) else "no-cache"


class Runtime:
    """A host's local runtime serving `site`, started in its own process group."""

    def __init__(self, name: str, command: list[str], work: Path, port: int, env: dict):
        self.name, self.url = name, f"http://127.0.0.1:{port}"
        self.log = work / f"{name}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, cwd=work, stdout=log, stderr=subprocess.STDOUT,
                                            env=env, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"{name} stopped at start:\n{self.log.read_text(errors='replace')[-3000:]}")
            try:
                if fetch(self.url + "/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        pytest.fail(f"{name} did not answer within 120 s:\n{self.log.read_text(errors='replace')[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _offline_env(work: Path) -> dict:
    home = work / "home"
    home.mkdir(exist_ok=True)
    return {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
            "WRANGLER_SEND_METRICS": "false", "CLOUDFLARE_CF_FETCH_ENABLED": "false",
            "NETLIFY_TELEMETRY_DISABLED": "1", "NO_COLOR": "1"}


def apache_runtime(site: Path, work: Path, port: int, allow_override: str = "FileInfo Indexes Options") -> Runtime:
    """Debian's apache2 as APACHE_COMMANDS leave it: its own /etc/apache2 copied to the
    test folder, with the docs' site in place of the default one, mod_headers enabled
    (a2enmod makes the same link), and a free port on 127.0.0.1 in ports.conf."""
    server_root = work / "apache2"
    subprocess.run(["cp", "-a", str(DEBIAN_APACHE), str(server_root)], check=True)
    (server_root / "ports.conf").write_text(f"Listen 127.0.0.1:{port}\n")
    for enabled in (server_root / "sites-enabled").iterdir():
        enabled.unlink()  # a2dissite 000-default
    headers = server_root / "mods-enabled" / "headers.load"
    if not headers.exists():
        headers.symlink_to("../mods-available/headers.load")
    site_conf = (APACHE_SITE.replace("*:80", f"*:{port}").replace("/var/www/steady-ground/site", str(site))
                 .replace("AllowOverride FileInfo Indexes Options", f"AllowOverride {allow_override}"))
    (server_root / "sites-available" / "steady-ground.conf").write_text(site_conf)
    (server_root / "sites-enabled" / "steady-ground.conf").symlink_to("../sites-available/steady-ground.conf")
    for folder in ("run", "lock", "log"):
        (work / folder).mkdir(exist_ok=True)
    user = "www-data" if os.geteuid() == 0 else os.environ.get("USER", "nobody")
    if os.geteuid() == 0:
        subprocess.run(["chown", "www-data:www-data", str(work / "lock"), str(work / "run")], check=True)
    env = {**os.environ, "APACHE_RUN_USER": user, "APACHE_RUN_GROUP": "www-data" if os.geteuid() == 0 else user,
           "APACHE_PID_FILE": str(work / "run" / "apache2.pid"), "APACHE_RUN_DIR": str(work / "run"),
           "APACHE_LOCK_DIR": str(work / "lock"), "APACHE_LOG_DIR": str(work / "log")}
    check = subprocess.run([str(APACHE), "-d", str(server_root), "-t"], env=env, capture_output=True, text=True)
    assert check.returncode == 0 and "Syntax OK" in check.stderr, check.stderr  # apache2ctl configtest
    return Runtime("apache", [str(APACHE), "-d", str(server_root), "-DFOREGROUND"], work, port, env)


@pytest.fixture(scope="module", params=["cloudflare-pages", "netlify", "apache"])
def host(request):
    if request.param == "apache":
        require(APACHE.exists() and DEBIAN_APACHE.is_dir(), "Debian's apache2 (scripts/setup-system.sh)")
    else:
        require(NODE.exists() and WRANGLER.exists() and NETLIFY.exists(),
                "Node.js 22, wrangler and netlify-cli from npm (make tools)")
    work = host_folder(request.param)
    site = build_site(work / "site", host=request.param)
    port = _free_port()
    if request.param == "apache":
        runtime = apache_runtime(site, work, port)
        runtime.site = site
        yield runtime
        runtime.stop()
        subprocess.run(["rm", "-rf", str(work)], check=False)
        return
    if request.param == "cloudflare-pages":
        command = [str(NODE), str(WRANGLER), "pages", "dev", str(site), "--ip", "127.0.0.1", "--port", str(port)]
    else:
        command = [str(NODE), str(NETLIFY), "dev", "--dir", str(site), "--port", str(port),
                   "--staticServerPort", str(_free_port()), "--offline", "--no-open",
                   "--internal-disable-edge-functions"]
    runtime = Runtime(request.param, command, work, port, _offline_env(work))
    runtime.site = site
    yield runtime
    runtime.stop()
    subprocess.run(["rm", "-rf", str(work)], check=False)


def _paths(site: Path) -> tuple[list[str], set[str]]:
    scan = scan_site(site)
    files = ["/" + p.relative_to(site).as_posix() for p in sorted(site.rglob("*"))
             if p.is_file() and not p.name.endswith(".html") and p.name not in DEPLOY_FILES]
    return files, set(scan.pages)


def netlify_cache_rules(site: Path, paths: list[str]) -> dict[str, str | None]:
    """Cache-Control for each path, as the Netlify CLI's own code reads _headers and picks
    the rules for a path (the functions netlify dev calls)."""
    script = f"""
import {{ parseHeaders, headersForPath }} from {json.dumps(NETLIFY_HEADERS.as_uri())};
const rules = await parseHeaders({{ config: {{}}, configPath: undefined,
  headersFiles: [{json.dumps(str(site / HEADERS_FILE))}] }});
const paths = JSON.parse(process.argv[1]);
console.log(JSON.stringify(Object.fromEntries(paths.map(p => [p, headersForPath(rules, p)["Cache-Control"] ?? null]))));
"""
    result = subprocess.run([str(NODE), "--input-type=module", "-e", script, json.dumps(paths)],
                            capture_output=True, text=True, cwd=site.parent, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_each_host_gets_only_its_own_deploy_files(host):
    present = {name for name in DEPLOY_FILES if (host.site / name).exists()}
    assert present == set(HOSTS[host.name]), (host.name, present)


def test_every_page_and_file_has_every_header_and_its_cache_rule(host):
    files, pages = _paths(host.site)
    assert "/" in pages and "/es/" in pages and "/404.html" in pages and "/es/404.html" in pages
    served_pages = sorted(page for page in pages if not page.endswith("404.html"))
    paths = served_pages + files
    netlify_cache = netlify_cache_rules(host.site, paths) if host.name == "netlify" else {}
    table: dict[str, int] = {}
    for path in paths:
        status, headers, _ = fetch(host.url + path)
        assert status == 200, (host.name, path, status)
        for name, value in EXPECTED.items():
            assert headers.get(name) == value, (host.name, path, name, headers.get(name))
        # Apache sends HSTS over https only, as nginx does (this server is plain http).
        hsts = None if host.name == "apache" else "max-age=31536000"
        assert headers.get("Strict-Transport-Security") == hsts, path
        policy = directives(headers["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"] and policy["frame-ancestors"] == ["'none'"], path
        assert "camera=()" in headers["Permissions-Policy"], path
        assert headers.get("Access-Control-Allow-Origin") is None, (host.name, path)
        cache = netlify_cache[path] if host.name == "netlify" else headers.get("Cache-Control")
        assert cache == expected_cache(path, pages), (host.name, path, cache)
        table[cache] = table.get(cache, 0) + 1
    print(f"\n{host.name}: {len(served_pages)} pages and {len(files)} other files, 200 with every header;"
          f" Cache-Control: {table}")


def test_each_edition_has_its_not_found_page(host):
    for edition, language in (("", "en"), ("es/", "es")):
        status, headers, body = fetch(f"{host.url}/{edition}no-such-page/")
        assert status == 404, (host.name, edition, status)
        assert f'lang="{language}"' in body[:400], (host.name, edition)
        assert headers.get("X-Frame-Options") == "DENY" and headers.get("Content-Security-Policy")


def test_deploy_files_are_not_served(host):
    for name in DEPLOY_FILES:
        status, _, body = fetch(host.url + "/" + name)
        assert status != 200 or "Content-Security-Policy" not in body, (host.name, name, status)
        if (host.site / name).exists():
            assert (host.site / name).read_text()[:200] not in body, (host.name, name)


@pytest.fixture
def watched(browser, host):
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if (
        "Content Security Policy" in m.text or "Refused to" in m.text or "Permissions-Policy" in m.text) else None)
    yield page
    context.close()


def test_the_docs_give_the_apache_site_and_commands_this_test_follows():
    docs = (ROOT / "docs" / "hosting.md").read_text()
    assert APACHE_SITE in docs
    for command in APACHE_COMMANDS:
        assert command in docs, command


def test_apache_without_htaccess_rights_serves_the_guide_without_its_headers():
    """What docs/hosting.md says of a host that forbids .htaccess (AllowOverride None):
    the pages still load, with none of the headers. This is why the docs ask for it."""
    require(APACHE.exists() and DEBIAN_APACHE.is_dir(), "Debian's apache2 (scripts/setup-system.sh)")
    work = host_folder("apache-none")
    try:
        site = build_site(work / "site", host="apache")
        runtime = apache_runtime(site, work, _free_port(), allow_override="None")
        try:
            status, headers, _ = fetch(runtime.url + "/")
            assert status == 200 and headers.get("Content-Security-Policy") is None
            assert headers.get("X-Frame-Options") is None
        finally:
            runtime.stop()
    finally:
        subprocess.run(["rm", "-rf", str(work)], check=False)


APACHE_UPDATE = ["cd /var/www/steady-ground", "sudo cp -a ~/site releases/2026-12-06",
                 "sudo ln -sfn releases/2026-12-06 site.next", "sudo mv -T site.next site"]
APACHE_ROLLBACK = ["cd /var/www/steady-ground", "sudo ln -sfn releases/2026-12-01 site.next",
                   "sudo mv -T site.next site"]


@pytest.mark.parametrize("host", ["apache"], indirect=True)
def test_apache_switches_releases_in_one_step_and_back(host):
    """docs/hosting.md's Apache update and rollback, run as written (in the test's folder,
    without sudo) while Apache keeps serving: no reload, each release its own .htaccess.
    (The static hosts keep every deploy themselves; docs/hosting.md says how to go back.)"""
    docs = (ROOT / "docs" / "hosting.md").read_text()
    assert "\n".join(APACHE_UPDATE) in docs and "\n".join(APACHE_ROLLBACK) in docs
    top = host.site.parent
    releases = top / "releases"
    releases.mkdir()
    subprocess.run(["mv", str(host.site), str(releases / "2026-12-01")], check=True)
    subprocess.run(["ln", "-s", "releases/2026-12-01", str(host.site)], check=True)
    assert fetch(host.url + "/")[0] == 200
    (top / "home").mkdir(exist_ok=True)
    upload = top / "home" / "site"  # ~/site: the new build, with a mark to tell it apart
    subprocess.run(["cp", "-a", str(releases / "2026-12-01"), str(upload)], check=True)
    index = upload / "index.html"
    index.write_text(index.read_text().replace("<title>", "<title>New build - ", 1))

    def run(commands):
        for command in commands[1:]:
            words = [w.replace("~/site", str(upload)) for w in command.removeprefix("sudo ").split()]
            subprocess.run(words, cwd=top, check=True)

    run(APACHE_UPDATE)
    status, headers, body = fetch(host.url + "/")
    assert status == 200 and "<title>New build - " in body and headers.get("X-Frame-Options") == "DENY"
    run(APACHE_ROLLBACK)
    status, headers, body = fetch(host.url + "/")
    assert status == 200 and "<title>New build - " not in body and headers.get("Cache-Control") == "no-store"


def test_every_page_loads_in_chromium_without_a_csp_violation(watched, host):
    _, pages = _paths(host.site)
    for page in sorted(p for p in pages if not p.endswith("404.html")):
        response = watched.goto(host.url + page, wait_until="load")
        assert response.status == 200, (host.name, page)
        assert watched.evaluate("document.documentElement.classList.contains('js')"), page
        assert watched.problems + watched.evaluate("window.__cspViolations") == [], (host.name, page)


def test_search_and_the_quick_exit_work(watched, host):
    for edition in ("", "es/"):
        watched.goto(f"{host.url}/{edition}")
        word = search_word(host.site / edition) if not edition else "seguridad"
        assert search_for(watched, word) >= 1, (host.name, edition)
    left_for = answer_for_destination(watched.context)
    watched.goto(host.url + "/es/")
    watched.locator(".sg-quick-exit a").first.click()
    watched.wait_for_url(DESTINATION, timeout=10_000)
    assert left_for and left_for[0].startswith(DESTINATION)
    assert watched.problems + watched.evaluate("window.__cspViolations || []") == [], host.name


# --- a host with no headers of the site's choice (GitHub Pages) --------------------------

@pytest.fixture(scope="module")
def headerless():
    """The build for GitHub Pages on a plain static server that sends no security headers
    (Python's, as a stand-in: GitHub Pages has no local runtime)."""
    import functools
    import http.server
    import threading

    work = host_folder("github-pages")
    site = build_site(work / "site", host="github-pages")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", site
    server.shutdown()
    subprocess.run(["rm", "-rf", str(work)], check=False)


def test_without_headers_every_page_runs_under_its_own_policy(browser, headerless):
    url, site = headerless
    assert not [p.name for p in site.iterdir() if p.name.startswith(("_", "."))]
    _, pages = _paths(site)
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        for path in sorted(pages):
            response = page.goto(url + path, wait_until="load")
            assert response.headers.get("content-security-policy") is None  # the server sends none
            assert page.evaluate("document.documentElement.classList.contains('js')"), path
            assert problems + page.evaluate("window.__cspViolations") == [], path
        # The policy is in force: a script slipped into the page does not run.
        page.goto(url + "/")
        ran = page.evaluate("""() => { const s = document.createElement('script');
            s.textContent = 'window.__slipped = true'; document.head.appendChild(s); return !!window.__slipped }""")
        assert ran is False
        assert any("script-src" in v for v in page.evaluate("window.__cspViolations"))
        assert search_for(page, search_word(site)) >= 1
        left_for = answer_for_destination(context)
        page.goto(url + "/es/")
        page.locator(".sg-quick-exit a").first.click()
        page.wait_for_url(DESTINATION, timeout=10_000)
        assert left_for
    finally:
        context.close()
