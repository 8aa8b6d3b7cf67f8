"""The seed guide is outside the repository. Where it is at hand, test_seed_match.py
checks the stored seed data against it; where it is not, that file is not collected
(nothing fails, nothing is skipped) and the run says so at the end."""
from __future__ import annotations

from .seed_data import SEED

collect_ignore = [] if SEED.is_file() else ["test_seed_match.py"]


def pytest_terminal_summary(terminalreporter):
    if not SEED.is_file():
        terminalreporter.write_line(f"seed guide not found at {SEED}: the content tests used the stored "
                                    "seed data alone (tests/content/test_seed_match.py did not run)")
