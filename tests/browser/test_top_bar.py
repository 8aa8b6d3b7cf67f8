"""The top bar on a phone (320, 360, 375 and 414 px), in both editions, with the
shipped name and with the longest name the settings allow: nothing overlaps the
quick exit or anything else, nothing is cut short, and the language link and the
search button stay reachable targets of at least 24 px. Measured at the top of
the page and with the bar stuck to the top of the screen after scrolling."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from steady_ground.settings import ORGANIZATION

from .conftest import StaticServer, bilingual_project, build_site

WIDTHS = (320, 360, 375, 414)
LONGEST = ORGANIZATION.fields["name"].max_length
# A real-sounding name as long as the settings allow (60 characters).
LONG_NAME = "Asociación Comunitaria de Apoyo a Familias del Valle Hispano"

BOXES = r"""
() => {
  const box = el => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  };
  const name = document.querySelector('.md-header__topic:first-child .md-ellipsis');
  const reachable = el => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return Boolean(hit) && (hit === el || el.contains(hit));
  };
  const lang = document.querySelector('.sg-language__link');
  const search = document.querySelector('.md-header__button[for="__search"]');
  return {
    exit: box(document.querySelector('.sg-quick-exit__link')),
    menu: box(document.querySelector('.md-header__button[for="__drawer"]')),
    name: box(name), nameText: name.innerText, nameOpacity: getComputedStyle(name.closest('.md-header__topic')).opacity,
    nameCut: name.scrollWidth > name.clientWidth + 1 || name.scrollHeight > name.clientHeight + 1,
    lang: box(lang), langReachable: reachable(lang),
    search: box(search), searchReachable: reachable(search),
    bar: box(document.querySelector('.md-header')),
    pageWidth: document.documentElement.scrollWidth,
    scrolled: window.scrollY,
  };
}
"""


def overlap(a: dict, b: dict) -> float:
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(0.0, width) * max(0.0, height)


@pytest.fixture(scope="module")
def long_name_url(tmp_path_factory):
    project = bilingual_project(tmp_path_factory.mktemp("long-name") / "project")
    for organization in (project / "site-data" / "organization.yml",
                         project / "site-data" / "translations" / "es" / "organization.yml"):
        organization.write_text(re.sub(r"(?m)^name:.*$", f"name: {LONG_NAME}", organization.read_text()))
    server = StaticServer(build_site(project / "site", root=project))
    yield server.url
    server.close()


def problems_in(page, width: int, expected_name: str) -> list[str]:
    found = page.evaluate(BOXES)
    problems = []
    if found["pageWidth"] > width:
        problems.append(f"the page is {found['pageWidth']} px wide")
    if " ".join(found["nameText"].split()) != expected_name:
        problems.append(f"the bar shows {found['nameText']!r}")
    if found["nameCut"] or float(found["nameOpacity"]) < 1:
        problems.append("the name is cut short or hidden")
    parts = {part: found[part] for part in ("exit", "menu", "name", "lang", "search")}
    for part, box in parts.items():
        if box["left"] < 0 or box["right"] > width + 0.5:
            problems.append(f"{part} runs off the screen: {box}")
    names = list(parts)
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            if overlap(parts[first], parts[second]) > 1:
                problems.append(f"{first} overlaps {second}")
    for target in ("lang", "search"):
        if found[target]["width"] < 24 or found[target]["height"] < 24:
            problems.append(f"{target} is a {found[target]['width']:.0f}x{found[target]['height']:.0f} px target")
        if not found[f"{target}Reachable"]:
            problems.append(f"{target} is covered")
    return problems, found["scrolled"], found["bar"]["height"]


@pytest.mark.parametrize("which", ["shipped name", "longest name"])
def test_the_phone_top_bar_fits_at_the_top_and_scrolled(browser, site_url, long_name_url, figures, which):
    url, name = (site_url, "Steady Ground") if which == "shipped name" else (long_name_url, LONG_NAME)
    assert which == "shipped name" or len(LONG_NAME) == LONGEST
    report, heights = [], {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 640})
        page = context.new_page()
        for path in ("", "es/"):
            page.goto(url + path)
            problems, _, height = problems_in(page, width, name)
            heights[f"{width}px /{path}"] = round(height)
            report += [f"{width}px /{path} at the top: {p}" for p in problems]
            page.mouse.wheel(0, 900)
            page.wait_for_function("() => window.scrollY > 300")
            page.wait_for_timeout(450)  # the theme's title swap takes 0.4 s
            problems, scrolled, _ = problems_in(page, width, name)
            assert scrolled > 300
            report += [f"{width}px /{path} scrolled: {p}" for p in problems]
        context.close()
    figures[f"phone top bar height, {which} ({len(name)} characters)"] = \
        ", ".join(f"{where} {px} px" for where, px in heights.items())
    assert not report, "\n".join(report)


def test_a_name_longer_than_the_settings_allow_is_refused(tmp_path):
    project = bilingual_project(tmp_path / "project")
    organization = project / "site-data" / "organization.yml"
    organization.write_text(re.sub(r"(?m)^name:.*$", "name: " + "A" * (LONGEST + 1), organization.read_text()))
    result = subprocess.run([sys.executable, "-m", "steady_ground", "--root", str(project), "check"],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "organization.yml" in result.stdout + result.stderr
    assert f"keep it under {LONGEST}" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
