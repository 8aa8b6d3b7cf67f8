"""The generated security headers and the offline bundle's check, on small made-up sites."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from steady_ground.offline_bundle import outside_loads
import pytest

from steady_ground.security_headers import (TLS12_CIPHERS, HeadersFileError, content_security_policy, csp_hash,
                                            headers_file, inline_scripts, nginx_config, scan_site)
from steady_ground.deploy_files import write_deploy_files


def make_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_hash_matches_the_csp_specification_example():
    # The example in the CSP Level 3 specification.
    assert csp_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert csp_hash("a\r\nb") == csp_hash("a\nb")  # browsers normalise line ends before hashing


def test_scan_finds_what_the_policy_must_know(tmp_path: Path):
    site = make_site(tmp_path, {
        "index.html": '<script>var a = 1</script><script type="application/json">{"x": 1}</script>'
                      '<script src="assets/app.js"></script><p style="color: red">x</p>',
        "faq/index.html": "<script>var a = 1</script><script type=module>import './m.js'</script>"
                          '<button onclick="go()">Go</button><a href="javascript:void(0)">x</a>'
                          "<style>p{color:red}</style>",
        "assets/javascripts/bundle.a5f9d56c.min.js": "",
        "assets/stylesheets/main.57a0d79d.min.css.map": "",
        "assets/javascripts/quick-exit.js": "",
    })
    scan = scan_site(site)
    assert scan.pages == ["/faq/", "/"]
    assert scan.script_hashes == {csp_hash("var a = 1"), csp_hash("import './m.js'")}  # JSON is not a script
    assert scan.style_hashes == {csp_hash("p{color:red}")}
    assert scan.style_attribute_hashes == {csp_hash("color: red")}
    assert scan.event_handlers == [("/faq/index.html", '<button onclick="go()">')]
    assert scan.javascript_urls == [("/faq/index.html", '<a href="javascript:void(0)">')]
    assert scan.fingerprinted == ["/assets/javascripts/bundle.a5f9d56c.min.js",
                                  "/assets/stylesheets/main.57a0d79d.min.css.map"]
    policy = content_security_policy(scan)
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert f"script-src 'self' {' '.join(sorted(scan.script_hashes))};" in policy
    assert "'unsafe-hashes' " + csp_hash("color: red") in policy


def test_scan_reads_markup_the_way_a_browser_does(tmp_path: Path):
    site = make_site(tmp_path, {
        "index.html":
            # A ">" inside a quoted value does not end the tag; entities are decoded before hashing.
            '<p title="a > b" style=\'content: "&gt;"\' ONCLICK=go()>x</p>'
            # Markup inside a script is script text, not tags; the script ends at its own end tag.
            '<SCRIPT>var s = "<a href=javascript:x onclick=y>";</SCRIPT >'
            # Nothing in a comment is an element.
            '<!-- <script>hidden()</script> <b onclick="z()"> -->'
            '<a href="  JavaScript:go()">x</a><script type="text/template"><i></i></script>',
    })
    scan = scan_site(site)
    assert scan.style_attribute_hashes == {csp_hash('content: ">"')}
    assert scan.script_hashes == {csp_hash('var s = "<a href=javascript:x onclick=y>";')}
    assert scan.event_handlers == [("/index.html", '<p onclick="go()">')]
    assert scan.javascript_urls == [("/index.html", '<a href="  JavaScript:go()">')]
    assert inline_scripts(site.joinpath("index.html").read_text()) == ['var s = "<a href=javascript:x onclick=y>";']


def test_headers_file_uses_wildcards_and_nginx_config_repeats_every_header(tmp_path: Path):
    site = make_site(tmp_path, {"index.html": "<script>x()</script>", "faq/index.html": "",
                                "es/index.html": "", "es/faq/index.html": "", "es/404.html": "", "sitemap.xml": "",
                                "search/search_index.json": "", "es/search/search_index.json": "",
                                "assets/fonts/a.woff2": "", "assets/javascripts/bundle.a5f9d56c.min.js": ""})
    scan = scan_site(site)
    headers = headers_file(scan)
    assert "/*\n  Content-Security-Policy: default-src 'self'; script-src 'self' " + csp_hash("x()") in headers
    # No rule per page: pages take the default, every other file gets its own rule after it.
    assert "  Cache-Control: no-store\n  ! Access-Control-Allow-Origin\n/assets/*\n" in headers
    assert "/faq/" not in headers and "/es/faq/" not in headers
    for rule in ("/search/*", "/:edition/search/*", "/sitemap.xml"):
        assert f"\n{rule}\n  ! Cache-Control\n  Cache-Control: no-cache\n" in headers, rule
    assert headers.endswith("/assets/javascripts/bundle.a5f9d56c.min.js\n  ! Cache-Control\n"
                            "  Cache-Control: public, max-age=31536000, immutable\n")
    # nginx forgets inherited add_header lines in a location with its own: each location repeats all.
    config = nginx_config(scan, domain="guide.example.org", root="/srv/guide")
    assert config.count('add_header Content-Security-Policy "') == 3 and "root /srv/guide;" in config
    assert config.count('add_header Referrer-Policy "no-referrer" always;') == 3


def test_headers_file_stays_the_same_size_as_pages_are_added(tmp_path: Path):
    few = headers_file(scan_site(make_site(tmp_path / "few", {"index.html": "", "a/index.html": ""})))
    many = headers_file(scan_site(make_site(tmp_path / "many", {"index.html": "", **{
        f"{lang}/page-{n}/index.html": "" for lang in ("es", "fr", "pt") for n in range(60)}})))
    assert few.count("\n/") == many.count("\n/")


def test_the_rules_do_not_grow_with_the_editions(tmp_path: Path):
    def edition(lang):
        return {f"{lang}/index.html": "", f"{lang}/404.html": "", f"{lang}/faq/index.html": "",
                f"{lang}/sitemap.xml": "", f"{lang}/search/search_index.json": ""}
    two = headers_file(scan_site(make_site(tmp_path / "two", {"index.html": "", **edition("es")})))
    forty = headers_file(scan_site(make_site(tmp_path / "forty", {"index.html": "", **{
        k: v for n in range(40) for k, v in edition(f"l{n:02d}").items()}})))
    assert two.count("\n/") == forty.count("\n/") and "\n/:edition/search/*\n" in forty


def test_a_headers_file_over_the_static_hosts_limits_is_refused(tmp_path: Path):
    # Folders that are not editions (no 404 page) are named one by one.
    editions = {f"e{n:02d}/search/search_index.json": "" for n in range(100)}
    with pytest.raises(HeadersFileError, match=r"_headers would have 10[0-9] rules; Cloudflare Pages reads only"):
        headers_file(scan_site(make_site(tmp_path / "rules", {"index.html": "", **editions})))
    scripts = "".join(f"<script>s{n}()</script>" for n in range(40))
    with pytest.raises(HeadersFileError, match=r"_headers, line \d+ \(Content-Security-Policy\): \d+ characters"):
        headers_file(scan_site(make_site(tmp_path / "long", {"index.html": scripts})))


def test_each_host_gets_its_own_deploy_files(tmp_path: Path):
    for host, expected in (("nginx", {"_headers", "_nginx.conf"}), ("cloudflare-pages", {"_headers"}),
                           ("netlify", {"_headers", "_redirects"}), ("apache", {".htaccess"})):
        site = make_site(tmp_path / host, {"index.html": "", "404.html": "", "es/index.html": "",
                                           "es/404.html": ""})
        write_deploy_files(site, host=host)
        assert {p.name for p in site.iterdir() if p.name.startswith(("_", "."))} == expected, host
    redirects = (tmp_path / "netlify" / "_redirects").read_text()
    assert "\n/_headers  /404.html  404!\n" in redirects and "\n/es/*  /es/404.html  404\n" in redirects
    with pytest.raises(HeadersFileError, match="unknown host 'vercel'"):
        write_deploy_files(tmp_path / "nginx", host="vercel")


def test_for_github_pages_each_page_carries_its_own_policy(tmp_path: Path):
    site = make_site(tmp_path, {"index.html": '<html><head><meta charset="utf-8"><script>a()</script></head></html>',
                                "faq/index.html": '<html><head><meta charset="utf-8"><script>b()</script></head></html>'})
    write_deploy_files(site, host="github-pages")
    assert not [p for p in site.iterdir() if p.name.startswith(("_", "."))]
    start = site.joinpath("index.html").read_text()
    assert start.startswith('<html><head><meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" '
                            f"content=\"default-src &#x27;self&#x27;; script-src &#x27;self&#x27; &#x27;sha256-")
    assert csp_hash("a()")[1:-1] in start and csp_hash("b()")[1:-1] not in start  # its own scripts only
    assert "frame-ancestors" not in start  # ignored in a <meta> policy
    broken = make_site(tmp_path / "broken", {"index.html": "<html><head></head></html>"})
    with pytest.raises(HeadersFileError, match=r"index\.html: no <meta charset>"):
        write_deploy_files(broken, host="github-pages")


def servers(config: str) -> dict[str, str]:
    """The text of each server block, by its first listen line."""
    found = {}
    for block in config.split("\nserver {")[1:]:
        found[re.search(r"listen ([^;]+);", block).group(1)] = block
    return found


def test_nginx_config_has_an_http_server_for_the_certificate_check_and_an_https_server(tmp_path: Path):
    scan = scan_site(make_site(tmp_path, {"index.html": "", "faq/index.html": "", "404.html": ""}))
    config = nginx_config(scan, domain="guide.example.org")
    assert config.startswith("# Generated by Steady Ground from the built site (2 pages and 404.html, ")
    http, https = servers(config)["80"], servers(config)["443 ssl http2"]
    assert len(servers(config)) == 2
    assert "listen [::]:80;" in http and "listen [::]:443 ssl http2;" in https
    assert "server_name guide.example.org;" in http and "server_name guide.example.org;" in https
    # Port 80: Let's Encrypt's check from certbot's webroot folder, then a redirect for everything else.
    assert "location ^~ /.well-known/acme-challenge/ {\n        root /var/www/html;" in http
    assert "location / {\n        return 301 https://guide.example.org$request_uri;\n    }" in http
    assert "add_header" not in http and "root /var/www/steady-ground/site;" not in http
    # Port 443: the certificate certbot makes for the domain, the site, its headers (HSTS only here).
    assert "ssl_certificate /etc/letsencrypt/live/guide.example.org/fullchain.pem;" in https
    assert "ssl_certificate_key /etc/letsencrypt/live/guide.example.org/privkey.pem;" in https
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in https and "root /var/www/steady-ground/site;" in https
    assert "listen 443 ssl http2;" in https and "ssl_session_tickets off;" in https
    assert "ssl_prefer_server_ciphers off;" in https and f"ssl_ciphers {TLS12_CIPHERS};" in https
    assert https.count('add_header Strict-Transport-Security "max-age=31536000" always;') == 3
    assert "location ~ (^|/)(_headers|_nginx\\.conf|_redirects|\\.) {\n        return 404;" in https


def test_nginx_config_without_a_domain_says_where_to_set_it(tmp_path: Path):
    config = nginx_config(scan_site(make_site(tmp_path, {"index.html": ""})))
    assert "No `domain:` is set in site-data/organization.yml" in config
    assert config.count("server_name _;") == 2 and "return 301 https://$host$request_uri;" in config
    assert "ssl_certificate /etc/letsencrypt/live/YOUR-DOMAIN/fullchain.pem;" in config


def test_the_build_leaves_a_site_a_web_server_can_read(mini_project: Path):
    """Folders 0755 and files 0644, also when the build runs under a strict umask: nginx's
    workers run as another user (www-data) and must read every page."""
    organization = mini_project / "site-data" / "organization.yml"
    organization.write_text(organization.read_text() + "domain: guide.example.org\n")
    result = subprocess.run([sys.executable, "-m", "steady_ground", "build"], cwd=mini_project, umask=0o077,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    site = mini_project / "site"
    assert {oct(p.stat().st_mode & 0o777) for p in [site, *site.rglob("*")] if p.is_dir()} == {"0o755"}
    assert {oct(p.stat().st_mode & 0o777) for p in site.rglob("*") if p.is_file()} == {"0o644"}
    config = (site / "_nginx.conf").read_text()
    assert config.count("server_name guide.example.org;") == 2  # the organization's domain
    pages = len(list(site.rglob("index.html")))
    assert f"The guide is fine: {pages} pages," in result.stdout  # the build and the config count alike
    assert f"the built site ({pages} pages and 404.html," in config


def test_offline_check_finds_anything_loaded_from_another_site(tmp_path: Path):
    site = make_site(tmp_path, {
        "index.html": '<script src="https://unpkg.com/iframe-worker/shim"></script>'
                      '<link rel="stylesheet" href="//cdn.example.org/a.css">'
                      '<a href="https://www.example.org/">a link is fine</a><img src="assets/logo.svg">',
        "assets/site.css": "@import 'https://fonts.example.org/x.css'; a{background:url(images/x.png)}",
        "assets/app.js": "// local only",
    })
    found = outside_loads(site)
    assert "index.html: https://unpkg.com/iframe-worker/shim" in found
    assert "index.html: //cdn.example.org/a.css" in found
    assert "index.html: mentions unpkg.com/iframe-worker" in found
    assert "assets/site.css: https://fonts.example.org/x.css" in found
    assert len(found) == 4
