"""The bundled print font (overrides/assets/fonts/): made from the pinned npm
package by scripts/make-print-font.py, and holding every character the guide
and its interface strings (English and Spanish) use."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import yaml
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "overrides" / "assets" / "fonts"
CSS = ROOT / "overrides" / "assets" / "stylesheets" / "worksheets.css"


def load_script():
    spec = importlib.util.spec_from_file_location("make_print_font", ROOT / "scripts" / "make-print-font.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = load_script()


def test_committed_font_files_are_what_the_script_makes():
    """The same pinned package and fontTools give the same bytes."""
    made = SCRIPT.outputs()
    committed = {path.name: path.read_bytes() for path in FONTS.iterdir()}
    assert sorted(made) == sorted(committed)
    different = [name for name in made if made[name] != committed[name]]
    assert not different, (f"{different} differ from what scripts/make-print-font.py makes; "
                           "run `.venv/bin/python scripts/make-print-font.py` and commit the result")


def yaml_strings(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from yaml_strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from yaml_strings(item)
    elif isinstance(node, str):
        yield node


def guide_characters() -> dict[str, str]:
    """Each character the guide's pages and interface strings use -> a file that uses it."""
    found: dict[str, str] = {}
    for folder in ("content", "site-data"):
        for path in sorted((ROOT / folder).rglob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for text in yaml_strings(data):
                for char in text:
                    if char.isprintable() or char == "\u00a0":
                        found.setdefault(char, str(path.relative_to(ROOT)))
    return found


def test_the_font_has_every_character_the_guide_uses():
    used = guide_characters()
    assert {"á", "é", "¿"} <= used.keys(), "the Spanish strings were not read"
    for weight, style in SCRIPT.FACES:
        font = TTFont(FONTS / SCRIPT.target_name(weight, style))
        has = set(font.getBestCmap())
        missing = {char: where for char, where in used.items() if ord(char) not in has}
        assert not missing, (
            f"{SCRIPT.target_name(weight, style)} lacks {missing} (character: a file using it); they would print "
            "in the device's own font. Add them to CHARACTERS in scripts/make-print-font.py and run it.")


def test_the_font_keeps_only_what_the_guide_needs():
    for weight, style in SCRIPT.FACES:
        font = TTFont(FONTS / SCRIPT.target_name(weight, style))
        assert set(font.getBestCmap()) == set(SCRIPT.CHARACTERS) & set(font.getBestCmap())
        assert set(font.getBestCmap()) <= set(SCRIPT.CHARACTERS)
        assert font["OS/2"].usWeightClass == weight
        assert bool(font["head"].macStyle & 0b10) == (style == "italic")
        names = {record.nameID: record.toUnicode() for record in font["name"].names}
        assert "Copyright" in names[0] and "openfontlicense.org" in names[14], "keep the copyright and licence"


def test_the_stylesheet_declares_each_face_once_without_hiding_text():
    css = CSS.read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    declared = set()
    for face in faces:
        url = re.search(r'src:\s*url\("\.\./fonts/([^"]+)"\)\s*format\("woff2"\)', face).group(1)
        assert re.search(r"font-display:\s*swap;", face), f"{url}: text must show while the font loads"
        assert (FONTS / url).is_file()
        declared.add(url)
    assert declared == {SCRIPT.target_name(weight, style) for weight, style in SCRIPT.FACES}
    assert len(faces) == len(declared)
