"""The guide's page files, shared by the content tests: the English pages, and each edition's translations."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
TRANSLATIONS = CONTENT / "translations"  # content/translations/<lang>/: words only, see docs/translations.md


def page_files() -> list[Path]:
    """Every English page file in content/ (not _section.yml, not the translations)."""
    return sorted(p for p in CONTENT.rglob("*.yml")
                  if not p.name.startswith("_") and not p.is_relative_to(TRANSLATIONS))


def translation_files(language: str) -> list[Path]:
    """Every translated page file of one edition (content/translations/<lang>/), not _section.yml."""
    return sorted(p for p in (TRANSLATIONS / language).rglob("*.yml") if not p.name.startswith("_"))
