"""The bundled print font, on screen and on the way to paper.

Only print rules use it (worksheets.css), so a visit on screen never downloads
it; it never hides text while it loads (font-display: swap); and printing with
a worksheet's Print button or Ctrl+P waits until it is there
(worksheets.js), so every device breaks the pages in the same places.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import STUB_PRINT, RequestLog
from .test_worksheets_print import url_of

FONTS = "assets/fonts/"
FACES = {("400", "normal"), ("700", "normal"), ("400", "italic"), ("700", "italic")}
FACE_STATES = "() => [...document.fonts].map(face => face.status)"


def font_requests(log: RequestLog, site_url: str) -> list[str]:
    return [url for url in log.urls if url.startswith(site_url + FONTS)]


def new_context(browser, site_url, **options):
    context = browser.new_context(**options)
    log = RequestLog(site_url)
    context.on("request", log.record)
    return context, log


@pytest.mark.parametrize("view", [{"width": 1280, "scheme": "light"}, {"width": 320, "scheme": "dark"}],
                         ids=["1280-light", "320-dark"])
def test_a_visit_on_screen_downloads_no_font(browser, site_url, site_pages, view):
    """Every page on a wide screen; on a phone in the dark, the start page and the worksheets."""
    context, log = new_context(browser, site_url, viewport={"width": view["width"], "height": 800},
                               color_scheme=view["scheme"])
    paths = site_pages if view["width"] == 1280 else [p for p in site_pages if p == "" or "worksheets" in p]
    try:
        page = context.new_page()
        for path in paths:
            page.goto(site_url + path)
            states = page.evaluate("() => document.fonts.ready.then(() => [...document.fonts].map(f => f.status))")
            assert states and set(states) == {"unloaded"}, f"/{path}: font faces {states} on screen"
        assert font_requests(log, site_url) == []
        assert log.third_party() == []
        # The same watch sees the font as soon as the page is laid out for paper.
        page.emulate_media(media="print")
        page.evaluate("() => { document.body.getBoundingClientRect(); return document.fonts.ready; }")
        assert font_requests(log, site_url)
    finally:
        context.close()


def test_text_never_hides_while_the_font_loads(page, site_url):
    page.goto(url_of(site_url, "safety-plan"))
    faces = page.evaluate("""() => [...document.fonts].map(face => ({
        family: face.family.replace(/"/g, ""), weight: face.weight, style: face.style, display: face.display}))""")
    assert {(face["weight"], face["style"]) for face in faces} == FACES
    assert {face["family"] for face in faces} == {"Atkinson Hyperlegible Next"}
    assert {face["display"] for face in faces} == {"swap"}


def hold_fonts(context, site_url) -> list:
    """Font requests wait (a slow network) until the test lets them through."""
    held: list = []
    context.route(lambda url: url.startswith(site_url + FONTS), lambda route: held.append(route))
    return held


@pytest.mark.parametrize("how", ["print button", "Ctrl+P"])
def test_printing_waits_for_the_font(browser, site_url, how):
    context, log = new_context(browser, site_url)
    try:
        held = hold_fonts(context, site_url)
        page = context.new_page()
        page.goto(url_of(site_url, "weekly-check-in"))
        page.evaluate(STUB_PRINT)
        assert set(page.evaluate(FACE_STATES)) == {"unloaded"}
        if how == "print button":
            page.locator("[data-sg-print]").first.click()
        else:
            page.keyboard.press("Control+p")
        for _ in range(500):  # the page asks for every face at once
            if len(held) >= len(FACES):
                break
            page.wait_for_timeout(20)
        assert len(held) == len(FACES)
        assert page.evaluate("() => window.sgPrinted") is None, "printed while the font was still on its way"
        for route in held:
            route.continue_()
        page.wait_for_function("() => window.sgPrinted !== null")
        assert page.evaluate("() => window.sgPrinted") == ["loaded"] * len(FACES)
        assert len(font_requests(log, site_url)) == len(FACES)
    finally:
        context.close()


def test_printing_from_the_browser_menu_fetches_the_font_for_the_next_copy(browser, site_url):
    context, log = new_context(browser, site_url)
    try:
        page = context.new_page()
        page.goto(url_of(site_url, "me-list"))
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        page.wait_for_function("() => [...document.fonts].every(face => face.status === 'loaded')")
        assert sorted(urlsplit(url).path.rsplit("/", 1)[1] for url in font_requests(log, site_url)) == sorted(
            f"atkinson-hyperlegible-next-{weight}-{style}.woff2" for weight, style in FACES)
    finally:
        context.close()


def test_a_missing_font_file_still_prints(browser, site_url):
    """If the font cannot be had, the page prints in the device's fonts rather than not at all."""
    context, _ = new_context(browser, site_url)
    try:
        context.route(lambda url: url.startswith(site_url + FONTS), lambda route: route.fulfill(status=404))
        page = context.new_page()
        page.goto(url_of(site_url, "weekly-check-in"))
        page.evaluate(STUB_PRINT)
        page.locator("[data-sg-print]").first.click()
        page.wait_for_function("() => window.sgPrinted !== null")
        assert set(page.evaluate("() => window.sgPrinted")) == {"error"}
    finally:
        context.close()
