"""The self-check block: its fields, its checks, the HTML (fieldsets and legends, radio buttons in no
form, every reflection written out, danger groups first) and the rule that leads to Safety first."""
from __future__ import annotations

import copy
import re

import yaml

from steady_ground.testing import PROJECT_ROOT, check_blocks, render_blocks

SAFETY_PAGE = {"safety": {"title": "Safety first", "summary": "Staying safe.",
                          "blocks": [{"type": "section", "id": "danger-signs", "heading": "Signs of higher danger"}]}}

CHECK = {
    "type": "self_check", "id": "check", "heading": "Is it changing?",
    "intro": "Answer for how things are now.",
    "privacy": "Nothing is saved or sent.",
    "choices": [{"label": "Yes", "counts": True}, {"label": "Sometimes", "counts": True}, {"label": "No"}],
    "groups": [
        {"heading": "What has changed", "statements": ["They own what they did.", "It has lasted months."],
         "if_any": ["Some signs of change."], "if_none": ["No signs yet."]},
        {"heading": "What frightens you", "danger": True, "statements": ["I am afraid of them."],
         "if_any": ["Signs of danger. An advocate can help. See [Safety first](ref:safety/danger-signs)."],
         "if_none": ["None marked."]},
    ],
    "reflection_heading": "What your answers point to",
    "waiting": "Answer, and it shows here.",
    "any_label": "If you answered Yes or Sometimes to any of these",
    "none_label": "If you answered No to all of these",
    "closing": "There is no score.",
}


def with_changes(**changes) -> dict:
    block = copy.deepcopy(CHECK)
    block.update(changes)
    return block


def test_a_complete_self_check_is_accepted():
    assert check_blocks(CHECK, extra_pages=SAFETY_PAGE) == ""


def test_statements_are_radio_groups_in_fieldsets_with_legends_and_no_form():
    html = render_blocks(CHECK, extra_pages=SAFETY_PAGE)
    assert "<form" not in html  # nothing can be submitted, nothing goes into an address
    assert re.search(r'<fieldset class="sg-self-check__group" id="check-what-has-changed" data-sg-group="1">\s*'
                     r'<legend class="sg-self-check__group-name">What has changed</legend>', html)
    for statement, name in [("They own what they did.", "check-1-1"), ("It has lasted months.", "check-1-2"),
                            ("I am afraid of them.", "check-2-1")]:
        found = re.search(rf"<fieldset>\s*<legend>{re.escape(statement)}</legend>(.*?)</fieldset>", html, re.S)
        assert found, statement
        radios = re.findall(r'<label class="sg-self-check__choice"><input type="radio" name="([^"]+)" '
                            r'value="(\d)"( data-sg-counts)?> (\w+)</label>', found.group(1))
        assert radios == [(name, "0", " data-sg-counts", "Yes"), (name, "1", " data-sg-counts", "Sometimes"),
                          (name, "2", "", "No")]


def test_every_reflection_is_written_out_danger_first_with_the_help_lines():
    organization = yaml.safe_load((PROJECT_ROOT / "site-data" / "organization.yml").read_text())
    html = render_blocks(CHECK, extra_pages=SAFETY_PAGE)
    live = html[html.index('data-sg-answers aria-live="polite"'):]
    danger = live.index('data-sg-for="check-what-frightens-you"')
    changed = live.index('data-sg-for="check-what-has-changed"')
    assert danger < changed, "the danger group's reflection comes first"
    danger_part = live[danger:changed]
    assert danger_part.index("Signs of danger.") < danger_part.index('class="sg-emergency__number"') \
        < danger_part.index('class="sg-help sg-help"'.replace(' sg-help"', '"')) < danger_part.index("None marked.")
    assert f'href="tel:{organization["emergency"]["number"]}"' in danger_part
    assert all(channel["label"] in danger_part for channel in organization["help_channels"])
    assert 'href="/safety/#danger-signs"' in danger_part
    # Both reflections of each group, each after the words that say when it applies.
    assert live.count("If you answered Yes or Sometimes to any of these") == 2
    assert live.count("If you answered No to all of these") == 2
    assert live.index("Some signs of change.") < live.index("No signs yet.")
    assert 'class="sg-emergency__number"' not in live[changed:], "the help lines go with the danger group only"
    assert "Nothing is saved or sent." in html and "There is no score." in html
    assert re.search(r'<p class="sg-self-check__waiting sg-screen-only" data-sg-waiting hidden>', html)


def test_choices_must_offer_an_answer_that_counts_and_one_that_does_not():
    only_counting = with_changes(choices=[{"label": "Yes", "counts": True}, {"label": "Sometimes", "counts": True}])
    assert "blocks[0].choices: has only choices with 'counts: true'" in check_blocks(only_counting, extra_pages=SAFETY_PAGE)
    none_counting = with_changes(choices=[{"label": "Yes"}, {"label": "No"}])
    assert "blocks[0].choices: has no choice with 'counts: true'" in check_blocks(none_counting, extra_pages=SAFETY_PAGE)
    one = with_changes(choices=[{"label": "Yes", "counts": True}])
    assert "blocks[0].choices: has 1 item(s); expected at least 2" in check_blocks(one, extra_pages=SAFETY_PAGE)
    many = with_changes(choices=[{"label": word, "counts": word == "Yes"} for word in ["Yes", "A", "B", "C", "No"]])
    assert "blocks[0].choices: has 5 choice(s); expected 2 to 4" in check_blocks(many, extra_pages=SAFETY_PAGE)


def test_required_fields_are_named():
    block = with_changes()
    del block["privacy"]
    del block["groups"][0]["if_none"]
    report = check_blocks(block, extra_pages=SAFETY_PAGE)
    assert "blocks[0].privacy: is missing; expected text" in report
    assert "blocks[0].groups[0].if_none: is missing" in report
    assert "Traceback" not in report


# --- the safety rule: a danger group whose reflection links to Safety first ------------


def test_a_self_check_without_a_danger_group_is_refused_with_its_file_and_line():
    groups = [dict(group, danger=False) for group in CHECK["groups"]]
    report = check_blocks({"type": "section", "heading": "Intro"}, with_changes(groups=groups),
                          extra_pages=SAFETY_PAGE)
    assert "content/00-home.yml:6: blocks[1].groups: the self-check 'check' has no group of danger signs" in report
    assert "'danger: true'" in report and "'[Safety first](ref:safety)'" in report
    assert "Traceback" not in report


def test_a_danger_group_whose_reflection_does_not_link_to_safety_first_is_refused():
    groups = copy.deepcopy(CHECK["groups"])
    groups[1]["if_any"] = ["Signs of danger. Talk to [an advocate](ref:get-help)."]
    groups[1]["if_none"] = ["None marked. See [Safety first](ref:safety)."]  # the wrong place for the link
    pages = {**SAFETY_PAGE, "get-help": {"title": "Get help", "summary": "Help.",
                                         "blocks": [{"type": "help_channels", "heading": "Call"}]}}
    report = check_blocks(with_changes(groups=groups), extra_pages=pages)
    assert ("content/00-home.yml:4: blocks[0].groups[1].if_any: the danger group 'What frightens you' of the "
            "self-check 'check' does not link to Safety first (page id 'safety')") in report
    assert "Traceback" not in report


def test_a_link_to_the_safety_page_itself_is_enough():
    groups = copy.deepcopy(CHECK["groups"])
    groups[1]["if_any"] = [{"bullets": ["Read [Safety first](ref:safety)."]}]
    assert check_blocks(with_changes(groups=groups), extra_pages=SAFETY_PAGE) == ""
