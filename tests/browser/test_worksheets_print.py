"""Worksheets printed by the real Chromium (print media, page.pdf) in A4 and US Letter.

Checks what lands on paper: page counts, every prompt, no site chrome, no
organization name on the safety plan unless site-data asks for it, and text
typed on screen, while nothing is stored on the device or sent anywhere.

Every worksheet is printed in every edition the guide ships (English and
Spanish), each twice, by two Chromiums that see different system fonts (DejaVu
only, Liberation only): the bundled print font makes the page counts the same,
whatever fonts the machine has, and keeps each edition within the same limits.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from steady_ground.project import Project, load_project, load_project_site

from .conftest import (EDITION_SETTINGS, ROOT, StaticServer, ask_to_print, build_site, fontconfig_env,
                       launch_chromium, require)

WORKSHEETS = ["weekly-check-in", "safety-plan", "boundaries", "change-log", "me-list",
              "journaling-prompts", "grounding-card", "experiment-review"]
BOOKLET = "all-worksheets"
ONE_PAGE = {"weekly-check-in", "grounding-card"}
PAPERS = ["A4", "Letter"]
# Two system font sets from Debian's packages (scripts/setup-system.sh), and the
# font each one gives the guide's text on screen, where the print font is not used.
FONT_SETS = {
    "DejaVu": (Path("/usr/share/fonts/truetype/dejavu"), "DejaVu Sans"),
    "Liberation": (Path("/usr/share/fonts/truetype/liberation"), "Liberation Sans"),
}
PRINT_FONT = "AtkinsonHyperlegibleNext"  # as the PDF names it

GUIDE, SETTINGS = load_project(Project.at(ROOT))
# Every edition's guide, the default (English) first: the same pages and blocks, each in its words.
GUIDES = {code: edition.guide for code, edition in load_project_site(Project.at(ROOT)).editions.items()}
EDITIONS = list(GUIDES)
DEFAULT = EDITIONS[0]
ORGANIZATION = SETTINGS.organization
STRINGS = SETTINGS.strings


def url_of(site_url: str, page_id: str, edition: str = DEFAULT) -> str:
    prefix = "" if edition == DEFAULT else f"{edition}/"
    return site_url + prefix + GUIDES[edition].page(page_id).src_uri.removesuffix(".md") + "/"


def words(text: str) -> str:
    """Text as pdftotext and the page both give it: one space between words, straight quotes."""
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def pdf_facts(path: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return pages, text


def pdf_fonts(path: Path) -> set[str]:
    """The fonts a PDF embeds, without the subset prefix ('ABCDEF+')."""
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()}


def print_pdf(page, path: Path, paper: str, javascript: bool = True) -> tuple[int, str]:
    if javascript:
        states = ask_to_print(page)
        assert states and set(states) == {"loaded"}, f"printed before the print font was ready: {states}"
    page.emulate_media(media="print")
    page.pdf(path=str(path), format=paper)
    page.emulate_media(media="screen")
    return pdf_facts(path)


def worksheet_blocks(page_id: str, edition: str = DEFAULT) -> list[dict]:
    return [block.data for block in GUIDES[edition].page(page_id).blocks if block.type == "worksheet"]


def printed_texts(block: dict) -> list[str]:
    """Every heading, prompt, column, row label and step a worksheet puts on paper."""
    plain = lambda text: re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "")  # noqa: E731
    texts = [plain(block["heading"])]
    for part in block["parts"]:
        texts.append(plain(part["heading"]))
        texts += [plain(step) for step in part["steps"]]
        texts += [prompt["label"] for prompt in part["prompts"]]
        if part["prompts"] and part["repeat"] > 1:
            texts += [f"{part['repeat_label']} {n}" for n in range(1, part["repeat"] + 1)]
        if part["table"]:
            texts += [column["label"] for column in part["table"]["columns"]]
            texts += part["table"]["row_labels"]
        if part["help_numbers"]:
            texts.append(ORGANIZATION["emergency"]["number"])
            texts += [channel["value"] for channel in ORGANIZATION["help_channels"]]
    return texts


@pytest.fixture(scope="module")
def font_set_browsers(playwright_driver, tmp_path_factory) -> dict:
    """Font set name -> a Chromium that sees only that set's system fonts."""
    missing = [str(folder) for folder, _ in FONT_SETS.values() if not any(folder.glob("*.ttf"))]
    require(not missing, f"the fonts in {', '.join(missing)} (fonts-dejavu-core, fonts-liberation)")
    work = tmp_path_factory.mktemp("fontconfig")
    browsers = {name: launch_chromium(playwright_driver, fontconfig_env(folder, work / name))
                for name, (folder, _) in FONT_SETS.items()}
    yield browsers
    for browser in browsers.values():
        browser.close()


