"""The worksheet block: its fields, its checks and the HTML the browser fills in and prints."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from steady_ground.problems import ContentError
from steady_ground.project import Project, load_project
from steady_ground.render import PageRenderer
from steady_ground.testing import PROJECT_ROOT, check_blocks, copy_site_data, render_blocks

WEEKS = {
    "type": "worksheet", "heading": "Our week",
    "parts": [{"heading": "Check-ins", "repeat": 3, "repeat_label": "Week",
               "prompts": [{"label": "Date", "kind": "short"},
                           {"label": "What went well?", "lines": 2, "hint": "Small things count."},
                           {"label": "We talked", "kind": "checkbox"}]}],
}
LOG = {
    "type": "worksheet", "heading": "Our log",
    "parts": [{"heading": "The log", "table": {
        "columns": [{"label": "Date", "width": "narrow"}, {"label": "Done", "kind": "checkbox"},
                    {"label": "What I noticed", "kind": "lines"}],
        "rows": 4, "lines": 2}}],
}
SIGNS = {
    "type": "worksheet", "heading": "Review",
    "parts": [{"heading": "Signs", "table": {"row_heading": "Sign", "row_labels": ["Fewer fights", "Kindness"],
                                             "columns": [{"label": "What I saw", "kind": "lines"}]}}],
}
HELP = {
    "type": "worksheet", "heading": "My plan", "caution": "Keep it hidden.",
    "parts": [{"heading": "Help lines", "help_numbers": True},
              {"heading": "Calm down", "steps": ["Breathe in for 4.", "Hold for 4."]}],
}


class Fields(HTMLParser):
    """Every form field, every label's target and every element id of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.fields: list[dict] = []
        self.label_for: set[str] = set()
        self.ids: set[str] = set()
        self.legends: list[str] = []
        self._legend = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            assert attrs["id"] not in self.ids, f"duplicate id {attrs['id']}"
            self.ids.add(attrs["id"])
        if tag in ("input", "textarea", "select"):
            self.fields.append({"tag": tag, **attrs})
        if tag == "label":
            self.label_for.add(attrs.get("for"))
        if tag == "legend":
            self._legend = ""

    def handle_data(self, data):
        if self._legend is not None:
            self._legend += data

    def handle_endtag(self, tag):
        if tag == "legend":
            self.legends.append(" ".join(self._legend.split()))
            self._legend = None


def assert_every_field_is_labelled(html: str) -> Fields:
    found = Fields(html)
    assert found.fields
    for field in found.fields:
        named_by = field.get("aria-labelledby", "").split()
        assert field["id"] in found.label_for or (named_by and all(i in found.ids for i in named_by)), field
        # No name: the browser could never send what was typed.
        assert "name" not in field, field
    return found


def test_repeated_prompts_make_one_labelled_group_each():
    html = render_blocks(WEEKS)
    found = assert_every_field_is_labelled(html)
    # The part is a fieldset named by its heading; each round inside it, by its number.
    assert found.legends == ["Check-ins", "Week 1", "Week 2", "Week 3"]
    assert '<fieldset class="sg-worksheet__part sg-worksheet__fields">\n<legend class="sg-worksheet__legend"><h3 id=' in html
    assert "aria-labelledby" not in html.split('<div class="sg-repeat">')[0].split("<fieldset", 1)[1]
    assert [f["type"] for f in found.fields if f["tag"] == "input"].count("checkbox") == 3
    assert len([f for f in found.fields if f["tag"] == "textarea"]) == 3
    assert html.count("Small things count.") == 3
    assert 'aria-describedby="our-week-1-2-2-hint"' in html
    # Handwriting lines: one printed rule per line asked for.
    assert html.count('<span class="sg-rules" aria-hidden="true"><span></span><span></span></span>') == 3


def test_table_cells_are_named_by_their_column_and_row():
    html = render_blocks(LOG)
    found = assert_every_field_is_labelled(html)
    assert len(found.fields) == 4 * 3
    assert 'aria-labelledby="our-log-1-c1 our-log-1-r3"' in html
    assert html.count('type="checkbox"') == 4
    assert html.count("<textarea") == 4


def test_table_rows_can_start_with_printed_text():
    html = render_blocks(SIGNS)
    assert_every_field_is_labelled(html)
    assert re.search(r'<th scope="row" id="review-1-r1">Fewer fights</th>', html)
    assert ">Sign</th>" in html


def test_help_numbers_are_printed_from_the_organization_settings():
    organization = yaml.safe_load((PROJECT_ROOT / "site-data" / "organization.yml").read_text())
    html = render_blocks(HELP)
    assert organization["emergency"]["number"] in html
    for channel in organization["help_channels"]:
        assert channel["label"] in html and channel["value"] in html
    assert "<li>Breathe in for 4.</li>" in html
    assert 'class="sg-worksheet__caution">Keep it hidden.' in html


def test_interface_text_comes_from_the_strings_file():
    strings = yaml.safe_load((PROJECT_ROOT / "site-data" / "strings" / "en.yml").read_text())
    html = render_blocks(WEEKS)
    assert strings["worksheet_not_saved"] in html
    assert 'type="reset" class="md-button" data-sg-clear' in html
    assert f">{strings['worksheet_clear']}</button>" in html
    assert f">{strings['worksheet_print']}</button>" in html


