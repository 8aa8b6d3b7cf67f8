"""Helpers for the accessibility tests: axe-core, colour contrast, focus rings.

axe-core is the upstream npm package when installed (node_modules/axe-core),
else the copy bundled with the PyPI package axe-playwright-python.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from .conftest import ROOT, require

# WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}  # device setting -> Material's scheme
WIDTHS = (1280, 320)


def axe_source() -> str:
    candidates = [ROOT / "node_modules" / "axe-core" / "axe.min.js"]
    try:
        import axe_playwright_python

        candidates.append(Path(axe_playwright_python.__file__).parent / "axe.min.js")
    except ImportError:
        pass
    found = next((path for path in candidates if path.exists()), None)
    require(found is not None, "axe-core (npm ci, or pip install axe-playwright-python)")
    return found.read_text(encoding="utf-8")


def run_axe(page, source: str, tags=WCAG_TAGS, rules=None) -> list[dict]:
    """axe-core's violations for the page as it is now (only the rules with these tags)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=source)
    options = {"runOnly": {"type": "rule", "values": rules}} if rules else {"runOnly": {"type": "tag", "values": tags}}
    options["resultTypes"] = ["violations"]  # details only for failures: much faster on long pages
    return page.evaluate("options => axe.run(document, options).then(result => result.violations)", options)


class Violations:
    """Violations gathered over many pages, reported rule by rule."""

    def __init__(self) -> None:
        self.nodes: dict[str, list[str]] = defaultdict(list)

    def add(self, where: str, violations: list[dict]) -> None:
        for violation in violations:
            for node in violation["nodes"]:
                summary = " ".join(node.get("failureSummary", "").split())[:240]
                self.nodes[violation["id"]].append(f"{where} {node['target']}: {summary}")

    def counts(self) -> dict[str, int]:
        return {rule: len(nodes) for rule, nodes in sorted(self.nodes.items())}

    def report(self) -> str:
        lines = []
        for rule, nodes in sorted(self.nodes.items()):
            lines.append(f"{rule}: {len(nodes)} elements")
            lines += [f"  {node}" for node in nodes[:8]]
        return "\n".join(lines)


# --- colour ---------------------------------------------------------------

_RGB = re.compile(r"rgba?\(([^)]*)\)")


def parse_colour(text: str) -> tuple[float, float, float, float] | None:
    match = _RGB.search(text or "")
    if not match:
        return None
    parts = [float(p) for p in re.split(r"[\s,/]+", match.group(1).strip()) if p]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def over(top, bottom):
    """An rgba colour painted over an opaque one."""
    r, g, b, a = top
    return (r * a + bottom[0] * (1 - a), g * a + bottom[1] * (1 - a), b * a + bottom[2] * (1 - a), 1.0)


def luminance(colour) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first, second) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# --- focus ------------------------------------------------------------------

# What the focused element looks like: its ring (outline or box-shadow), the
# backgrounds the ring is drawn on, whether it can be seen, and what it is.
FOCUS_STATE_JS = r"""
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const layers = start => {
    const out = [];
    for (let node = start; node && node.nodeType === 1; node = node.parentElement) {
      out.push(getComputedStyle(node).backgroundColor);
    }
    return out;
  };
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  // Seen: some point of it (a link may wrap onto several lines) is on screen and on top.
  const points = [[0.5, 0.5], [0.2, 0.5], [0.8, 0.5], [0.5, 0.2], [0.5, 0.8]];
  const seen = [...el.getClientRects()].some(rect => points.some(([x, y]) => {
    const px = rect.left + rect.width * x, py = rect.top + rect.height * y;
    if (px < 0 || py < 0 || px >= innerWidth || py >= innerHeight) return false;
    const hit = document.elementFromPoint(px, py);
    return Boolean(hit) && (hit === el || el.contains(hit) || (el.labels && [...el.labels].some(l => l.contains(hit))));
  }));
  return {
    tag: el.tagName.toLowerCase(),
    name: (el.getAttribute("aria-label") || el.innerText || el.value || el.id || "").trim().slice(0, 60),
    href: el.getAttribute("href"),
    classes: el.className && el.className.baseVal === undefined ? el.className : "",
    width: box.width, height: box.height,
    visible: style.visibility !== "hidden" && Number(style.opacity) > 0 && box.width > 0 && box.height > 0,
    seen,
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor, outlineOffset: parseFloat(style.outlineOffset) || 0,
    boxShadow: style.boxShadow,
    inside: layers(el),
    outside: layers(el.parentElement),
    pageBackground: getComputedStyle(document.body).backgroundColor,
  };
}
"""


