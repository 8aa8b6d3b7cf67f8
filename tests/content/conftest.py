"""The seed guide is outside the repository. Where it is at hand, test_seed_match.py
checks the stored seed data against it; where it is not, that file is not collected
(nothing fails, nothing is skipped) and the run says so at the end (tests/conftest.py)."""
from __future__ import annotations

from .seed_data import SEED

collect_ignore = [] if SEED.is_file() else ["test_seed_match.py"]
