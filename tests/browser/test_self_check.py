"""The self-check ("Is it really changing?") in the real Chromium, in both editions: answers bring
the reflection in a polite live region, a danger answer puts the danger signs, the emergency number
and the help lines first, nothing is stored, sent or put into the address, the quick exit blanks it,
it works by keyboard, passes axe and reflows at 320 px once answered, and without JavaScript every
reflection is written out (its print is in test_worksheets_print.py)."""
from __future__ import annotations

import json
import re

import pytest

from steady_ground.project import Project, load_project_site

from .accessibility import FOCUS_STATE_JS, axe_source, focus_ring, run_axe
from .conftest import DESTINATION, EDITION_SETTINGS, NEUTRAL_PAGE, ROOT, answer_for_destination
from .test_quick_exit import WATCH_ACTIVATION, click_exit
from .test_reflow import CLIPPED_JS, OVERFLOW_JS

PAGE_ID = "is-it-changing"
GUIDES = {code: edition.guide for code, edition in load_project_site(Project.at(ROOT)).editions.items()}
EDITIONS = list(GUIDES)
CHECK = "[data-sg-self-check]"

STORED = """async () => ({
  local: localStorage.length, session: sessionStorage.length, cookies: document.cookie,
  databases: indexedDB.databases ? (await indexedDB.databases()).length : 0,
  caches: (await caches.keys()).length,
})"""

# What the reader sees of the reflection: each shown group's heading and text, in order.
SHOWN_ANSWERS = """() => [...document.querySelectorAll('[data-sg-answers] > [data-sg-for]')]
  .filter(el => el.getClientRects().length)
  .map(el => ({id: el.getAttribute('data-sg-for'), text: el.innerText.replace(/\\s+/g, ' ').trim()}))"""


def block(edition: str) -> dict:
    page = GUIDES[edition].page(PAGE_ID)
    return next(b.data for b in page.blocks if b.type == "self_check")


def url(site_url: str, edition: str = "en") -> str:
    return site_url + ("" if edition == EDITIONS[0] else f"{edition}/") + f"{PAGE_ID}/"


def plain(text: str) -> str:
    return " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "").replace("\u00ab", "«").split())


def words_of(items: list[dict]) -> list[str]:
    out = []
    for item in items:
        out += [plain(item["text"])] if item["kind"] == "text" else [plain(t) for t in item.get(item["kind"], [])]
    return out


def answer(page, group: int, statement: int, choice: int) -> None:
    page.locator(f'{CHECK} input[name="is-it-changing-check-{group}-{statement}"]').nth(choice).check()


def groups_of(edition: str) -> list[dict]:
    return block(edition)["groups"]


def danger_index(edition: str) -> int:
    return next(i for i, g in enumerate(groups_of(edition), start=1) if g["danger"])


def test_the_page_has_the_three_groups_and_a_danger_group_in_both_editions():
    for edition in EDITIONS:
        groups = groups_of(edition)
        assert len(groups) == 3 and [g["danger"] for g in groups] == [False, False, True], edition
        assert all(len(g["statements"]) >= 4 for g in groups)


@pytest.mark.parametrize("edition", EDITIONS)
def test_answers_bring_the_reflection_in_a_polite_live_region(page, site_url, edition):
    data = block(edition)
    page.goto(url(site_url, edition))
    region = page.locator("[data-sg-answers]")
    assert region.get_attribute("aria-live") == "polite"
    assert page.locator("[data-sg-waiting]").is_visible()
    assert page.evaluate(SHOWN_ANSWERS) == []  # nothing before an answer

    answer(page, 1, 1, 0)  # "Yes" to the first sign of change
    shown = page.evaluate(SHOWN_ANSWERS)
    assert [s["id"] for s in shown] == [data["groups"][0]["id"]]
    assert all(words in shown[0]["text"] for words in words_of(data["groups"][0]["if_any"]))
    assert not any(words in shown[0]["text"] for words in words_of(data["groups"][0]["if_none"]))
    assert data["any_label"] not in shown[0]["text"], "on screen the condition is not repeated"
    assert not page.locator("[data-sg-waiting]").is_visible()

    # "No" to every statement of the second group: its "if none" words.
    for statement in range(1, len(data["groups"][1]["statements"]) + 1):
        answer(page, 2, statement, 2)
    shown = page.evaluate(SHOWN_ANSWERS)
    assert [s["id"] for s in shown] == [data["groups"][0]["id"], data["groups"][1]["id"]]
    assert all(words in shown[1]["text"] for words in words_of(data["groups"][1]["if_none"]))
    # Answers change: "Sometimes" to one of them brings its "if any" words instead.
    answer(page, 2, 1, 1)
    shown = page.evaluate(SHOWN_ANSWERS)
    assert all(words in shown[1]["text"] for words in words_of(data["groups"][1]["if_any"]))
    assert region.locator(".sg-emergency__number").count() == 1 and not region.locator(".sg-emergency__number").is_visible()


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_danger_answer_puts_the_danger_signs_the_emergency_number_and_help_first(page, site_url, edition):
    data = block(edition)
    settings = EDITION_SETTINGS[edition]
    page.goto(url(site_url, edition))
    answer(page, 1, 1, 0)  # a sign of change first ...
    answer(page, danger_index(edition), 2, 1)  # ... then "Sometimes" to one danger sign
    shown = page.evaluate(SHOWN_ANSWERS)
    danger = next(g for g in data["groups"] if g["danger"])
    assert [s["id"] for s in shown] == [danger["id"], data["groups"][0]["id"]], "danger first"
    first = page.locator(f'[data-sg-for="{danger["id"]}"]')
    text = shown[0]["text"]
    assert all(words in text for words in words_of(danger["if_any"]))
    # The advocate's words from the page's YAML: her judgement, an advocate can help.
    assert ("judgement" if edition == "en" else "la juzgas tú") in text
    assert ("An advocate can" if edition == "en" else "Una persona intercesora puede") in text
    assert first.locator('a[href$="safety/#danger-signs"]').is_visible()
    assert first.locator('a[href$="safety/"]').first.is_visible()
    number = settings.organization["emergency"]["number"]
    call = first.locator(f'a.sg-emergency__number[href="tel:{number}"]')
    assert call.is_visible() and call.inner_text() == settings.strings["emergency_call"] % number
    for channel in settings.organization["help_channels"]:
        assert channel["label"] in text
    # All of it comes before anything else the reflection says.
    assert text.index(words_of(danger["if_any"])[0]) < text.index(settings.organization["help_channels"][0]["label"])


