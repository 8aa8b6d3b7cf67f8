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


def texts_in(node, skip: set[str], key: str | None = None):
    """Every text in a YAML tree, leaving out the values of the fields named in `skip`."""
    if key in skip:
        return
    if isinstance(node, dict):
        for name, value in node.items():
            yield from texts_in(value, skip, str(name))
    elif isinstance(node, list):
        for item in node:
            yield from texts_in(item, skip, key)
    elif isinstance(node, str):
        yield node
