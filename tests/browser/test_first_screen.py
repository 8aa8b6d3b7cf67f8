"""The first screen: it starts with the guide, and tells a reader in danger what to do now.

On the start page, wide and narrow, the organization's emergency number is on
screen as a call link, not covered by anything, and it is the page's first block.

On a small phone (320 x 568), on every page: the heading starts within the top
40% of the screen; the line about what the exit cannot hide is short on screen,
still links to Browse more safely, and is still read in full by screen readers;
the site's name in the top bar is shown whole, not cut short with "...".
"""
from __future__ import annotations

import pytest

from .conftest import EDITION_SETTINGS, SETTINGS, edition_of

VIEWPORTS = [(1280, 800), (320, 568)]
NUMBER = SETTINGS.organization["emergency"]["number"]
CALL_TEXT = SETTINGS.strings["emergency_call"] % NUMBER


@pytest.mark.parametrize("width, height", VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
def test_first_screen_shows_the_emergency_step(browser, site_url, figures, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(site_url)
    call = page.locator(".sg-emergency__number")
    assert call.count() == 1
    assert call.inner_text().strip() == CALL_TEXT
    assert call.get_attribute("href") == "tel:" + NUMBER.replace(" ", "")

    box = call.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, (
        f"the call link ends at {box['y'] + box['height']:.0f} px, below the first screen ({height} px)")
    heading = page.locator(".sg-block--emergency h2").bounding_box()
    assert heading["y"] >= 0 and heading["y"] + heading["height"] <= height

    # Nothing fixed (the exit button, the top bar) sits on top of it.
    on_top = page.evaluate("""([x, y]) => {
        const link = document.querySelector('.sg-emergency__number');
        const hit = document.elementFromPoint(x, y);
        return hit === link || link.contains(hit);
    }""", [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert on_top, "something covers the call link"

    first_block = page.locator(".md-content .sg-block").first
    assert "sg-block--emergency" in first_block.get_attribute("class")
    figures[f"start page call link bottom, {width}x{height}"] = f"{box['y'] + box['height']:.0f} px of {height}"
    context.close()


# --- Every page on a small phone ----------------------------------------------

WIDTH, HEIGHT = 320, 568
MOST = 0.40  # of the screen's height, above the heading's top edge
NAME = SETTINGS.organization["name"]

FACTS = """() => {
  const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left,
                                                                  right: r.right, width: r.width, height: r.height}; };
  const heading = document.querySelector('article h1');
  const name = document.querySelector('.md-header__topic:first-child .md-ellipsis');
  const line = document.querySelector('.sg-exit-limits');
  const link = line.querySelector('a');
  const exit = document.querySelector('.sg-quick-exit__link');
  return {
    heading: box(heading),
    name: {text: name.textContent.trim(), ...box(name), scrollWidth: name.scrollWidth, clientWidth: name.clientWidth,
           scrollHeight: name.scrollHeight, clientHeight: name.clientHeight},
    header: box(document.querySelector('.md-header')),
    exit: box(exit),
    full: box(line.querySelector('.sg-exit-limits__full')),
    short: box(line.querySelector('.sg-exit-limits__short')),
    line: box(line),
    link: link ? {path: new URL(link.href).pathname, ...box(link)} : null,
  };
}"""


@pytest.fixture(scope="module")
def first_screens(browser, site_url, site_pages) -> dict[str, dict]:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    seen = {}
    try:
        for path in site_pages:
            page.goto(site_url + path)
            facts = page.evaluate(FACTS)
            facts["spoken"] = page.locator(".sg-quick-exit").aria_snapshot()
            seen[path] = facts
    finally:
        context.close()
    return seen


def test_every_heading_starts_in_the_top_40_percent(first_screens, figures):
    tops = {path or "/": facts["heading"]["top"] for path, facts in first_screens.items()}
    worst = max(tops, key=tops.get)
    figures[f"lowest heading top at {WIDTH}x{HEIGHT}"] = (f"{tops[worst]:.0f} px = {tops[worst] / HEIGHT:.1%} "
                                                          f"of the screen ({worst}, {len(tops)} pages)")
    late = {path: f"{top:.0f} px" for path, top in tops.items() if top > MOST * HEIGHT}
    assert not late, f"headings below {MOST:.0%} of {HEIGHT} px ({MOST * HEIGHT:.0f} px): {late}"


def test_the_exit_line_is_short_on_screen_and_whole_for_screen_readers(first_screens, site_pages):
    problems = []
    for path, facts in first_screens.items():
        where = path or "/"
        if facts["full"]["width"] > 1 or facts["full"]["height"] > 1:
            problems.append(f"{where}: the long line is on screen ({facts['full']['width']:.0f} px wide)")
        if not facts["short"]["width"]:
            problems.append(f"{where}: the short line is not shown")
        if facts["line"]["height"] > 4 * 22:
            problems.append(f"{where}: the line takes {facts['line']['height']:.0f} px")
        spoken = " ".join(facts["spoken"].split())
        strings = EDITION_SETTINGS[edition_of(path)].strings  # the page's own edition's words
        if strings["exit_limits"] not in spoken or strings["exit_limits_short"] in spoken:
            problems.append(f"{where}: screen readers do not get the whole line, and only it: {spoken!r}")
        if "browse-safely/" in site_pages:
            link = facts["link"]
            if not link or not link["path"].endswith("/browse-safely/"):
                problems.append(f"{where}: no link to Browse more safely")
            elif link["bottom"] > HEIGHT or link["width"] < 1 or link["right"] > facts["exit"]["left"] + 1:
                problems.append(f"{where}: the link to Browse more safely is not fully in view: {link}")
    assert not problems, "\n".join(problems)


def test_the_site_name_is_shown_whole(first_screens):
    problems = []
    for path, facts in first_screens.items():
        name, header, exit_ = facts["name"], facts["header"], facts["exit"]
        where = path or "/"
        if name["text"] != NAME:
            problems.append(f"{where}: the top bar says {name['text']!r}")
        if name["scrollWidth"] > name["clientWidth"] + 1 or name["scrollHeight"] > name["clientHeight"] + 1:
            problems.append(f"{where}: the name needs {name['scrollWidth']}x{name['scrollHeight']} px "
                            f"and shows {name['clientWidth']}x{name['clientHeight']}")
        if name["top"] < header["top"] - 1 or name["bottom"] > header["bottom"] + 1:
            problems.append(f"{where}: the name spills out of the top bar ({name['top']:.0f}..{name['bottom']:.0f} px, "
                            f"bar {header['top']:.0f}..{header['bottom']:.0f} px)")
        if name["right"] > exit_["left"] + 1 and name["top"] < exit_["bottom"]:
            problems.append(f"{where}: the quick exit covers the name")
    assert not problems, "\n".join(problems)


def test_wide_screens_show_the_whole_line(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url)
        shown = page.evaluate("""() => [...document.querySelectorAll('.sg-exit-limits > span')]
            .map(el => [el.className, el.getBoundingClientRect().width > 1])""")
    finally:
        context.close()
    assert shown == [["sg-exit-limits__full", True], ["sg-exit-limits__short", False]]
