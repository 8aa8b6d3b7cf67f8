"""WCAG 2.2 AA, checked by two engines on every built page of every edition, in
the light and the dark colour scheme, on a wide screen (1280 px) and a small
phone (320 px): axe-core, and HTML_CodeSniffer (WCAG2AA, the engine behind
Pa11y) in the same page visit.

No rule is switched off in either engine: a failure is fixed in the palette, the
sizes or the templates, never in this file. HTML_CodeSniffer's warnings and
notices (things a person must judge) are counted in the run's figures.
"""
from __future__ import annotations

import pytest

from .accessibility import (SCHEMES, WCAG_TAGS, WIDTHS, Messages, Violations, axe_source, htmlcs_source,
                            run_axe, run_htmlcs)
from .conftest import edition_of
from .conftest import wait_for_results_to_settle

COMBINATIONS = [(scheme, width) for scheme in SCHEMES for width in WIDTHS]


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


@pytest.fixture(scope="module")
def htmlcs() -> str:
    return htmlcs_source()


@pytest.fixture(scope="module")
def every_page(site_pages) -> list[str]:
    return site_pages + ["404.html"]


def open_view(browser, scheme: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    return context, page


def assert_scheme(page, scheme: str, path: str) -> None:
    # The theme follows the device setting: prove the scheme under test is the one shown.
    shown = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert shown == SCHEMES[scheme], f"{path}: the {scheme} device setting shows scheme {shown!r}"


@pytest.mark.parametrize("scheme,width", COMBINATIONS, ids=[f"{s}-{w}px" for s, w in COMBINATIONS])
def test_every_page_passes_axe_and_html_codesniffer(browser, site_url, every_page, axe, htmlcs, figures,
                                                    scheme, width):
    assert len(every_page) >= 4
    assert {edition_of(path) for path in every_page} >= {"en", "es"}
    context, page = open_view(browser, scheme, width)
    found = Violations()
    sniffed = {edition: Messages() for edition in ("en", "es")}
    for path in every_page:
        page.goto(site_url + path)
        assert_scheme(page, scheme, path)
        found.add(path or "/", run_axe(page, axe))
        sniffed[edition_of(path)].add(path or "/", run_htmlcs(page, htmlcs))
    context.close()
    for edition, messages in sniffed.items():
        figures[f"HTML_CodeSniffer WCAG2AA, {edition} edition, {scheme}, {width}px"] = messages.figures()
    assert not found.nodes, f"axe ({', '.join(WCAG_TAGS)}) on {len(every_page)} pages, {scheme}, {width}px:\n" + found.report()
    errors = "\n".join(messages.report() for messages in sniffed.values() if messages.errors)
    assert not errors, f"HTML_CodeSniffer (WCAG2AA) on {len(every_page)} pages, {scheme}, {width}px:\n" + errors


@pytest.mark.parametrize("scheme,width", COMBINATIONS, ids=[f"{s}-{w}px" for s, w in COMBINATIONS])
def test_open_search_with_results_and_open_menu_pass_axe(browser, site_url, axe, scheme, width):
    """What axe cannot see on a page at rest: the search dialog with results, and the menu drawer."""
    context, page = open_view(browser, scheme, width)
    page.goto(site_url + "faq/")
    assert_scheme(page, scheme, "faq/")
    found = Violations()

    page.keyboard.press("/")
    page.keyboard.type("safe")
    page.wait_for_selector(".md-search-result__link", state="visible")
    wait_for_results_to_settle(page)
    # Unfold one "more on this page" group, so its links are checked too.
    more = page.locator(".md-search-result__more > summary")
    if more.count():
        more.first.click()
    found.add("search open", run_axe(page, axe))
    page.keyboard.press("Escape")

    if width < 1220:  # below this width the menu is a drawer
        page.evaluate("() => { const d = document.getElementById('__drawer'); d.checked = true; d.dispatchEvent(new Event('change')); }")
        page.wait_for_timeout(300)
        assert page.locator(".md-sidebar--primary .md-nav__link").first.is_visible()
        found.add("menu open", run_axe(page, axe))
    context.close()
    assert not found.nodes, found.report()


@pytest.mark.parametrize("scheme,width", COMBINATIONS, ids=[f"{s}-{w}px" for s, w in COMBINATIONS])
def test_empty_search_panel_and_open_word_meanings_pass_axe(browser, site_url, axe, scheme, width):
    """The places a search that finds nothing offers, and the meanings of words opened in the text."""
    context, page = open_view(browser, scheme, width)
    page.goto(site_url + "what-toxic-means/")
    assert_scheme(page, scheme, "what-toxic-means/")
    found = Violations()
    words = page.locator("article button.sg-term")
    assert words.count() >= 2, "the page marks words from the word list"
    for index in range(words.count()):
        words.nth(index).click()
    assert page.locator("article .sg-term__meaning:not([hidden])").count() == words.count()
    found.add("word meanings open", run_axe(page, axe))

    page.keyboard.press("/")
    page.keyboard.type("zqxw")
    page.wait_for_selector(".md-search-result .sg-search-empty", state="visible")
    found.add("search found nothing", run_axe(page, axe))
    context.close()
    assert not found.nodes, found.report()


def test_axe_finds_a_contrast_failure_when_there_is_one(browser, site_url, axe):
    """The check is live: grey-on-white text planted in a page is reported."""
    context, page = open_view(browser, "light", 1280)
    page.goto(site_url)
    page.evaluate("""() => { const p = document.createElement('p'); p.textContent = 'Faint words';
        p.style.color = '#bbbbbb'; document.querySelector('article').append(p); }""")
    rules = {violation["id"] for violation in run_axe(page, axe)}
    context.close()
    assert "color-contrast" in rules


def test_html_codesniffer_finds_what_it_should_when_it_is_there(browser, site_url, htmlcs):
    """The second engine is live too: a fieldset without a legend and a form that cannot be
    sent, planted in a page, are reported as errors."""
    context, page = open_view(browser, "light", 1280)
    page.goto(site_url)
    before = {m["code"] for m in run_htmlcs(page, htmlcs) if m["type"] == 1}
    page.evaluate("""() => { const form = document.createElement('form');
        form.innerHTML = '<fieldset><label for=planted>Name</label><input id=planted></fieldset>';
        document.querySelector('article').append(form); }""")
    after = {".".join(m["code"].split(".")[-2:]) for m in run_htmlcs(page, htmlcs) if m["type"] == 1}
    context.close()
    assert not before
    assert {"H71.NoLegend", "H32.2"} <= after, after
