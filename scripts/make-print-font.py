#!/usr/bin/env python3
"""Makes the font the guide prints in: Atkinson Hyperlegible Next, cut down to
the characters an English or Spanish guide uses, as woff2 files the site serves
itself (overrides/assets/fonts/).

The source is the pinned npm package (package.json, package-lock.json), so run
`make tools` first. fontTools and brotli come with the test requirements.
The same package and the same fontTools give the same bytes:
tests/test_print_font.py checks that the committed files are what this makes.

    .venv/bin/python scripts/make-print-font.py           # write the files
    .venv/bin/python scripts/make-print-font.py --check   # only compare
"""
from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "@fontsource/atkinson-hyperlegible-next"
PACKAGE_DIR = ROOT / "node_modules" / PACKAGE
TARGET = ROOT / "overrides" / "assets" / "fonts"
FAMILY = "Atkinson Hyperlegible Next"
# (weight, style): the faces print uses (text, bold labels and headings, emphasis).
FACES = [(400, "normal"), (700, "normal"), (400, "italic"), (700, "italic")]
LICENSE_NAME = "OFL.txt"


def _chars(*spans: tuple[int, int]) -> set[int]:
    return {code for first, last in spans for code in range(first, last + 1)}


# Everything an English or Spanish guide prints: letters with accents, ñ, ¿ ¡,
# « », typographic quotes and dashes, the ellipsis, the bullet, no-break spaces,
# symbols such as € and ™. Characters of the guide outside this list print in
# the reader's own fonts; tests/test_print_font.py lists any such character.
CHARACTERS = sorted(
    _chars((0x20, 0x7E))            # ASCII
    | _chars((0xA0, 0xFF))          # Latin-1: á é í ó ú ü ñ ¿ ¡ « » º ª · and the no-break space
    | {0x152, 0x153,                # Œ œ
       0x2009,                      # thin space
       0x2013, 0x2014,              # en and em dash
       0x2018, 0x2019, 0x201A,      # ‘ ’ ‚
       0x201C, 0x201D, 0x201E,      # “ ” „
       0x2022, 0x2026,              # • …
       0x2039, 0x203A,              # ‹ ›
       0x20AC, 0x2122, 0x2212}      # € ™ minus
)


def source_file(weight: int, style: str) -> Path:
    return PACKAGE_DIR / "files" / f"atkinson-hyperlegible-next-latin-{weight}-{style}.woff2"


def target_name(weight: int, style: str) -> str:
    return f"atkinson-hyperlegible-next-{weight}-{style}.woff2"


def pinned_version() -> str:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{PACKAGE}"]["version"]


def check_source() -> None:
    """The installed package is the pinned one, or say what to run."""
    manifest = PACKAGE_DIR / "package.json"
    if not manifest.is_file():
        sys.exit(f"{PACKAGE} is not installed in node_modules/: run `make tools` (npm ci) first")
    installed = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    if installed != pinned_version():
        sys.exit(f"node_modules/{PACKAGE} is {installed}, package-lock.json pins {pinned_version()}: "
                 "run `make tools` (npm ci)")


def subset(source: Path) -> bytes:
    from fontTools import subset as fontsubset
    from fontTools.ttLib import TTFont

    options = fontsubset.Options()
    options.flavor = "woff2"
    # The layout features browsers apply by themselves (kerning, ligatures, marks):
    # the same line breaks as the full font.
    options.name_IDs = ["*"]          # keeps the copyright and licence entries
    options.name_languages = ["*"]
    options.hinting = False           # paper needs no screen hinting
    options.notdef_outline = True
    options.recalc_timestamp = False  # the same input always gives the same bytes
    font = TTFont(source, recalcTimestamp=False)
    subsetter = fontsubset.Subsetter(options)
    subsetter.populate(unicodes=CHARACTERS)
    subsetter.subset(font)
    out = io.BytesIO()
    fontsubset.save_font(font, out, options)
    return out.getvalue()


def outputs() -> dict[str, bytes]:
    """File name -> bytes, for every file this script writes."""
    check_source()
    made = {target_name(w, s): subset(source_file(w, s)) for w, s in FACES}
    made[LICENSE_NAME] = (PACKAGE_DIR / "LICENSE").read_bytes()
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = parser.parse_args(argv)
    made = outputs()
    if args.check:
        different = [name for name, data in made.items()
                     if not (TARGET / name).is_file() or (TARGET / name).read_bytes() != data]
        for name in different:
            print(f"{(TARGET / name).relative_to(ROOT)} differs from what the script makes", file=sys.stderr)
        return 1 if different else 0
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, data in made.items():
        (TARGET / name).write_bytes(data)
        print(f"{(TARGET / name).relative_to(ROOT)}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
