"""Security headers for real hosts, made from the pages the build actually wrote.

The Content-Security-Policy allows scripts only from the site itself plus the
inline scripts found in the built pages, each by its SHA-256 hash, so nothing
else (an injected script, an event-handler attribute) can run. The same
headers are written two ways:

- `_headers`, read by static hosts (Cloudflare Pages, Netlify): wildcard rules, so
  its size does not grow with the pages, within Cloudflare's limits (100 rules,
  2,000 characters a line) for any number of editions; the build stops if not;
- `_nginx.conf`, for nginx: a port-80 server that answers Let's Encrypt's check and
  redirects everything else to https, and the https server that sends the headers;
- `_redirects`, for Netlify: each edition's not-found page, deploy files hidden.

apache.py writes the same for Apache; deploy_files.py picks what each host gets.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

HEADERS_FILE = "_headers"
NGINX_FILE = "_nginx.conf"
REDIRECTS_FILE = "_redirects"
# Cloudflare Pages reads at most 100 rules of a _headers file and 2,000 characters a line;
# Netlify documents no lower limits.
HEADERS_MAX_RULES = 100
HEADERS_MAX_LINE = 2000

# Material's own assets carry a content hash in their names (bundle.a5f9d56c.min.js),
# so a new release gets a new name and these files can be cached for a year.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$")
FINGERPRINTED_NGINX = r"\.[0-9a-f]{8}\.min\.(js|css)(\.map)?$"
LONG_CACHE = "public, max-age=31536000, immutable"
# Pages are not kept in the browser's cache: fewer traces of the visit on a shared device.
PAGE_CACHE = "no-store"
OTHER_CACHE = "no-cache"  # our own CSS and JS: always checked, so fixes reach readers at once

# Nothing in the guide needs the camera, the microphone, the reader's location or
# any other device feature; the page and anything it might embed are denied all of them.
# Only names Chromium knows: an unknown one is logged as an error on every page
# (tests/browser/test_nginx.py fails on it).
PERMISSIONS = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "browsing-topics", "camera", "clipboard-read", "clipboard-write",
    "display-capture", "encrypted-media", "fullscreen", "gamepad", "geolocation", "gyroscope", "hid",
    "identity-credentials-get", "idle-detection", "language-detector", "local-fonts", "magnetometer",
    "microphone", "midi", "otp-credentials", "payment", "picture-in-picture",
    "publickey-credentials-create", "publickey-credentials-get", "screen-wake-lock", "serial",
    "storage-access", "summarizer", "sync-xhr", "translator", "usb", "window-management",
    "xr-spatial-tracking",
))

_JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript",
             "application/ecmascript"}


@dataclass
class Scan:
    """What the built pages contain that the policy has to know about."""

    pages: list[str] = field(default_factory=list)  # "/", "/faq/", "/404.html"
    script_hashes: set[str] = field(default_factory=set)
    style_hashes: set[str] = field(default_factory=set)  # <style> elements
    style_attribute_hashes: set[str] = field(default_factory=set)  # style="..." attributes
    event_handlers: list[tuple[str, str]] = field(default_factory=list)  # (page, 'onclick="..."')
    javascript_urls: list[tuple[str, str]] = field(default_factory=list)
    fingerprinted: list[str] = field(default_factory=list)  # "/assets/javascripts/bundle.x.min.js"
    other_files: list[str] = field(default_factory=list)  # "/search/search_index.json", "/sitemap.xml"


def csp_hash(text: str) -> str:
    # Browsers hash the element's text as UTF-8, after turning CRLF and CR into LF.
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normal.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# The scan reads only what the policy needs, with regular expressions rather than a
# full HTML parser: it runs on every build (and every `mkdocs serve` reload), and
# Python's HTMLParser made it the slowest step of the build.
_TAG = re.compile(
    r"<!--.*?-->"  # comments: skipped
    r"|<(?P<raw>script|style)\b(?P<raw_attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(?P<text>.*?)</(?P=raw)\s*>"
    r"|<(?P<tag>[a-zA-Z][^\s/>]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL | re.IGNORECASE)
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def _attributes(text: str) -> dict[str, str]:
    # Entities in values are decoded, as the browser does before hashing a style attribute.
    found: dict[str, str] = {}
    for name, double, single, bare in _ATTR.findall(text):
        found.setdefault(name.lower(), html.unescape(double or single or bare))
    return found


def _elements(page_html: str):
    """(tag, attributes, inline text or None) for each script and style element and each
    tag whose attributes could matter (an on... handler, a style, a javascript: address)."""
    for raw, raw_attrs, text, tag, attrs in _TAG.findall(page_html):
        if raw:
            yield raw.lower(), _attributes(raw_attrs), text
        elif tag:
            lowered = attrs.lower()  # a cheap test first: most tags have none of these
            if "on" in lowered or "style" in lowered or "javascript:" in lowered:
                yield tag.lower(), _attributes(attrs), None


def _runs_as_script(attrs: dict[str, str]) -> bool:
    return "src" not in attrs and attrs.get("type", "").strip().lower() in _JS_TYPES


def scan_page(page: str, page_html: str, scan: Scan) -> None:
    for tag, attrs, text in _elements(page_html):
        for name, value in attrs.items():
            if name.startswith("on"):
                scan.event_handlers.append((page, f'<{tag} {name}="{value}">'))
            if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                scan.javascript_urls.append((page, f'<{tag} {name}="{value}">'))
        if attrs.get("style"):
            scan.style_attribute_hashes.add(csp_hash(attrs["style"]))
        if tag == "script" and _runs_as_script(attrs):
            scan.script_hashes.add(csp_hash(text))
        elif tag == "style":
            scan.style_hashes.add(csp_hash(text))


def inline_scripts(page_html: str) -> list[str]:
    """The text of every inline script that a browser would run (for tests and checks)."""
    return [text for tag, attrs, text in _elements(page_html) if tag == "script" and _runs_as_script(attrs)]


def scan_site(site_dir: Path) -> Scan:
    scan = Scan()
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        url = "/" + path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            scan.pages.append(url[: -len("index.html")] if url.endswith("/index.html") else url)
            scan_page(url, path.read_text(encoding="utf-8"), scan)
        elif FINGERPRINTED.search(path.name):
            scan.fingerprinted.append(url)
        elif not path.name.startswith(("_", ".")):  # deploy files are not part of the site
            scan.other_files.append(url)
    return scan


def content_security_policy(scan: Scan) -> str:
    scripts = " ".join(["'self'", *sorted(scan.script_hashes)])
    style_parts = ["'self'", *sorted(scan.style_hashes)]
    if scan.style_attribute_hashes:
        style_parts += ["'unsafe-hashes'", *sorted(scan.style_attribute_hashes)]
    directives = [
        "default-src 'self'",
        f"script-src {scripts}",
        f"style-src {' '.join(style_parts)}",
        "img-src 'self' data:",  # Material's icons are data: SVGs in its CSS
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",  # the search index runs in a worker from this site
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def security_headers(scan: Scan) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(scan),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS,
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        # Browsers take this only over https (nginx sends it there only); it keeps later
        # visits off plain http.
        "Strict-Transport-Security": "max-age=31536000",
    }


def summary_of(scan: Scan) -> str:
    guide_pages = [page for page in scan.pages if page.endswith("/")]
    others = [page.lstrip("/") for page in scan.pages if not page.endswith("/")]
    also = "".join(f" and {name}" for name in others)
    return (f"Generated by Steady Ground from the built site ({len(guide_pages)} pages{also}, "
            f"{len(scan.script_hashes)} inline-script hashes).\n"
            "Do not edit by hand: rebuild the site instead, so the hashes match the pages.")


class HeadersFileError(ValueError):
    """A _headers file that a static host would not read in full."""


def _folder(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/"


def _no_cache_rules(scan: Scan) -> list[str]:
    """Paths for the files that are neither pages nor fingerprinted: the whole of /assets/
    (the fingerprinted ones get their own rule after it), each other folder without pages
    (search/) as a wildcard, and the files beside pages (sitemaps) one by one. What is in
    another edition's folder is named once for all editions with a placeholder
    (/:edition/search/*), so the rules do not grow with the editions either."""
    editions = {page[: -len("404.html")] for page in scan.pages
                if page.endswith("/404.html") and page.count("/") == 2}  # "/es/"
    page_folders = {_folder(page) for page in scan.pages}
    rules: list[str] = ["/assets/*"]
    for url in scan.other_files:
        if url.startswith("/assets/"):
            continue
        folder = _folder(url)
        rule = url if folder in page_folders or folder == "/" else folder + "*"
        edition = next((e for e in editions if rule.startswith(e)), None)
        if edition:
            rule = "/:edition/" + rule[len(edition):]
        if rule not in rules:
            rules.append(rule)
    return rules


def headers_file(scan: Scan) -> str:
    """Every header for every path, as Cloudflare Pages and Netlify read the file: all the
    rules that match a path apply, in order. Cache-Control is set for everything first
    (no-store: pages, and anything not named below) and then replaced for the files
    that may be kept: a later rule wins on Netlify; on Cloudflare, which would join the
    two values, `! Cache-Control` first drops the earlier one (Netlify skips that line)."""
    lines = ["# " + line for line in summary_of(scan).splitlines()]
    lines += ["# For static hosts that read a _headers file: Cloudflare Pages, Netlify.", "/*"]
    lines += [f"  {name}: {value}" for name, value in security_headers(scan).items()]
    lines += [f"  Cache-Control: {PAGE_CACHE}",
              # Cloudflare adds "Access-Control-Allow-Origin: *" unless told not to; nothing
              # on another site needs to read this one's files.
              "  ! Access-Control-Allow-Origin"]
    for rule, cache in [*((r, OTHER_CACHE) for r in _no_cache_rules(scan)),
                        *((a, LONG_CACHE) for a in scan.fingerprinted)]:
        lines += [rule, "  ! Cache-Control", f"  Cache-Control: {cache}"]
    text = "\n".join(lines) + "\n"
    check_headers_file(text)
    return text


def check_headers_file(text: str) -> None:
    """Stop a _headers file that a host would read only in part, and say why."""
    rules = [line for line in text.splitlines() if line.startswith("/")]
    if len(rules) > HEADERS_MAX_RULES:
        raise HeadersFileError(
            f"{HEADERS_FILE} would have {len(rules)} rules; Cloudflare Pages reads only the first "
            f"{HEADERS_MAX_RULES} and ignores the rest, so some files would lose their headers. "
            "This comes from the number of editions or of files outside assets/: fewer editions "
            "per site, or a host with its own config (nginx), keep within it.")
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > HEADERS_MAX_LINE:
            name = line.strip().split(":", 1)[0]
            raise HeadersFileError(
                f"{HEADERS_FILE}, line {number} ({name}): {len(line)} characters; Cloudflare Pages "
                f"reads at most {HEADERS_MAX_LINE} a line. A Content-Security-Policy this long means "
                "many different inline scripts or styles in the pages: move them into files.")


def redirects_file(scan: Scan) -> str:
    """Netlify's _redirects: each edition's own not-found page (Netlify shows the top one
    for every missing address; Cloudflare Pages and nginx already pick the edition's), and
    the deploy files answered as missing, as Netlify would otherwise serve them."""
    lines = ["# " + line for line in summary_of(scan).splitlines()]
    lines.append("# For Netlify. Forced (!) rules win over a file of the same name.")
    lines += [f"/{name}  /404.html  404!" for name in (HEADERS_FILE, REDIRECTS_FILE)]
    for page in sorted(scan.pages, key=len, reverse=True):  # the deepest edition first
        if page.endswith("/404.html") and page != "/404.html":
            lines.append(f"{page[: -len('404.html')]}*  {page}  404")
    return "\n".join(lines) + "\n"


# Mozilla's intermediate TLS 1.2 ciphers (TLS 1.3 has its own, all fine). The profile's
# DHE ciphers are left out: they need a Diffie-Hellman parameters file on the server.
TLS12_CIPHERS = ":".join((
    "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
))

SITE_ROOT = "/var/www/steady-ground/site"
# Where certbot's webroot method writes its check files (certbot --webroot -w /var/www/html):
# the folder Debian's own nginx site serves, so the first certificate can be made before
# this config is installed, and renewals later find the same folder served by it.
ACME_ROOT = "/var/www/html"
CERTIFICATES = "/etc/letsencrypt/live"


def nginx_config(scan: Scan, domain: str | None = None, root: str = SITE_ROOT,
                 acme_root: str = ACME_ROOT) -> str:
    def block(cache: str) -> str:
        # nginx drops inherited add_header lines in a location that sets its own, so each repeats all.
        rows = [f'add_header {name} "{value}" always;' for name, value in security_headers(scan).items()]
        rows.append(f'add_header Cache-Control "{cache}" always;')
        return "\n".join("        " + row for row in rows)

    summary = "\n".join("# " + line for line in summary_of(scan).splitlines())
    name = domain or "_"
    certificates = f"{CERTIFICATES}/{domain or 'YOUR-DOMAIN'}"
    no_domain = "" if domain else (
        "\n# No `domain:` is set in site-data/organization.yml: set it and build again, or write\n"
        "# your host name in both server_name lines and in the two certificate lines.")
    redirect = f"https://{domain}$request_uri" if domain else "https://$host$request_uri"
    return f"""{summary}
# Two nginx servers for {domain or 'your domain'}: copy this file to /etc/nginx/conf.d/ (nginx reads it
# inside http {{ }}). docs/hosting.md gives every step, the certificate included.{no_domain}

# Port 80 (plain http) answers Let's Encrypt's check and sends every other request to https.
server {{
    listen 80;
    listen [::]:80;
    server_name {name};
    server_tokens off;

    # certbot --webroot -w {acme_root} writes its check files here; they are served as they are.
    location ^~ /.well-known/acme-challenge/ {{
        root {acme_root};
        default_type text/plain;
        try_files $uri =404;
    }}

    location / {{
        return 301 {redirect};
    }}
}}

# Port 443 (https, with HTTP/2) serves the guide with its security headers.
server {{
    listen 443 ssl http2;
    listen [::]:443 ssl http2;
    server_name {name};
    ssl_certificate {certificates}/fullchain.pem;
    ssl_certificate_key {certificates}/privkey.pem;

    # Mozilla's "intermediate" TLS profile: TLS 1.2 and 1.3, and for TLS 1.2 only
    # forward-secret AEAD ciphers; the client picks among them, tickets are off.
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers {TLS12_CIPHERS};
    ssl_ecdh_curve X25519:prime256v1:secp384r1;
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:steady_ground_tls:10m;
    ssl_session_timeout 1d;
    ssl_session_tickets off;

    root {root};
    index index.html;
    charset utf-8;
    server_tokens off;
    absolute_redirect off;
    error_page 404 /404.html;
    gzip on;
    # Level 6 rather than nginx's 1: the theme's script and stylesheet are a fifth smaller, for
    # little more work (a first visit on a slow phone is mostly these two files).
    gzip_comp_level 6;
    gzip_types text/css application/javascript application/json image/svg+xml;

    # Deploy files and hidden files are not part of the site.
    location ~ (^|/)(_headers|_nginx\\.conf|_redirects|\\.) {{
        return 404;
    }}

    # A folder asked for without its slash is redirected to it (relative links need the slash).
    location / {{
{block(OTHER_CACHE)}
    }}

    location ~ \\.html$ {{
{block(PAGE_CACHE)}
    }}

    location ~ "{FINGERPRINTED_NGINX}" {{
{block(LONG_CACHE)}
    }}
}}
"""
