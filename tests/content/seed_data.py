"""What the content tests need to know about the seed guide, kept in the repo
without a sentence of it: tests/content/seed-fingerprints.json holds

- `runs`: a short hash of every run of 10 words in the seed (lower case, one
  space between words), so test_words.py can tell copying without the seed;
- `headings`: a label of ours for each seed heading and question, with a hash
  of its words, so the coverage list needs no seed text.

The seed itself sits outside the repository (../shared/seed/ beside the
checkout, as in CI, or wherever STEADY_GROUND_SEED points). When it is there,
tests/content/test_seed_match.py checks that the stored data still matches it.
When the seed changes, update the data from it:

    .venv/bin/python tests/content/seed_data.py
    .venv/bin/python tests/content/seed_data.py --label LABEL "Heading of the seed"

The first recomputes the runs and lists seed headings that have no label yet;
the second gives one a label (the words become a hash, never stored as text).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().with_name("seed-fingerprints.json")
SEED_NAME = "000_6abd3c6e7e70e0c3.txt"
# The team's shared folder sits beside the checkout (in CI too); the env var overrides it.
SEED = Path(os.environ.get("STEADY_GROUND_SEED", ROOT.parent / "shared" / "seed" / SEED_NAME))

RUN = 10          # words in a row that count as copying
HASH_DIGITS = 12  # hex digits kept of each run's SHA-256: 48 bits, no chance collisions at this size
KINDS = ("contents", "question", "heading")  # in the table of contents, a "Q:" line, another heading line


def tokens(text: str) -> list[str]:
    text = text.lower()
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return re.findall(r"\w+", text)


def runs(words: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def run_hash(run: tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:HASH_DIGITS]


def heading_hash(text: str) -> str:
    return hashlib.sha256(" ".join(tokens(text)).encode("utf-8")).hexdigest()


def run_hashes(text: str) -> set[str]:
    return {run_hash(run) for run in runs(tokens(text))}


def copied_runs(stored: set[str], text: str) -> list[str]:
    """The runs of `text` whose hash is one of the seed's."""
    return sorted(" ".join(run) for run in runs(tokens(text)) if run_hash(run) in stored)


def load() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def stored_runs(data: dict | None = None) -> set[str]:
    return set((data or load())["runs"])


# ------------------------------------------------------- reading the seed itself


def seed_headings(seed: str) -> dict[str, list[str]]:
    """The seed's parts by kind: its table of contents, its questions, and every
    line (a heading is a whole line)."""
    lines = [line.strip() for line in seed.splitlines()]
    contents = []
    if "Table of Contents" in lines:
        for line in lines[lines.index("Table of Contents") + 1:]:
            if not line.startswith("- "):
                break
            contents.append(line[2:].strip())
    questions = [line[3:].strip() for line in lines if line.startswith("Q: ")]
    return {"contents": contents, "question": questions, "heading": [line for line in lines if line]}


def differences(seed: str, data: dict) -> list[str]:
    """How the stored data and the seed disagree (empty when they match)."""
    problems = []
    if data["run_words"] != RUN:
        problems.append(f"runs of {data['run_words']} words are stored; the tests use {RUN}")
    ours, theirs = set(data["runs"]), run_hashes(seed)
    if ours != theirs:
        problems.append(f"{len(theirs - ours)} runs of the seed are not stored, "
                        f"{len(ours - theirs)} stored runs are not in the seed")
    parts = seed_headings(seed)
    hashes = {kind: {heading_hash(text): text for text in texts} for kind, texts in parts.items()}
    for label, entry in sorted(data["headings"].items()):
        if entry["hash"] not in hashes[entry["kind"]]:
            problems.append(f"label '{label}' ({entry['kind']}) matches no {entry['kind']} of the seed")
    labelled = {entry["hash"] for entry in data["headings"].values()}
    for kind in ("contents", "question"):
        problems += [f"the seed's {kind} entry '{text}' has no label"
                     for digest, text in hashes[kind].items() if digest not in labelled]
    return problems


def to_json(data: dict) -> str:
    """The data as JSON with one heading or run a line, so changes read well in a diff."""
    lines = ["{"]
    for key in ("about", "seed", "run_words"):
        lines.append(f" {json.dumps(key)}: {json.dumps(data[key])},")
    lines.append(' "headings": {')
    lines.append(",\n".join(f"  {json.dumps(label)}: {json.dumps(entry)}" for label, entry in data["headings"].items()))
    lines.append(" },")
    lines.append(' "runs": [')
    lines.append(",\n".join(f"  {json.dumps(digest)}" for digest in data["runs"]))
    lines.append(" ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def read_seed() -> str:
    if not SEED.is_file():
        sys.exit(f"the seed guide is not at {SEED}; set STEADY_GROUND_SEED to its path")
    return SEED.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", nargs=2, action="append", default=[], metavar=("LABEL", "HEADING"),
                        help="give a heading or question of the seed a label (repeatable)")
    args = parser.parse_args(argv)
    seed = read_seed()
    data = load() if DATA.is_file() else {"headings": {}}
    parts = seed_headings(seed)
    for label, text in args.label:
        kind = next((kind for kind in KINDS if text.strip() in parts[kind]), None)
        if kind is None:
            sys.exit(f"'{text}' is not a whole line, contents entry or question of the seed")
        data["headings"][label] = {"kind": kind, "hash": heading_hash(text)}
    data = {
        "about": "Fingerprints of the seed guide for tests/content (see seed_data.py); no seed text.",
        "seed": SEED_NAME,
        "run_words": RUN,
        "headings": dict(sorted(data["headings"].items())),
        "runs": sorted(run_hashes(seed)),
    }
    DATA.write_text(to_json(data), encoding="utf-8")
    problems = differences(seed, data)
    print(f"{DATA.relative_to(ROOT)}: {len(data['runs'])} runs, {len(data['headings'])} labelled headings")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
