"""Reflow (WCAG 1.4.10), text spacing (1.4.12) and reduced motion (2.3.3 / readers
who get dizzy or distressed by movement), on every built page."""
from __future__ import annotations

import pytest

# 320 CSS px wide: a small phone, and a 1280 x 1024 window zoomed to 400 %.
NARROW_VIEWS = {"phone-320x640": (320, 640), "zoom-400pct-of-1280x1024": (320, 256)}

# WCAG 1.4.12: the reader's own style sheet may set these; nothing may be cut off.
TEXT_SPACING_CSS = """
*, *::before, *::after {
  line-height: 1.5 !important;
  letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important;
}
p { margin-bottom: 2em !important; }
"""

# Content that sticks out to the side (the theme's html element hides
# horizontal overflow, so a scrollbar would not even show: it is simply cut off).
OVERFLOW_JS = r"""
() => {
  const width = document.documentElement.clientWidth;
  const skip = el => el.closest(
    // Off screen by design until opened: the menu drawer, the search, the skip link.
    '.md-sidebar, .md-search, .md-skip, .md-tooltip, .md-tooltip2, [hidden], .sg-visually-hidden');
  // Visually hidden for screen readers only (clipped to nothing): not on screen at all.
  const clipped = new Map();
  const clippedAway = el => {
    if (!el || el === document.body) return false;
    if (!clipped.has(el)) {
      const style = getComputedStyle(el);
      clipped.set(el, style.clipPath !== 'none' || (style.clip && style.clip !== 'auto') || clippedAway(el.parentElement));
    }
    return clipped.get(el);
  };
  const scrollsItself = el => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      const x = getComputedStyle(node).overflowX;
      if (x === 'auto' || x === 'scroll') return node;
    }
    return null;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (skip(el) || !el.getClientRects().length || clippedAway(el)) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.position === 'fixed' && style.opacity === '0') continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const container = scrollsItself(el);
    const limit = container ? container.getBoundingClientRect() : {left: 0, right: width};
    if (!container && (box.right > width + 1 || box.left < -1)) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || '').trim().slice(0, 40)}" spans ${Math.round(box.left)}..${Math.round(box.right)} px`);
    }
  }
  if (document.documentElement.scrollWidth > width + 1) out.unshift(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width} px`);
  return out.slice(0, 12);
}
"""

# Text that its box cuts off: the box hides overflow and the text needs more room.
CLIPPED_JS = r"""
() => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.getClientRects().length || el.closest('[hidden], .sg-visually-hidden, .md-skip, .md-tooltip, .md-tooltip2')) continue;
    // The top bar's title repeats the site name and the page heading, both shown in
    // full (in the menu and as the h1): the theme shortens it with "..." by design.
    if (el.closest('.md-header__title')) continue;
    // The menu drawer slides its panels sideways inside this box on purpose.
    if (el.matches('.md-sidebar__scrollwrap')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const clips = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
    if (!clips || !el.textContent.trim() || el.clientWidth < 4 || el.clientHeight < 4) continue;
    const tooWide = el.scrollWidth > el.clientWidth + 1 && ['hidden', 'clip'].includes(style.overflowX);
    const tooTall = el.scrollHeight > el.clientHeight + 1 && ['hidden', 'clip'].includes(style.overflowY);
    if (tooWide || tooTall) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}" needs ` +
               `${el.scrollWidth}x${el.scrollHeight}, shows ${el.clientWidth}x${el.clientHeight}`);
    }
  }
  return out.slice(0, 12);
}
"""


@pytest.fixture(scope="module")
def every_page(site_pages) -> list[str]:
    return site_pages + ["404.html"]


@pytest.mark.parametrize("view", NARROW_VIEWS, ids=list(NARROW_VIEWS))
def test_nothing_sticks_out_sideways_at_320_css_px(browser, site_url, every_page, view):
    width, height = NARROW_VIEWS[view]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems = []
    for path in every_page:
        page.goto(site_url + path)
        problems += [f"{path or '/'}: {p}" for p in page.evaluate(OVERFLOW_JS)]
        problems += [f"{path or '/'}: {p}" for p in page.evaluate(CLIPPED_JS)]
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [320, 1280])
def test_wider_text_spacing_cuts_nothing_off(browser, site_url, every_page, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = []
    for path in every_page:
        page.goto(site_url + path)
        page.add_style_tag(content=TEXT_SPACING_CSS)
        applied = page.evaluate("() => getComputedStyle(document.querySelector('article') || document.body).letterSpacing")
        assert applied != "normal", "the text spacing style sheet took effect"
        problems += [f"{path or '/'}: {p}" for p in page.evaluate(OVERFLOW_JS)]
        problems += [f"{path or '/'}: {p}" for p in page.evaluate(CLIPPED_JS)]
    context.close()
    assert not problems, "\n".join(problems)


def test_the_overflow_check_sees_content_that_sticks_out(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site_url)
    page.evaluate("() => { const d = document.createElement('div'); d.style.width = '600px'; d.textContent = 'wide';"
                  " document.querySelector('article').append(d); }")
    found = page.evaluate(OVERFLOW_JS)
    context.close()
    assert found


MOTION_JS = r"""
() => {
  const moving = [];
  const seconds = value => value.split(',').map(v => parseFloat(v) * (v.trim().endsWith('ms') ? 0.001 : 1));
  for (const el of [document.documentElement, ...document.querySelectorAll('body, body *')]) {
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      const transition = Math.max(...seconds(style.transitionDuration)) + Math.max(...seconds(style.transitionDelay));
      const animated = style.animationName !== 'none' && Math.max(...seconds(style.animationDuration)) > 0;
      if (transition > 0 || animated) moving.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo || ''}`);
    }
  }
  return {moving: moving.slice(0, 10), count: moving.length, smooth: getComputedStyle(document.documentElement).scrollBehavior};
}
"""


@pytest.mark.parametrize("width", [1280, 320])
def test_reduced_motion_turns_every_animation_off(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + "tools/")
    normal = page.evaluate(MOTION_JS)
    page.emulate_media(reduced_motion="reduce")
    reduced = page.evaluate(MOTION_JS)
    context.close()
    assert normal["count"] > 0, "without the setting the theme does move things (the check is live)"
    assert reduced["count"] == 0, f"still moving with prefers-reduced-motion: {reduced['moving']}"
    assert reduced["smooth"] != "smooth"
