"""The term block: its fields and checks, the word list it builds, and the words it marks in guide text."""
from __future__ import annotations

import re

import pytest

from steady_ground.testing import check_blocks, check_page_source, render_blocks

GASLIGHTING = {"type": "term", "word": "Gaslighting", "other_names": ["gaslit", "crazy-making"],
               "meaning": "Being told that what you saw did not happen. It makes you doubt yourself.",
               "covered_in": ["home/start"], "search_also": ["gaslighted", "gas lighting"]}
STONEWALLING = {"type": "term", "id": "stonewalling", "word": "Stonewalling", "other_names": ["silent treatment"],
                "meaning": "Refusing to talk, to punish you.", "covered_in": "home"}
BOUNDARY = {"type": "term", "word": "Boundary", "meaning": "A line you set.", "covered_in": ["home"]}
CONTROL = {"type": "term", "word": "Coercive control", "meaning": "Taking away your freedom.", "covered_in": ["home"]}
WORDS = {"words": {"title": "Words people use", "summary": "Words and what they mean.",
                   "blocks": [GASLIGHTING, STONEWALLING, BOUNDARY, CONTROL]}}
START = {"type": "section", "id": "start", "heading": "Gaslighting and the silent treatment",
         "body": ["He gave me the silent treatment. Then the Silent Treatment again, and gaslighting.",
                  {"bullets": ["Set boundaries.", "Coercive control is not control by accident.",
                               "[Gaslighting](ref:words) in a link is left alone."]}]}


def test_the_word_list_shows_word_other_names_meaning_and_links():
    html = render_blocks({**START, "body": ["Hello."]}, GASLIGHTING)
    entry = html[html.index('<h2 id="gaslighting">'):]
    assert '<h2 id="gaslighting">Gaslighting</h2>' in entry
    assert "Also called:</strong> gaslit, crazy-making</p>" in entry
    assert "<p>Being told that what you saw did not happen. It makes you doubt yourself.</p>" in entry
    assert 'In this guide:</strong> <a href="/home/#start">Gaslighting and the silent treatment</a></p>' in entry


def test_search_words_are_in_the_page_for_the_index_but_hidden_from_everyone():
    html = render_blocks({**GASLIGHTING, "covered_in": "home"})
    assert '<p class="sg-term__search" hidden>gaslighted, gas lighting</p>' in html


def test_first_use_on_a_page_links_to_the_entry_and_carries_the_meaning():
    html = render_blocks(START, extra_pages=WORDS)
    body = html[html.index("</h2>"):]
    uses = re.findall(r'<a class="sg-term" href="([^"]+)" data-sg-term="([^"]+)">([^<]+)</a>', body)
    assert ("/words/#stonewalling", "sg-term-stonewalling", "silent treatment") in uses
    assert ("/words/#gaslighting", "sg-term-gaslighting", "gaslighting") in uses
    # Each term once per page: the second "Silent Treatment" is plain text.
    assert [u[2] for u in uses].count("silent treatment") == 1 and "Silent Treatment again" in body
    meaning = re.search(r'<span class="sg-term__meaning" id="sg-term-gaslighting" hidden data-search-exclude>'
                        r"<strong>Gaslighting:</strong> Being told.*?</span>", body)
    assert meaning and 'href="/words/#gaslighting">More about “Gaslighting”</a>' in meaning.group(0)


def test_plurals_and_the_longest_name_are_found():
    body = render_blocks(START, extra_pages=WORDS).split("</h2>", 1)[1]
    assert '>boundaries</a>' in body  # "Boundary" also finds "boundaries"
    assert '>Coercive control</a>' in body  # not "control" alone, which is no term


def test_headings_and_links_are_never_marked():
    html = render_blocks(START, extra_pages=WORDS)
    assert '<h2 id="start">Gaslighting and the silent treatment</h2>' in html
    assert re.search(r'<a href="/words/">Gaslighting</a> in a link', html)


def test_the_word_list_itself_is_not_marked():
    html = render_blocks({**GASLIGHTING, "covered_in": "home"}, {**STONEWALLING, "meaning": "Gaslighting is not this."})
    assert 'class="sg-term"' not in html


def test_a_term_can_stay_unmarked():
    words = {"words": {**WORDS["words"], "blocks": [{**GASLIGHTING, "mark_in_text": False}, STONEWALLING]}}
    body = render_blocks(START, extra_pages=words).split("</h2>", 1)[1]
    assert "sg-term-gaslighting" not in body and "sg-term-stonewalling" in body


def test_a_good_term_passes():
    assert check_blocks(START, extra_pages=WORDS) == ""


PAGE = """title: Words
summary: Words people use.
blocks:
  - type: term
    word: Gaslighting
    other_names: [gaslit]
    meaning: Being told that what you saw did not happen.
    covered_in: [home]
"""

# (case, the page as written, what the report must say: file:line, field, what was expected)
BAD = [
    ("meaning missing", PAGE.replace("    meaning: Being told that what you saw did not happen.\n", ""),
     "content/10-words.yml:4: blocks[0].meaning: is missing; expected 1 to 3 short sentences"),
    ("four sentences", PAGE.replace("did not happen.", "did not happen. One. Two. Three."),
     "content/10-words.yml:7: blocks[0].meaning: has 4 sentences; keep it to 1 to 3 short sentences"),
    ("a long sentence", PAGE.replace("did not happen.", "did not happen " + "and then again " * 5 + "."),
     "content/10-words.yml:7: blocks[0].meaning: has a sentence of 25 words"),
    ("no refs", PAGE.replace("    covered_in: [home]\n", ""),
     "content/10-words.yml:4: blocks[0].covered_in: is missing; expected a list of a page id"),
    ("ref to nowhere", PAGE.replace("covered_in: [home]", "covered_in: [home/nowhere]"),
     "content/10-words.yml:8: blocks[0].covered_in[0]: the link 'ref:home/nowhere' points to no block 'nowhere'"),
    ("other names not a list of text", PAGE.replace("other_names: [gaslit]", "other_names: [[gaslit]]"),
     "content/10-words.yml:6: blocks[0].other_names[0]: expected text, got a list"),
    ("word too long", PAGE.replace("word: Gaslighting", "word: " + "Gaslighting " * 4),
     "content/10-words.yml:5: blocks[0].word: is 47 characters long; keep it under 40"),
    ("link in the word", PAGE.replace("word: Gaslighting", "word: '[Gaslighting](ref:home)'"),
     "content/10-words.yml:5: blocks[0].word: links are not allowed in this field"),
    ("typo in a field", PAGE.replace("other_names:", "other_name:"),
     "content/10-words.yml:6: blocks[0].other_name: unknown field (did you mean 'other_names'?)"),
    ("mark_in_text not true/false", PAGE + "    mark_in_text: sometimes\n",
     "content/10-words.yml:9: blocks[0].mark_in_text: expected true or false, got text"),
    ("one name for two terms", PAGE + "  - type: term\n    word: Crazy-making\n    other_names: [Gaslit]\n"
                                      "    meaning: The same thing.\n    covered_in: home\n",
     "content/10-words.yml:9: term 'Crazy-making': the name 'Gaslit' is already used by the term "
     "'Gaslighting' at content/10-words.yml:4; a name can belong to one term only"),
]


@pytest.mark.parametrize("case,text,expected", BAD, ids=[case for case, _, _ in BAD])
def test_bad_input_fails_with_file_line_field_and_what_was_expected(case, text, expected):
    report = check_page_source(text)
    assert expected in report, report
    assert "Traceback" not in report


def test_the_good_page_of_the_bad_cases_passes():
    assert check_page_source(PAGE) == ""
