"""Each meaning in the word list ("Words people use", the term blocks) is plainer than the
word it explains: every entry on its own reads at Flesch-Kincaid grade 6 or lower in English
and scores 70 or more on Fernández-Huerta in Spanish.

A page's grade (test_words.py, test_spanish_words.py) can hide one hard entry among many
easy ones; here each meaning is graded alone, gathered as a page's text is (links reduced
to their text, read as at least one sentence).
"""
from __future__ import annotations

import statistics

import pytest
import textstat
import yaml

from .guide_files import CONTENT, page_files, translation_files
from .test_spanish_words import spanish
from .test_words import as_sentences

MAX_GRADE = 6
MIN_SCORE = 70
LANGUAGE = "es"


def english_meanings() -> dict[str, str]:
    """Term id -> its meaning, from every English page made of term blocks."""
    found = {}
    for path in page_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("blocks") or []:
            if isinstance(block, dict) and block.get("type") == "term":
                found[block["id"]] = as_sentences(block["meaning"])
    return found


def spanish_meanings(ids: set[str]) -> dict[str, str]:
    """Term id -> its Spanish meaning, from the translated blocks of those terms."""
    found = {}
    for path in translation_files(LANGUAGE):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block_id, block in (data.get("blocks") or {}).items():
            if block_id in ids and isinstance(block, dict) and "meaning" in block:
                found[block_id] = as_sentences(block["meaning"])
    return found


ENGLISH = english_meanings()
SPANISH = spanish_meanings(set(ENGLISH))


def summary(scores: dict[str, float], hardest_first: bool) -> str:
    values = list(scores.values())
    worst = sorted(scores.items(), key=lambda item: item[1], reverse=hardest_first)[:5]
    return (f"{len(values)} entries: min {min(values):.1f}, max {max(values):.1f}, "
            f"mean {statistics.mean(values):.1f}; hardest: " + ", ".join(f"{k} {v:.1f}" for k, v in worst))


@pytest.fixture(scope="module")
def grades(figures) -> dict[str, float]:
    found = {term: textstat.flesch_kincaid_grade(text) for term, text in ENGLISH.items()}
    figures[f"Word list meanings, Flesch-Kincaid grade per entry (<= {MAX_GRADE})"] = summary(found, True)
    return found


@pytest.fixture(scope="module")
def scores(figures) -> dict[str, float]:
    found = {term: spanish(textstat.fernandez_huerta, text) for term, text in SPANISH.items()}
    figures[f"Word list meanings, Fernández-Huerta per entry, Spanish (>= {MIN_SCORE})"] = summary(found, False)
    return found


def test_every_term_has_a_meaning_in_both_editions():
    assert len(ENGLISH) >= 40, f"the word list has {len(ENGLISH)} terms; expected at least 40"
    assert set(SPANISH) == set(ENGLISH), f"terms without a Spanish meaning: {sorted(set(ENGLISH) - set(SPANISH))}"


@pytest.mark.parametrize("term", sorted(ENGLISH))
def test_english_meaning_reads_at_grade_6_or_lower(grades, term):
    assert grades[term] <= MAX_GRADE, (
        f"{CONTENT.name}/72-words.yml: the meaning of '{term}' reads at Flesch-Kincaid grade {grades[term]}; "
        f"keep it at {MAX_GRADE} or lower: shorter sentences, shorter words. It reads: {ENGLISH[term]}")


@pytest.mark.parametrize("term", sorted(SPANISH))
def test_spanish_meaning_scores_70_or_more(scores, term):
    assert scores[term] >= MIN_SCORE, (
        f"translations/{LANGUAGE}/72-words.yml: the meaning of '{term}' scores {scores[term]} on Fernández-Huerta; "
        f"keep it at {MIN_SCORE} or more: shorter sentences, shorter words. It reads: {SPANISH[term]}")


def test_the_per_entry_limits_really_catch_a_hard_meaning():
    hard_english = ("A protection order is a legally enforceable judicial instrument prohibiting "
                    "communication, proximity or harassment by the respondent.")
    hard_spanish = ("Una orden de protección es un instrumento judicial legalmente exigible que prohíbe "
                    "la comunicación, la proximidad o el hostigamiento por parte del demandado.")
    assert textstat.flesch_kincaid_grade(hard_english) > MAX_GRADE
    assert spanish(textstat.fernandez_huerta, hard_spanish) < MIN_SCORE
    assert textstat.flesch_kincaid_grade(ENGLISH["protection-order"]) <= MAX_GRADE