def test_the_check_never_gives_a_score_or_a_verdict():
    english = json.dumps(block("en"), ensure_ascii=False).lower()
    spanish = json.dumps(block("es"), ensure_ascii=False).lower()
    for verdict in (r"\bfine\b", r"\bleave\b", r"\bleaving\b", r"\bverdict\b", r"\d"):
        assert not re.search(verdict, english), verdict
    for verdict in (r"está bien", r"\bdéja", r"\bvete\b", r"\birte\b", r"\bdejar\b", r"\btermina", r"\d"):
        assert not re.search(verdict, spanish), verdict
    assert "there is no score" in english and "no hay puntos" in spanish


def test_nothing_is_stored_sent_or_put_in_the_address(context, page, site_url):
    page.goto(url(site_url))
    page.wait_for_load_state("networkidle")
    before = page.evaluate(STORED)
    asked_before = len(context.request_log.urls)
    assert page.locator("article form").count() == 0, "the answers are in no form: nothing can be submitted"
    assert page.locator(".sg-self-check__privacy").is_visible()
    assert page.locator(".sg-self-check__privacy").inner_text() == plain(block("en")["privacy"])
    for group, statement, choice in [(1, 1, 0), (1, 2, 1), (2, 1, 2), (danger_index("en"), 1, 0)]:
        answer(page, group, statement, choice)
    page.locator(f"{CHECK} input[type=radio]").first.focus()
    page.keyboard.press("Enter")  # Enter on a radio button submits nothing
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert page.evaluate(STORED) == before == {"local": 0, "session": 0, "cookies": "", "databases": 0, "caches": 0}
    assert context.request_log.urls[asked_before:] == [], "answering asked nothing of any host"
    assert page.url == url(site_url)


def checked(page) -> int:
    return page.locator(f"{CHECK} input[type=radio]:checked").count()


def test_clear_and_leaving_the_page_empty_the_answers(page, site_url):
    strings = EDITION_SETTINGS["en"].strings
    page.goto(url(site_url))
    clear = page.get_by_role("button", name=strings["self_check_clear"], exact=True)
    assert not clear.is_visible()
    answer(page, 1, 1, 0)
    answer(page, danger_index("en"), 1, 0)
    clear.click()
    assert checked(page) == 0 and page.evaluate(SHOWN_ANSWERS) == []
    page.get_by_role("status").filter(has_text=strings["self_check_cleared"]).wait_for()
    # What a browser does when it keeps the page in its back/forward cache.
    answer(page, 1, 1, 0)
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}))")
    assert checked(page) == 0 and page.evaluate(SHOWN_ANSWERS) == []
    answer(page, 2, 1, 0)
    page.goto(site_url + "faq/")
    page.go_back()
    page.wait_for_selector(CHECK)
    assert checked(page) == 0 and page.evaluate(SHOWN_ANSWERS) == []


