"""The files that tell each kind of host how to serve the built site, written into it
after every build: which host gets which (HOSTS), from one scan of the built pages."""
from __future__ import annotations

from pathlib import Path

from .apache import HTACCESS_FILE, htaccess_file
from .github_pages import put_policy_in_pages
from .security_headers import (HEADERS_FILE, NGINX_FILE, REDIRECTS_FILE, HeadersFileError, Scan, headers_file,
                               nginx_config, redirects_file, scan_site)

DEPLOY_FILES = (HEADERS_FILE, NGINX_FILE, REDIRECTS_FILE, HTACCESS_FILE)
# Static hosts serve every file but the ones they read, so each host gets only its own.
# nginx and Apache refuse the others (their configs answer 404 for them).
HOSTS = {
    "nginx": (HEADERS_FILE, NGINX_FILE),
    "apache": (HTACCESS_FILE,),
    "cloudflare-pages": (HEADERS_FILE,),
    "netlify": (HEADERS_FILE, REDIRECTS_FILE),
    "github-pages": (),  # no headers: each page carries its policy (github_pages.py)
}
DEFAULT_HOST = "nginx"
HOST_VARIABLE = "STEADY_GROUND_HOST"  # set by `build --host`, read by the build's hook


def write_deploy_files(site_dir: Path, domain: str | None = None, host: str = DEFAULT_HOST) -> Scan:
    """Scan the built site and write the deploy files for `host` into it (the nginx
    config for `domain`). Every file is made, and checked, before any is written."""
    if host not in HOSTS:
        raise HeadersFileError(f"unknown host {host!r}: expected one of {', '.join(HOSTS)}")
    site_dir = Path(site_dir)
    scan = scan_site(site_dir)
    makers = {HEADERS_FILE: lambda: headers_file(scan), NGINX_FILE: lambda: nginx_config(scan, domain),
              REDIRECTS_FILE: lambda: redirects_file(scan), HTACCESS_FILE: lambda: htaccess_file(scan)}
    made = {name: makers[name]() for name in HOSTS[host]}
    for name, text in made.items():
        (site_dir / name).write_text(text, encoding="utf-8")
    if host == "github-pages":
        try:
            put_policy_in_pages(site_dir)
        except ValueError as error:
            raise HeadersFileError(str(error)) from None
    return scan
