"""The guide's words: plain enough to read in a hard moment, our own, and complete.

1. Readability: every page reads at Flesch-Kincaid grade 8 or lower.
2. No copying: no run of 10 words from the seed guide appears in content/.
3. Coverage: every part of the seed guide has a home in content/, and the
   seed's calls to follow social media or join a mailing list do not.

The seed guide lives outside the repository. Its path can be set with
STEADY_GROUND_SEED; when the file is missing the tests fail (they never skip).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import textstat
import yaml

from .guide_files import page_files

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
# The team's shared folder sits beside the checkout (in CI too); the env var overrides it.
SEED = Path(os.environ.get("STEADY_GROUND_SEED", ROOT.parent / "shared" / "seed" / "000_6abd3c6e7e70e0c3.txt"))

MAX_GRADE = 8
RUN = 10  # words in a row that count as copying

# Fields whose values are not prose a reader reads.
NOT_PROSE = {"type", "id", "ref", "see", "from", "to"}
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
PAGE_NAME = re.compile(r"^\d+-(.+)\.yml$")


def page_id(path: Path) -> str:
    match = PAGE_NAME.match(path.name)
    assert match, f"{path.relative_to(ROOT)}: page files are named like '10-page-id.yml'"
    return match.group(1)


def strings(node, key: str | None = None):
    """Every prose string in a YAML tree, skipping the NOT_PROSE fields."""
    if key in NOT_PROSE:
        return
    if isinstance(node, dict):
        for k, v in node.items():
            yield from strings(v, str(k))
    elif isinstance(node, list):
        for item in node:
            yield from strings(item, key)
    elif isinstance(node, str):
        yield node


def page_text(path: Path) -> str:
    """All the words of one page, links reduced to their text.

    Each string (a heading, a bullet, a paragraph) is read as at least one
    sentence: a heading with no full stop is not run into the next line.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pieces = []
    for text in strings(data):
        text = LINK.sub(r"\1", text).strip()
        if text and text[-1] not in ".!?":
            text += "."
        pieces.append(text)
    return " ".join(pieces)


def tokens(text: str) -> list[str]:
    text = text.lower()
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return re.findall(r"\w+", text)


def seed_text() -> str:
    assert SEED.is_file(), (f"the seed guide is missing at {SEED}; "
                            "set STEADY_GROUND_SEED to its path")
    return SEED.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- 0


def test_there_is_content():
    files = page_files()
    assert len(files) >= 15, f"expected the whole guide in content/, found {len(files)} pages"
    ids = {page_id(p) for p in files}
    assert "home" in ids


# --------------------------------------------------------------------------- 1


@pytest.mark.parametrize("path", page_files(), ids=lambda p: str(p.relative_to(CONTENT)))
def test_page_reads_at_grade_8_or_lower(path: Path):
    text = page_text(path)
    assert len(tokens(text)) > 20, f"{path.relative_to(ROOT)}: too little text to grade"
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, (
        f"{path.relative_to(ROOT)} reads at Flesch-Kincaid grade {grade}; "
        f"keep it at {MAX_GRADE} or lower: shorter sentences, shorter words")


def test_grading_really_fails_on_hard_text():
    hard = ("Notwithstanding considerable interpersonal destabilization, "
            "individuals demonstrating persistent manipulative characteristics "
            "occasionally experience meaningful transformation through "
            "comprehensive therapeutic intervention.")
    assert textstat.flesch_kincaid_grade(hard) > MAX_GRADE


# --------------------------------------------------------------------------- 2


