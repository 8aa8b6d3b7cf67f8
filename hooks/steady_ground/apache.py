"""A `.htaccess` for Apache (shared hosting, or your own server), with the same headers and
cache rules as the nginx config (security_headers.py), made from the same scan.

Apache reads it from the site folder on every request, if the server lets it: the
directives here need `AllowOverride FileInfo Indexes Options` (most shared hosts allow
all), and mod_headers. Where the server forbids .htaccess files (`AllowOverride None`,
Debian's default for /var/www) Apache ignores the file: the guide is served without
these headers. Where a directive is not allowed or mod_headers is missing, Apache
answers every request with "500 Internal Server Error": nothing is served without its
headers. docs/hosting.md says what to ask the host for.
"""
from __future__ import annotations

from .security_headers import (FINGERPRINTED_NGINX, LONG_CACHE, OTHER_CACHE, PAGE_CACHE, Scan, summary_of,
                               security_headers)

HTACCESS_FILE = ".htaccess"


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def htaccess_file(scan: Scan) -> str:
    headers = security_headers(scan)
    hsts = headers.pop("Strict-Transport-Security")
    lines = ["# " + line for line in summary_of(scan).splitlines()]
    lines += [
        "# For Apache: put it in the site folder as .htaccess (docs/hosting.md).",
        "",
        "DirectoryIndex index.html",
        "AddDefaultCharset utf-8",
        "Options -Indexes",
        "ErrorDocument 404 /404.html",
    ]
    # Each edition's own not-found page, for missing addresses under it.
    editions = sorted((page[: -len("404.html")] for page in scan.pages
                       if page.endswith("/404.html") and page != "/404.html"), key=len, reverse=True)
    for edition in editions:
        lines += [f'<If "%{{REQUEST_URI}} =~ m#^{edition}#">', f"  ErrorDocument 404 {edition}404.html", "</If>"]
    lines += [
        "",
        "# Deploy files and hidden files are not part of the site.",
        'RedirectMatch 404 "(^|/)(_headers|_nginx\\.conf|_redirects|\\.)"',
        "",
        "# Every answer, errors and redirects too ('always'), gets the security headers.",
    ]
    lines += [f"Header always set {name} {_quoted(value)}" for name, value in headers.items()]
    # Browsers take HSTS over https only; sent there only, as nginx does.
    lines.append(f"Header always set Strict-Transport-Security {_quoted(hsts)} \"expr=%{{HTTPS}} == 'on'\"")
    lines += [
        "# Cache rules, as nginx's: pages kept nowhere, fingerprinted files a year, the rest checked.",
        f"Header always set Cache-Control {_quoted(OTHER_CACHE)}",
        '<FilesMatch "\\.html$">',
        f"  Header always set Cache-Control {_quoted(PAGE_CACHE)}",
        "</FilesMatch>",
        f'<FilesMatch "{FINGERPRINTED_NGINX}">',
        f"  Header always set Cache-Control {_quoted(LONG_CACHE)}",
        "</FilesMatch>",
        "",
        "<IfModule mod_deflate.c>",
        "  AddOutputFilterByType DEFLATE text/html text/css application/javascript application/json image/svg+xml",
        "</IfModule>",
    ]
    return "\n".join(lines) + "\n"
