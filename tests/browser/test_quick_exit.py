"""The quick exit, proven in a real Chromium on the real built site.

The machine has no internet, so the exit's destination host is answered by a
tiny local stand-in page (context.route); no real network is used.
"""
from __future__ import annotations

import json
import re
import shutil

import pytest

from .conftest import (BEFORE_URL, DESTINATION, EDITION_SETTINGS, NEUTRAL_PAGE, ROOT, SETTINGS, StaticServer,
                       answer_for_destination, build_site, edition_of, search_for)

QUICK_EXIT = SETTINGS.organization["quick_exit"]
STRINGS = SETTINGS.strings
EXIT = ".sg-quick-exit__link"
STATUS = ".sg-quick-exit__status"
WIDTHS = {320: 640, 1280: 800}


@pytest.fixture(scope="module")
def guide_page(site_pages) -> str:
    """A guide page of the default edition, other than the start page."""
    inner = [path for path in site_pages if path and edition_of(path) == SETTINGS.editions[0]]
    return inner[len(inner) // 2]


def click_exit(page) -> None:
    """A real mouse click that does not wait for the (held) navigation."""
    box = page.locator(EXIT).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def is_blank(page) -> bool:
    return page.evaluate("""() => {
        const overlay = document.querySelector('.sg-exit-overlay');
        if (!overlay) return false;
        const hidden = [...document.body.children].filter(e => e !== overlay)
            .every(e => getComputedStyle(e).visibility === 'hidden');
        return hidden && document.elementFromPoint(innerWidth / 2, innerHeight / 2) === overlay;
    }""")


# --- Activation --------------------------------------------------------------

def test_click_leaves_for_the_destination(context, site_url, guide_page):
    answer_for_destination(context)
    page = context.new_page()
    page.goto(site_url + guide_page)
    page.locator(EXIT).click()
    page.wait_for_url(DESTINATION)
    assert page.title() == "Neutral site"


def test_tap_on_a_touch_screen_leaves(browser, site_url, guide_page):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 320, "height": 640})
    try:
        answer_for_destination(context)
        page = context.new_page()
        page.goto(site_url + guide_page)
        page.locator(EXIT).tap()
        page.wait_for_url(DESTINATION)
    finally:
        context.close()


def test_enter_on_the_focused_link_leaves(context, site_url, guide_page):
    answer_for_destination(context)
    page = context.new_page()
    page.goto(site_url + guide_page)
    for _ in range(2):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('{EXIT}')"):
            break
    assert page.evaluate(f"document.activeElement.matches('{EXIT}')"), "not within the first two Tab stops"
    page.keyboard.press("Enter")
    page.wait_for_url(DESTINATION)


def test_three_shift_presses_leave(context, site_url, guide_page):
    answer_for_destination(context)
    page = context.new_page()
    page.goto(site_url + guide_page)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(DESTINATION)
    assert page.title() == "Neutral site"


def test_without_javascript_the_link_still_leaves(browser, site_url, guide_page):
    context = browser.new_context(java_script_enabled=False)
    try:
        answer_for_destination(context)
        page = context.new_page()
        page.goto(site_url + guide_page)
        page.locator(EXIT).click()
        page.wait_for_url(DESTINATION)
        assert "Neutral site" in page.content()
    finally:
        context.close()


def test_shift_used_as_a_modifier_does_not_count(context, site_url, guide_page):
    seen = answer_for_destination(context)
    page = context.new_page()
    page.goto(site_url + guide_page)
    for _ in range(3):
        page.keyboard.press("Shift+A")
    assert page.locator(STATUS).text_content() == ""
    # Shift held for clicks (selecting text) does not count either.
    for _ in range(3):
        page.keyboard.down("Shift")
        page.mouse.click(5, 300)
        page.keyboard.up("Shift")
    assert page.locator(STATUS).text_content() == ""
    # Two lone presses, then a capital letter: the count starts over.
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift")
    assert page.locator(STATUS).text_content() == STRINGS["quick_exit_shift_two_more"]
    assert not is_blank(page) and page.url == site_url + guide_page and not seen


