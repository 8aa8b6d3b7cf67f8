"""One copy of the theme's and the guide's assets for every edition.

Each edition is its own MkDocs build, and each build copies every stylesheet,
script and image into its own assets/ folder: the Spanish pages under /es/
would load /es/assets/..., so a reader who changes language downloads them all
again. After an edition is built into <site>/<lang>/, every file of its assets/
that the default edition has byte for byte is removed, and the edition's pages
load the default edition's copy instead. A file only this edition has (or has
differently) stays where it is.
"""
from __future__ import annotations

import posixpath
from pathlib import Path
import re

# A relative address of a file in assets/, in an attribute or in the page's JSON config.
_ASSET_REF = re.compile(r"""(?P<quote>["'(])(?P<ref>(?:\./|\.\./)*assets/[^"'()\s?#]+)""")


def share_assets(site_dir: Path, edition_path: str) -> list[str]:
    """Remove <site>/<edition>/assets/ files the default edition has too; point the
    edition's pages at those. Returns the removed files (paths from the site root)."""
    site_dir = Path(site_dir)
    edition_dir = site_dir / edition_path
    assets = edition_dir / "assets"
    if not assets.is_dir():
        return []
    removed = set()
    for path in sorted(assets.rglob("*")):
        twin = site_dir / path.relative_to(edition_dir)
        if path.is_file() and twin.is_file() and twin.read_bytes() == path.read_bytes():
            path.unlink()
            removed.add(path.relative_to(site_dir).as_posix())
    for folder in sorted((p for p in assets.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
    if not any(assets.iterdir()):
        assets.rmdir()
    prefix = edition_dir.relative_to(site_dir).as_posix() + "/"
    for page in edition_dir.rglob("*.html"):
        folder = page.parent.relative_to(site_dir).as_posix()

        def shared(match: re.Match) -> str:
            target = posixpath.normpath(posixpath.join(folder, match["ref"]))
            if target not in removed:
                return match[0]
            return match["quote"] + posixpath.relpath(target[len(prefix):], folder)

        text = page.read_text(encoding="utf-8")
        changed = _ASSET_REF.sub(shared, text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")
    return sorted(removed)