def test_the_quick_exit_blanks_an_answered_check(context, site_url):
    held: list = []
    answer_for_destination(context, hold=held)
    page = context.new_page()
    page.add_init_script(WATCH_ACTIVATION)
    page.goto(url(site_url))
    answer(page, danger_index("en"), 1, 0)
    assert page.evaluate(SHOWN_ANSWERS)
    with page.expect_console_message(lambda m: m.text.startswith("sg-blanked ")) as message:
        click_exit(page)
    report = json.loads(message.value.text.split(" ", 1)[1])
    assert report["frames"] == 1 and report["blank"]["overlay"] and report["blank"]["othersHidden"], report
    assert report["blank"]["gridIsOverlay"], report
    for _ in range(250):  # let the held request reach the route handler
        if held:
            break
        page.wait_for_timeout(20)
    assert held, "the destination was not requested"
    held[0].fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)
    page.wait_for_url(DESTINATION)


@pytest.mark.parametrize("width", [1280, 320])
def test_every_answer_by_keyboard_with_a_visible_ring(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(url(site_url))
        first = page.locator(f'{CHECK} input[name="is-it-changing-check-1-1"]')
        first.first.focus()
        page.keyboard.press("Space")  # the first answer of the first statement
        assert first.nth(0).is_checked()
        page.keyboard.press("ArrowRight")  # the next answer, in the same statement
        assert first.nth(1).is_checked() and page.evaluate(SHOWN_ANSWERS)
        state = page.evaluate(FOCUS_STATE_JS)
        thickness, ratio, drawn = focus_ring(state)
        assert state["visible"] and state["seen"] and thickness >= 2 and ratio >= 3, drawn
        page.keyboard.press("Tab")  # Tab goes on to the next statement
        assert page.evaluate("() => document.activeElement.name") == "is-it-changing-check-1-2"
        # Every statement in turn, then the button that clears them.
        statements = page.locator(f"{CHECK} .sg-self-check__statement").count()
        for _ in range(statements - 1):
            page.keyboard.press("Space")
            page.keyboard.press("Tab")
        while page.evaluate("() => document.activeElement.matches('[data-sg-answers] a')"):
            page.keyboard.press("Tab")  # the links in the reflection
        assert page.evaluate("() => document.activeElement.hasAttribute('data-sg-clear')")
        assert checked(page) == statements
        page.keyboard.press("Enter")
        assert checked(page) == 0
        assert page.evaluate("() => document.activeElement.name") == "is-it-changing-check-1-1"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 320])
def test_an_answered_check_passes_axe_and_reflows(browser, site_url, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    try:
        found = []
        for edition in EDITIONS:
            page.goto(url(site_url, edition))
            answer(page, 1, 1, 0)
            answer(page, 2, 1, 1)
            answer(page, danger_index(edition), 1, 0)
            assert len(page.evaluate(SHOWN_ANSWERS)) == 3
            # Back at the top, as every page is checked: a control scrolled under the fixed
            # top bar would count as covered.
            page.evaluate("() => window.scrollTo(0, 0)")
            found += [f"{edition}: {v['id']}: {[n['target'] for n in v['nodes']]}" for v in run_axe(page, axe_source())]
            if width == 320:
                found += [f"{edition}: {p}" for p in page.evaluate(OVERFLOW_JS) + page.evaluate(CLIPPED_JS)]
        assert not found, "\n".join(found)
    finally:
        context.close()


@pytest.mark.parametrize("edition", EDITIONS)
def test_without_javascript_every_reflection_is_written_out(browser, site_url, edition):
    data = block(edition)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url(site_url, edition))
        text = " ".join(page.locator(CHECK).inner_text().split())
        order = []
        for group in sorted(data["groups"], key=lambda g: not g["danger"]):  # danger first
            for words in [group["heading"], *words_of(group["if_any"]), *words_of(group["if_none"])]:
                assert words in text, words
            order.append(text.index(words_of(group["if_any"])[0], text.index(data["reflection_heading"])))
        assert order == sorted(order)
        reflection = text[text.index(data["reflection_heading"]):]
        groups = len(data["groups"])
        assert reflection.count(data["any_label"]) == groups and reflection.count(data["none_label"]) == groups
        for group in data["groups"]:
            for statement in group["statements"]:
                assert statement in text
        assert not page.locator("[data-sg-waiting]").is_visible()
        assert not page.locator("[data-sg-clear]").is_visible()
        assert page.locator(".sg-self-check__privacy").is_visible()
        page.locator(f'{CHECK} input[name="is-it-changing-check-1-1"]').first.check()  # still answerable
        assert checked(page) == 1
    finally:
        context.close()


def test_the_page_is_linked_from_the_start_page_can_it_change_and_the_faq(page, site_url):
    for edition in EDITIONS:
        prefix = "" if edition == EDITIONS[0] else f"{edition}/"
        for path, where in [("", ".sg-block--paths"), ("can-it-change/", "article"), ("faq/", "article")]:
            page.goto(site_url + prefix + path)
            assert page.locator(f'{where} a[href$="{PAGE_ID}/"]').count() >= 1, f"{edition} {path or '/'}"
