"""A visit leaves as little as a website can: nothing stored on the device, no
request to anyone but the site itself, no referrer sent onwards.
Proven in a real Chromium on the real built site."""
from __future__ import annotations

from pathlib import Path

from .conftest import search_for

PAGE_FACTS = """() => {
  const referrer = [...document.querySelectorAll('meta[name="referrer"]')].map(m => m.content);
  const outside = [...document.querySelectorAll('a[href]')]
    .filter(a => /^https?:$/.test(a.protocol) && a.host !== location.host)
    .map(a => ({href: a.href, rel: (a.getAttribute('rel') || '').split(/\\s+/)}));
  return {referrer, outside};
}"""

STORED = """async () => {
  const databases = indexedDB.databases ? await indexedDB.databases() : [];
  const caches_ = self.caches ? await caches.keys() : [];
  const workers = navigator.serviceWorker ? await navigator.serviceWorker.getRegistrations() : [];
  return {
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
    indexedDB: databases.map(d => d.name),
    cacheStorage: caches_,
    serviceWorkers: workers.length,
    documentCookie: document.cookie,
  };
}"""


def test_every_page_talks_only_to_its_own_site(context, site_url, site_pages, figures):
    page = context.new_page()
    problems = []
    for path in site_pages:
        page.goto(site_url + path)
        facts = page.evaluate(PAGE_FACTS)
        where = path or "/"
        if facts["referrer"] != ["no-referrer"]:
            problems.append(f"{where}: referrer meta is {facts['referrer']}")
        for link in facts["outside"]:
            if not {"noopener", "noreferrer"} <= set(link["rel"]):
                problems.append(f"{where}: {link['href']} has rel {' '.join(link['rel'])!r}")
    # Search loads its index and worker, in each edition: also from the site itself.
    for start in ("", "es/"):
        page.goto(site_url + start)
        assert search_for(page, page.locator("article h1").text_content().split()[0].strip("¿?¡!.,:"))
    page.wait_for_load_state("networkidle")
    outside = context.request_log.third_party()
    figures["third-party requests over every page of both editions and a search in each"] = len(outside)
    assert not outside, outside
    assert len(context.request_log.urls) > len(site_pages)  # the log did record the visit
    assert not problems, "\n".join(problems)


def worksheet_pages(built_site: Path, site_pages: list[str]) -> list[str]:
    """Pages with fields a reader can fill in on screen."""
    return [path for path in site_pages
            if "<textarea" in (built_site / path / "index.html").read_text(encoding="utf-8")]


def test_a_session_leaves_nothing_stored_on_the_device(browser, site_url, site_pages, built_site, figures):
    worksheets = worksheet_pages(built_site, site_pages)
    assert worksheets, "no worksheet page with fields to fill in"
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url)
        # Search, and open a result.
        word = max(page.locator("article h1").text_content().split(), key=len).strip("?.!,:")
        assert search_for(page, word)
        with page.expect_navigation():
            page.locator(".md-search-result__link").first.click()
        # The colour scheme: the device switches to dark and back, across pages.
        page.emulate_media(color_scheme="dark")
        page.goto(site_url + site_pages[-1])
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.emulate_media(color_scheme="light")
        # A worksheet, filled in.
        page.goto(site_url + worksheets[0])
        fields = page.locator("article textarea, article input[type=text]")
        for index in range(fields.count()):
            fields.nth(index).fill(f"private answer {index}")
        boxes = page.locator("article input[type=checkbox]")
        for index in range(boxes.count()):
            boxes.nth(index).check()
        assert fields.count() > 0
        page.goto(site_url)  # leaving the worksheet is when a page would save
        stored = page.evaluate(STORED)
        cookies = context.cookies()
        state = context.storage_state(indexed_db=True)
    finally:
        context.close()
    keys = (len(stored["localStorage"]) + len(stored["sessionStorage"]) + len(stored["indexedDB"])
            + len(stored["cacheStorage"]) + stored["serviceWorkers"] + len(cookies))
    figures["storage keys and cookies after search, colour scheme and a worksheet"] = keys
    assert keys == 0 and not stored["documentCookie"], (stored, cookies)
    assert state["cookies"] == [] and all(not o.get("localStorage") and not o.get("indexedDB")
                                          for o in state["origins"]), state


def test_colour_scheme_follows_the_device_with_no_stored_choice(browser, site_url, site_pages):
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(site_url + site_pages[0])
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.emulate_media(color_scheme="light")  # changed while the page is open
        page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
        page.emulate_media(color_scheme="dark")
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        # No toggle to press, so no choice to remember.
        assert page.locator("[data-md-component=palette] label").count() == 0
        assert page.evaluate("Object.keys(localStorage).length + Object.keys(sessionStorage).length") == 0
    finally:
        context.close()


def test_theme_state_is_kept_in_page_memory_only(page, site_url):
    page.goto(site_url)
    result = page.evaluate("""() => {
        __md_set('__probe', {kept: 1});
        __md_set('__probe_session', [2], sessionStorage);
        return [__md_get('__probe'), __md_get('__probe_session', sessionStorage),
                __md_get('__missing'), localStorage.length + sessionStorage.length];
    }""")
    assert result == [{"kept": 1}, [2], None, 0]
    page.reload()
    assert page.evaluate("__md_get('__probe')") is None  # gone with the page
