"""The start page's first screen tells a reader in danger what to do now, wide and narrow.

Without scrolling, the organization's emergency number is on screen as a call
link, not covered by anything, and it is the page's first block.
"""
from __future__ import annotations

import pytest

from .conftest import SETTINGS

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
