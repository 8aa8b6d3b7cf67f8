"""The guide's words: plain enough to read in a hard moment, our own, and complete.

1. Readability: every page reads at Flesch-Kincaid grade 8 or lower.
2. No copying: no run of 10 words from the seed guide appears in content/.
3. Coverage: every part of the seed guide has a home in content/, and the
   seed's calls to follow social media or join a mailing list do not.

These tests need only the repository: what they know of the seed guide is in
seed-fingerprints.json (hashes of its 10-word runs, labels for its headings;
no seed text, see seed_data.py). Where the seed itself is at hand, as in CI,
test_seed_match.py checks that the stored data still matches it.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import textstat
import yaml

from .guide_files import page_files, texts_in
from .seed_data import RUN, copied_runs, load, run_hashes, stored_runs, tokens

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
SEED_DATA = load()

MAX_GRADE = 8

# Fields whose values are not prose a reader reads.
# "source" is a translation's fingerprint of the English words it translates.
NOT_PROSE = {"type", "id", "ref", "see", "from", "to", "for", "covered_in", "search_also", "source"}
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
PAGE_NAME = re.compile(r"^\d+-(.+)\.yml$")


def page_id(path: Path) -> str:
    match = PAGE_NAME.match(path.name)
    assert match, f"{path.relative_to(ROOT)}: page files are named like '10-page-id.yml'"
    return match.group(1)


def strings(node):
    """Every prose string in a YAML tree, skipping the NOT_PROSE fields."""
    return texts_in(node, NOT_PROSE)


@functools.cache
def page_text(path: Path) -> str:
    """All the words of one page, links reduced to their text.

    Each string (a heading, a bullet, a paragraph) is read as at least one
    sentence: a heading with no full stop is not run into the next line.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return " ".join(as_sentences(text) for text in strings(data))


def as_sentences(text: str) -> str:
    """One string as graded: links reduced to their text, read as at least one sentence."""
    text = " ".join(LINK.sub(r"\1", text).split())
    if text and text[-1] not in ".!?":
        text += "."
    return text


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


def test_no_sentence_of_the_seed_is_copied():
    seed_runs = stored_runs(SEED_DATA)
    problems = []
    for path in page_files():
        for found in copied_runs(seed_runs, page_text(path)):
            problems.append(f"{path.relative_to(ROOT)}: '{found}'")
    assert not problems, "words copied from the seed:\n" + "\n".join(problems)


