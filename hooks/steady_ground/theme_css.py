"""The theme's stylesheet without the rules nothing in the site can use.

Material's main.css styles every feature the theme has: content tabs, code
highlighting, admonitions, annotations, blog posts, version menus... The guide
uses few of them, yet every first visit downloads (and every first paint waits
for) all of it. After every edition is built, each selector of the stylesheet
whose classes do not all occur in the site (in its pages, or in its scripts,
where the theme's script makes elements of its own) is left out, and a rule
with none of its selectors left goes with it. Everything else stays as the
theme wrote it (custom properties, @font-face, @keyframes, element selectors).
The file gets a new name from its new content, and every page is pointed at it.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

THEME_CSS = re.compile(r"(main|palette)\.[0-9a-f]{8}\.min\.css")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_TOKEN = re.compile(r"[\w-]+")
_STRING = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")
# At-rules that hold rules; any other at-rule (@font-face, @keyframes, @page) stays whole.
# The colour palettes (palette.css): one rule set per colour the theme offers; a page names its own.
_COLOUR = re.compile(r"""\[(data-md-color-[a-z]+)=["']?([\w-]+)""")
_PAGE_COLOUR = re.compile(r"""(data-md-color-[a-z]+)=["']([\w-]+)""")
_NESTING = ("@media", "@supports", "@layer", "@container", "@document")


def _blocks(css: str):
    """(prelude, body) for each rule at this level; body None for a statement (@import ...;)."""
    i, n = 0, len(css)
    while i < n:
        start, depth, quote = i, 0, None
        while i < n:
            c = css[i]
            if quote:
                if c == "\\":
                    i += 1
                elif c == quote:
                    quote = None
            elif c in "\"'":
                quote = c
            elif c == "/" and css.startswith("/*", i):
                end = css.find("*/", i + 2)
                i = n if end < 0 else end + 1
            elif c == "{":
                if depth == 0:
                    brace = i
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    yield css[start:brace], css[brace + 1:i]
                    i += 1
                    break
            elif c == ";" and depth == 0:
                yield css[start:i + 1], None
                i += 1
                break
            i += 1
        else:
            if css[start:].strip():
                yield css[start:], None


def _selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for c in prelude:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += c
    return parts + [current]


def _outside_brackets(selector: str) -> str:
    """The selector without what is inside :is(), :where(), :not(), :has() or [attr=...]: a class
    there may be one of several choices, or a negation, so it never decides alone."""
    out, depth = "", 0
    for c in _STRING.sub('""', selector):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0:
            out += c
    return out


def _selector_used(selector: str, tokens: set[str]) -> bool:
    plain = _outside_brackets(selector)
    if not all(_used(name, tokens) for name in _CLASS.findall(plain)):
        return False
    return all(f"{name}={value}" in tokens for name, value in _COLOUR.findall(selector))


def _used(class_name: str, tokens: set[str]) -> bool:
    if class_name in tokens:
        return True
    # A class the theme's script builds from a stem ("md-tooltip--" + state) is kept too.
    return any(class_name[:i + 1] in tokens for i, c in enumerate(class_name) if c in "-_" and i > 2)


def slimmed(css: str, tokens: set[str]) -> str:
    out = []
    for prelude, body in _blocks(css):
        head = prelude.strip()
        if body is None:
            if not head.startswith("/*"):
                out.append(head)
            continue
        head = re.sub(r"/\*.*?\*/", "", head, flags=re.S).strip()
        if head.startswith("@"):
            if head.lower().startswith(_NESTING):
                inner = slimmed(body, tokens)
                if inner:
                    out.append(f"{head}{{{inner}}}")
            else:
                out.append(f"{head}{{{body}}}")
            continue
        kept = [s for s in _selectors(head) if _selector_used(s, tokens)]
        if kept:
            out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def _declarations(body: str) -> list[str]:
    parts, depth, quote, current = [], 0, None, ""
    for i, c in enumerate(body):
        if quote:
            if c == quote and body[i - 1] != "\\":
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == ";" and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += c
    return parts + ([current] if current.strip() else [])


_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_CUSTOM = re.compile(r"\s*(--[\w-]+)\s*:")
_RULE = re.compile(r"(?<=\{)([^{}]*)(?=\})")


def without_unused_properties(css: str, tokens: set[str], read_elsewhere: frozenset[str] = frozenset()) -> str:
    """Custom properties (--md-admonition-icon--note: url(...)) that nothing reads, left out:
    not this stylesheet, not `read_elsewhere` (the site's other stylesheets), not a page or script."""
    while True:
        read = set(_VAR.findall(css)) | read_elsewhere

        def keep(match: re.Match) -> str:
            kept = [d for d in _declarations(match[1])
                    if not (m := _CUSTOM.match(d)) or m[1] in read or m[1] in tokens]
            return ";".join(kept)

        slimmer = _RULE.sub(keep, css)
        if slimmer == css:
            return re.sub(r"[^{}@;]+\{\}", "", css)
        css = slimmer


def site_tokens(site_dir: Path) -> set[str]:
    """Every word of the pages and scripts (class names among them), and each colour a page names
    ("data-md-color-primary=custom")."""
    tokens: set[str] = set()
    for path in site_dir.rglob("*"):
        if path.suffix in (".html", ".js") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            tokens.update(_TOKEN.findall(text))
            tokens.update(f"{name}={value}" for name, value in _PAGE_COLOUR.findall(text))
    return tokens


def slim_theme_stylesheet(site_dir: Path) -> list[str]:
    """Slim every copy of the theme's main.css and palette.css in the site; returns the new names."""
    site_dir = Path(site_dir)
    sheets = [p for p in site_dir.rglob("*.min.css") if THEME_CSS.fullmatch(p.name)]
    if not sheets:
        return []
    tokens = site_tokens(site_dir)
    # What every stylesheet of the site reads: palette.css sets what main.css reads, and ours
    # (and the organization's colours) read and set the theme's.
    read = {path: frozenset(_VAR.findall(path.read_text(encoding="utf-8", errors="replace")))
            for path in site_dir.rglob("*.css") if path.is_file()}
    renamed = {}
    for sheet in sheets:
        elsewhere = frozenset().union(*(names for path, names in read.items() if path != sheet))
        css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", sheet.read_text(encoding="utf-8"))
        content = without_unused_properties(slimmed(css, tokens), tokens, elsewhere) + "\n"
        name = f"{sheet.name.split('.')[0]}.{hashlib.sha256(content.encode('utf-8')).hexdigest()[:8]}.min.css"
        (sheet.parent / name).write_text(content, encoding="utf-8")
        for old in (sheet, sheet.with_name(sheet.name + ".map")):
            if old.exists() and old.name != name:
                old.unlink()
        renamed[sheet.name] = name
    pattern = re.compile("|".join(re.escape(old) for old in renamed))
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = pattern.sub(lambda match: renamed[match[0]], text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")
    return sorted(set(renamed.values()))
