"""The guide's search finds what readers look for, and takes them to the block.

Each query runs through Material's own search box and search worker in the real
browser, over http (search from file:// is the offline bundle's test). A result
counts when its page group is within the allowed rank and, for a block, a link
to that block's anchor is in the group.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from steady_ground.project import Project, load_project

from .conftest import ROOT, SETTINGS, wait_for_search_index

# (what a reader types, where it must lead: "page/" or "page/#block", the lowest rank allowed)
GUIDE_WORDS = [
    ("red flags", "can-it-change/#red-flags", 1),
    ("signs of real change", "measuring-progress/#signs-of-real-change", 3),
    ("what toxic means", "what-toxic-means/", 1),
    ("unhealthy", "what-toxic-means/#three-words", 3),  # after the word list's entry for it
    ("clear boundaries", "try-to-fix/#step-2-boundaries", 3),
    ("keep each other honest", "try-to-fix/#step-3-accountability", 3),
    ("boundaries", "worksheets/boundaries/#my-boundaries", 3),
    ("words to say", "tools/#scripts", 3),
    ("told that what you saw did not happen", "tools/#script-when-doubted", 1),
    ("weekly check-in", "tools/#weekly-check-in-exercise", 3),
    ("4-4-4 breathing", "tools/#breathing-4-4-4", 3),
    ("five senses", "tools/#five-senses-reset", 1),
    ("time-out", "tools/#time-out-code", 3),
    ("safety plan", "worksheets/safety-plan/#my-safety-plan", 1),
    ("code word", "worksheets/safety-plan/#my-safety-plan-our-code-word", 3),
    ("controls the money", "safety/#money-control", 1),
    ("private window", "browse-safely/#private-windows", 1),
    ("browser history", "browse-safely/#what-browsers-keep", 1),
    ("exit this page", "browse-safely/#exit-button", 1),
    ("hotline", "get-help/#help-channels", 3),  # after the word list's entry, which links to it
    ("how long should I wait", "faq/#how-long-to-wait", 1),
    ("one person fix", "faq/#one-person-alone", 1),
    ("grief", "faq/#coping-with-grief", 1),
    ("couples counseling", "therapy/#couples-therapy", 1),
    ("date again", "rebuilding/#dating-again", 1),
    ("miss them", "why-its-hard/#missing-them", 1),
    ("worried about someone", "loved-ones/", 3),
    ("journaling prompts", "worksheets/journaling-prompts/", 1),
    ("experiment", "worksheets/experiment-review/#experiment-sheet", 1),
    ("change log", "worksheets/change-log/", 1),
    ("print all worksheets", "worksheets/all-worksheets/", 1),
]

# Words a reader in distress may type instead of the guide's own.
READER_WORDS = [
    ("gaslight", "what-toxic-means/#three-words", 3),
    ("breathing", "tools/#breathing-4-4-4", 1),
    ("restraining order", "safety/#violence", 3),
    ("check in", "tools/#weekly-check-in-exercise", 3),
    ("calm down", "tools/#grounding", 3),
    ("hit me", "safety/#violence", 3),
    ("spy app", "browse-safely/#shared-devices", 3),
    ("scared", "not-safe/", 3),
    ("leave safely", "safety/", 3),
    ("therapy", "therapy/", 3),
    ("accountability", "try-to-fix/#step-3-accountability", 3),
]

# Readers' own words: what people in hurtful relationships type, with misspellings,
# plurals and other forms. Each lands on the block that answers it, within the top 3.
# Where the guide names a thing in plain words, its text also names the word people
# type; a misspelling is found through its term's search words (content/72-words.yml).
READERS_OWN_WORDS = [
    ("love bombing", "can-it-change/#red-flags", 3),
    ("love-bombing", "can-it-change/#red-flags", 3),
    ("silent treatment", "tools/#time-out-code", 3),
    ("stonewalling", "words/#stonewalling", 3),
    ("jealous", "safety/#danger-signs", 3),
    ("jealousy", "words/#jealousy", 3),
    ("jelous", "words/#jealousy", 3),
    ("apology", "can-it-change/#what-change-needs", 3),
    ("gaslighting", "what-toxic-means/#three-words", 3),
    ("gaslighted", "words/#gaslighting", 3),
    ("gaslit", "words/#gaslighting", 3),
    ("narcisist", "words/#narcissist", 3),
    ("narcissist", "what-toxic-means/#three-words", 3),
    ("narcissistic", "words/#narcissist", 3),
    ("restraining orders", "safety/#violence", 3),
    ("restraning order", "words/#protection-order", 3),
    ("protection order", "safety/#violence", 3),
    ("custody", "safety/#violence", 3),
    ("coercive control", "words/#coercive-control", 3),
    ("coercion", "can-it-change/#red-flags", 3),
    ("isolation", "can-it-change/#red-flags", 3),
    ("financial abuse", "words/#financial-abuse", 3),
    ("trauma bond", "why-its-hard/#missing-them", 3),
    ("walking on eggshells", "words/#walking-on-eggshells", 3),
    ("stalkerware", "safety/#digital-abuse", 3),
    ("spyware", "words/#stalkerware", 3),
    ("checking my phone", "words/#phone-checking", 3),
    ("advocate", "get-help/#help-channels", 3),
    ("shelter", "safety/#leaving-safely", 3),
    ("shelters", "words/#shelter", 3),
    ("PTSD", "therapy/#therapy-for-you", 3),
    ("anxiety", "therapy/#therapy-for-you", 3),
    ("depression", "therapy/#therapy-for-you", 3),
    ("individual therapy", "therapy/#therapy-for-you", 3),
    ("meditation", "moving-forward/#tools-for-today", 3),
    ("non-negotiables", "try-to-fix/#step-2-boundaries", 3),
    ("deal breakers", "words/#non-negotiables", 3),
    ("choking", "words/#choking", 3),
    ("strangled", "safety/#danger-signs", 3),
    ("gun", "safety/#danger-signs", 3),
    ("pregnant", "safety/#danger-signs", 3),
    ("marital rape", "words/#sexual-coercion", 3),
    ("domestic violence", "words/#abuse", 3),
    ("emotional abuse", "faq/#couples-therapy-after-abuse", 3),
    ("verbal abuse", "words/#emotional-abuse", 3),
    ("manipulation", "words/#manipulation", 3),
    ("mind games", "why-its-hard/#hope-and-fear", 3),
    ("incognito", "browse-safely/#private-windows", 3),
    ("delete history", "browse-safely/#what-browsers-keep", 3),
    ("exit button", "browse-safely/#exit-button", 3),
    ("police", "get-help/#in-danger-now", 3),
    ("911", "get-help/#help-channels", 3),
    ("lawyer", "safety/#violence", 3),
    ("divorce", "words/#legal-help", 3),
    ("evidence", "safety/#violence", 3),
    ("documenting incidents", "safety/#violence", 3),
    ("screenshots", "safety/#digital-abuse", 3),
    ("location sharing", "browse-safely/#shared-devices", 3),
    ("couples therapy", "therapy/#couples-therapy", 3),
    ("marriage counseling", "therapy/#couples-therapy", 3),
    ("therapist", "therapy/#therapy-for-you", 3),
    ("support group", "rebuilding/#heal-with-others", 3),
    ("miss my ex", "why-its-hard/#missing-them", 3),
    ("heartbroken", "words/#grief", 3),
    ("dating", "rebuilding/#dating-again", 3),
    ("betrayal", "can-it-change/#red-flags", 3),
    ("how long does it take", "timelines/#how-long-things-take", 3),
    ("rebuild trust", "try-to-fix/#step-6-trust", 3),
    ("transparency", "try-to-fix/#step-6-trust", 3),
    ("speaker listener", "try-to-fix/#step-4-skills", 3),
    ("identity", "rebuilding/#rebuilding-identity", 3),
    ("me list", "worksheets/me-list/", 3),
    ("grounding", "tools/#grounding", 3),
    ("panic attack", "words/#anxiety", 3),
    ("codependent", "words/#codependency", 3),
    ("hoovering", "words/#hoovering", 3),
    ("red flag", "can-it-change/#red-flags", 3),
    ("toxic", "what-toxic-means/#three-words", 3),
    ("saftey plan", "words/#safety-plan-word", 3),
    ("stalking", "rebuilding/#staying-safe-after-leaving", 3),
    ("stalker", "words/#stalking", 3),
    ("suicidal", "words/#depression", 3),
    ("anger management", "words/#programs-for-people-who-abuse", 3),
    ("children", "safety/#children", 3),
    ("leaving safely", "safety/#leaving-safely", 3),
    ("emergency number", "get-help/#in-danger-now", 3),
    ("going through my phone", "safety/#digital-abuse", 3),
    ("forced sex", "safety/#danger-signs", 3),
    ("is it my fault", "not-safe/#abuse-changes-things", 3),
    ("accuses me of cheating", "words/#jealousy", 3),
    ("afraid of my partner", "safety/", 3),
    ("is he really changing", "is-it-changing/#is-it-changing-check", 3),
    ("is she really changing", "is-it-changing/#is-it-changing-check", 3),
]

QUERIES = GUIDE_WORDS + READER_WORDS + READERS_OWN_WORDS

# The groups of results as shown: each group is one page, its links in order, and
# whether a link sits folded under "more on this page".
RESULTS_JS = """
() => [...document.querySelectorAll('.md-search-result__list > .md-search-result__item')].map(group =>
  [...group.querySelectorAll('a.md-search-result__link')].map(a => ({
    href: a.href, folded: Boolean(a.closest('details:not([open])')), title: a.querySelector('h1, h2').textContent.trim()})))
