"""Every page: its language, one h1 and headings in order, named landmarks,
links that make sense on their own, and a title no other page has."""
from __future__ import annotations

from collections import defaultdict

import pytest

from .accessibility import axe_source, run_axe
from .conftest import EDITION_SETTINGS, edition_of

# axe-core's rules for page structure. They are "best practice" in axe, outside
# the WCAG tags, so they are named here one by one.
STRUCTURE_RULES = [
    "page-has-heading-one", "heading-order", "empty-heading",
    "landmark-one-main", "landmark-unique", "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main",
    "landmark-banner-is-top-level", "landmark-main-is-top-level",
    "landmark-contentinfo-is-top-level", "landmark-complementary-is-top-level",
    "region", "skip-link",
]

# Link names that say nothing when a screen reader lists the links of a page.
VAGUE_LINK_NAMES = {"here", "click here", "read more", "more", "link", "this", "this page", "go", "learn more", "details"}

PAGE_FACTS_JS = r"""
() => {
  // Exposed to assistive technology: rendered, and not visibility:hidden.
  const exposed = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  // Links in the drawer or the search count even while those are closed.
  const visible = el => exposed(el) || el.closest('.md-sidebar, .md-search, .md-nav');
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .map(h => ({level: Number(h.tagName[1]), text: h.textContent.trim()}));
  const landmarks = [...document.querySelectorAll('nav, aside, main, header, footer, form[aria-label], form[aria-labelledby], section[aria-label], section[aria-labelledby], [role=search], [role=region], [role=navigation], [role=complementary]')]
    .filter(exposed).map(el => {
      const labelled = el.getAttribute('aria-labelledby');
      const name = el.getAttribute('aria-label') ||
        (labelled ? labelled.split(/\s+/).map(id => (document.getElementById(id) || {textContent: ''}).textContent.trim()).join(' ') : '');
      const role = el.getAttribute('role') || {nav: 'navigation', aside: 'complementary', main: 'main', header: 'banner',
        footer: 'contentinfo', form: 'form', section: 'region'}[el.tagName.toLowerCase()];
      return {role, name, tag: el.tagName.toLowerCase(), nested: Boolean(el.parentElement.closest('article, aside, main, nav, section')) };
    });
  const links = [...document.querySelectorAll('a[href]')].filter(visible).map(a => ({
    name: (a.getAttribute('aria-label') || a.innerText || a.textContent || '').replace(/\s+/g, ' ').trim(),
    href: a.href, inContent: Boolean(a.closest('article'))}));
  return {lang: document.documentElement.lang, title: document.title, headings, landmarks, links};
}
"""


@pytest.fixture(scope="module")
def page_facts(browser, site_url, site_pages):
    """What each page says about itself, read once; and axe's structure rules."""
    source = axe_source()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    facts, structure = {}, {}
    for path in site_pages:
        page.goto(site_url + path)
        facts[path] = page.evaluate(PAGE_FACTS_JS)
        structure[path] = run_axe(page, source, rules=STRUCTURE_RULES)
    context.close()
    return facts, structure


def test_pages_are_in_their_editions_language(page_facts):
    facts, _ = page_facts
    wrong = {path: f["lang"] for path, f in facts.items() if f["lang"] != edition_of(path)}
    assert not wrong, f"<html lang> should be the edition's language: {wrong}"


def test_one_h1_first_and_headings_never_skip_a_level(page_facts):
    facts, _ = page_facts
    problems = []
    for path, f in facts.items():
        levels = [h["level"] for h in f["headings"]]
        if levels.count(1) != 1 or levels[0] != 1:
            problems.append(f"{path}: headings {levels[:6]}..., expected exactly one h1, first")
        for (before, after) in zip(f["headings"], f["headings"][1:]):
            if after["level"] > before["level"] + 1:
                problems.append(f"{path}: h{before['level']} {before['text']!r} is followed by h{after['level']} {after['text']!r}")
        if any(not h["text"] for h in f["headings"]):
            problems.append(f"{path}: an empty heading")
    assert not problems, "\n".join(problems)


def test_titles_are_unique_and_name_the_page_and_the_site(page_facts, browser, site_url):
    facts, _ = page_facts
    by_title = defaultdict(list)  # unique within an edition: another edition may share a name
    problems = []
    for path, f in facts.items():
        by_title[(edition_of(path), f["title"])].append(path or "/")
        h1 = next(h["text"] for h in f["headings"] if h["level"] == 1)
        if path and h1 not in f["title"]:
            problems.append(f"{path}: title {f['title']!r} does not contain the heading {h1!r}")
    problems += [f"{path or '/'}: title {f['title']!r} lacks the site name" for path, f in facts.items()
                 if EDITION_SETTINGS[edition_of(path)].organization["name"] not in f["title"]]
    problems += [f"{len(paths)} pages share the title {title!r}: {paths}" for (_, title), paths in by_title.items()
                 if len(paths) > 1]
    assert not problems, "\n".join(problems)


def test_landmarks_are_named_and_distinct(page_facts):
    facts, structure = page_facts
    problems = []
    for path, f in facts.items():
        roles = defaultdict(list)
        for landmark in f["landmarks"]:
            roles[landmark["role"]].append(landmark["name"])
        for role, names in roles.items():
            # One landmark of a kind needs no name; two or more need names that tell them apart.
            if (len(names) > 1 or role == "region") and not all(names):
                problems.append(f"{path}: {len(names)} {role} landmarks, not all named: {names}")
            if len(names) > 1 and len(set(names)) < len(names):
                problems.append(f"{path}: {role} landmarks share names {names}")
        if len(roles.get("main", [])) != 1:
            problems.append(f"{path}: {len(roles.get('main', []))} main landmarks")
    for path, violations in structure.items():
        for violation in violations:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{path or '/'}: axe {violation['id']}: {targets}")
    assert not problems, "\n".join(problems)


def test_link_names_make_sense_out_of_context(page_facts):
    facts, _ = page_facts
    problems = []
    for path, f in facts.items():
        destinations = defaultdict(set)
        for link in f["links"]:
            name = link["name"].lower().strip(" .:")
            if not name:
                problems.append(f"{path}: a link to {link['href']} has no name")
            elif name in VAGUE_LINK_NAMES:
                problems.append(f"{path}: the link {link['name']!r} says nothing on its own ({link['href']})")
            if link["inContent"]:  # menus and contents lists are named landmarks: their context is known
                destinations[name].add(link["href"])
        for name, hrefs in destinations.items():
            if name and len(hrefs) > 1:
                problems.append(f"{path}: the links named {name!r} go to different places: {sorted(hrefs)}")
    assert not problems, "\n".join(problems)