def runs(words: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def copied_runs(seed: str, text: str) -> list[str]:
    seed_runs = runs(tokens(seed))
    return sorted(" ".join(r) for r in runs(tokens(text)) & seed_runs)


def test_no_sentence_of_the_seed_is_copied():
    seed = seed_text()
    problems = []
    for path in page_files():
        # Each string separately, and the page as a whole (a run may cross lines).
        for found in copied_runs(seed, page_text(path)):
            problems.append(f"{path.relative_to(ROOT)}: '{found}'")
    assert not problems, "words copied from the seed:\n" + "\n".join(problems)


def test_copy_check_really_finds_a_copy():
    seed = seed_text()
    line = next(line for line in seed.splitlines() if len(line.split()) > 15)
    assert copied_runs(seed, "Some words of ours. " + line)
    assert not copied_runs(seed, "Some words of ours, written fresh for this guide.")


# --------------------------------------------------------------------------- 3

# (a heading of the seed, the page that covers it, a block id on that page or
# a word its text must contain)
COVERAGE = [
    ("Introduction", "home", "can-it-get-better"),
    ("What \u201cToxic\u201d Really Means", "what-toxic-means", "three-words"),
    ("Defining Toxic vs. Unhealthy vs. Abusive", "what-toxic-means", "three-words"),
    ("Why Toxic Patterns Start", "what-toxic-means", "why-patterns-start"),
    ("Signs That Suggest Real Change Is Possible", "can-it-change", "what-change-needs"),
    ("What Change Requires From Both People", "can-it-change", "what-change-needs"),
    ("Red Flags That Suggest Change Is Unlikely", "can-it-change", "red-flags"),
    ("The Emotional Terrain: Why It\u2019s Hard to Decide", "why-its-hard", "hope-and-fear"),
    ("The Push-Pull of Hope and Fear", "why-its-hard", "hope-and-fear"),
    ("Why You Might Miss Someone After Leaving", "why-its-hard", "missing-them"),
    ("Practical Roadmap: When You Decide To Try Fixing Things", "try-to-fix", "roadmap"),
    ("Step 1 \u2014 Create a Shared Reality", "try-to-fix", "step-1-shared-picture"),
    ("Step 2 \u2014 Set Boundaries With Clarity", "try-to-fix", "step-2-boundaries"),
    ("Step 3 \u2014 Establish Accountability", "try-to-fix", "step-3-accountability"),
    ("Step 4 \u2014 Learn and Practice New Skills", "try-to-fix", "step-4-skills"),
    ("Step 5 \u2014 Seek Professional Guidance", "try-to-fix", "step-5-professional-help"),
    ("Step 6 \u2014 Rebuild Trust Intentionally", "try-to-fix", "step-6-trust"),
    ("When Improvement Isn\u2019t Safe or Realistic", "not-safe", "abuse-changes-things"),
    ("Abuse Changes the Equation", "not-safe", "abuse-changes-things"),
    ("When One Partner Won\u2019t Change", "not-safe", "one-partner-wont-change"),
    ("Practical Tools: Scripts, Questions, and Exercises", "tools", "scripts"),
    ("Conversation Scripts That Reduce Reactivity", "tools", "script-start-hard-talk"),
    ("Conversation Scripts That Reduce Reactivity", "tools", "script-when-doubted"),
    ("Conversation Scripts That Reduce Reactivity", "tools", "script-ask-for-change"),
    ("Weekly Check-In Template", "tools", "weekly-check-in-exercise"),
    ("Grounding Tools for High-Emotion Moments", "tools", "breathing-4-4-4"),
    ("Grounding Tools for High-Emotion Moments", "tools", "five-senses-reset"),
    ("Grounding Tools for High-Emotion Moments", "tools", "time-out-code"),
    ("Rebuilding Yourself If You Leave", "rebuilding", "rebuilding-identity"),
    ("Reclaiming Your Identity", "rebuilding", "rebuilding-identity"),
    ("Repairing Self-Trust", "rebuilding", "self-trust"),
    ("When to Re-enter Dating", "rebuilding", "dating-again"),
    ("Community and Ongoing Support", "rebuilding", "heal-with-others"),
    ("Community and Ongoing Support", "get-help", "help-channels"),
    ("Common Pitfalls and How To Avoid Them", "pitfalls", "pitfalls-list"),
    ("Pitfall: Confusing Effort with Progress", "pitfalls", "effort"),
    ("Pitfall: Taking All Responsibility", "pitfalls", "your part"),
    ("Pitfall: Moving Too Fast or Too Slow", "pitfalls", "too fast"),
    ("Pitfall: Isolation", "pitfalls", "alone"),
    ("Measuring Progress: What Real Change Looks Like", "measuring-progress", "signs-of-real-change"),
    ("Safety, Legal Concerns, and When to Seek External Help", "safety", "violence"),
    ("If There Is Physical or Sexual Violence", "safety", "violence"),
    ("If There Is Financial Control", "safety", "money-control"),
    ("If There Is Emotional or Digital Abuse", "safety", "digital-abuse"),
    ("When Therapy Helps, and When It Doesn\u2019t", "therapy", "couples-therapy"),
    ("When Couples Therapy Can Be Useful", "therapy", "couples-therapy"),
    ("When Individual Therapy Is Essential", "therapy", "therapy-for-you"),
    ("When Therapy Is Not Enough", "therapy", "therapy-not-enough"),
    ("Realistic Timelines and Expectations", "timelines", "how-long-things-take"),
    ("How Loved Ones Can Help", "loved-ones", "how-to-help"),
    ("Tools and Resources to Use Today", "moving-forward", "tools-for-today"),
    ("Moving Forward With Compassion", "moving-forward", "be-kind-to-yourself"),
    ("Conclusion", "moving-forward", "in-short"),
    ("Can one person change a toxic relationship on their own?", "faq", "one-person-alone"),
    ("How long should I wait to see if my partner\u2019s change is real?", "faq", "how-long-to-wait"),
    ("Is couples therapy safe when there\u2019s been emotional abuse?", "faq", "couples-therapy-after-abuse"),
    ("How do I cope with grief after leaving a toxic relationship?", "faq", "coping-with-grief"),
]

# Parts of the seed that must not come along: its social media and mailing-list asks.
BANNED = ["facebook", "pinterest", "newsletter", "join our", "sign up", "subscribe", "inbox"]


def pages() -> dict[str, tuple[Path, dict]]:
    return {page_id(p): (p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in page_files()}


def block_ids(data: dict) -> set[str]:
    found = set()
    for block in data.get("blocks") or []:
        if block.get("id"):
            found.add(block["id"])
        for sub in block.get("subsections") or []:
            if sub.get("id"):
                found.add(sub["id"])
    return found


def test_seed_headings_in_coverage_are_real():
    seed = seed_text()
    missing = [topic for topic, _, _ in COVERAGE if topic not in seed]
    assert not missing, f"these topics are not headings or questions of the seed: {missing}"


def test_every_seed_heading_and_question_is_listed():
    seed = seed_text()
    lines = seed.splitlines()
    start = lines.index("Table of Contents") + 1
    headings = []
    for line in lines[start:]:
        if not line.startswith("- "):
            break
        headings.append(line[2:].strip())
    questions = [line[3:].strip() for line in seed.splitlines() if line.startswith("Q: ")]
    assert len(headings) >= 18 and len(questions) == 4, "the seed's contents list was not found"
    listed = {topic for topic, _, _ in COVERAGE}
    missing = [h for h in [*headings, *questions] if h not in listed]
    assert not missing, f"seed parts with no place in COVERAGE: {missing}"


@pytest.mark.parametrize("topic,pid,mark", COVERAGE, ids=[f"{p}:{m}" for _, p, m in COVERAGE])
def test_seed_topic_has_a_home(topic: str, pid: str, mark: str):
    all_pages = pages()
    assert pid in all_pages, f"'{topic}' should be covered on page '{pid}', which does not exist"
    path, data = all_pages[pid]
    text = page_text(path).lower()
    assert mark in block_ids(data) or mark in text, (
        f"'{topic}': {path.relative_to(ROOT)} has no block id or text '{mark}'")


def test_faq_entries_are_faq_blocks():
    _, data = pages()["faq"]
    faq_ids = {b.get("id") for b in data["blocks"] if b["type"] == "faq"}
    wanted = {mark for _, pid, mark in COVERAGE if pid == "faq"}
    assert wanted <= faq_ids, f"FAQ entries missing as faq blocks: {sorted(wanted - faq_ids)}"


def test_no_social_media_or_mailing_list_asks():
    problems = []
    for path in page_files():
        raw = path.read_text(encoding="utf-8").lower()
        problems += [f"{path.relative_to(ROOT)}: '{word}'" for word in BANNED if word in raw]
    assert not problems, "calls to action left over from the seed:\n" + "\n".join(problems)


def test_no_phone_numbers_in_content():
    """Help lines come from site-data/organization.yml, never from the text."""
    problems = []
    for path in page_files():
        for found in re.findall(r"[\d(][\d()\-. ]{5,}\d", path.read_text(encoding="utf-8")):
            if len(re.findall(r"\d", found)) >= 7:
                problems.append(f"{path.relative_to(ROOT)}: '{found}'")
    assert not problems, "numbers that look like phone numbers:\n" + "\n".join(problems)
