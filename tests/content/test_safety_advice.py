"""The guide is safe as advice, not only as software (issue 10).

These pin the places where a reader in danger must find the right step: the
signs of higher danger and the pages that lead to them, the emergency step
first, children in the safety plan, and safe answers on couples counseling.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from steady_ground.project import Project, load_project
from steady_ground.safety_rules import links_to

ROOT = Path(__file__).resolve().parents[2]
GUIDE, SETTINGS = load_project(Project.at(ROOT))
DANGER_SIGNS = "safety/danger-signs"


def block(page_id: str, block_id: str):
    found = [b for b in GUIDE.page(page_id).blocks if b.id == block_id]
    assert found, f"the page '{page_id}' has no block '{block_id}'"
    return found[0]


def words(value) -> str:
    """All the text of a block's data, lower case, links reduced to their words."""
    if isinstance(value, dict):
        return " ".join(words(v) for k, v in value.items() if k not in ("id", "see", "ref", "type", "for"))
    if isinstance(value, list):
        return " ".join(words(v) for v in value)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", str(value))
    return " ".join(text.lower().split())


# --- 4: signs of higher danger ------------------------------------------------------

SIGNS = {
    "choking or strangulation": r"chok|strangl",
    "a gun or other weapon": r"gun|weapon",
    "threats to kill": r"threatened to kill you",
    "violence getting worse or more frequent": r"more often|worse than before",
    "stalking": r"stalking",
    "constant jealousy": r"jealous",
    "forced sex": r"forced you to have sex",
    "threats of suicide": r"kill themselves",
    "harm to children or pets": r"children or your pets",
    "separation": r"when you leave",
    "pregnancy": r"pregnant",
}


@pytest.mark.parametrize("sign", SIGNS)
def test_danger_signs_name_each_sign_in_plain_words(sign):
    assert re.search(SIGNS[sign], words(block("safety", "danger-signs").data)), sign


def test_danger_signs_send_anyone_choked_to_a_doctor_and_give_no_score():
    text = words(block("safety", "danger-signs").data)
    assert re.search(r"choked or strangled, see a doctor, even if there are no marks", text)
    assert "no score" in text and "advocate" in text
    assert not re.search(r"\b\d+ (?:or more )?(?:points|yes answers)", text), "danger is judged with an advocate"


def test_danger_signs_come_with_the_help_channels():
    blocks = GUIDE.page("safety").blocks
    index = [b.id for b in blocks].index("danger-signs")
    assert blocks[index + 1].type == "help_channels"
    assert "get-help" in block("safety", "danger-signs").data["see"]


@pytest.mark.parametrize("page_id", ["home", "safety", "get-help", "safety-plan"])
def test_the_danger_signs_are_linked_from(page_id):
    assert links_to(GUIDE.page(page_id), DANGER_SIGNS)


def test_the_link_check_is_exact():
    assert not links_to(GUIDE.page("me-list"), DANGER_SIGNS)
    assert links_to(GUIDE.page("home"), "safety") and not links_to(GUIDE.page("home"), "safety/no-such-block")


# --- 9: the emergency step first ----------------------------------------------------

@pytest.mark.parametrize("page_id", ["home", "get-help"])
def test_the_emergency_step_comes_first(page_id):
    assert GUIDE.page(page_id).blocks[0].type == "emergency"


def test_the_safety_path_comes_first_on_the_start_page():
    paths = next(b for b in GUIDE.page("home").blocks if b.type == "paths")
    assert paths.data["items"][0]["ref"] == "safety"


def test_get_help_says_a_hotline_cannot_send_police_and_texting_works_only_in_some_areas():
    text = words(block("get-help", "in-danger-now").data)
    assert "a hotline cannot send police" in text
    assert "in some areas you can send a text to the emergency number" in text


# --- 5 and 6: leaving, and children -------------------------------------------------

def test_planning_to_leave_comes_before_the_other_safety_steps_and_is_linked():
    order = [b.id for b in GUIDE.page("safety").blocks]
    assert order.index("leaving-safely") < order.index("violence")
    assert links_to(GUIDE.page("not-safe"), "safety/leaving-safely")
    after = words(block("rebuilding", "staying-safe-after-leaving").data)
    for point in ("stalking", "protection order", "handing over children"):
        assert point in after


CHILDREN = {
    "a safe place or room": r"safe place",
    "calling the emergency number": r"how and when to call",
    "not stepping into a fight": r"stay out of (?:the|a) fight|step in",
    "school pickup": r"school .*pick",
    "an advocate before leaving": r"advocate",
}


@pytest.mark.parametrize("point", CHILDREN)
def test_children_are_in_the_guide_and_the_safety_plan(point):
    assert re.search(CHILDREN[point], words(block("safety", "children").data)), point
    plan = block("safety-plan", "my-safety-plan").data
    part = next(p for p in plan["parts"] if "children" in p["heading"].lower())
    assert re.search(CHILDREN[point], words(part)), point


# --- 1, 2, 3, 7: advice that could hurt ----------------------------------------------

def test_violence_is_never_a_boundary_example():
    step = next(s for s in block("try-to-fix", "roadmap").data["subsections"] if s["id"] == "step-2-boundaries")
    examples = step["body"][0]["bullets"][0].lower()
    assert not re.search(r"hit|push|throw|chok", examples)
    assert "they are abuse" in words(step)


def test_the_safety_plan_warns_before_any_phone_change():
    plan = block("safety-plan", "my-safety-plan").data
    phone = words(next(p for p in plan["parts"] if "phone" in p["heading"].lower()))
    assert "can be noticed" in phone and "deletes proof" in phone and "advocate" in phone
    assert "change my passwords" not in phone


def test_couples_counseling_is_not_offered_while_abuse_goes_on():
    answer = words(block("faq", "couples-therapy-after-abuse").data["answer"])
    assert answer.startswith("no, not while abuse or coercive control is going on")
    assert "trained in domestic abuse" in answer and "each of you alone" in answer
    therapy = words(block("therapy", "couples-therapy").data)
    assert "trained in domestic abuse" in therapy and "each of you alone" in therapy


def test_abuse_is_never_your_fault():
    for page_id, block_id in [("home", "can-it-get-better"), ("what-toxic-means", "why-patterns-start"),
                              ("why-its-hard", "hope-and-fear")]:
        assert "never your fault" in words(block(page_id, block_id).data), page_id
    assert "fear of what your partner will do" in words(block("why-its-hard", "hope-and-fear").data)