@pytest.fixture(scope="module")
def pdfs(font_set_browsers, site_url, tmp_path_factory, figures) -> dict:
    """(font set, edition, page id, paper) -> (page count, text, embedded fonts), printed once
    for the module under each font set; plus the search box's text."""
    require(bool(shutil.which("pdftotext") and shutil.which("pdfinfo") and shutil.which("pdffonts")),
            "pdftotext, pdfinfo and pdffonts (poppler-utils)")
    folder = tmp_path_factory.mktemp("pdf")
    found = {}
    for font_set, browser in font_set_browsers.items():
        context = browser.new_context()
        page = context.new_page()
        for edition in EDITIONS:
            for page_id in [*WORKSHEETS, BOOKLET]:
                page.goto(url_of(site_url, page_id, edition))
                if page_id == WORKSHEETS[0] and edition == DEFAULT:
                    found["search placeholder"] = page.get_attribute(".md-search__input", "placeholder")
                for paper in PAPERS:
                    path = folder / f"{font_set}-{edition}-{page_id}-{paper}.pdf"
                    found[font_set, edition, page_id, paper] = (*print_pdf(page, path, paper), pdf_fonts(path))
            figures[f"printed pages, {' / '.join(PAPERS)}, {edition}, system fonts {font_set}"] = ", ".join(
                f"{page_id} {'/'.join(str(found[font_set, edition, page_id, paper][0]) for paper in PAPERS)}"
                for page_id in [*WORKSHEETS, BOOKLET])
        context.close()
    return found


FIRST_SET = next(iter(FONT_SETS))

# The self-check page: without JavaScript a checklist with every reflection written out, printed
# as discreetly as the worksheets and within the same two pages.
SELF_CHECK = "is-it-changing"


@pytest.fixture(scope="module")
def self_check_pdfs(font_set_browsers, site_url, tmp_path_factory, figures) -> dict:
    """(font set, edition, paper) -> (page count, text, embedded fonts), printed without JavaScript."""
    require(bool(shutil.which("pdftotext") and shutil.which("pdfinfo") and shutil.which("pdffonts")),
            "pdftotext, pdfinfo and pdffonts (poppler-utils)")
    folder = tmp_path_factory.mktemp("self-check-pdf")
    found = {}
    for font_set, browser in font_set_browsers.items():
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        for edition in EDITIONS:
            page.goto(url_of(site_url, SELF_CHECK, edition))
            for paper in PAPERS:
                path = folder / f"{font_set}-{edition}-{paper}.pdf"
                found[font_set, edition, paper] = (*print_pdf(page, path, paper, javascript=False), pdf_fonts(path))
        context.close()
    for edition in EDITIONS:
        figures[f"printed pages of the self-check without JavaScript, {edition}, {' / '.join(PAPERS)}"] = ", ".join(
            f"system fonts {font_set} {'/'.join(str(found[font_set, edition, paper][0]) for paper in PAPERS)}"
            for font_set in FONT_SETS)
    return found


