"""Blocks for both partners (`for: couple`): the safety line on every one, and a way to Safety first.

The line is added by the renderer for every block type; the build refuses a
couple block whose page does not link to Safety first.
"""
from __future__ import annotations

import html as html_lib
import re
import textwrap
from pathlib import Path

import pytest
import yaml

from steady_ground.blocks import AUDIENCE, BLOCK_TYPES, COUPLE
from steady_ground.problems import ContentError
from steady_ground.project import Project, load_project
from steady_ground.testing import check_blocks, render_blocks

ROOT = Path(__file__).resolve().parent.parent
NOTE = yaml.safe_load((ROOT / "site-data" / "strings" / "en.yml").read_text())["couple_note"]
NOTE_HTML = f'<p class="sg-couple-note">{html_lib.escape(NOTE, quote=False)}</p>'
SAFETY_PAGE = {"safety": {"title": "Safety first", "summary": "Staying safe.",
                          "blocks": [{"type": "section", "heading": "Safe now"}]}}

# One small valid block of every type: a new type must be added here, so the
# test proves the line for it too.
EXAMPLES = {
    "section": {"heading": "Talk it over", "body": ["A paragraph."]},
    "faq": {"question": "Can we try together?", "answer": "Only if you feel safe."},
    "script": {"situation": "Starting a hard talk", "say": "Can we talk?", "why": "It asks."},
    "exercise": {"name": "Weekly check-in", "duration": "15 minutes", "when": "Once a week.", "steps": ["Talk."]},
    "timeline": {"heading": "How long", "phases": [{"name": "Trying", "from": "weeks", "to": "months",
                                                    "expect": "Slow change."}]},
    "checklist": {"heading": "Signs", "items": ["Fewer fights."]},
    "worksheet": {"heading": "Our week", "parts": [{"heading": "Week 1", "prompts": [{"label": "What went well?"}]}]},
    "paths": {"heading": "Where to go", "items": [{"label": "Safety", "text": "Stay safe.", "ref": "safety"}]},
    "help_channels": {"heading": "Talk to someone"},
    "emergency": {"heading": "In danger now?"},
    "term": {"word": "Time-out", "meaning": "A break you agree on.", "covered_in": ["safety"]},
    "self_check": {"heading": "Is it changing?", "privacy": "Nothing is saved.",
                   "choices": [{"label": "Yes", "counts": True}, {"label": "No"}],
                   "groups": [{"heading": "What frightens you", "danger": True, "statements": ["I am afraid."],
                               "if_any": ["See [Safety first](ref:safety)."], "if_none": ["None marked."]}],
                   "reflection_heading": "What it points to", "waiting": "Answer first.",
                   "any_label": "If you said Yes", "none_label": "If you said No"},
}


def test_every_block_type_has_an_example():
    assert set(EXAMPLES) == set(BLOCK_TYPES)


@pytest.mark.parametrize("type_name", sorted(EXAMPLES))
def test_every_block_type_shows_the_line_under_its_heading(type_name):
    block = {"type": type_name, **EXAMPLES[type_name], AUDIENCE: COUPLE, "see": ["safety"]}
    page = render_blocks(block, extra_pages=SAFETY_PAGE)
    assert page.count(NOTE_HTML) == 1
    heading_end = page.index("</h2>", page.index('class="sg-block'))
    assert page.index(NOTE_HTML) == heading_end + len("</h2>\n"), "the line comes right after the heading"


@pytest.mark.parametrize("type_name", sorted(EXAMPLES))
def test_a_block_not_for_couples_has_no_line(type_name):
    page = render_blocks({"type": type_name, **EXAMPLES[type_name]}, extra_pages=SAFETY_PAGE)
    assert NOTE_HTML not in page


def test_only_couple_is_accepted():
    report = check_blocks({"type": "script", **EXAMPLES["script"], AUDIENCE: "partners"})
    assert "blocks[0].for: 'partners' is not allowed; expected one of: couple" in report


# --- the page must link to Safety first --------------------------------------------


def test_couple_block_without_a_link_to_safety_first_is_refused():
    script = {"type": "script", **EXAMPLES["script"], "id": "start-talk", AUDIENCE: COUPLE}
    report = check_blocks({"type": "section", "heading": "Intro"}, script, extra_pages=SAFETY_PAGE)
    assert "content/00-home.yml:6: blocks[1].for: the block 'start-talk' is for both partners" in report
    assert "no link to Safety first (page id 'safety')" in report
    assert "'[Safety first](ref:safety)'" in report and "'see:'" in report
    assert "Traceback" not in report


