"""The built site on a stock Debian nginx, set up with the steps of docs/hosting.md: http
answers Let's Encrypt's check and redirects everything else, https serves every page with
every header, and no page breaks under the Content-Security-Policy (real Chromium, every page).

nginx runs with Debian's own /etc/nginx/nginx.conf (workers as www-data) and its default
site, both copied into a test folder with these changes only: ports 80 and 443 become free
ports on 127.0.0.1 (no [::] listeners), /var/www/steady-ground, /var/www/html, /etc/nginx and
/etc/letsencrypt/live become test folders, the pid and log files move there, and one worker.
The certificate is self-signed, made here with openssl where certbot would put Let's
Encrypt's. The site is served where the build left it: no copy, no change of permissions.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shlex
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from steady_ground.security_headers import TLS12_CIPHERS, inline_scripts, scan_site

from .conftest import DESTINATION, ROOT, answer_for_destination, ask_to_print, host_folder, require, search_for

NGINX = "/usr/sbin/nginx"
DEBIAN_NGINX_CONF = Path("/etc/nginx/nginx.conf")
DEBIAN_DEFAULT_SITE = Path("/etc/nginx/sites-available/default")
LONG_CACHE = "public, max-age=31536000, immutable"
EXPECTED = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
# Records every CSP violation the page reports, before any of the page's own scripts run.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
    " in " + e.sourceFile + ":" + e.lineNumber + " " + (e.sample || ""));
});
"""