"""


class SearchBox:
    """Material's search box on a page of the built site."""

    def __init__(self, page, site_url: str):
        self.page = page
        self.root = urlsplit(site_url).path
        page.goto(site_url)
        wait_for_search_index(page)
        page.keyboard.press("/")
        page.wait_for_function("() => document.activeElement.matches('.md-search__input')")

    def search(self, query: str) -> list[list[dict]]:
        page = self.page
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.wait_for_function("() => !/matching/i.test(document.querySelector('.md-search-result__meta').textContent)")
        # The whole query in one go, then one key release: the theme searches on keyup.
        page.keyboard.insert_text(query)
        page.keyboard.press("End")
        page.wait_for_function("() => /matching/i.test(document.querySelector('.md-search-result__meta').textContent)")
        groups = page.evaluate(RESULTS_JS)
        for group in groups:
            for link in group:
                path = urlsplit(link["href"])
                link["target"] = path.path[len(self.root):] + (f"#{path.fragment}" if path.fragment else "")
        return groups


def rank_of(groups: list[list[dict]], expected: str) -> tuple[int | None, bool]:
    """1-based rank of the page group holding the expected page or block, and whether that link is folded."""
    for number, group in enumerate(groups, start=1):
        for link in group:
            if link["target"] == expected:
                return number, link["folded"]
    return None, False