def test_shift_count_is_spoken_and_expires_after_five_seconds(context, site_url, guide_page):
    answer_for_destination(context)
    page = context.new_page()
    page.clock.install()
    page.goto(site_url + guide_page)
    # From here the page's time moves only when the test says: on a busy machine the
    # real time between run_for(4900) and the next press could otherwise pass 5 seconds.
    page.clock.pause_at(page.evaluate("() => Date.now()") + 1000)
    status = page.locator(STATUS)
    assert status.get_attribute("role") == "status"  # a polite live region
    page.keyboard.press("Shift")
    assert status.text_content() == STRINGS["quick_exit_shift_two_more"]
    page.keyboard.press("Shift")
    assert status.text_content() == STRINGS["quick_exit_shift_one_more"]
    page.clock.run_for(5001)
    assert status.text_content() == STRINGS["quick_exit_shift_expired"]
    # After it expired, a press counts as the first again.
    page.keyboard.press("Shift")
    assert status.text_content() == STRINGS["quick_exit_shift_two_more"]
    # Presses 4.9 seconds apart still count.
    page.clock.run_for(4900)
    page.keyboard.press("Shift")
    assert status.text_content() == STRINGS["quick_exit_shift_one_more"]
    page.clock.run_for(4900)
    page.keyboard.press("Shift")
    page.wait_for_url(DESTINATION)


# --- What the reader sees while the next site loads ---------------------------
# While the destination is held (a slow network), Chromium keeps running the page
# but Playwright's evaluate waits for the navigation, so the page reports what it
# shows through the console.

WATCH_ACTIVATION = """
(() => {
  function facts() {
    const overlay = document.querySelector('.sg-exit-overlay');
    const main = document.querySelector('.md-main');
    const link = document.querySelector('.sg-quick-exit__link');
    const grid = [];
    for (const x of [1, innerWidth / 2, innerWidth - 2])
      for (const y of [1, innerHeight / 2, innerHeight - 2]) grid.push(document.elementFromPoint(x, y));
    const r = link.getBoundingClientRect();
    const atLink = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      overlay: !!overlay,
      mainHidden: getComputedStyle(main).visibility === 'hidden',
      othersHidden: [...document.body.children].filter(e => e !== overlay)
        .every(e => getComputedStyle(e).visibility === 'hidden'),
      gridIsOverlay: !!overlay && grid.every(e => e === overlay),
      overlayOpaque: !!overlay && /^rgb\\(/.test(getComputedStyle(overlay).backgroundColor),
      title: document.title,
      linkUsable: atLink === link || link.contains(atLink),
    };
  }
  let shifts = 0;
  function watch(event) {
    // The test presses Shift exactly three times: the third release activates.
    if (event.type === 'keyup' && (event.key !== 'Shift' || ++shifts < 3)) return;
    if (event.type === 'click' && !(event.target.closest && event.target.closest('.sg-quick-exit__link'))) return;
    const activated = event.timeStamp;
    const before = document.title;
    let frames = 0;
    requestAnimationFrame(function check() {
      frames += 1;
      const seen = facts();
      if (!(seen.overlay && seen.mainHidden) && frames < 60) return requestAnimationFrame(check);
      const report = {ms: performance.now() - activated, frames, before, blank: seen};
      if (window.SG_SIMULATE_RETURN) {
        window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
        report.returned = facts();
      }
      console.log('sg-blanked ' + JSON.stringify(report));
    });
  }
  addEventListener('click', watch, true);
  addEventListener('keyup', watch, true);
})();
"""


def activate_and_watch(context, site_url, path, how, simulate_return=False) -> tuple[dict, list]:
    held: list = []
    answer_for_destination(context, hold=held)
    page = context.new_page()
    page.add_init_script(("window.SG_SIMULATE_RETURN = true;" if simulate_return else "") + WATCH_ACTIVATION)
    page.goto(site_url + path)
    with page.expect_console_message(lambda m: m.text.startswith("sg-blanked ")) as message:
        if how == "click":
            click_exit(page)
        else:
            for _ in range(3):
                page.keyboard.press("Shift")
    report = json.loads(message.value.text.split(" ", 1)[1])
    for _ in range(250):  # let the held request reach the route handler
        if held:
            break
        page.wait_for_timeout(20)
    return report, held, page