def self_check_block(edition: str) -> dict:
    return next(block.data for block in GUIDES[edition].page(SELF_CHECK).blocks if block.type == "self_check")


def self_check_texts(block: dict, organization: dict) -> list[str]:
    """Every heading, statement, answer, condition and reflection the self-check puts on paper."""
    plain = lambda text: re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "")  # noqa: E731
    texts = [plain(block["heading"]), block["reflection_heading"], block["any_label"], block["none_label"]]
    texts += [choice["label"] for choice in block["choices"]]
    for group in block["groups"]:
        texts += [group["heading"], *group["statements"]]
        for item in group["if_any"] + group["if_none"]:
            texts += [plain(item["text"])] if item["kind"] == "text" else [plain(t) for t in item[item["kind"]]]
        if group["danger"]:
            texts.append(organization["emergency"]["number"])
            texts += [channel["label"] for channel in organization["help_channels"]]
    return texts


@pytest.mark.parametrize("font_set", FONT_SETS)
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_self_check_prints_on_two_pages_at_most(self_check_pdfs, edition, paper, font_set):
    pages = self_check_pdfs[font_set, edition, paper][0]
    assert 1 <= pages <= 2, f"the self-check ({edition}) prints on {pages} {paper} pages with the system fonts {font_set}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_self_check_page_counts_do_not_depend_on_the_system_fonts(self_check_pdfs, edition):
    counts = {font_set: [self_check_pdfs[font_set, edition, paper][0] for paper in PAPERS] for font_set in FONT_SETS}
    first, *others = counts.values()
    assert all(other == first for other in others), counts


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_self_check_paper_carries_every_statement_and_reflection_and_nothing_else(self_check_pdfs, edition, paper):
    pages, text, fonts = self_check_pdfs[FIRST_SET, edition, paper]
    block = self_check_block(edition)
    missing = [t for t in self_check_texts(block, EDITION_SETTINGS[edition].organization) if words(t) not in words(text)]
    assert not missing, f"the self-check ({edition}, {paper}) printed without: {missing}"
    flat = words(text)
    # The danger group's reflection comes first on paper too.
    danger = next(group for group in block["groups"] if group["danger"])
    others = [group for group in block["groups"] if not group["danger"]]
    reflection = flat[flat.index(words(block["reflection_heading"])):]
    assert all(reflection.index(words(danger["heading"])) < reflection.index(words(group["heading"]))
               for group in others)
    assert fonts and all(font.startswith(PRINT_FONT + "-") for font in fonts), sorted(fonts)
    assert words(ORGANIZATION["name"]).lower() not in flat.lower()
    strings = EDITION_SETTINGS[edition].strings
    chrome = [ORGANIZATION["quick_exit"]["label"], strings["help_short_heading"], strings["exit_limits"],
              strings["related"], strings["content_note"], words(block["privacy"]), strings["self_check_clear"],
              GUIDES[edition].page(SELF_CHECK).summary]
    found = [t for t in chrome if words(t) in flat]
    assert not found, f"the self-check ({edition}, {paper}) printed site chrome: {found}"



def test_every_worksheet_has_its_page_in_every_edition():
    assert EDITIONS == ["en", "es"]  # the shipped guide: both editions are printed
    for edition, guide in GUIDES.items():
        pages = {page.id for page in guide.pages if worksheet_blocks(page.id, edition)}
        assert pages == set(WORKSHEETS), edition
        assert guide.page(BOOKLET).print_booklet
        for page_id in WORKSHEETS:
            assert guide.page(page_id).summary