def word_list_entries() -> list[tuple[str, str, int]]:
    """Every term of the word list: (its word, its entry as "page/#id", 3)."""
    guide, _ = load_project(Project.at(ROOT))
    return [(block.data["word"], f"{page.src_uri[:-3]}/#{block.id}", 3)
            for page in guide.pages for block in page.blocks if block.type == "term"]


TERMS = word_list_entries()


@pytest.fixture(scope="module")
def results(browser, site_url) -> dict[str, list[list[dict]]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    box = SearchBox(context.new_page(), site_url)
    found = {query: box.search(query) for query, _, _ in QUERIES + TERMS}
    context.close()
    table = ["| query | expected | allowed | rank | first result |", "|---|---|---|---|---|"]
    for query, expected, allowed in QUERIES:
        rank, folded = rank_of(found[query], expected)
        first = (found[query][0][0]["target"] or "/") if found[query] else "(none)"
        table.append(f"| {query} | {expected} | <= {allowed} | {rank or 'not found'}{' (folded)' if folded else ''} | {first} |")
    print("\n".join(table))
    return found


def test_enough_queries_in_both_vocabularies():
    assert len(GUIDE_WORDS) >= 25 and len(READER_WORDS) >= 6
    assert {"gaslight", "leave safely", "breathing", "therapy", "restraining order", "check in"} <= {q for q, _, _ in READER_WORDS}
    readers = READER_WORDS + READERS_OWN_WORDS
    assert len(readers) >= 80 and all(allowed <= 3 for _, _, allowed in readers)
    assert {"love bombing", "silent treatment", "jealous", "apology", "gaslighted", "narcisist",
            "restraining orders", "jelous"} <= {q for q, _, _ in readers}
    assert len(TERMS) >= 40, "the word list has at least 40 terms"


@pytest.mark.parametrize("word,entry,allowed", TERMS, ids=[w for w, _, _ in TERMS])
def test_every_term_is_found_by_its_word_and_lands_on_its_entry(results, word, entry, allowed):
    rank, _ = rank_of(results[word], entry)
    shown = [[link["target"] for link in group][:3] for group in results[word][:4]]
    assert rank is not None and rank <= allowed, f"{word!r}: {entry} is at rank {rank}; results: {shown}"


@pytest.mark.parametrize("query,expected,allowed", QUERIES, ids=[q for q, _, _ in QUERIES])
def test_query_leads_to_the_right_page_or_block(results, query, expected, allowed):
    groups = results[query]
    rank, _ = rank_of(groups, expected)
    shown = [[link["target"] for link in group][:3] for group in groups[:4]]
    assert rank is not None and rank <= allowed, f"{query!r}: {expected} is at rank {rank}; results: {shown}"


def test_results_link_to_the_block_anchor_and_nothing_else_is_in_the_address(results, site_url):
    """Block results carry the block's anchor; no search words in the address (browser history)."""
    for query, groups in results.items():
        for group in groups:
            for link in group:
                assert "?" not in link["href"], f"{query!r}: {link['href']} puts the search in the address"
    anchored = {link["target"] for groups in results.values() for group in groups for link in group if "#" in link["target"]}
    assert len(anchored) >= 20, "block results point at their blocks"


@pytest.mark.parametrize("edition", ["", "es/"])
def test_search_loads_on_first_use_only(browser, site_url, edition):
    """No index and no worker with the page (partials/sg-search-lazy.html); the search key
    loads them, and the first search answers."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(urlsplit(request.url).path))
    try:
        page.goto(site_url + edition + "tools/")
        page.wait_for_load_state("networkidle")
        searching = [path for path in asked if "search_index" in path or "/workers/" in path or "/lunr/" in path]
        assert not searching, f"loaded with the page: {searching}"
        page.keyboard.press("/")
        page.wait_for_function("() => document.activeElement.matches('.md-search__input')")
        wait_for_search_index(page)
        page.keyboard.insert_text("hotline" if not edition else "respirar")
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item")
        assert any(path.endswith(edition + "search/search_index.json") for path in asked), asked
    finally:
        context.close()


def test_a_block_result_opens_the_page_at_that_block(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    box = SearchBox(page, site_url)
    groups = box.search("five senses")
    link = next(link for group in groups for link in group if link["target"].endswith("#five-senses-reset"))
    page.locator(f".md-search-result__link[href='{link['href']}']").first.click()
    page.wait_for_function("() => location.hash === '#five-senses-reset'")
    page.wait_for_load_state()
    in_view = page.evaluate("""() => { const h = document.getElementById('five-senses-reset'); const r = h.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2); return h.contains(hit); }""")
    context.close()
    assert in_view, "the block's heading is on screen, not under the top bar"


# --- A search that finds nothing --------------------------------------------------

NOTHING = "zqxw wobblefrotz"  # no word of the guide starts like these
STRINGS = SETTINGS.strings
PANEL = ".md-search-result .sg-search-empty"
PANEL_JS = """() => {
  const panel = document.querySelector('.md-search-result .sg-search-empty');
  if (!panel) return null;
  return {intro: panel.querySelector('[role=status]').textContent.trim(),
          links: [...panel.querySelectorAll('a')].map(a => [a.textContent.trim(), new URL(a.href).pathname])};
}"""


def open_empty_search(browser, site_url, start: str = "tools/"):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    box = SearchBox(page, site_url + start)
    groups = box.search(NOTHING)
    assert groups == [], f"{NOTHING!r} should find nothing: {groups}"
    page.wait_for_selector(PANEL, state="visible")
    return context, page


def assert_left_no_trace(page, site_url: str, landed: str) -> None:
    page.wait_for_function("() => !document.getElementById('__search').checked")
    assert page.url == site_url + landed, page.url  # no search words in the address
    assert page.evaluate("localStorage.length + sessionStorage.length + document.cookie.length") == 0


def test_a_search_that_finds_nothing_offers_help_the_word_list_and_the_start(browser, site_url):
    context, page = open_empty_search(browser, site_url)
    try:
        shown = page.evaluate(PANEL_JS)
        root = urlsplit(site_url).path
        assert shown == {"intro": STRINGS["search_empty_intro"], "links": [
            [STRINGS["search_empty_help"], root + "get-help/"],
            [STRINGS["search_empty_words"], root + "words/"],
            [STRINGS["search_empty_start"], root],
        ]}
        for key in ("search_empty_help_text", "search_empty_words_text", "search_empty_start_text"):
            assert page.locator(PANEL).get_by_text(STRINGS[key]).is_visible()
        # Words that find something put the results back, without the panel.
        page.keyboard.press("Control+A")
        page.keyboard.insert_text("safety plan")
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item")
        assert page.evaluate(PANEL_JS) is None
    finally:
        context.close()


def test_by_mouse_a_place_in_the_panel_opens_and_the_search_closes(browser, site_url):
    context, page = open_empty_search(browser, site_url)
    try:
        with page.expect_navigation():
            page.locator(PANEL).get_by_role("link", name=STRINGS["search_empty_words"]).click()
        page.wait_for_load_state()
        assert page.locator("article h1").text_content().strip() == "Words people use"
        assert_left_no_trace(page, site_url, "words/")
    finally:
        context.close()


def test_by_keyboard_the_arrow_keys_reach_the_places_and_enter_opens_one(browser, site_url):
    context, page = open_empty_search(browser, site_url)
    try:
        focused = []
        for _ in range(3):
            page.keyboard.press("ArrowDown")
            focused.append(page.evaluate("document.activeElement.textContent.trim()"))
        assert focused == [STRINGS["search_empty_help"], STRINGS["search_empty_words"], STRINGS["search_empty_start"]]
        page.keyboard.press("ArrowUp")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_load_state()
        assert_left_no_trace(page, site_url, "words/")
    finally:
        context.close()


# --- The Spanish edition ---------------------------------------------------------

# What Spanish readers type on the shipped guide, with and without accents, with
# misspellings, plurals and other forms: (query, the block it lands on, lowest rank allowed).
# The small words ("de", "el", "esta") are left out of a query that has others (search_worker.js).
SPANISH_READER_WORDS = [
    ("violencia", "es/safety/#safety-intro", 3),
    ("violencia domestica", "es/words/#abuse", 3),
    ("violencia doméstica", "es/words/#abuse", 3),
    ("mas seguro", "es/browse-safely/#safer-device", 3),
    ("más seguro", "es/browse-safely/#safer-device", 3),
    ("orden de alejamiento", "es/words/#protection-order", 3),
    ("orden de restriccion", "es/words/#protection-order", 3),
    ("orden de restricción", "es/words/#protection-order", 3),
    ("ley del hielo", "es/words/#stonewalling", 3),
    ("celos", "es/words/#jealousy", 3),
    ("celoso", "es/words/#jealousy", 3),
    ("selos", "es/words/#jealousy", 3),
    ("manipulacion", "es/words/#manipulation", 3),
    ("manipulación", "es/words/#manipulation", 3),
    ("narcisista", "es/words/#narcissist", 3),
    ("narsisista", "es/words/#narcissist", 3),
    ("plan de seguridad", "es/worksheets/safety-plan/#my-safety-plan", 3),
    ("linea de ayuda", "es/worksheets/safety-plan/#my-safety-plan-help-lines", 3),
    ("línea de ayuda", "es/worksheets/safety-plan/#my-safety-plan-help-lines", 3),
    ("intercesora", "es/get-help/#help-channels", 3),
    ("estrangulamiento", "es/words/#choking", 3),
    ("me revisa el celular", "es/words/#phone-checking", 3),
    ("terapia de pareja", "es/therapy/#couples-therapy", 3),
    ("terapia de parejas", "es/therapy/#couples-therapy", 3),
    ("ansiedad", "es/words/#anxiety", 3),
    ("custodia", "es/words/#custody", 3),
    ("salir de esta pagina", "es/browse-safely/#exit-button", 3),
    ("salir de esta página", "es/browse-safely/#exit-button", 3),
    ("boton de panico", "es/browse-safely/#exit-button", 3),
    ("ventana privada", "es/browse-safely/#private-windows", 3),
    ("incognito", "es/words/#private-window", 3),
    ("me pega", "es/words/#physical-abuse", 3),
    ("me grita", "es/words/#emotional-abuse", 3),
    ("abuso emocional", "es/words/#emotional-abuse", 3),
    ("estoy en peligro", "es/get-help/#in-danger-now", 3),
    ("911", "es/get-help/#in-danger-now", 3),
    ("numero de emergencia", "es/words/#emergency-number", 3),
    ("refugio", "es/words/#shelter", 3),
    ("bombardeo de amor", "es/words/#love-bombing", 3),
    ("senales de alerta", "es/words/#red-flags-word", 3),
    ("control coercitivo", "es/words/#coercive-control", 3),
    ("dinero", "es/safety/#money-control", 3),
    ("abogado", "es/words/#legal-help", 3),
    ("extraño a mi ex", "es/why-its-hard/#missing-them", 3),
    ("cuanto tiempo", "es/timelines/#how-long-things-take", 3),
    ("respiracion", "es/tools/#breathing-4-4-4", 3),
    ("gaslighting", "es/words/#gaslighting", 3),
    ("¿de verdad está cambiando?", "es/is-it-changing/#is-it-changing-check", 3),
    ("de verdad esta cambiando", "es/is-it-changing/#is-it-changing-check", 3),
    # Reporting to the police, and the words people in Mexico, Central America, the Caribbean
    # and US Hispanic communities type for it and for the rest, as they type them.
    ("denunciar", "es/safety/#reporting", 3),
    ("denuncia", "es/words/#reporting-word", 3),
    ("como denunciar a mi pareja", "es/words/#reporting-word", 3),
    ("poner una denuncia", "es/safety/#reporting", 3),
    ("quiero denunciar a mi esposo", "es/words/#reporting-word", 3),
    ("levantar una denuncia", "es/words/#reporting-word", 3),
    ("reportar a la policia", "es/words/#reporting-word", 3),
    ("retirar la denuncia", "es/safety/#reporting", 3),
    ("me ignora por dias", "es/words/#stonewalling", 3),
    ("me aplica la ley del hielo", "es/words/#stonewalling", 3),
    ("me revisa el teléfono", "es/words/#phone-checking", 3),
    ("me checa el celular", "es/words/#phone-checking", 3),
    ("revisa mi whatsapp", "es/words/#phone-checking", 3),
    ("mi novio es muy celoso", "es/words/#jealousy", 3),
    ("celopata", "es/words/#jealousy", 3),
    ("orden de proteccion", "es/words/#protection-order", 3),
    ("como sacar una orden de proteccion", "es/words/#protection-order", 3),
    ("medidas de proteccion", "es/words/#protection-order", 3),
    ("violencia intrafamiliar", "es/words/#abuse", 3),
    ("violencia familiar", "es/words/#abuse", 3),
    ("custodia de mis hijos", "es/words/#custody", 3),
    ("quitarme la custodia", "es/words/#custody", 3),
    ("me va a quitar la custodia", "es/words/#custody", 3),
    ("es muy controlador", "es/words/#coercive-control", 3),
    ("tengo que pedirle permiso", "es/words/#coercive-control", 3),
    ("me tiene aislada", "es/words/#isolation", 3),
    ("me jaloneo", "es/words/#physical-abuse", 3),
    ("violencia psicologica", "es/words/#emotional-abuse", 3),
    ("pension alimenticia", "es/words/#legal-help", 3),
    ("me tiene vigilada", "es/words/#stalking", 3),
]


@pytest.fixture(scope="module")
def spanish_found(browser, site_url, figures) -> dict[str, list[list[str]]]:
    """Query -> the result groups (each a page's links, in order), typed into the Spanish edition's box."""
    from .test_editions import spanish_results

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "es/")
    wait_for_search_index(page)
    page.keyboard.press("/")
    found = {query: spanish_results(page, query) for query, _, _ in SPANISH_READER_WORDS}
    context.close()
    rows = []
    for query, expected, _ in SPANISH_READER_WORDS:
        rank = spanish_rank(found[query], site_url + expected)
        rows.append(f"{query!r} -> {expected}: rank {rank or 'not found'}")
    figures["Spanish queries on the shipped guide (query -> block: rank)"] = "\n  " + "\n  ".join(rows)
    return found


def spanish_rank(groups: list[list[str]], href: str) -> int | None:
    return next((number for number, group in enumerate(groups, 1) if href in group), None)


def test_enough_spanish_queries_with_and_without_accents():
    queries = {q for q, _, _ in SPANISH_READER_WORDS}
    assert len(queries) == len(SPANISH_READER_WORDS) >= 76
    assert {"violencia", "mas seguro", "más seguro", "orden de restriccion", "ley del hielo", "celoso",
            "manipulacion", "narcisista", "plan de seguridad", "linea de ayuda", "me revisa el celular",
            "salir de esta pagina", "denunciar", "como denunciar a mi pareja", "poner una denuncia",
            "me ignora por dias", "violencia intrafamiliar", "es muy controlador"} <= queries
    assert all(expected.startswith("es/") and "/#" in expected and allowed <= 3
               for _, expected, allowed in SPANISH_READER_WORDS)


@pytest.mark.parametrize("query,expected,allowed", SPANISH_READER_WORDS, ids=[q for q, _, _ in SPANISH_READER_WORDS])
def test_spanish_query_lands_on_its_block(spanish_found, site_url, query, expected, allowed):
    groups = spanish_found[query]
    rank = spanish_rank(groups, site_url + expected)
    shown = [[href.removeprefix(site_url) for href in group][:3] for group in groups[:3]]
    assert rank is not None and rank <= allowed, f"{query!r}: {expected} is at rank {rank}; results: {shown}"
    assert all(href.startswith(site_url + "es/") and "?" not in href for group in groups for href in group), \
        f"{query!r}: a result outside the Spanish edition, or the search in the address"
