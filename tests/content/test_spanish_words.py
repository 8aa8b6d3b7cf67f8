"""The Spanish edition's words are plain: every translated page scores 70 or more on
Fernández-Huerta (textstat's Spanish formula; 70 and above reads as "fairly easy"),
the Spanish counterpart of the English pages' Flesch-Kincaid grade 8 (test_words.py).

Each page's text is gathered as for the English grade: every prose string read as at
least one sentence, links reduced to their text, block ids, search words and the
translation's fingerprints left out.
"""
from __future__ import annotations

import pytest
import textstat

from .guide_files import CONTENT, translation_files
from .seed_data import tokens
from .test_words import page_text

LANGUAGE = "es"
MIN_SCORE = 70
FILES = translation_files(LANGUAGE)


def spanish(measure, text: str) -> float:
    """A textstat measure taken with its Spanish rules (syllables by Spanish hyphenation),
    the English ones put back afterwards: other tests in the same process grade English."""
    textstat.set_lang(LANGUAGE)
    try:
        return measure(text)
    finally:
        textstat.set_lang("en_US")


@pytest.fixture(scope="module")
def scores(figures) -> dict:
    """Page file -> (Fernández-Huerta score, words), measured once; the table goes into the
    run's measured figures."""
    found = {path: (spanish(textstat.fernandez_huerta, page_text(path)), len(page_text(path).split()))
             for path in FILES}
    rows = [f"{score:5.1f} {count:5d} words  {path.relative_to(CONTENT / 'translations' / LANGUAGE)}"
            for path, (score, count) in found.items()]
    figures["Spanish pages, Fernández-Huerta (>= 70) and words"] = "\n  " + "\n  ".join(rows) + \
        f"\n  lowest {min(s for s, _ in found.values()):.1f}, {sum(c for _, c in found.values())} words in all"
    return found


def test_every_english_page_has_its_spanish_page():
    english = {p.relative_to(CONTENT) for p in CONTENT.rglob("*.yml")
               if not p.name.startswith("_") and not p.is_relative_to(CONTENT / "translations")}
    assert {p.relative_to(CONTENT / "translations" / LANGUAGE) for p in FILES} == english


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CONTENT / "translations" / LANGUAGE)))
def test_spanish_page_scores_70_or_more_on_fernandez_huerta(scores, path):
    score, count = scores[path]
    assert len(tokens(page_text(path))) > 20, f"{path.relative_to(CONTENT)}: too little text to score"
    assert score >= MIN_SCORE, (
        f"{path.relative_to(CONTENT)} scores {score} on Fernández-Huerta; keep it at {MIN_SCORE} or more: "
        "shorter sentences, shorter words")


def test_the_spanish_score_really_falls_on_hard_text_and_leaves_english_as_it_was():
    hard = ("Independientemente de la considerable desestabilización interpersonal, las personas "
            "caracterizadas por comportamientos manipuladores persistentes experimentan ocasionalmente "
            "transformaciones significativas mediante intervenciones terapéuticas comprehensivas.")
    easy = "Tú no tienes la culpa. Puedes pedir ayuda. Es gratis y nadie lo va a saber."
    english = "Notwithstanding considerable interpersonal destabilization."
    before = textstat.syllable_count(english)
    assert spanish(textstat.fernandez_huerta, hard) < MIN_SCORE <= spanish(textstat.fernandez_huerta, easy)
    assert textstat.syllable_count(english) == before  # English syllable rules are back