@pytest.mark.parametrize("how", ["click", "shift"])
def test_page_is_blank_in_the_first_frame_after_activation(context, site_url, guide_page, how, figures):
    report, held, page = activate_and_watch(context, site_url, guide_page, how)
    blank = report["blank"]
    # The very next frame already shows nothing of the page.
    assert report["frames"] == 1, report
    assert blank["overlay"] and blank["mainHidden"] and blank["othersHidden"], report
    assert blank["gridIsOverlay"] and blank["overlayOpaque"], report
    assert blank["title"] != report["before"], "the tab title still names the page"
    assert held, "the destination was not requested"
    figures[f"time from activation ({how}) to blanked page, ms"] = round(report["ms"], 1)
    held[0].fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)
    page.wait_for_url(DESTINATION)


def test_return_through_back_forward_cache_shows_a_usable_page(context, site_url, guide_page):
    # After location.replace this page has no history entry left, so Chromium cannot
    # bring it back from the cache; the pageshow event (persisted) that a browser
    # sends then is sent by hand, while the next site is still loading.
    report, held, page = activate_and_watch(context, site_url, guide_page, "click", simulate_return=True)
    assert report["blank"]["overlay"], report
    returned = report["returned"]
    assert not returned["overlay"] and not returned["mainHidden"] and not returned["othersHidden"], report
    assert returned["title"] == report["before"], report
    assert returned["linkUsable"], report
    held[0].fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)
    page.wait_for_url(DESTINATION)


# --- History footprint ---------------------------------------------------------

def test_five_page_visit_then_exit_leaves_nothing_behind_back(context, site_url, figures):
    answer_for_destination(context)
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(BEFORE_URL)
    before = page.evaluate("history.length")
    page.goto(site_url)  # arriving adds the one entry the visit may add
    visited = [page.url]
    lengths = [page.evaluate("history.length")]

    def move(action):
        old = page.url
        with page.expect_navigation():
            action()
        assert page.url != old
        visited.append(page.url)
        lengths.append(page.evaluate("history.length"))

    move(lambda: page.locator("a.md-footer__link--next").click())      # the in-page Next link
    move(lambda: page.keyboard.press("n"))                              # the theme's Next shortcut
    page.locator("a.md-skip").focus()                                   # an in-page anchor
    page.keyboard.press("Enter")
    lengths.append(page.evaluate("history.length"))
    move(lambda: page.locator("a.md-footer__link--next").click())
    move(lambda: page.locator("a.md-footer__link--prev").click())      # the in-page Previous link
    menu = page.locator(".md-sidebar--primary a.md-nav__link[href]")
    unvisited = [i for i in range(menu.count()) if menu.nth(i).is_visible()
                 and menu.nth(i).evaluate("a => a.href.split('#')[0]") not in visited]
    assert unvisited, "the menu offers no other page"
    move(lambda: menu.nth(unvisited[0]).click())                       # the menu
    assert len(set(visited)) >= 5 and all(url.startswith(site_url) for url in visited), visited
    assert max(lengths) - before <= 1, (before, lengths)

    page.locator(EXIT).click()
    page.wait_for_url(DESTINATION)
    added = page.evaluate("history.length") - before
    figures["history entries added by a 5-page visit and the exit"] = added
    assert added <= 1
    page.go_back()
    assert page.url == BEFORE_URL, f"Back leads to {page.url}"


def test_search_result_replaces_the_history_entry(context, site_url, site_pages):
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + site_pages[-1])
    word = max(page.locator("article h1").text_content().split(), key=len).strip("?.!,:")
    page.goto(site_url)
    before = page.evaluate("history.length")
    open_search(page, word)
    with page.expect_navigation():
        page.locator(".md-search-result__link").first.click()
    assert page.url != site_url
    assert page.evaluate("history.length") == before


@pytest.fixture(scope="module")
def site_keeping_history(tmp_path_factory, site_url):
    """The small test guide, built by an organization that set keep_out_of_history: false."""
    root = tmp_path_factory.mktemp("history-on")
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini-guide" / "content", root / "content")
    shutil.copytree(ROOT / "site-data", root / "site-data")
    organization = root / "site-data" / "organization.yml"
    text = organization.read_text()
    assert "keep_out_of_history: true" in text
    organization.write_text(text.replace("keep_out_of_history: true", "keep_out_of_history: false"))
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("- hooks/site_hooks.py", f"- {ROOT / 'hooks' / 'site_hooks.py'}")
    config = re.sub(r"(?m)^watch:\n(  - .*\n)+", "", config)
    (root / "mkdocs.yml").write_text(config)
    server = StaticServer(build_site(root / "site", root=root))
    yield server.url
    server.close()


