"""Editions in the real Chromium: the language link, the Spanish quick exit and search,
every page in the language it declares, and axe, the Nu checker and the no-trace
checks on every page of every edition.

Most run on the small test guide in two editions (tests/fixtures/mini-guide and its
Spanish translation, built with the project's own theme and hooks), where a fixture's
words are known; the language vote, the language link and the quick exit also run on
the shipped guide, which carries English and Spanish. The shipped guide's other checks
(axe, the Nu checker, the no-trace checks, search) run over every page of both its
editions in their own files: site_pages lists them all.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from .accessibility import SCHEMES, WIDTHS, Violations, axe_source, run_axe
from .conftest import (BEFORE_URL, DESTINATION, EDITION_SETTINGS, SETTINGS, RequestLog, answer_for_destination,
                       build_site, search_for, wait_for_results_to_settle, wait_for_search_index)
from .test_html_validity import nu_errors

ES = "es/"

# Words that mark a language and hardly occur in the other (no "a", "no", "me": both have them).
STOP_WORDS = {
    "en": set("the and to of you your is it that in for with are this can be not what when or if have "
              "they them their will do does how about from at by was who would".split()),
    "es": set("el la los las de del que y en un una por con para es al lo como más pero sus su tu tus te "
              "qué cuando si ya muy hay está esta este son puedes".split()),
}

TEXT_OUTSIDE_OTHER_LANGUAGES = """() => {
  const lang = document.documentElement.lang;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const words = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const owner = node.parentElement;
    if (!owner || owner.closest('script, style, [hidden]')) continue;
    const marked = owner.closest('[lang]');
    if (marked && marked.getAttribute('lang') !== lang) continue;  // a part that declares its own language
    words.push(node.textContent);
  }
  return {lang, text: words.join(' ')};
}"""


def vote(text: str) -> dict[str, int]:
    words = re.findall(r"[^\W\d_]+", text.lower())
    return {language: sum(word in stop for word in words) for language, stop in STOP_WORDS.items()}


def language_problems(browser, url: str, pages: list[str]) -> tuple[list[str], int]:
    context = browser.new_context(java_script_enabled=False)  # the page as sent, before any script
    page = context.new_page()
    problems = []
    try:
        for path in pages:
            page.goto(url + path)
            seen = page.evaluate(TEXT_OUTSIDE_OTHER_LANGUAGES)
            votes = vote(seen["text"])
            declared = seen["lang"]
            other = max(count for language, count in votes.items() if language != declared)
            if votes.get(declared, 0) < 10 or votes[declared] < 4 * other:
                problems.append(f"{path or '/'}: <html lang={declared!r}> but the stop words vote {votes}")
    finally:
        context.close()
    return problems, len(pages)


def test_the_stop_word_vote_can_tell_the_languages_apart():
    english = "If you feel unsafe, you can call the hotline. It is free and they will listen to what you say."
    spanish = "Si te sientes en peligro, puedes llamar a la línea de ayuda. Es gratis y te van a escuchar."
    assert vote(english)["en"] > 4 * vote(english)["es"]
    assert vote(spanish)["es"] > 4 * vote(spanish)["en"]


def test_every_page_of_every_edition_is_in_the_language_it_declares(browser, site_url, site_pages, bilingual_url,
                                                                     bilingual_pages, figures):
    problems, count = language_problems(browser, site_url, site_pages)
    more, extra = language_problems(browser, bilingual_url, bilingual_pages)
    figures["pages whose words match their <html lang> (shipped guide + two-edition test guide)"] = \
        f"{count + extra - len(problems) - len(more)} of {count + extra}"
    assert not problems + more, "\n".join(problems + more)


def test_a_page_in_the_wrong_language_is_caught(browser, bilingual_site, bilingual_url):
    """The vote is live: a Spanish page whose words are English fails it."""
    spanish = bilingual_site / "es" / "faq" / "index.html"
    english = (bilingual_site / "faq" / "index.html").read_text()
    planted = bilingual_site / "es" / "planted" / "index.html"
    planted.parent.mkdir()
    planted.write_text(english.replace('<html lang="en"', '<html lang="es"', 1))
    try:
        problems, _ = language_problems(browser, bilingual_url, ["es/planted/", "es/faq/"])
    finally:
        planted.unlink()
        planted.parent.rmdir()
    assert len(problems) == 1 and problems[0].startswith("es/planted/"), problems
    assert spanish.exists()


# --- the language link ------------------------------------------------------------

LINK = ".sg-language__link"


def counterpart(path: str) -> str:
    return path[len(ES):] if path.startswith(ES) else ES + path


def test_every_page_links_to_the_same_page_in_the_other_edition(browser, bilingual_url, bilingual_pages):
    context = browser.new_context()
    asked = []
    context.on("request", lambda request: asked.append(request.url))
    page = context.new_page()
    problems = []
    for path in bilingual_pages:
        page.goto(bilingual_url + path)
        links = page.locator(LINK)
        if links.count() != 1:
            problems.append(f"{path or '/'}: {links.count()} language links")
            continue
        link = links.first
        target = counterpart(path)
        language = "en" if path.startswith(ES) else "es"
        if link.evaluate("a => a.href") != bilingual_url + target:
            problems.append(f"{path or '/'}: links to {link.evaluate('a => a.href')}, not {target}")
        if (link.get_attribute("lang"), link.get_attribute("hreflang")) != (language, language):
            problems.append(f"{path or '/'}: lang/hreflang {link.get_attribute('lang')}/{link.get_attribute('hreflang')}")
        if link.text_content().strip() != {"en": "English", "es": "Español"}[language]:
            problems.append(f"{path or '/'}: the link says {link.text_content()!r}")
        # The head as sent (language-link.js takes these out of the page before the theme reads them).
        sent = context.request.get(bilingual_url + path).text()
        alternates = {lang: urljoin(bilingual_url + path, href) for lang, href in
                      re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]*)">', sent)}
        expected = {"en": bilingual_url + (target if path.startswith(ES) else path),
                    "es": bilingual_url + (path if path.startswith(ES) else target)}
        expected["x-default"] = expected["en"]
        if alternates != expected:
            problems.append(f"{path or '/'}: <link rel=alternate> {alternates}")
    context.close()
    assert len(bilingual_pages) >= 10
    assert not problems, "\n".join(problems)
    assert not [url for url in asked if "sitemap.xml" in url], "the theme went looking for sitemaps"


def test_the_shipped_pages_list_covers_every_page_of_both_editions(site_pages):
    """axe, the Nu checker, the no-trace checks and the language vote go over site_pages."""
    assert list(SETTINGS.editions) == ["en", "es"]
    english = [path for path in site_pages if not path.startswith(ES)]
    spanish = [path for path in site_pages if path.startswith(ES)]
    assert len(english) >= 20 and sorted(ES + path for path in english) == sorted(spanish)


# (which guide, an English page, its Spanish title): the small test guide, and the shipped one.
LANGUAGE_LINK_CASES = [("bilingual_url", "tools/", "Herramientas"), ("site_url", "safety/", "Primero, tu seguridad")]


@pytest.mark.parametrize("guide,path,title", LANGUAGE_LINK_CASES, ids=["test-guide", "shipped-guide"])
def test_the_language_link_opens_the_same_page_and_adds_no_history_entry(context, request, guide, path, title):
    url = request.getfixturevalue(guide)
    answer_for_destination(context)  # also answers the page opened before the guide
    page = context.new_page()
    page.goto(BEFORE_URL)
    before = page.evaluate("history.length")
    page.goto(url + path)
    arrived = page.evaluate("history.length")
    with page.expect_navigation():
        page.locator(LINK).click()
    assert page.url == url + ES + path
    assert page.locator("article h1").text_content().strip() == title
    assert page.evaluate("document.documentElement.lang") == "es"
    with page.expect_navigation():
        page.locator(LINK).click()
    assert page.url == url + path
    assert page.evaluate("history.length") == arrived == before + 1
    page.go_back()
    assert page.url == BEFORE_URL, f"Back leads to {page.url}"


def test_the_language_link_is_reached_and_followed_by_keyboard(context, bilingual_url):
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(bilingual_url + "faq/")
    for presses in range(1, 15):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('{LINK}')"):
            break
    assert page.evaluate(f"document.activeElement.matches('{LINK}')"), "the language link is not in the Tab order"
    box = page.locator(LINK).bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24 and box["x"] >= 0 and box["x"] + box["width"] <= 320
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "no visible focus ring"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == bilingual_url + "es/faq/"
    assert presses <= 6


# --- the quick exit on a Spanish page ----------------------------------------------

@pytest.mark.parametrize("guide,path", [("bilingual_url", "es/faq/"), ("site_url", "es/safety/")],
                         ids=["test-guide", "shipped-guide"])
def test_the_quick_exit_on_a_spanish_page_speaks_spanish_and_leaves(context, request, guide, path):
    import yaml

    from .conftest import ROOT

    strings = yaml.safe_load((ROOT / "site-data" / "strings" / "es.yml").read_text())
    label = EDITION_SETTINGS["es"].organization["quick_exit"]["label"]
    assert label == "Salir de esta página"  # site-data/translations/es/organization.yml
    answer_for_destination(context)
    page = context.new_page()
    page.goto(request.getfixturevalue(guide) + path)
    area = page.locator("[data-sg-quick-exit]")
    assert area.get_attribute("aria-label") == strings["quick_exit_region"] == "Salida rápida"
    link = page.get_by_role("link", name=f"{strings['quick_exit_emergency']} {label}")
    assert link.count() == 1
    status = page.locator(".sg-quick-exit__status")
    page.keyboard.press("Shift")
    assert status.text_content() == strings["quick_exit_shift_two_more"]
    page.keyboard.press("Shift")
    assert status.text_content() == strings["quick_exit_shift_one_more"]
    assert page.locator(".sg-exit-limits").text_content().strip().startswith(strings["exit_limits"][:30])
    page.keyboard.press("Shift")
    page.wait_for_url(DESTINATION)


# --- search in Spanish ----------------------------------------------------------------

# (what a reader types, where it must lead, the lowest rank allowed): with and without accents,
# and other forms of the words the text uses.
SPANISH_QUERIES = [
    ("más seguro", "es/faq/#how-long-to-wait", 2),
    ("mas seguro", "es/faq/#how-long-to-wait", 2),
    ("estrés", "es/faq/#how-long-to-wait", 1),
    ("estres", "es/faq/#how-long-to-wait", 1),
    ("conversación difícil", "es/faq/#starting-a-hard-talk", 1),
    ("conversaciones dificiles", "es/faq/#starting-a-hard-talk", 1),
    ("pelear", "es/tools/#signs-of-real-change", 1),
    ("señal", "es/tools/#signs-of-real-change", 1),
    ("senales", "es/tools/#signs-of-real-change", 1),
    ("respiración", "es/tools/#breathing", 1),
    ("respirar", "es/tools/#breathing", 1),
]


def spanish_results(page, query: str) -> list[str]:
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_function("() => /encontrad/i.test(document.querySelector('.md-search-result__meta').textContent)")
    wait_for_results_to_settle(page)
    return page.evaluate("""() => [...document.querySelectorAll('.md-search-result__list > .md-search-result__item')]
        .map(group => [...group.querySelectorAll('a.md-search-result__link')].map(a => a.href))""")


def test_spanish_queries_with_and_without_accents_find_their_block(browser, bilingual_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(bilingual_url + ES)
    wait_for_search_index(page)
    page.keyboard.press("/")
    problems = []
    for query, expected, allowed in SPANISH_QUERIES:
        groups = spanish_results(page, query)
        rank = next((n for n, group in enumerate(groups, 1) if bilingual_url + expected in group), None)
        if rank is None or rank > allowed:
            problems.append(f"{query!r}: {expected} at rank {rank}; {[g[:2] for g in groups[:3]]}")
        if any("?" in href for group in groups for href in group):
            problems.append(f"{query!r}: a result puts the search in the address")
    # What is shown is the page's own text: the folded words are indexed, never shown.
    shown = page.locator(".md-search-result").inner_text()
    stored = page.evaluate("localStorage.length + sessionStorage.length")
    context.close()
    assert not problems, "\n".join(problems)
    assert "respiracion" not in shown.lower() and stored == 0


def test_the_english_edition_searches_english_only(browser, bilingual_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(bilingual_url)
    wait_for_search_index(page)
    page.keyboard.press("/")
    page.keyboard.insert_text("breathing")
    page.keyboard.press("End")
    page.wait_for_function("() => /matching/i.test(document.querySelector('.md-search-result__meta').textContent)")
    hrefs = page.evaluate("() => [...document.querySelectorAll('a.md-search-result__link')].map(a => a.href)")
    context.close()
    assert bilingual_url + "tools/#breathing" in hrefs and not [h for h in hrefs if "/es/" in h]


# --- the checks every page passes, on every edition -------------------------------------

@pytest.mark.parametrize("scheme,width", [(s, w) for s in SCHEMES for w in WIDTHS],
                         ids=[f"{s}-{w}px" for s in SCHEMES for w in WIDTHS])
def test_every_page_of_both_editions_passes_axe(browser, bilingual_url, bilingual_pages, scheme, width):
    source = axe_source()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    found = Violations()
    for path in bilingual_pages + ["404.html"]:
        page.goto(bilingual_url + path)
        found.add(path or "/", run_axe(page, source))
    context.close()
    assert not found.nodes, found.report()


def test_every_page_of_both_editions_is_valid_html(bilingual_site: Path):
    pages = sorted(bilingual_site.rglob("*.html"))
    assert bilingual_site / "es" / "index.html" in pages
    errors = nu_errors(pages)
    assert not errors, "\n".join(f"{e.get('url', '')}:{e.get('lastLine', '?')}: {e['message']}" for e in errors[:20])


def test_both_editions_talk_only_to_their_own_site_and_store_nothing(browser, bilingual_url, bilingual_pages):
    context = browser.new_context()
    log = RequestLog(bilingual_url)
    context.on("request", log.record)
    page = context.new_page()
    for path in bilingual_pages:
        page.goto(bilingual_url + path)
    page.goto(bilingual_url + ES)
    wait_for_search_index(page)
    page.keyboard.press("/")
    assert spanish_results(page, "respirar")
    page.wait_for_load_state("networkidle")
    stored = page.evaluate("""async () => localStorage.length + sessionStorage.length +
        (indexedDB.databases ? (await indexedDB.databases()).length : 0) + (await caches.keys()).length""")
    cookies = context.cookies()
    context.close()
    assert log.third_party() == [] and len(log.urls) > len(bilingual_pages)
    assert stored == 0 and cookies == []
    # One copy of the assets for both editions (shared_assets.py): the Spanish pages load the
    # default edition's, its query-stemming worker included. The worker carries the Spanish
    # stemmer in the same file (mkdocs_build.add_search_worker): no lunr file is asked for.
    assets = sorted({urlsplit(url).path for url in log.urls if "/assets/" in url})
    assert [path for path in assets if re.fullmatch(r"/assets/javascripts/workers/sg-search\.[0-9a-f]{8}\.min\.js", path)], assets
    assert not [path for path in assets if "/lunr/" in path], assets
    assert not [path for path in assets if path.startswith("/es/")], assets


# --- the offline bundle carries every edition --------------------------------------------

@pytest.fixture(scope="module")
def bilingual_bundle(bilingual_root: Path, tmp_path_factory) -> Path:
    import os
    import subprocess
    import sys
    import zipfile

    target = tmp_path_factory.mktemp("offline-es") / "guide.zip"
    result = subprocess.run([sys.executable, "-m", "steady_ground.offline_bundle", "--root", str(bilingual_root),
                             "--out", str(target)], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(target) as archive:
        archive.extractall(target.parent / "stick")
    return next((target.parent / "stick").iterdir())


def test_the_offline_bundle_has_both_editions_and_searches_spanish_from_the_file_system(browser, bilingual_bundle):
    assert (bilingual_bundle / "es" / "faq.html").is_file() and (bilingual_bundle / "faq.html").is_file()
    context = browser.new_context()
    log = RequestLog(bilingual_bundle.as_uri())
    context.on("request", log.record)
    page = context.new_page()
    page.goto((bilingual_bundle / "faq.html").as_uri())
    with page.expect_navigation():
        page.locator(LINK).click()
    assert page.url == (bilingual_bundle / "es" / "faq.html").as_uri()
    assert search_for(page, "mas seguro")
    hrefs = page.evaluate("() => [...document.querySelectorAll('a.md-search-result__link')].map(a => a.href)")
    context.close()
    assert any(h.endswith("es/faq.html#how-long-to-wait") for h in hrefs), hrefs
    assert log.third_party() == []


def test_the_quick_exit_destination_is_the_same_in_both_editions(bilingual_site: Path):
    english = (bilingual_site / "faq" / "index.html").read_text()
    spanish = (bilingual_site / "es" / "faq" / "index.html").read_text()
    destination = f'href="{DESTINATION}"'
    assert destination in english and destination in spanish


def test_the_headers_cover_every_page_of_every_edition(bilingual_site: Path):
    """Pages take the file's default (no-store, under /*); no later rule names a page, so
    none replaces it, and the rules do not grow with the editions (security_headers.py)."""
    headers = (bilingual_site / "_headers").read_text()
    rules = [line for line in headers.splitlines() if line.startswith("/")]
    assert rules[0] == "/*" and "\n  Cache-Control: no-store\n" in headers.split("\n/assets/*\n")[0]
    for index in bilingual_site.rglob("index.html"):
        path = "/" + index.parent.relative_to(bilingual_site).as_posix() + "/"
        path = "/" if path == "/./" else path
        assert path not in rules or path == "/*", path
    assert not [rule for rule in rules if rule.startswith("/es/")], rules  # one rule for every edition
    assert not (bilingual_site / "es" / "_headers").exists()


def test_a_site_of_one_edition_has_no_language_link(tmp_path_factory):
    from .conftest import bilingual_project

    root = bilingual_project(tmp_path_factory.mktemp("one") / "project")
    organization = root / "site-data" / "organization.yml"
    organization.write_text(organization.read_text().replace("editions: [en, es]\n", ""))
    site = build_site(root / "site", root=root)
    page = (site / "faq" / "index.html").read_text()
    assert "sg-language" not in page and 'rel="alternate" hreflang' not in page and not (site / "es").exists()