def _background(layers: list[str], page_background: str):
    """The opaque colour made by a stack of backgrounds (innermost first) over the page."""
    base = parse_colour(page_background) or (255, 255, 255, 1.0)
    base = over(base, (255, 255, 255, 1.0))
    colour = base
    for layer in reversed(layers):
        parsed = parse_colour(layer)
        if parsed and parsed[3] > 0:
            colour = over(parsed, colour)
    return colour


def _shadows(box_shadow: str):
    """(colour, spread px, inset) for each plain ring in a computed box-shadow."""
    if not box_shadow or box_shadow == "none":
        return []
    rings = []
    for part in re.split(r",(?![^()]*\))", box_shadow):
        colour = parse_colour(part)
        lengths = [float(n) for n in re.findall(r"(-?[\d.]+)px", _RGB.sub("", part))]
        if colour and len(lengths) >= 4 and lengths[2] == 0:  # no blur: a crisp ring
            rings.append((colour, lengths[3], "inset" in part))
    return rings


def focus_ring(state: dict) -> tuple[float, float, str]:
    """(thickness px, contrast against what surrounds it, how it is drawn) of the best focus ring."""
    inside = _background(state["inside"], state["pageBackground"])
    outside = _background(state["outside"], state["pageBackground"])
    best = (0.0, 0.0, "none")
    if state["outlineStyle"] not in ("none", "hidden") and state["outlineWidth"] > 0:
        colour = parse_colour(state["outlineColor"])
        if colour:
            # A ring drawn inside the element sits on its own background; outside, on its parent's.
            behind = inside if state["outlineOffset"] < 0 else outside
            ring = over(colour, behind)
            best = max(best, (state["outlineWidth"], contrast(ring, behind), "outline"), key=lambda r: (r[0] >= 2, r[1]))
    for colour, spread, inset in _shadows(state["boxShadow"]):
        behind = inside if inset else outside
        ring = over(colour, behind)
        best = max(best, (spread, contrast(ring, behind), "box-shadow"), key=lambda r: (r[0] >= 2, r[1]))
    return best


def describe(state: dict | None) -> str:
    if state is None:
        return "nothing focused: focus fell to the page itself"
    return f"<{state['tag']} class='{state['classes']}' href='{state['href']}'> {state['name']!r}"


# --- HTML_CodeSniffer -------------------------------------------------------

HTMLCS_KINDS = {1: "error", 2: "warning", 3: "notice"}


def htmlcs_source() -> str:
    path = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
    require(path.exists(), "HTML_CodeSniffer (npm ci)")
    return path.read_text(encoding="utf-8")


# Runs the WCAG2AA standard on the page as it is, and describes each message's element.
_HTMLCS_RUN = r"""
() => new Promise((resolve, reject) => {
  const describe = el => {
    if (!el || el.nodeType !== 1) return el && el.nodeType === 9 ? "document" : String(el);
    const id = el.id ? "#" + el.id : "";
    const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "";
    return el.tagName.toLowerCase() + id + cls;
  };
  try {
    HTMLCS.process("WCAG2AA", document, () => {
      resolve(HTMLCS.getMessages().map(m => ({ type: m.type, code: m.code, element: describe(m.element), msg: m.msg })));
    }, error => reject(String(error)), "en");
  } catch (error) { reject(String(error)); }
})
"""


def run_htmlcs(page, source: str) -> list[dict]:
    """HTML_CodeSniffer's messages (WCAG2AA, every rule) for the page as it is now."""
    if not page.evaluate("() => typeof window.HTMLCS === 'object'"):
        page.add_script_tag(content=source)
    return page.evaluate(_HTMLCS_RUN)


class Messages:
    """HTML_CodeSniffer's messages over many pages: errors fail, warnings and notices are counted."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)

    def add(self, where: str, messages: list[dict]) -> None:
        for message in messages:
            kind = HTMLCS_KINDS.get(message["type"], str(message["type"]))
            self.counts[kind] += 1
            if kind == "error":
                self.errors[message["code"]].append(f"{where} {message['element']}: {message['msg'][:200]}")

    def figures(self) -> str:
        return ", ".join(f"{self.counts.get(kind, 0)} {kind}s" for kind in HTMLCS_KINDS.values())

    def report(self) -> str:
        lines = []
        for code, found in sorted(self.errors.items()):
            lines.append(f"{code}: {len(found)}")
            lines += [f"  {item}" for item in found[:8]]
        return "\n".join(lines)
