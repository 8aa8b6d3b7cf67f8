"""What a first visit downloads: our own stylesheets and scripts as one file each, minified
and named by their content (own_assets.py), the quick exit inline, one copy of the assets
for every edition (shared_assets.py). The figures themselves are in `make bench`."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from steady_ground.security_headers import FINGERPRINTED

OWN = re.compile(r'(?:href|src)="((?:\.\./)*assets/(?:stylesheets|javascripts)/steady-ground\.([0-9a-f]{8})\.min\.(?:css|js))"')


def test_our_assets_are_one_minified_fingerprinted_file_each_for_every_edition(built_site: Path, site_pages):
    for page in site_pages:
        html = (built_site / page / "index.html").read_text()
        found = OWN.findall(html)
        assert len(found) == 2, (page, found)
        for address, digest in found:
            target = (built_site / page / address).resolve()
            assert target.is_relative_to((built_site / "assets").resolve()), (page, address)  # the one copy
            assert FINGERPRINTED.search(target.name)
            assert hashlib.sha256(target.read_bytes()).hexdigest()[:8] == digest
        assert "quick-exit.js" not in html and 'data-sg-quick-exit' in html
        assert re.search(r"</aside>\s*<script>\(function\(\)\{", html), page  # armed right after the link
    css = next((built_site / "assets" / "stylesheets").glob("steady-ground.*.min.css")).read_text()
    assert "/*" not in css and "\n  " not in css  # minified
    for name in ("quick-exit.js", "glossary.js", "steady-ground.css", "worksheets.css"):
        assert not list(built_site.rglob(name)), name
    assert not (built_site / "es" / "assets").exists()
