"""The stored seed data (seed-fingerprints.json) still matches the seed guide.

Collected only where the seed is at hand (../shared/ beside the checkout, as in
CI, or STEADY_GROUND_SEED): see conftest.py. Elsewhere the other content tests
run on the stored data alone.
"""
from __future__ import annotations

from .seed_data import SEED, copied_runs, differences, load, seed_headings, stored_runs


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_stored_data_matches_the_seed():
    problems = differences(seed_text(), load())
    assert not problems, ("seed-fingerprints.json no longer matches the seed; run "
                          "`.venv/bin/python tests/content/seed_data.py` (see its help):\n" + "\n".join(problems))


def test_a_changed_seed_is_noticed():
    seed = seed_text()
    parts = seed_headings(seed)
    line = next(line for line in seed.splitlines() if len(line.split()) > 15)
    changed = seed.replace(line, line + " And one more sentence that the seed never had in it.")
    assert any("runs of the seed are not stored" in p for p in differences(changed, load()))
    renamed = seed.replace("Q: " + parts["question"][0], "Q: A question the seed never asked?")
    found = differences(renamed, load())
    assert any("matches no question" in p for p in found) and any("has no label" in p for p in found)


def test_the_stored_runs_find_a_line_of_the_seed():
    seed = seed_text()
    line = next(line for line in seed.splitlines() if len(line.split()) > 15)
    assert copied_runs(stored_runs(), "Some words of ours. " + line)