@pytest.mark.parametrize("font_set", FONT_SETS)
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("page_id", WORKSHEETS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_worksheet_fits_its_page_limit(pdfs, edition, page_id, paper, font_set):
    pages = pdfs[font_set, edition, page_id, paper][0]
    limit = 1 if page_id in ONE_PAGE else 2
    assert 1 <= pages <= limit, (f"{page_id} ({edition}) prints on {pages} {paper} pages with the system fonts "
                                 f"{font_set}; the limit is {limit}")


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_page_counts_do_not_depend_on_the_system_fonts(pdfs, edition, paper):
    counts = {font_set: {page_id: pdfs[font_set, edition, page_id, paper][0] for page_id in [*WORKSHEETS, BOOKLET]}
              for font_set in FONT_SETS}
    first, *others = counts.values()
    assert all(other == first for other in others), f"{paper} page counts ({edition}) by system font set: {counts}"


@pytest.mark.parametrize("font_set", FONT_SETS)
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("page_id", [*WORKSHEETS, BOOKLET])
@pytest.mark.parametrize("edition", EDITIONS)
def test_paper_carries_only_the_bundled_font(pdfs, edition, page_id, paper, font_set):
    fonts = pdfs[font_set, edition, page_id, paper][2]
    assert fonts and all(font.startswith(PRINT_FONT + "-") for font in fonts), (
        f"{page_id} ({edition}, {paper}, system fonts {font_set}) printed with {sorted(fonts)}")


def platform_fonts(page, selector: str) -> set[str]:
    """The system or web fonts Chromium really drew an element's text with."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    cdp.send("CSS.enable")
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {font["familyName"] for font in fonts}


def test_the_two_font_sets_really_differ(font_set_browsers, site_url):
    """On screen (no print font) each Chromium draws the guide in its own system font."""
    for font_set, browser in font_set_browsers.items():
        page = browser.new_page()
        try:
            page.goto(url_of(site_url, "weekly-check-in"))
            assert platform_fonts(page, ".md-content h1") == {FONT_SETS[font_set][1]}
        finally:
            page.close()


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_worksheets_for_both_partners_print_the_safety_line(pdfs, edition, paper):
    note = words(EDITION_SETTINGS[edition].strings["couple_note"])
    couple = {page_id for page_id in WORKSHEETS
              if any(block.get("for") == "couple" for block in worksheet_blocks(page_id, edition))}
    assert {"weekly-check-in", "boundaries", "change-log", "grounding-card", "experiment-review"} <= couple
    for page_id in WORKSHEETS:
        printed = words(pdfs[FIRST_SET, edition, page_id, paper][1])
        assert (note in printed) == (page_id in couple), page_id
    assert words(pdfs[FIRST_SET, edition, BOOKLET, paper][1]).count(note) == len(couple)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_booklet_starts_each_worksheet_on_a_new_page(pdfs, edition, paper):
    pages, text, _ = pdfs[FIRST_SET, edition, BOOKLET, paper]
    assert pages == sum(pdfs[FIRST_SET, edition, page_id, paper][0] for page_id in WORKSHEETS)
    for page_id in WORKSHEETS:
        for block in worksheet_blocks(page_id, edition):
            assert words(block["heading"]) in words(text)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("page_id", [*WORKSHEETS, BOOKLET])
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_prompt_is_on_paper(pdfs, edition, page_id, paper):
    text = pdfs[FIRST_SET, edition, page_id, paper][1]
    sources = WORKSHEETS if page_id == BOOKLET else [page_id]
    expected = [t for source in sources for block in worksheet_blocks(source, edition) for t in printed_texts(block)]
    assert len(expected) > 5
    missing = [t for t in expected if words(t) not in words(text)]
    assert not missing, f"{page_id} ({edition}, {paper}) printed without: {missing}"


def chrome_texts(pdfs) -> list[str]:
    """Text of the site around the worksheet, which must stay off the paper."""
    return [
        ORGANIZATION["quick_exit"]["label"],
        pdfs["search placeholder"],
        STRINGS["help_short_heading"],
        STRINGS["exit_limits"],
        STRINGS["worksheet_not_saved"],
        STRINGS["worksheet_print_tip"],
        STRINGS["related"],
    ]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("page_id", [*WORKSHEETS, BOOKLET])
def test_no_site_chrome_on_paper(pdfs, page_id, paper):
    text = pdfs[FIRST_SET, DEFAULT, page_id, paper][1]
    flat = words(text)
    lines = {words(line) for line in text.splitlines()}
    found = [t for t in chrome_texts(pdfs) if words(t) in flat]
    # Menu entries: none stands alone on a line, and no longer title of another page appears at all.
    titles = {p.nav_title for p in GUIDE.pages} | set(GUIDE.groups.values())
    found += [t for t in titles if words(t) in lines]
    found += [p.nav_title for p in GUIDE.pages
              if p.group is None and len(p.nav_title.split()) > 1 and words(p.nav_title) in flat]
    assert pdfs["search placeholder"], "the search box was not found on the page"
    assert not found, f"{page_id} ({paper}) printed site chrome: {found}"


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("page_id", ["safety-plan", BOOKLET])
@pytest.mark.parametrize("edition", EDITIONS)
def test_safety_plan_prints_without_the_organization_name(pdfs, edition, page_id, paper):
    text = pdfs[FIRST_SET, edition, page_id, paper][1]
    assert words(ORGANIZATION["name"]).lower() not in words(text).lower()
    assert ORGANIZATION["printing"]["show_organization_on"] == []  # the shipped default


def test_safety_plan_prints_the_organization_name_when_site_data_lists_it(browser, tmp_path):
    require(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils)")
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", "site.*", "__pycache__", ".pytest_cache", "bench"))
    settings = copy / "site-data" / "organization.yml"
    text, count = re.subn(r"show_organization_on: \[\]", "show_organization_on: [safety-plan]", settings.read_text())
    assert count == 1
    settings.write_text(text)
    site = build_site(tmp_path / "site", root=copy)
    server = StaticServer(site)
    context = browser.new_context()
    try:
        page = context.new_page()
        name = words(ORGANIZATION["name"])
        printed = {}
        for page_id in ("safety-plan", "weekly-check-in", BOOKLET):
            page.goto(url_of(server.url, page_id))
            printed[page_id] = words(print_pdf(page, tmp_path / f"{page_id}.pdf", "A4")[1])
        assert words(STRINGS["worksheet_from"] % name) in printed["safety-plan"]
        assert name not in printed["weekly-check-in"]
        assert printed[BOOKLET].count(name) == 1
    finally:
        context.close()
        server.close()


# ------------------------------------------------------------------ on screen

TYPED = {
    "textarea": "Kitchen door, then to the neighbour on the left",
    "line": "blue umbrella",
    "cell": "Aunt Rosa",
}

STORAGE_STATE = """async () => ({
  local: localStorage.length,
  session: sessionStorage.length,
  cookies: document.cookie,
  databases: indexedDB.databases ? (await indexedDB.databases()).length : 0,
  caches: (await caches.keys()).length,
})"""


def fill_safety_plan(page) -> None:
    plan = page.locator("[data-sg-worksheet]")
    plan.locator("textarea.sg-field--lines").first.fill(TYPED["textarea"])
    plan.locator("input.sg-field--line").first.fill(TYPED["line"])
    plan.locator("table input.sg-field--cell").first.fill(TYPED["cell"])
    plan.locator(".sg-prompt--checkbox input").first.check()


def test_typed_text_is_printed_while_nothing_is_stored_or_sent(context, page, site_url, tmp_path):
    require(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils)")
    page.goto(url_of(site_url, "safety-plan"))
    page.wait_for_load_state("networkidle")
    before = page.evaluate(STORAGE_STATE)
    requests_before = len(context.request_log.urls)

    fill_safety_plan(page)
    _, text = print_pdf(page, tmp_path / "filled.pdf", "A4")
    for typed in TYPED.values():
        assert words(typed) in words(text)

    assert page.evaluate(STORAGE_STATE) == before == {"local": 0, "session": 0, "cookies": "",
                                                      "databases": 0, "caches": 0}
    # Printing asks the site for its print font, and for nothing else.
    fonts = site_url + "assets/fonts/"
    asked = context.request_log.urls[requests_before:]
    assert asked and all(url.startswith(fonts) and url.endswith(".woff2") and "?" not in url for url in asked)
    assert context.request_log.third_party() == []
    assert page.url == url_of(site_url, "safety-plan")  # no form was sent


def test_clear_empties_the_form(page, site_url, tmp_path):
    require(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils)")
    page.goto(url_of(site_url, "safety-plan"))
    fill_safety_plan(page)
    plan = page.locator("[data-sg-worksheet]")
    plan.get_by_role("button", name=STRINGS["worksheet_clear"], exact=True).click()
    values = plan.locator("textarea, input[type=text]").evaluate_all("fields => fields.map(f => f.value)")
    assert values and not any(values)
    assert plan.locator("input[type=checkbox]:checked").count() == 0
    page.get_by_role("status").filter(has_text=STRINGS["worksheet_cleared"]).wait_for()
    _, text = print_pdf(page, tmp_path / "cleared.pdf", "A4")
    for typed in TYPED.values():
        assert words(typed) not in words(text)


def answers(page) -> list:
    fields = page.locator("[data-sg-worksheet] textarea, [data-sg-worksheet] input")
    return fields.evaluate_all("fields => fields.map(f => f.type === 'checkbox' ? f.checked : f.value)")


def test_leaving_the_page_empties_the_form(page, site_url):
    page.goto(url_of(site_url, "safety-plan"))
    fill_safety_plan(page)
    # What a browser does when it keeps the page in its back/forward cache.
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}))")
    values = answers(page)
    assert values and not any(values)
    fill_safety_plan(page)
    page.goto(url_of(site_url, "weekly-check-in"))
    page.go_back()
    page.wait_for_selector("[data-sg-worksheet]")
    values = answers(page)
    assert values and not any(values)


def test_typed_text_prints_without_javascript_too(browser, site_url, tmp_path):
    require(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils)")
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url_of(site_url, "me-list"))
        page.locator("textarea").first.fill("honesty and time alone")
        assert page.locator("[data-sg-clear]").is_visible()
        assert page.locator("[data-sg-print]").is_hidden()  # it needs JavaScript to work
        _, text = print_pdf(page, tmp_path / "no-js.pdf", "Letter", javascript=False)
        assert "honesty and time alone" in words(text)
    finally:
        context.close()


VISIBLE_LABELS = """() => {
  const shown = el => el && el.textContent.trim() && getComputedStyle(el).visibility !== "hidden"
                      && el.getBoundingClientRect().width > 4 && el.getBoundingClientRect().height > 4;
  return [...document.querySelectorAll("[data-sg-worksheet] input, [data-sg-worksheet] textarea")]
    .filter(field => {
      if ([...field.labels].some(shown)) return false;
      const cell = field.closest("td");
      // A table cell is labelled by its column heading, or on narrow screens by
      // the column name written above the field.
      const ids = (field.getAttribute("aria-labelledby") || "").split(" ");
      const column = document.getElementById(ids[0]);
      const above = cell && getComputedStyle(cell, "::before").content.replace(/"/g, "");
      return !(shown(column) || (column && above === column.textContent.trim()));
    }).map(field => field.id);
}"""


@pytest.mark.parametrize("width", [1280, 360])
def test_every_field_has_a_visible_label(page, site_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url_of(site_url, BOOKLET))
    assert page.locator("[data-sg-worksheet] input, [data-sg-worksheet] textarea").count() > 100
    assert page.evaluate(VISIBLE_LABELS) == []
    assert page.get_by_text(STRINGS["worksheet_not_saved"]).first.is_visible()
    assert page.locator("[data-sg-print]").first.is_visible()