# The server commands of docs/hosting.md, in order. The test runs `cp` and `rm` as written (its own
# folders in place of the server's), `nginx -t` with -c for its copy of /etc/nginx, and
# `nginx -s reload` for `systemctl reload nginx` (what systemd's reload runs). apt is
# scripts/setup-system.sh's job. certbot cannot reach Let's Encrypt from a test: its webroot
# method is done by hand (the check file where certbot writes it, read back over http), and
# its certificate is made by openssl where certbot puts it.
MAKE_FOLDER = "sudo mkdir -p /var/www/steady-ground"  # conftest.host_folder runs `mkdir -p`, umask 022
COPY_CONFIG = "sudo cp /var/www/steady-ground/site/_nginx.conf /etc/nginx/conf.d/steady-ground.conf"
REMOVE_DEFAULT_SITE = "sudo rm /etc/nginx/sites-enabled/default"
RECIPE = [
    "sudo apt install nginx certbot",
    'sudo certbot certonly --webroot -w /var/www/html -d guide.example.org --deploy-hook "systemctl reload nginx"',
    COPY_CONFIG,
    REMOVE_DEFAULT_SITE,
    "sudo nginx -t",
    "sudo systemctl reload nginx",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _shell_blocks(markdown: str) -> list[list[str]]:
    return [block.strip().splitlines() for block in re.findall(r"```sh\n(.*?)```", markdown, flags=re.S)]


# Updates (docs/hosting.md, "Updates and going back"): each build goes into a folder of its own
# under releases/, and `site` is a link that moves to it in one step (mv -T renames over the old
# link atomically), so a reader gets either the old guide or the new one, never a mix.
FIRST_RELEASE = [
    "cd /var/www/steady-ground",
    "sudo mkdir -p releases",
    "sudo mv site releases/2026-12-01",
    "sudo ln -s releases/2026-12-01 site",
]
NEW_RELEASE = "2026-12-06"
UPDATE = [
    "cd /var/www/steady-ground",
    f"sudo cp -a ~/site releases/{NEW_RELEASE}",
    f"sudo cp releases/{NEW_RELEASE}/_nginx.conf /etc/nginx/conf.d/steady-ground.conf",
    "sudo nginx -t",
    f"sudo ln -sfn releases/{NEW_RELEASE} site.next",
    "sudo mv -T site.next site",
    "sudo systemctl reload nginx",
]
PREVIOUS = "2026-12-01"
ROLLBACK = [
    "cd /var/www/steady-ground",
    "ls releases",
    f"sudo ln -sfn releases/{PREVIOUS} site.next",
    "sudo mv -T site.next site",
    "sudo cp site/_nginx.conf /etc/nginx/conf.d/steady-ground.conf",
    "sudo nginx -t",
    "sudo systemctl reload nginx",
]
KEEP_THREE = ["cd /var/www/steady-ground/releases", "ls | head -n -3 | xargs -r sudo rm -rf"]


def test_the_recipe_in_the_docs_is_the_one_this_test_follows():
    blocks = _shell_blocks((ROOT / "docs" / "hosting.md").read_text())
    assert [MAKE_FOLDER] in blocks
    assert RECIPE in blocks, "docs/hosting.md changed: update RECIPE and what the test does"
    for recipe in (FIRST_RELEASE, UPDATE, ROLLBACK, KEEP_THREE):
        assert recipe in blocks, f"docs/hosting.md changed: update {recipe[:2]} and what the test does"


def replace_once(text: str, old: str, new: str, where: str) -> str:
    assert text.count(old) == 1, f"expected {old!r} once in {where}"
    return text.replace(old, new)


@dataclass
class Server:
    http: str  # http://127.0.0.1:port
    https: str
    tls: ssl.SSLContext  # trusts the test's certificate
    tls_ca: str  # that certificate's file
    check_path: str  # /.well-known/acme-challenge/<token>
    check_body: str
    worker_uids: set[int]
    default_site_answer: tuple  # (status, headers) on http before Debian's default site was removed
    checked: str  # what `nginx -t` said
    here_instead: object  # a docs command -> the same command on the test's folders
    install_config: object  # the config as copied to conf.d -> on the test's ports and folders
    check: object  # `nginx -t`
    reload: object  # `systemctl reload nginx`, then wait until the new config answers


class Nginx:
    """A master process in the foreground, with the test's copy of /etc/nginx."""

    def __init__(self, here: Path, conf: Path):
        self.here, self.conf = here, conf
        self.process: subprocess.Popen | None = None

    def args(self, *extra: str) -> list[str]:
        # Debian's own prefix (no -p): its modules-enabled/ loads modules by relative paths.
        return [NGINX, "-e", str(self.here / "log" / "error.log"), "-c", str(self.conf), *extra]

    def start(self) -> None:
        with open(self.here / "stderr.log", "wb") as stderr:
            self.process = subprocess.Popen(self.args("-g", "daemon off;"), stdout=subprocess.DEVNULL, stderr=stderr)

    def command(self, *extra: str) -> str:
        result = subprocess.run(self.args(*extra), capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr

    def wait_for(self, what: str, ready) -> None:
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                pytest.fail("nginx stopped: " + (self.here / "stderr.log").read_text() +
                            (self.here / "log" / "error.log").read_text())
            try:
                if ready():
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"nginx: {what} did not happen within 30 s: " +
                            (self.here / "log" / "error.log").read_text())
            time.sleep(0.05)

    def workers(self) -> dict[int, int]:
        """The master's worker processes: pid -> user id."""
        found = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    status = (entry / "status").read_text()
                except OSError:
                    continue
                if re.search(rf"^PPid:\s+{self.process.pid}$", status, re.M):
                    found[int(entry.name)] = int(re.search(r"^Uid:\s+(\d+)", status, re.M).group(1))
        return found

    def reload(self, done) -> None:
        """`nginx -s reload`, then wait until `done()` is true and the old worker has left: until
        then it may still take a connection and answer with the old config."""
        self.command("-s", "reload")
        self.wait_for("the reload", lambda: done() and len(self.workers()) == 1)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def _listening(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True


@pytest.fixture(scope="module")
def html() -> Path:
    """Debian's /var/www/html, where certbot's webroot method leaves its check files for www-data."""
    folder = host_folder("html")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def nginx(built_site: Path, html: Path, tmp_path_factory):
    """Debian's nginx, set up as docs/hosting.md says, serving the site where the build left it."""
    require(Path(NGINX).exists() and DEBIAN_NGINX_CONF.exists() and DEBIAN_DEFAULT_SITE.exists(),
            "nginx with Debian's configuration (Debian package nginx-light)")
    require(bool(shutil.which("openssl")), "openssl")
    here = tmp_path_factory.mktemp("nginx")
    etc, live, log = here / "etc-nginx", here / "letsencrypt-live", here / "log"
    for folder in (etc / "conf.d", etc / "sites-available", etc / "sites-enabled", live, log):
        folder.mkdir(parents=True)
    http_port, https_port = _free_port(), _free_port()
    where = {"/var/www/steady-ground": str(built_site.parent), "/var/www/html": str(html),
             "/etc/nginx": str(etc), "/etc/letsencrypt/live": str(live)}

    def here_instead(command: str) -> list[str]:
        for real, test in where.items():
            command = command.replace(real, test)
        return shlex.split(command.removeprefix("sudo "))

    def ports(text: str, where_: str, default: str = "") -> str:
        text = replace_once(text, f"listen 80{default};", f"listen 127.0.0.1:{http_port}{default};", where_)
        text = replace_once(text, f"listen [::]:80{default};", "", where_)
        if not default:
            text = replace_once(text, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;", where_)
            text = replace_once(text, "listen [::]:443 ssl http2;", "", where_)
        return text

    # Debian's nginx.conf, moved into the test folder; its `user www-data;` stays.
    conf = DEBIAN_NGINX_CONF.read_text()
    assert re.search(r"^user www-data;$", conf, re.M), "Debian's nginx.conf runs its workers as www-data"
    temp_paths = "".join(f"\n\t{name}_temp_path {here}/{name};" for name in
                         ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    for old, new in (("worker_processes auto;", "worker_processes 1;"),
                     ("pid /run/nginx.pid;", f"pid {here}/nginx.pid;"),
                     ("error_log /var/log/nginx/error.log;", f"error_log {log}/error.log;"),
                     ("access_log /var/log/nginx/access.log;", f"access_log {log}/access.log;"),
                     ("include /etc/nginx/conf.d/*.conf;", f"include {etc}/conf.d/*.conf;"),
                     ("include /etc/nginx/sites-enabled/*;", f"include {etc}/sites-enabled/*;"),
                     ("http {", "http {" + temp_paths)):
        conf = replace_once(conf, old, new, str(DEBIAN_NGINX_CONF))
    (etc / "nginx.conf").write_text(conf)
    default = ports(DEBIAN_DEFAULT_SITE.read_text(), str(DEBIAN_DEFAULT_SITE), " default_server")
    (etc / "sites-available" / "default").write_text(
        replace_once(default, "root /var/www/html;", f"root {html};", str(DEBIAN_DEFAULT_SITE)))
    (etc / "sites-enabled" / "default").symlink_to("../sites-available/default")

    server = Nginx(here, etc / "nginx.conf")
    server.start()
    try:
        http = f"http://127.0.0.1:{http_port}"
        server.wait_for("listening on http", lambda: _listening(http_port))

        # 2. certbot --webroot: the check file in /var/www/html, answered by Debian's default site.
        token = "sG-check_" + base64.urlsafe_b64encode(os.urandom(12)).decode().rstrip("=")
        check_path = f"/.well-known/acme-challenge/{token}"
        check_body = token + ".thumbprint"
        challenge = html / ".well-known" / "acme-challenge"
        subprocess.run(["mkdir", "-p", str(challenge)], check=True, umask=0o022)
        (challenge / token).write_text(check_body)
        os.chmod(challenge / token, 0o644)
        status, _, body = fetch_body(http + check_path)
        assert (status, body) == (200, check_body), "Debian's default site must serve certbot's check"
        # What certbot leaves: /etc/letsencrypt/live/<domain>/fullchain.pem and privkey.pem.
        shipped = (built_site / "_nginx.conf").read_text()
        certificate = re.search(r"ssl_certificate /etc/letsencrypt/live/(.+)/fullchain\.pem;", shipped).group(1)
        made = live / certificate
        made.mkdir()
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", str(made / "privkey.pem"), "-out", str(made / "fullchain.pem")],
                       check=True, capture_output=True)
        tls = ssl.create_default_context(cafile=str(made / "fullchain.pem"))

        # 3. cp: the config the build wrote, then on the test's ports and folders.
        subprocess.run(here_instead(COPY_CONFIG), check=True)
        installed = etc / "conf.d" / "steady-ground.conf"
        assert installed.read_text() == shipped
        text = ports(shipped, "site/_nginx.conf")
        for real, test in where.items():
            text = text.replace(f" {real}", f" {test}")
        installed.write_text(text)
        server.reload(lambda: _listening(https_port))
        status, _ = fetch(f"https://127.0.0.1:{https_port}/", tls)
        assert status == 200, f"the start page answered {status} over https: " + (log / "error.log").read_text()
        # Debian's default site still answers plain http: the guide's redirect is never reached.
        default_site_answer = fetch(http + "/")

        # 4-6. rm the default site, nginx -t, reload.
        subprocess.run(here_instead(REMOVE_DEFAULT_SITE), check=True)
        checked = server.command("-t")
        server.reload(lambda: fetch(http + "/")[0] == 301)
        def install_config() -> None:
            text = ports(installed.read_text(), "conf.d/steady-ground.conf")
            for real, test in where.items():
                text = text.replace(f" {real}", f" {test}")
            installed.write_text(text)

        yield Server(http=http, https=f"https://127.0.0.1:{https_port}", tls=tls,
                     here_instead=here_instead, install_config=install_config,
                     check=lambda: server.command("-t"), reload=lambda: server.reload(lambda: True),
                     tls_ca=str(made / "fullchain.pem"), check_path=check_path,
                     check_body=check_body, worker_uids=set(server.workers().values()),
                     default_site_answer=default_site_answer, checked=checked)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def nginx_url(nginx: Server) -> str:
    return nginx.https


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch_body(url: str, tls: ssl.SSLContext | None = None):
    """(status, headers, body) without following redirects."""
    opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=tls))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def fetch(url: str, tls: ssl.SSLContext | None = None):
    """(status, headers) without following redirects."""
    status, headers, _ = fetch_body(url, tls)
    return status, headers


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def expected_hashes(site: Path) -> set[str]:
    """Every inline script of every page, hashed here independently of the generator."""
    hashes = set()
    for page in site.rglob("*.html"):
        for script in inline_scripts(page.read_text()):
            hashes.add("'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'")
    return hashes


def test_the_site_is_served_where_the_build_left_it_by_unprivileged_workers(nginx: Server, built_site: Path):
    modes = {oct(path.stat().st_mode & 0o777) for path in built_site.rglob("*") if path.is_dir()}
    modes |= {oct(built_site.stat().st_mode & 0o777)}
    assert modes == {"0o755"}
    assert {oct(path.stat().st_mode & 0o777) for path in built_site.rglob("*") if path.is_file()} == {"0o644"}
    assert nginx.worker_uids and 0 not in nginx.worker_uids
    if os.geteuid() == 0:  # as Debian runs them (a non-root master keeps its own user)
        import pwd

        assert nginx.worker_uids == {pwd.getpwnam("www-data").pw_uid}
    assert "syntax is ok" in nginx.checked and "test is successful" in nginx.checked  # as the docs say


def handshake(nginx: Server, context: ssl.SSLContext) -> tuple[str | None, str, str]:
    """(protocol the server chose by ALPN, TLS version, cipher) of one connection to the https server."""
    host, port = nginx.https.removeprefix("https://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            return tls.selected_alpn_protocol(), tls.version(), tls.cipher()[0]


def test_https_speaks_http2_with_mozillas_intermediate_tls(nginx: Server):
    h2 = ssl.create_default_context(cafile=nginx.tls_ca)
    h2.set_alpn_protocols(["h2", "http/1.1"])
    protocol, version, _ = handshake(nginx, h2)
    assert protocol == "h2" and version == "TLSv1.3"

    # TLS 1.2: the server accepts only the profile's forward-secret AEAD ciphers.
    allowed = TLS12_CIPHERS.split(":")
    for cipher in [name for name in allowed if "ECDSA" in name]:  # the test certificate is ECDSA
        tls12 = ssl.create_default_context(cafile=nginx.tls_ca)
        tls12.maximum_version = ssl.TLSVersion.TLSv1_2
        tls12.set_ciphers(cipher)
        _, version, chosen = handshake(nginx, tls12)
        assert version == "TLSv1.2" and chosen in allowed
    weak = ssl.create_default_context(cafile=nginx.tls_ca)
    weak.maximum_version = ssl.TLSVersion.TLSv1_2
    weak.set_ciphers("ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA")  # CBC: not in the profile
    with pytest.raises(ssl.SSLError):
        handshake(nginx, weak)


def test_debian_default_site_hides_the_guide_until_it_is_removed(nginx: Server):
    status, headers = nginx.default_site_answer
    assert status != 301 and "Content-Security-Policy" not in headers


def test_plain_http_answers_the_certificate_check_and_redirects_everything_else(nginx: Server, site_pages):
    status, headers, body = fetch_body(nginx.http + nginx.check_path)
    assert (status, body) == (200, nginx.check_body)
    assert headers["Content-Type"].startswith("text/plain")
    assert "Strict-Transport-Security" not in headers  # HSTS only over https
    for path in ("/", "/" + site_pages[-1], "/" + site_pages[-1] + "?q=1", "/_nginx.conf", "/.git/config",
                 "/.well-known/security.txt"):
        status, headers = fetch(nginx.http + path)
        assert status == 301 and headers["Location"] == "https://127.0.0.1" + path, path
        assert "Strict-Transport-Security" not in headers, path
    # Over https the check folder is hidden like every other dot folder, and so are the deploy files.
    for hidden in (nginx.check_path, "/.git/config", "/.env", "/_headers", "/_nginx.conf"):
        assert fetch(nginx.https + hidden, nginx.tls)[0] == 404, hidden


def test_every_page_is_served_over_https_with_every_header(nginx: Server, built_site: Path, site_pages):
    expected = scan_site(built_site)
    not_found = ["/" + path.relative_to(built_site).as_posix() for path in built_site.rglob("404.html")]
    pages = ["/" + path for path in site_pages] + not_found  # each edition has its own not-found page
    assert sorted(pages) == sorted(expected.pages)
    for path in pages:
        status, headers = fetch(nginx.https + path, nginx.tls)
        assert status == 200, path
        for name, value in EXPECTED.items():
            assert headers[name] == value, (path, name)
        assert headers["Strict-Transport-Security"] == "max-age=31536000", path
        assert headers["Cache-Control"] == "no-store", path
        assert headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self' "), path
        assert "camera=()" in headers["Permissions-Policy"], path
    print(f"\n{len(pages)} pages over https, each with {len(EXPECTED) + 4} security headers")


def test_every_response_carries_the_security_headers(nginx: Server, built_site: Path, site_pages):
    fingerprinted = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.min.js"))
    assert any("bundle." in path for path in fingerprinted)
    cases = {
        "/": "no-store",  # pages: no copy kept in the browser's cache
        "/" + site_pages[-1]: "no-store",
        "/" + fingerprinted[0]: LONG_CACHE,
        "/assets/images/favicon.png": "no-cache",
        "/search/search_index.json": "no-cache",
    }
    for path, cache in cases.items():
        status, headers = fetch(nginx.https + path, nginx.tls)
        assert status == 200, path
        for name, value in EXPECTED.items():
            assert headers[name] == value, (path, name, headers[name])
        assert headers["Cache-Control"] == cache, path
        assert headers["Strict-Transport-Security"].startswith("max-age=")
        permissions = headers["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in permissions, (path, feature)
        assert "=*" not in permissions and "self" not in permissions
        policy = directives(headers["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert "'unsafe-inline'" not in policy.get("style-src", [])
        assert not [source for source in sum(policy.values(), []) if "://" in source or source == "*"]
    assert headers["Content-Type"].startswith("application/json")


def test_the_policy_hashes_exactly_the_inline_scripts_of_the_built_pages(nginx: Server, built_site: Path):
    _, headers = fetch(nginx.https + "/", nginx.tls)
    script_src = directives(headers["Content-Security-Policy"])["script-src"]
    hashes = {source for source in script_src if source.startswith("'sha256-")}
    assert hashes == expected_hashes(built_site)
    assert script_src == ["'self'", *sorted(hashes)]
    print(f"\n{len(hashes)} inline-script hashes in the policy")
    # A hash cannot allow these: they would be blocked. Move such code into the feature's .js file.
    scan = scan_site(built_site)
    assert scan.event_handlers == [], "event-handler attributes are blocked by the policy"
    assert scan.javascript_urls == [], "javascript: links are blocked by the policy"


def test_redirects_errors_and_deploy_files(nginx: Server, site_pages):
    folder = next(path for path in site_pages if path)
    status, headers = fetch(nginx.https + "/" + folder.rstrip("/"), nginx.tls)
    assert status == 301 and headers["Location"] == "/" + folder  # relative links need the slash
    status, headers = fetch(nginx.https + "/no-such-page/", nginx.tls)
    assert status == 404 and headers["Content-Security-Policy"] and headers["X-Frame-Options"] == "DENY"
    for hidden in ("/_headers", "/_nginx.conf"):
        assert fetch(nginx.https + hidden, nginx.tls)[0] == 404, hidden


def test_headers_file_says_the_same_as_the_nginx_config(nginx: Server, built_site: Path, site_pages):
    """The security headers; the cache rules are proven on the static hosts' own runtimes
    (test_static_hosts.py), against the same expectations as here."""
    _, served = fetch(nginx.https + "/", nginx.tls)
    everywhere: dict[str, str] = {}
    lines = (built_site / "_headers").read_text().splitlines()
    start = lines.index("/*")
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        name, _, value = line.strip().partition(": ")
        everywhere[name] = value
    for name in (*EXPECTED, "Content-Security-Policy", "Permissions-Policy", "Strict-Transport-Security"):
        assert everywhere[name] == served[name], name
    assert everywhere["Cache-Control"] == served["Cache-Control"] == "no-store"


# --- in the real browser ---------------------------------------------------------

@pytest.fixture
def watched(browser):
    """A browser tab that records CSP violations and console complaints about the headers."""
    context = browser.new_context(ignore_https_errors=True)  # the test's self-signed certificate
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.console_problems = []

    def on_console(message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text or "Permissions-Policy" in text \
                or "Refused to" in text:
            page.console_problems.append(text)

    page.on("console", on_console)
    yield page
    context.close()


def problems_on(page) -> list[str]:
    return page.console_problems + page.evaluate("window.__cspViolations || []")


def test_every_page_loads_in_chromium_without_a_csp_violation(watched, nginx_url: str, site_pages):
    assert len(site_pages) >= 3
    for path in site_pages:
        response = watched.goto(f"{nginx_url}/{path}", wait_until="load")
        assert response.status == 200, path
        assert response.headers["content-security-policy"], path
        # Material's script ran: it marks the page as having JavaScript.
        assert watched.evaluate("document.documentElement.classList.contains('js')"), path
        assert problems_on(watched) == [], path


def search_word(built_site: Path) -> str:
    """A long word from a page title, in lower case: search must find it."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    title = next(doc["title"] for doc in docs if doc["location"] and len(doc["title"]) > 6)
    return max(re.findall(r"[A-Za-z]{5,}", title), key=len).lower()


def test_search_works_under_the_policy(watched, nginx_url: str, built_site: Path):
    watched.goto(nginx_url + "/")
    assert search_for(watched, search_word(built_site)) >= 1
    assert problems_on(watched) == []


def test_quick_exit_works_under_the_policy(watched, nginx_url: str):
    left_for = answer_for_destination(watched.context)
    watched.goto(nginx_url + "/")
    before = problems_on(watched)
    watched.locator(".sg-quick-exit a").first.click()
    watched.wait_for_url(DESTINATION, timeout=10_000)
    assert left_for and left_for[0].startswith(DESTINATION)
    assert before == []


def test_a_worksheet_works_under_the_policy(watched, nginx_url: str, built_site: Path, site_pages):
    sheets = [path for path in site_pages
              if "data-sg-worksheet" in (built_site / path / "index.html").read_text()]
    require(bool(sheets), "a worksheet page in the guide")
    url = f"{nginx_url}/{sheets[0]}"
    watched.goto(url)
    fields = watched.locator("[data-sg-worksheet] .sg-field")
    assert fields.count() >= 1
    fields.first.fill("Call my sister on Sunday")
    # worksheets.js ran under the policy: it mirrors what is typed into the field's print copy.
    assert fields.first.locator("xpath=following-sibling::*[1]").text_content() == "Call my sister on Sunday"
    single_line = watched.locator("[data-sg-worksheet] input.sg-field[type=text]")
    if single_line.count():
        single_line.last.press("End")
        single_line.last.press("Enter")  # must not submit the form and lose what was typed
        watched.wait_for_timeout(200)
        assert watched.url == url and fields.first.input_value() == "Call my sister on Sunday"
    # Printing loads the bundled print font from the site under the policy, as a font.
    fonts = []
    watched.on("response", lambda response: fonts.append(response) if "/assets/fonts/" in response.url else None)
    assert set(ask_to_print(watched)) == {"loaded"}
    assert fonts and {(r.status, r.headers["content-type"]) for r in fonts} == {(200, "font/woff2")}
    assert problems_on(watched) == []


def run_recipe(nginx: Server, lines: list[str], upload: Path | None = None) -> list[str]:
    """The docs' commands, as written, on the test's folders; what each printed."""
    printed, folder = [], None
    for line in lines:
        if line.startswith("cd "):
            folder = nginx.here_instead(line)[1]
        elif line == "sudo nginx -t":
            printed.append(nginx.check())
        elif line == "sudo systemctl reload nginx":
            nginx.reload()
        else:
            command = " ".join(shlex.quote(word) for word in nginx.here_instead(line.replace("~/site", str(upload)).replace(" sudo ", " ")))
            command = command.replace(shlex.quote("|"), "|")
            result = subprocess.run(["bash", "-c", command], cwd=folder, capture_output=True, text=True)
            assert result.returncode == 0, f"{line}: {result.stderr}"
            printed.append(result.stdout)
            if "/etc/nginx/conf.d/steady-ground.conf" in line:
                nginx.install_config()
    return printed


def test_an_update_switches_in_one_step_and_can_be_undone(nginx: Server, built_site: Path, tmp_path):
    www = built_site.parent
    start = fetch_body(nginx.https + "/", nginx.tls)[2]
    # The next build, uploaded to the server's home folder: its start page says so.
    upload = tmp_path / "site"
    subprocess.run(["cp", "-a", str(built_site), str(upload)], check=True)
    index = upload / "index.html"
    index.write_text(index.read_text().replace("</h1>", " (new build)</h1>", 1))
    try:
        run_recipe(nginx, FIRST_RELEASE)
        assert (www / "site").is_symlink() and (www / "releases" / PREVIOUS / "index.html").is_file()
        assert fetch_body(nginx.https + "/", nginx.tls)[2] == start

        checked = run_recipe(nginx, UPDATE, upload)
        assert any("test is successful" in said for said in checked)
        assert os.readlink(www / "site") == f"releases/{NEW_RELEASE}"
        status, headers, body = fetch_body(nginx.https + "/", nginx.tls)
        assert status == 200 and "(new build)" in body and headers["Content-Security-Policy"]
        assert fetch(nginx.https + "/faq/", nginx.tls)[0] == 200

        listed = run_recipe(nginx, ROLLBACK)
        assert PREVIOUS in listed[0] and NEW_RELEASE in listed[0]
        assert os.readlink(www / "site") == f"releases/{PREVIOUS}"
        status, _, body = fetch_body(nginx.https + "/", nginx.tls)
        assert status == 200 and body == start

        # Old releases go, the newest three stay.
        for name in ("2026-10-01", "2026-11-01"):
            subprocess.run(["cp", "-a", str(upload), str(www / "releases" / name)], check=True)
        run_recipe(nginx, KEEP_THREE)
        assert sorted(path.name for path in (www / "releases").iterdir()) == ["2026-11-01", PREVIOUS, NEW_RELEASE]
    finally:
        # Back as the build left it, for the tests after this one.
        if (www / "site").is_symlink():
            (www / "site").unlink()
            (www / "releases" / PREVIOUS).rename(www / "site")
            shutil.rmtree(www / "releases", ignore_errors=True)
            nginx.reload()
