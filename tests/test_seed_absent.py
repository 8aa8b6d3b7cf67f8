"""A clone with nothing beside it: without the seed guide, the content tests
pass on the stored seed data alone. Nothing fails and nothing is skipped."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_content_tests_pass_without_the_seed(tmp_path):
    env = {**os.environ, "STEADY_GROUND_SEED": str(tmp_path / "no-seed-here.txt")}
    result = subprocess.run([sys.executable, "-m", "pytest", "tests/content", "-q", "-p", "no:cacheprovider"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    summary = result.stdout.strip().splitlines()[-1]
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"\d+ passed in [\d.]+s( \([\d:]+\))?", summary), summary
    assert f"seed guide not found at {tmp_path / 'no-seed-here.txt'}" in result.stdout
    assert "test_seed_match" not in result.stdout.replace("tests/content/test_seed_match.py did not run", "")
