"""The guide's English page files, shared by the content tests (translations are checked elsewhere)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
TRANSLATIONS = CONTENT / "translations"  # content/translations/<lang>/: words only, see docs/translations.md


def page_files() -> list[Path]:
    """Every English page file in content/ (not _section.yml, not the translations)."""
    return sorted(p for p in CONTENT.rglob("*.yml")
                  if not p.name.startswith("_") and not p.is_relative_to(TRANSLATIONS))