def test_an_organization_can_turn_the_history_footprint_off(context, site_keeping_history):
    page = context.new_page()
    page.goto(site_keeping_history)
    assert page.locator("[data-keep-out-of-history='false']").count() == 1
    before = page.evaluate("history.length")
    with page.expect_navigation():
        page.locator("a.md-footer__link--next").click()
    assert page.evaluate("history.length") == before + 1


# --- Where it is and what it looks like, on every page -------------------------
# Every page is visited once per width; the tests below read what was seen.

FACTS = """() => {
  const link = document.querySelector('.sg-quick-exit__link');
  if (!link) return null;
  const r = link.getBoundingClientRect();
  const hits = [[r.left + r.width / 2, r.top + r.height / 2], [r.left + 3, r.top + 3],
                [r.right - 3, r.bottom - 3]].map(([x, y]) => {
    const hit = document.elementFromPoint(x, y);
    return hit === link || link.contains(hit);
  });
  return {top: r.top, left: r.left, right: r.right, bottom: r.bottom, width: r.width, height: r.height,
          uncovered: hits.every(Boolean), href: link.getAttribute('href'), rel: link.getAttribute('rel'),
          target: link.getAttribute('target'), tag: link.tagName};
}"""

PAGE_EXTRAS = """() => {
  const line = document.querySelector('.sg-exit-limits');
  const more = line && line.querySelector('a');
  return {
    limitsText: line ? line.textContent.replace(/\\s+/g, ' ').trim() : null,
    limitsCount: document.querySelectorAll('.sg-exit-limits').length,
    limitsLink: more ? new URL(more.href).pathname : null,
    previous: document.querySelectorAll('a.md-footer__link--prev').length,
    next: document.querySelectorAll('a.md-footer__link--next').length,
  };
}"""

COLOURS = """() => {
  const link = document.querySelector('.sg-quick-exit__link');
  const colours = () => { const s = getComputedStyle(link); return [s.color, s.backgroundColor]; };
  document.activeElement.blur();
  const rest = colours();
  link.focus();
  const focus = colours();
  link.blur();
  return {rest, focus};
}"""


AT_TOP_AND_BOTTOM = """async () => {
  const facts = (""" + FACTS + """)();
  if (!facts) return {facts};
  const extras = (""" + PAGE_EXTRAS + """)();
  window.scrollTo(0, document.documentElement.scrollHeight);
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const scrolled = (""" + FACTS + """)();
  window.scrollTo(0, 0);
  return {facts, scrolled, ...extras};
}"""


def survey_page(page, width: int, path: str) -> dict:
    seen: dict = page.evaluate(AT_TOP_AND_BOTTOM)
    if seen["facts"] is None:
        return seen
    edition = EDITION_SETTINGS[edition_of(path)]  # the words of the page's own edition
    name = re.compile("^" + re.escape(edition.strings["quick_exit_emergency"]) + r"\W+"
                      + re.escape(edition.organization["quick_exit"]["label"]) + "$")
    seen["named"] = page.get_by_role("link", name=name).count()
    stops = []
    for _ in range(2):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(f"document.activeElement.matches('{EXIT}')"))
    seen["tab_stop"] = stops.index(True) + 1 if True in stops else None
    if width == max(WIDTHS):
        seen["colours"] = {}
        for scheme in ("dark", "light"):
            page.emulate_media(color_scheme=scheme)
            for state, colours in page.evaluate(COLOURS).items():
                seen["colours"][(scheme, state)] = colours
    return seen


@pytest.fixture(scope="module")
def survey(browser, site_url, site_pages):
    """What every page shows at a width: {width: {path: facts}}, filled on first use."""
    done: dict[int, dict[str, dict]] = {}

    def at(width: int) -> dict[str, dict]:
        if width not in done:
            context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
            page = context.new_page()
            try:
                done[width] = {}
                for path in site_pages:
                    page.goto(site_url + path, wait_until="domcontentloaded")
                    done[width][path] = survey_page(page, width, path)
            finally:
                context.close()
        return done[width]
    return at