@pytest.mark.parametrize("part,message", [
    ({"heading": "Empty"}, "parts[0]: has nothing in it"),
    ({"heading": "Weeks", "repeat": 2, "prompts": [{"label": "x"}]}, "parts[0].repeat_label: is missing"),
    ({"heading": "T", "table": {"columns": [{"label": "Date"}]}}, "parts[0].table: needs 'rows:'"),
    ({"heading": "Both", "prompts": [{"label": "x"}], "table": {"columns": [{"label": "a"}], "rows": 2}},
     "has both 'prompts:' and 'table:'"),
    ({"heading": "K", "prompts": [{"label": "x", "kind": "essay"}]}, "'essay' is not allowed"),
])
def test_a_part_that_cannot_be_printed_is_refused(part, message):
    report = check_blocks({"type": "worksheet", "heading": "Sheet", "parts": [part]})
    assert message in report, report


# --------------------------------------------------- discreet printing, booklet


@pytest.fixture
def guide_root(tmp_path: Path) -> Path:
    """A small guide: a start page, two worksheet pages and a booklet page."""
    copy_site_data(tmp_path)
    content = tmp_path / "content"
    (content / "80-worksheets").mkdir(parents=True)
    pages = {
        "00-home.yml": {"title": "Home", "summary": "Start.", "blocks": [{"type": "section", "heading": "Hi"}]},
        "80-worksheets/10-safety-plan.yml": {"title": "Safety plan", "summary": "A plan.",
                                             "blocks": [{**HELP, "id": "plan"}]},
        "80-worksheets/20-weekly.yml": {"title": "Weekly", "summary": "Weeks.", "blocks": [{**WEEKS, "id": "weeks"}]},
        "80-worksheets/90-all.yml": {"title": "All", "summary": "All of them.", "print_booklet": True,
                                     "blocks": [{"type": "section", "heading": "Before you print"}]},
    }
    (content / "80-worksheets" / "_section.yml").write_text("title: Worksheets\n")
    for name, page in pages.items():
        (content / name).write_text(yaml.safe_dump(page, sort_keys=False))
    return tmp_path


def render_page(root: Path, page_id: str, show_organization_on: list[str] | None = None) -> str:
    if show_organization_on is not None:
        path = root / "site-data" / "organization.yml"
        text, count = re.subn(r"show_organization_on: .*", f"show_organization_on: {show_organization_on}",
                              path.read_text())
        assert count == 1
        path.write_text(text)
    guide, settings = load_project(Project.at(root))
    return PageRenderer(guide, settings).render(guide.page(page_id), lambda target: f"/{target}/")


def test_the_organization_name_is_not_printed_by_default(guide_root: Path):
    name = yaml.safe_load((guide_root / "site-data" / "organization.yml").read_text())["name"]
    html = render_page(guide_root, "safety-plan")
    assert name not in html
    assert 'data-show-organization="false"' in html


def test_the_organization_name_is_printed_where_site_data_asks(guide_root: Path):
    strings = yaml.safe_load((PROJECT_ROOT / "site-data" / "strings" / "en.yml").read_text())
    name = yaml.safe_load((guide_root / "site-data" / "organization.yml").read_text())["name"]
    html = render_page(guide_root, "safety-plan", ["safety-plan"])
    assert f'<p class="sg-print-only sg-worksheet__from">{strings["worksheet_from"] % name}</p>' in html
    assert name not in render_page(guide_root, "weekly")


def test_an_unknown_page_in_printing_settings_is_reported_with_its_line(guide_root: Path):
    with pytest.raises(ContentError) as error:
        render_page(guide_root, "home", ["safety-plan", "safty-plan"])
    report = error.value.report()
    assert re.search(r"site-data/organization.yml:\d+: printing.show_organization_on\[1\]: "
                     r"'safty-plan' is not a worksheet page; expected one of: safety-plan, weekly", report), report
    with pytest.raises(ContentError, match="'home' is not a worksheet page"):
        render_page(guide_root, "home", ["home"])


def test_the_booklet_holds_every_worksheet_from_its_own_page(guide_root: Path):
    html = render_page(guide_root, "all", ["safety-plan"])
    assert html.index('id="plan"') < html.index('id="weeks"')
    assert html.count("data-sg-worksheet") == 2
    # Each sheet keeps its own page's print settings.
    assert html.count("sg-worksheet__from") == 1
    assert html.count('data-show-organization="true"') == 1
    assert_every_field_is_labelled(html)
    # The worksheets' own pages are unchanged, and list no booklet.
    assert render_page(guide_root, "weekly").count("data-sg-worksheet") == 1


def test_the_example_in_the_worksheet_docs_is_valid():
    docs = (PROJECT_ROOT / "docs" / "worksheets.md").read_text()
    example = yaml.safe_load(re.findall(r"```yaml\n(.*?)```", docs, flags=re.S)[0])[0]
    assert example["type"] == "worksheet"
    assert check_blocks(example) == ""
    assert_every_field_is_labelled(render_blocks(example))


def test_every_allowed_line_count_has_its_css_rule():
    """Line counts are set by a CSS rule per value (no style attribute, so the CSP needs no
    inline-style exception); the schema's largest count must have a rule too."""
    from steady_ground.blocks.worksheet import PROMPT, TABLE

    css = (PROJECT_ROOT / "overrides" / "assets" / "stylesheets" / "worksheets.css").read_text()
    covered = {int(n) for n, same in re.findall(r'\[data-sg-lines="(\d+)"\]\s*\{\s*--sg-ws-lines:\s*(\d+);', css)
               if n == same}
    largest = max(PROMPT.fields["lines"].maximum, TABLE.fields["lines"].maximum)
    assert covered == set(range(1, largest + 1))
    html = render_blocks({"type": "worksheet", "id": "w", "heading": "W", "parts": [
        {"heading": "This week", "prompts": [{"label": "What went well", "lines": 3}]},
        {"heading": "The log", "table": {"columns": [{"label": "Done"}], "rows": 2, "lines": 2}}]})
    assert 'data-sg-lines="3"' in html and 'data-sg-lines="2"' in html and "style=" not in html
