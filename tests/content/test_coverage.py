"""The coverage map: every point of the seed guide has a block of this guide that carries it.

The map (tests/content/seed-coverage.yml) lists each point by a label of our own
and a short hash of its words, with the block that carries it or the reason it
is left out on purpose. The map must be complete and its blocks real. When the
seed guide is at hand (beside the checkout, or at STEADY_GROUND_SEED), the map
must also match it point for point; without the seed the map's own checks still
run, and nothing fails or is skipped for the missing file.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from steady_ground.project import Project, load_project

from .seed_points import point_hash, seed_points

ROOT = Path(__file__).resolve().parents[2]
MAP = ROOT / "tests" / "content" / "seed-coverage.yml"
SEED = Path(os.environ.get("STEADY_GROUND_SEED", ROOT.parent / "shared" / "seed" / "000_6abd3c6e7e70e0c3.txt"))

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HASH = re.compile(r"^[0-9a-f]{8}$")
# The only reason a point may stay out: the house rules allow no newsletter,
# social media or community sign-up asks.
LEFT_OUT_REASONS = {"call to action"}


def entries() -> list[dict]:
    data = yaml.safe_load(MAP.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("points"), list), f"{MAP.name}: expected 'points:' with a list"
    return data["points"]


def places(entry: dict) -> list[str]:
    block = entry.get("block")
    return [block] if isinstance(block, str) else list(block or [])


@pytest.fixture(scope="module")
def guide():
    guide, _ = load_project(Project.at(ROOT))
    return guide


def test_every_entry_has_a_label_a_hash_and_a_block_or_a_reason():
    problems = []
    points = entries()
    for index, entry in enumerate(points):
        where = f"points[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected id, seed and block")
            continue
        unknown = set(entry) - {"id", "seed", "block", "left_out"}
        if unknown:
            problems.append(f"{where}: unknown fields {sorted(unknown)}")
        if not ID.match(str(entry.get("id", ""))):
            problems.append(f"{where}: id {entry.get('id')!r} is not lowercase words joined by hyphens")
        if not HASH.match(str(entry.get("seed", ""))):
            problems.append(f"{where}: seed {entry.get('seed')!r} is not an 8-digit hash (quote it)")
        if bool(places(entry)) == bool(entry.get("left_out")):
            problems.append(f"{where} ({entry.get('id')}): give either a block or a left_out reason")
        if entry.get("left_out") and entry["left_out"] not in LEFT_OUT_REASONS:
            problems.append(f"{where} ({entry.get('id')}): left_out must be one of {sorted(LEFT_OUT_REASONS)}")
    for field in ("id", "seed"):
        repeated = [value for value, count in Counter(e.get(field) for e in points if isinstance(e, dict)).items()
                    if count > 1]
        if repeated:
            problems.append(f"the same {field} is listed twice: {repeated}")
    assert len(points) >= 200, f"{MAP.name} lists {len(points)} points; the seed has over 200"
    assert not problems, "\n".join(problems)


def test_every_block_in_the_map_is_a_real_block_of_the_guide(guide):
    pages = {page.id for page in guide.pages}
    problems = []
    for entry in entries():
        for place in places(entry):
            page_id, _, block_id = str(place).partition("/")
            if page_id not in pages:
                problems.append(f"{entry['id']}: no page '{page_id}'")
            elif not block_id:
                problems.append(f"{entry['id']}: '{place}' names a page; name the block as page-id/block-id")
            elif guide.anchors.get(block_id, (None,))[0] != page_id:
                problems.append(f"{entry['id']}: no block '{block_id}' on the page '{page_id}'")
    assert not problems, f"{MAP.name}:\n" + "\n".join(problems)


def test_the_map_matches_the_seed_point_for_point():
    listed = [str(entry.get("seed")) for entry in entries()]
    if not SEED.is_file():
        # Without the seed only the map itself can be checked: one hash per point.
        assert len(listed) == len(set(listed)) and all(HASH.match(h) for h in listed)
        return
    points = seed_points(SEED.read_text(encoding="utf-8"))
    assert len(points) >= 200, f"only {len(points)} points found in the seed: is {SEED} the seed guide?"
    in_seed = {point.hash: point for point in points}
    missing = [f"seed line {p.line}: '{' '.join(p.text.split()[:8])} ...' (seed: '{p.hash}')"
               for h, p in in_seed.items() if h not in set(listed)]
    stale = [entry["id"] for entry in entries() if str(entry.get("seed")) not in in_seed]
    assert not missing and not stale, (
        f"{MAP.name} is out of step with the seed.\nPoints with no entry:\n  " + "\n  ".join(missing)
        + "\nEntries for no point of the seed (reworded or removed):\n  " + "\n  ".join(stale))


def test_the_hash_ignores_case_punctuation_and_spacing_but_not_words():
    assert point_hash("Keep a change log: small wins matter.") == point_hash("keep a  change log small wins matter")
    assert point_hash("Keep a change log.") != point_hash("Keep a change list.")


def test_seed_points_are_bullets_and_sentences_not_headings():
    sample = "\n".join([
        "Table of Contents", "- Introduction", "Introduction",
        "First claim here. Second claim here.", "A Heading Without Punctuation",
        "Lead into a list:", "- A bullet point.", "Q: A question?", "A: An answer. Another one.",
    ])
    found = [(p.line, p.kind, p.text) for p in seed_points(sample)]
    assert found == [(4, "sentence", "First claim here."), (4, "sentence", "Second claim here."),
                     (6, "sentence", "Lead into a list:"), (7, "bullet", "A bullet point."),
                     (9, "sentence", "An answer."), (9, "sentence", "Another one.")]