def test_copy_check_really_finds_a_copy():
    source = ("Every run of ten words in a row from this made up source counts as a copy "
              "once it is hashed the way the seed's runs are hashed.")
    stored = run_hashes(source)
    assert len(stored) == len(tokens(source)) - RUN + 1
    shared = "ten words in a row from this made up source counts as a copy"
    copy = f"Some words of ours. {shared.capitalize()}, we said."
    words = shared.split()
    assert copied_runs(stored, copy) == sorted(" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1))
    assert not copied_runs(stored, "Some words of ours, written fresh for this guide: ten words in a row.")


def test_the_stored_seed_runs_look_like_a_whole_guide():
    assert SEED_DATA["run_words"] == RUN
    digests = SEED_DATA["runs"]
    assert len(digests) > 2000 and digests == sorted(set(digests))
    assert all(re.fullmatch(r"[0-9a-f]{12}", digest) for digest in digests)


# --------------------------------------------------------------------------- 3

# (a label of ours for a heading or question of the seed, the page that covers
# it, a block id on that page or a word its text must contain). The labels and
# a hash of each heading's words are in seed-fingerprints.json.
COVERAGE = [
    ("intro", "home", "can-it-get-better"),
    ("toxic-meaning", "what-toxic-means", "three-words"),
    ("three-kinds", "what-toxic-means", "three-words"),
    ("pattern-roots", "what-toxic-means", "why-patterns-start"),
    ("hopeful-signs", "can-it-change", "what-change-needs"),
    ("change-needs-both", "can-it-change", "what-change-needs"),
    ("warning-signs", "can-it-change", "red-flags"),
    ("feelings", "why-its-hard", "hope-and-fear"),
    ("hope-and-fear", "why-its-hard", "hope-and-fear"),
    ("missing-them", "why-its-hard", "missing-them"),
    ("roadmap", "try-to-fix", "roadmap"),
    ("step-1", "try-to-fix", "step-1-shared-picture"),
    ("step-2", "try-to-fix", "step-2-boundaries"),
    ("step-3", "try-to-fix", "step-3-accountability"),
    ("step-4", "try-to-fix", "step-4-skills"),
    ("step-5", "try-to-fix", "step-5-professional-help"),
    ("step-6", "try-to-fix", "step-6-trust"),
    ("not-safe", "not-safe", "abuse-changes-things"),
    ("abuse", "not-safe", "abuse-changes-things"),
    ("one-wont-change", "not-safe", "one-partner-wont-change"),
    ("tools", "tools", "scripts"),
    ("scripts", "tools", "script-start-hard-talk"),
    ("scripts", "tools", "script-when-doubted"),
    ("scripts", "tools", "script-ask-for-change"),
    ("check-in", "tools", "weekly-check-in-exercise"),
    ("grounding", "tools", "breathing-4-4-4"),
    ("grounding", "tools", "five-senses-reset"),
    ("grounding", "tools", "time-out-code"),
    ("rebuilding", "rebuilding", "rebuilding-identity"),
    ("identity", "rebuilding", "rebuilding-identity"),
    ("self-trust", "rebuilding", "self-trust"),
    ("dating", "rebuilding", "dating-again"),
    ("support", "rebuilding", "heal-with-others"),
    ("support", "get-help", "help-channels"),
    ("pitfalls", "pitfalls", "pitfalls-list"),
    ("pitfall-effort", "pitfalls", "effort"),
    ("pitfall-blame", "pitfalls", "your part"),
    ("pitfall-pace", "pitfalls", "too fast"),
    ("pitfall-alone", "pitfalls", "alone"),
    ("progress", "measuring-progress", "signs-of-real-change"),
    ("safety", "safety", "violence"),
    ("violence", "safety", "violence"),
    ("money", "safety", "money-control"),
    ("digital", "safety", "digital-abuse"),
    ("therapy", "therapy", "couples-therapy"),
    ("couples-therapy", "therapy", "couples-therapy"),
    ("own-therapy", "therapy", "therapy-for-you"),
    ("therapy-limits", "therapy", "therapy-not-enough"),
    ("timelines", "timelines", "how-long-things-take"),
    ("loved-ones", "loved-ones", "how-to-help"),
    ("today", "moving-forward", "tools-for-today"),
    ("compassion", "moving-forward", "be-kind-to-yourself"),
    ("ending", "moving-forward", "in-short"),
    ("faq-one-person", "faq", "one-person-alone"),
    ("faq-how-long", "faq", "how-long-to-wait"),
    ("faq-couples-therapy", "faq", "couples-therapy-after-abuse"),
    ("faq-grief", "faq", "coping-with-grief"),
]

# Parts of the seed that must not come along: its social media and mailing-list asks.
BANNED = ["facebook", "pinterest", "newsletter", "join our", "sign up", "subscribe", "inbox"]


@functools.cache
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


def test_coverage_lists_every_stored_heading_and_only_those():
    labels = {label for label, _, _ in COVERAGE}
    stored = SEED_DATA["headings"]
    assert labels - stored.keys() == set(), "labels in COVERAGE with no entry in seed-fingerprints.json"
    assert stored.keys() - labels == set(), "seed headings in seed-fingerprints.json with no place in COVERAGE"
    kinds = [entry["kind"] for entry in stored.values()]
    assert kinds.count("contents") >= 18 and kinds.count("question") == 4, "the seed's contents list is not stored"


@pytest.mark.parametrize("topic,pid,mark", COVERAGE, ids=[f"{p}:{m}" for _, p, m in COVERAGE])
def test_seed_topic_has_a_home(topic: str, pid: str, mark: str):
    """`topic` is a label of ours for a part of the seed."""
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