def check_in_view(facts, width, height, where) -> list[str]:
    problems = []
    if facts["width"] < 44 or facts["height"] < 44:
        problems.append(f"{where}: target {facts['width']:.0f}x{facts['height']:.0f} px")
    if not (0 <= facts["top"] and facts["bottom"] <= min(height, 120) and 0 <= facts["left"]
            and facts["right"] <= width):
        problems.append(f"{where}: not fully in view at the top ({facts})")
    if not facts["uncovered"]:
        problems.append(f"{where}: something covers it")
    return problems


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_exit_on_every_page_is_reachable_first_and_always_in_view(survey, width):
    height = WIDTHS[width]
    problems: list[str] = []
    for path, seen in survey(width).items():
        where = f"{path or '/'} at {width}px"
        facts = seen["facts"]
        if facts is None:
            problems.append(f"{where}: no quick exit")
            continue
        if facts["tag"] != "A" or facts["href"] != DESTINATION or facts["target"]:
            problems.append(f"{where}: not a plain link to {DESTINATION}: {facts}")
        if not {"nofollow", "noreferrer"} <= set((facts["rel"] or "").split()):
            problems.append(f"{where}: rel is {facts['rel']!r}")
        if seen["named"] != 1:
            problems.append(f"{where}: accessible name does not start with the emergency cue")
        if seen["tab_stop"] is None:
            problems.append(f"{where}: not within the first two Tab stops")
        problems += check_in_view(facts, width, height, where)
        problems += check_in_view(seen["scrolled"], width, height, where + " scrolled down")
    assert not problems, "\n".join(problems)


def contrast(foreground: str, background: str) -> float:
    def luminance(css: str) -> float:
        parts = [float(p) for p in re.findall(r"[\d.]+", css)[:3]]
        linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_exit_text_contrast_in_light_and_dark(survey, figures):
    lowest = 21.0
    problems = []
    for path, seen in survey(max(WIDTHS)).items():
        for (scheme, state), (colour, background) in seen["colours"].items():
            if background.startswith("rgba") and not background.endswith(", 1)"):
                problems.append(f"{path or '/'} {scheme} {state}: see-through background {background}")
            ratio = contrast(colour, background)
            lowest = min(lowest, ratio)
            if ratio < 4.5:
                problems.append(f"{path or '/'} {scheme} {state}: {ratio:.2f}:1 ({colour} on {background})")
    figures["lowest quick exit text contrast"] = f"{lowest:.2f}:1"
    assert not problems, "\n".join(problems)


def test_every_page_says_what_the_exit_does_not_hide(survey, site_pages):
    problems = []
    for path, seen in survey(max(WIDTHS)).items():
        strings = EDITION_SETTINGS[edition_of(path)].strings
        if seen["limitsCount"] != 1 or strings["exit_limits"] not in (seen["limitsText"] or ""):
            problems.append(f"{path or '/'}: no line on what the exit does not hide")
        elif "browse-safely/" in site_pages and not (seen["limitsLink"] or "").endswith("/browse-safely/"):
            problems.append(f"{path or '/'}: the line does not link to Browse more safely")
    assert not problems, problems


def test_every_page_has_previous_and_next_links(survey):
    pages = survey(max(WIDTHS))
    without_previous = [path or "/" for path, seen in pages.items() if seen["previous"] != 1]
    without_next = [path or "/" for path, seen in pages.items() if seen["next"] != 1]
    # Only the first page of each edition has no Previous, only the last no Next.
    editions = len(SETTINGS.editions)
    assert len(without_previous) == editions and len(without_next) == editions, (without_previous, without_next)


def open_search(page, query: str) -> None:
    page.keyboard.press("s")  # the theme's shortcut: opens search at every width
    assert search_for(page, query), f"no search results for {query!r}"


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_nothing_the_theme_opens_covers_the_exit(browser, site_url, site_pages, width):
    height = WIDTHS[width]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(site_url + site_pages[0])
        query = page.locator("article h1").first.text_content().split()[0]
        open_search(page, query)
        page.wait_for_timeout(400)  # the search panel slides in
        assert page.evaluate("document.getElementById('__search').checked")
        assert not check_in_view(page.evaluate(FACTS), width, height, "search open")
        page.keyboard.press("Escape")
        if width < 1220:  # the menu is a drawer on small screens
            page.locator(".md-header label[for='__drawer']").click()
            page.wait_for_timeout(400)  # the drawer slides in
            assert page.evaluate("document.getElementById('__drawer').checked")
            assert not check_in_view(page.evaluate(FACTS), width, height, "menu open")
        # The skip link shows at the top when focused.
        page.reload()
        page.locator("a.md-skip").focus()
        assert not check_in_view(page.evaluate(FACTS), width, height, "skip link shown")
    finally:
        context.close()
