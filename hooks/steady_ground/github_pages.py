"""For hosts that send no headers of the site's choice (GitHub Pages): each page carries
its own Content-Security-Policy in a <meta> element, first in its <head>, before any
script.

A policy in a page covers what that page loads and runs, with the hashes of its own
inline scripts and styles only (smaller than the site-wide header, and tighter).
Browsers ignore frame-ancestors in a <meta> policy (and warn about it), so it is left
out: such a host cannot stop the guide being shown inside another site. Pages already
say no-referrer themselves (partials/sg-head.html); the other headers have no <meta> form.
"""
from __future__ import annotations

import html
from pathlib import Path

from .security_headers import Scan, content_security_policy, scan_page

_CHARSET = '<meta charset="utf-8">'
_NOT_IN_META = ("frame-ancestors",)


def page_policy(page_html: str) -> str:
    scan = Scan()
    scan_page("", page_html, scan)
    directives = content_security_policy(scan).split("; ")
    return "; ".join(d for d in directives if d.split(" ", 1)[0] not in _NOT_IN_META)


def with_policy(page_html: str) -> str:
    if _CHARSET not in page_html:
        raise ValueError("no <meta charset> to put the policy after")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(page_policy(page_html))}">'
    return page_html.replace(_CHARSET, _CHARSET + "\n" + meta, 1)


def put_policy_in_pages(site_dir: Path) -> None:
    """Every built page gets its policy."""
    for path in sorted(Path(site_dir).rglob("*.html")):
        try:
            path.write_text(with_policy(path.read_text(encoding="utf-8")), encoding="utf-8")
        except ValueError as error:
            raise ValueError(f"{path}: {error}") from None
