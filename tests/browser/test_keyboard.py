"""Everything works from the keyboard alone: a skip link, every control in a
sensible order with a focus ring that can be seen, the search dialog, and no
trap anywhere. Checked in the real Chromium, wide and narrow, light and dark."""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .accessibility import FOCUS_STATE_JS, SCHEMES, describe, focus_ring
from .conftest import wait_for_results_to_settle, wait_for_search_index

# Pages with every kind of control: links in text, signposts, phone links,
# exercises, a fillable worksheet with buttons, the self-check's radio buttons, and the FAQ.
WALKED_PAGES = ["", "get-help/", "tools/", "faq/", "worksheets/safety-plan/", "is-it-changing/"]
VIEWS = [("light", 1280), ("dark", 1280), ("light", 320), ("dark", 320)]

MIN_RING_PX = 2
MIN_RING_CONTRAST = 3.0

# Remembers each element Tab lands on (in the page, as the DOM may change while
# tabbing: the theme adds tooltips and search results), and whether it comes
# after the previous one in the document.
RECORD_STOP_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const stops = window.__sgStops = window.__sgStops || [];
  const previous = stops[stops.length - 1];
  const result = {
    again: stops.includes(el),
    first: stops[0] === el,
    forward: !previous || Boolean(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
  };
  if (!result.again) stops.push(el);
  return result;
}
"""


def new_page(browser, scheme: str, width: int, height: int = 800):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    return context, page


def walk(page, key: str = "Tab", limit: int = 400) -> list[dict]:
    """Press Tab (or Shift+Tab) until focus leaves the page or comes round again; every stop."""
    page.evaluate("() => { window.__sgStops = []; }")
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        order = page.evaluate(RECORD_STOP_JS)
        if order is None or order["first"]:
            return stops  # focus left the page, or came round once: no trap
        state = page.evaluate(FOCUS_STATE_JS)
        if not (state["visible"] and state["seen"]):
            # The theme reacts to focus a moment later (the search box opens the search; the
            # page scrolls the stop into view): give it up to a second on a busy machine.
            try:
                page.wait_for_function(f"() => {{ const s = ({FOCUS_STATE_JS})(); return s && s.visible && s.seen; }}",
                                       timeout=1000)
            except PlaywrightTimeoutError:
                pass  # still hidden: reported by the caller
            state = page.evaluate(FOCUS_STATE_JS)
        state.update(order)
        stops.append(state)
    raise AssertionError(f"focus never left the page after {limit} presses of {key}: a keyboard trap? "
                         f"last stops: {[describe(s) for s in stops[-5:]]}")


@pytest.mark.parametrize("scheme,width", VIEWS, ids=[f"{s}-{w}px" for s, w in VIEWS])
def test_tab_reaches_every_control_in_order_with_a_visible_ring(browser, site_url, scheme, width):
    context, page = new_page(browser, scheme, width)
    problems = []
    for path in WALKED_PAGES:
        page.goto(site_url + path)
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
        positive = page.evaluate("() => [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).length")
        assert positive == 0, f"{path}: {positive} elements with a positive tabindex change the tab order"
        stops = walk(page)
        assert stops and "md-skip" in stops[0]["classes"], f"{path}: the first Tab stop is not the skip link"
        out_of_order = [describe(stop) for stop in stops if not stop["forward"] or stop["again"]]
        if out_of_order:
            problems.append(f"{path}: the tab order jumps back in the page at {out_of_order}")
        for stop in stops:
            where = f"{path or '/'} {describe(stop)}"
            if not (stop["visible"] and stop["seen"]):
                problems.append(f"{where}: has focus but cannot be seen (hidden, off screen or covered)")
                continue
            thickness, ratio, drawn = focus_ring(stop)
            if thickness < MIN_RING_PX or ratio < MIN_RING_CONTRAST:
                problems.append(f"{where}: focus ring {drawn} {thickness:g}px at {ratio:.2f}:1 "
                                f"(need {MIN_RING_PX}px at {MIN_RING_CONTRAST}:1)")
        # Every link and field of the content is among the stops.
        unreached = page.evaluate("""() => [...document.querySelectorAll('article a[href], article input, article textarea, article button, article select')]
            .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden' && !e.disabled)
            .filter(e => !window.__sgStops.includes(e))
            // Tab stops once in a group of radio buttons; the arrow keys choose within it.
            .filter(e => !(e.type === 'radio' && e.name && window.__sgStops.some(s => s.type === 'radio' && s.name === e.name)))
            .map(e => e.outerHTML.slice(0, 120))""")
        if unreached:
            problems.append(f"{path}: controls in the content never reached by Tab: {unreached}")
    context.close()
    assert not problems, "\n".join(problems)


AT_THE_BOTTOM = "() => Math.ceil(scrollY + innerHeight) >= document.scrollingElement.scrollHeight"


def press_end_until_at_the_bottom(page, tries: int = 10) -> None:
    """End, as a reader presses it again when nothing moved: on a busy machine Chromium
    now and then drops the scroll of an End pressed just after the page loaded (the
    keydown reaches the page, the page does not move)."""
    for _ in range(tries):
        page.keyboard.press("End")
        # The browser animates the End key's scroll; a Shift+Tab during it would be scrolled away.
        try:
            page.wait_for_function(AT_THE_BOTTOM, timeout=3000)
            return
        except PlaywrightTimeoutError:
            continue
    pytest.fail(f"End did not scroll tools/ to the bottom in {tries} tries")


@pytest.mark.parametrize("width", [1280, 320])
def test_shift_tab_walks_back_without_hiding_focus_under_the_header(browser, site_url, width):
    context, page = new_page(browser, "light", width)
    page.goto(site_url + "tools/")
    press_end_until_at_the_bottom(page)
    back = walk(page, "Shift+Tab")
    hidden = [describe(stop) for stop in back if not (stop["visible"] and stop["seen"])]
    context.close()
    assert len(back) > 10
    assert not hidden, f"focused but covered or off screen when going back: {hidden}"


def test_shift_tab_out_of_search_on_a_phone_keeps_focus_in_sight(browser, site_url):
    """On a narrow screen the theme freezes the page while search is open, then scrolls
    back when it closes; the link Shift+Tab moved to must not end up off screen."""
    context, page = new_page(browser, "light", 320)
    page.goto(site_url + "tools/")
    page.mouse.wheel(0, 1500)
    page.wait_for_function("() => scrollY > 1000")
    page.keyboard.press("/")
    page.wait_for_function("() => document.body.hasAttribute('data-md-scrolllock')")
    page.keyboard.press("Shift+Tab")
    page.wait_for_function("() => !document.body.hasAttribute('data-md-scrolllock')")
    _pause_like_a_person(page)
    state = page.evaluate(FOCUS_STATE_JS)
    context.close()
    assert state and state["visible"] and state["seen"], describe(state)


@pytest.mark.parametrize("width", [1280, 320])
def test_skip_link_goes_to_the_page_heading(browser, site_url, width):
    context, page = new_page(browser, "light", width)
    page.goto(site_url + "faq/")
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUS_STATE_JS)
    assert "md-skip" in skip["classes"] and skip["seen"], "the skip link is first and shows when focused"
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#_content'")
    heading = page.evaluate("""() => { const h = document.querySelector('h1'); const r = h.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
        return {id: h.id, top: r.top, seen: h.contains(hit)}; }""")
    assert heading["id"] == "_content" and heading["seen"], heading
    # The next Tab continues from the heading, inside the content.
    page.keyboard.press("Tab")
    after = page.evaluate("""() => Boolean(document.activeElement.closest('article')) &&
        Boolean(document.querySelector('h1').compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)""")
    context.close()
    assert after, "after the skip link, Tab moves on inside the page content"


def _search_open(page) -> bool:
    return page.evaluate("() => document.getElementById('__search').checked")


def _pause_like_a_person(page) -> None:
    # The theme notices focus moving with a 1 ms debounce; a key pressed inside that
    # window (only a script types that fast) is lost. A page timer queued now runs
    # after the theme's, so the next key sees the settled state.
    page.evaluate("() => new Promise(done => setTimeout(done, 50))")


@pytest.mark.parametrize("scheme,width", VIEWS, ids=[f"{s}-{w}px" for s, w in VIEWS])
def test_search_dialog_opens_works_and_closes_by_keyboard(browser, site_url, scheme, width):
    context, page = new_page(browser, scheme, width)
    page.goto(site_url + "faq/")
    start = page.locator("article a[href]:visible").first  # not a link inside a closed word meaning
    wait_for_search_index(page)
    start.focus()
    start_href = start.get_attribute("href")

    # "/" opens the search from anywhere, with focus in the search box.
    page.keyboard.press("/")
    page.wait_for_function("() => document.getElementById('__search').checked")
    box = page.evaluate(FOCUS_STATE_JS)
    assert "md-search__input" in box["classes"] and box["seen"], describe(box)
    thickness, ratio, _ = focus_ring(box)
    assert thickness >= MIN_RING_PX and ratio >= MIN_RING_CONTRAST, f"search box ring {thickness}px {ratio:.2f}:1"

    # Typing shows results; arrow keys move through them, each with a visible ring.
    page.keyboard.type("breathing")
    page.wait_for_selector(".md-search-result__link", state="visible")
    wait_for_results_to_settle(page)
    for _ in range(2):
        page.keyboard.press("ArrowDown")
        result = page.evaluate(FOCUS_STATE_JS)
        in_results = page.evaluate("() => Boolean(document.activeElement.closest('.md-search-result'))")
        assert in_results and result and result["seen"], describe(result)  # a result, or its "more on this page"
        thickness, ratio, _ = focus_ring(result)
        assert thickness >= MIN_RING_PX and ratio >= MIN_RING_CONTRAST, \
            f"{describe(result)}: ring {thickness}px {ratio:.2f}:1"

    # Escape closes it and puts focus back where it was.
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
    page.wait_for_function("href => document.activeElement.getAttribute('href') === href", arg=start_href)
    _pause_like_a_person(page)

    # Tab out of the search box closes it too: focus is never trapped in the dialog.
    page.keyboard.press("/")
    page.wait_for_function("() => document.getElementById('__search').checked")
    page.keyboard.press("Tab")
    outside = page.evaluate("() => !document.activeElement.closest('.md-search') && document.activeElement !== document.body")
    assert outside and not _search_open(page)
    _pause_like_a_person(page)

    # A chosen result opens its page at the block it found, in view below the top bar.
    page.keyboard.press("/")
    page.wait_for_function("() => document.getElementById('__search').checked")
    page.keyboard.type("breathing")
    page.wait_for_selector(".md-search-result__link", state="visible")
    wait_for_results_to_settle(page)
    for _ in range(10):
        page.keyboard.press("ArrowDown")
        if "#" in (page.evaluate("() => document.activeElement.getAttribute('href')") or ""):
            break
    target = page.evaluate("() => document.activeElement.getAttribute('href')").split("#")[1]
    page.keyboard.press("Enter")
    page.wait_for_function("id => location.hash === '#' + id", arg=target)
    page.wait_for_load_state()
    page.wait_for_function("""id => { const h = document.getElementById(id); if (!h) return false; const r = h.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2); return h.contains(hit); }""", arg=target)
    context.close()