@pytest.mark.parametrize("link", [
    {"see": ["safety"]},
    {"see": ["safety/safe-now"]},
    {"say": "Can we talk? If not, read [Safety first](ref:safety)."},
], ids=["see the page", "see a block", "text link"])
def test_a_link_to_safety_first_anywhere_on_the_block_is_enough(link):
    script = {"type": "script", **EXAMPLES["script"], AUDIENCE: COUPLE, **link}
    assert check_blocks(script, extra_pages=SAFETY_PAGE) == ""


def test_a_link_in_another_block_of_the_page_is_enough():
    paths = {"type": "paths", **EXAMPLES["paths"]}
    script = {"type": "script", **EXAMPLES["script"], AUDIENCE: COUPLE}
    assert check_blocks(paths, script, extra_pages=SAFETY_PAGE) == ""


def test_a_replaced_block_is_reported_in_its_own_file(mini_project: Path):
    (mini_project / "content" / "70-safety.yml").write_text(yaml.safe_dump(SAFETY_PAGE["safety"]))
    block_file = mini_project / "site-data" / "overrides" / "blocks" / "breathing.yml"
    block_file.parent.mkdir(parents=True)
    block_file.write_text(textwrap.dedent("""\
        type: exercise
        name: Our check-in
        duration: 15 minutes
        when: Once a week.
        steps: [Talk.]
        for: couple
        """))
    with pytest.raises(ContentError) as error:
        load_project(Project.at(mini_project))
    report = error.value.report()
    assert "site-data/overrides/blocks/breathing.yml:1: for: the block 'breathing' is for both partners" in report
    assert "page 'tools' (content/20-tools.yml) has no link to Safety first" in report


def test_a_replaced_self_check_without_a_danger_group_is_reported_in_its_own_file(mini_project: Path):
    (mini_project / "content" / "70-safety.yml").write_text(yaml.safe_dump(SAFETY_PAGE["safety"]))
    block_file = mini_project / "site-data" / "overrides" / "blocks" / "breathing.yml"
    block_file.parent.mkdir(parents=True)
    check = {"type": "self_check", **EXAMPLES["self_check"]}
    check["groups"] = [{**check["groups"][0], "danger": False}]
    block_file.write_text(yaml.safe_dump(check, sort_keys=False))
    with pytest.raises(ContentError) as error:
        load_project(Project.at(mini_project))
    report = error.value.report()
    assert "site-data/overrides/blocks/breathing.yml:1: groups: the self-check 'breathing' has no group of danger" in report


# --- the shipped guide ---------------------------------------------------------------

GUIDE, SETTINGS = load_project(Project.at(ROOT))
COUPLE_BLOCKS = [(page, block) for page in GUIDE.pages for block in page.blocks if block.data.get(AUDIENCE) == COUPLE]


def section_of(page_html: str, block_id: str) -> str:
    found = re.search(rf'<section class="sg-block [^"]*" aria-labelledby="{block_id}">(.*?)</section>', page_html, re.S)
    assert found, f"no section for the block '{block_id}'"
    return found.group(1)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from tests.browser.conftest import build_site

    return build_site(tmp_path_factory.mktemp("couple") / "site")


def built_page(site: Path, src_uri: str) -> str:
    folder = "" if src_uri == "index.md" else src_uri.removesuffix(".md")
    return (site / folder / "index.html").read_text(encoding="utf-8")


def test_the_guide_marks_the_exercises_scripts_and_worksheets_for_both_partners():
    marked = {block.id for _, block in COUPLE_BLOCKS}
    assert {"roadmap", "script-start-hard-talk", "script-when-doubted", "script-ask-for-change",
            "weekly-check-in-exercise", "time-out-code", "check-in-weeks", "my-boundaries", "change-tracker",
            "grounding-tools-card", "experiment-sheet"} <= marked


@pytest.mark.parametrize("page, block", COUPLE_BLOCKS, ids=[b.id for _, b in COUPLE_BLOCKS])
def test_every_couple_block_of_the_built_guide_shows_the_line(built, page, block):
    section = section_of(built_page(built, page.src_uri), block.id)
    assert NOTE_HTML in section


def test_the_booklet_shows_the_line_on_every_couple_worksheet(built):
    booklet = next(page for page in GUIDE.pages if page.print_booklet)
    html = built_page(built, booklet.src_uri)
    worksheets = [block for _, block in COUPLE_BLOCKS if block.type == "worksheet"]
    assert worksheets
    for block in worksheets:
        assert NOTE_HTML in section_of(html, block.id), block.id


def test_blocks_for_one_person_have_no_line(built):
    tools = built_page(built, GUIDE.page("tools").src_uri)
    assert NOTE_HTML not in section_of(tools, "breathing-4-4-4")
    assert tools.count(NOTE_HTML) == sum(1 for page, _ in COUPLE_BLOCKS if page.id == "tools")
