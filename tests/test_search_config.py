"""Search splits words the same way on the site and in the offline copy."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def search_options(config: str) -> dict:
    plugins = yaml.safe_load((ROOT / config).read_text(encoding="utf-8"))["plugins"]
    return next(p["search"] for p in plugins if isinstance(p, dict) and "search" in p)


def test_the_offline_copy_searches_like_the_site():
    assert search_options("mkdocs-offline.yml") == search_options("mkdocs.yml")


def test_words_in_quotes_brackets_and_after_punctuation_stand_alone():
    # Material hands the separator to the search engine as a regular expression;
    # JavaScript reads \u201c as a character, which Python's re does too.
    separator = re.compile(search_options("mkdocs.yml")["separator"])
    words = [w for w in separator.split('call a partner a "narcissist". (isolation), “jealous”/ love-bombing') if w]
    assert words == ["call", "a", "partner", "a", "narcissist", "isolation", "jealous", "love", "bombing"]
