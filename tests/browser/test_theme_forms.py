"""The theme's search form, as changed for the second accessibility engine
(steady_ground/theme_markup.py): the dialog is named in each edition's language,
and its submit button does what Enter does, without putting the words typed
into the address."""
from __future__ import annotations

from .conftest import EDITION_SETTINGS, search_for, wait_for_results_to_settle


def test_the_search_dialog_is_named_in_each_editions_language(page, site_url):
    for path, edition in (("", "en"), ("es/", "es")):
        page.goto(site_url + path)
        dialog = page.get_by_role("dialog", include_hidden=True)
        assert dialog.count() == 1
        assert dialog.get_attribute("aria-label") == EDITION_SETTINGS[edition].strings["search_dialog"]
        button = page.locator("form.md-search__form button[type=submit]")
        assert button.count() == 1
        assert button.inner_text() == EDITION_SETTINGS[edition].strings["search_submit"]


def test_the_submit_button_opens_the_best_match_like_enter(page, site_url):
    found = {}
    for how in ("Enter", "submit button"):
        page.goto(site_url + "faq/")
        history = page.evaluate("() => history.length")
        assert search_for(page, "safety plan") > 0
        wait_for_results_to_settle(page)
        best = page.evaluate("""() => {
            const links = [...document.querySelectorAll('.md-search-result__list :first-child [href]')];
            links.sort((a, b) => parseFloat(b.firstElementChild.getAttribute('data-md-score'))
                                - parseFloat(a.firstElementChild.getAttribute('data-md-score')));
            return links[0].href; }""")
        with page.expect_navigation():
            if how == "Enter":
                page.keyboard.press("Enter")
            else:  # what a screen reader does when the reader activates the button
                page.locator("form.md-search__form button[type=submit]").dispatch_event("click")
        found[how] = page.url
        assert page.url == best, how
        assert "safety" not in page.url.split("#")[0].lower() or "safety" in best.split("#")[0].lower()
        assert "?" not in page.url, f"{how}: the words went into the address: {page.url}"
        assert page.evaluate("() => history.length") == history, how  # the guide's links replace the entry
    assert found["Enter"] == found["submit button"]
