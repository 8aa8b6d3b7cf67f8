"""Brand colours: contrast checks (WCAG 2) and the palette the site is given.

Material uses the primary colour for the top bar and for links, and the accent
colour for links under the pointer. Each of these must stay readable: at least
4.5:1 against what it sits on, the level WCAG 2 AA sets for normal text.
"""
from __future__ import annotations

MINIMUM = 4.5
WHITE = "#ffffff"
# Material's light page background, and its dark ('slate') one: hsl(225deg 15% 14%).
LIGHT_PAGE = WHITE
DARK_PAGE = "#1e2129"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _mix(colour: str, other: str, share: float) -> str:
    parts = []
    for i in (1, 3, 5):
        a, b = int(colour[i:i + 2], 16), int(other[i:i + 2], 16)
        parts.append(round(a + (b - a) * share))
    return "#" + "".join(f"{p:02x}" for p in parts)


def readable_on(background: str, colour: str) -> str:
    """The colour itself when readable on the background, else the nearest lighter tint that is."""
    for step in range(0, 21):
        tint = _mix(colour, WHITE, step / 20)
        if contrast(tint, background) >= MINIMUM:
            return tint
    return WHITE


def palette(chosen: dict) -> dict[str, str]:
    """The full set of colours, with the optional ones filled in."""
    primary = chosen["primary"].lower()
    return {
        "primary": primary,
        "text_on_primary": (chosen.get("text_on_primary") or WHITE).lower(),
        "accent": (chosen.get("accent") or primary).lower(),
        "dark_mode_links": (chosen.get("dark_mode_links") or readable_on(DARK_PAGE, primary)).lower(),
    }


def _ratio(value: float) -> str:
    return f"{int(value * 10) / 10:.1f}:1"  # rounded down, so 4.49 never shows as 4.5


def contrast_problems(chosen: dict) -> list[tuple[str, str]]:
    """(field, why) for each colour given that would make text hard to read."""
    colours = palette(chosen)
    given = {key for key, value in chosen.items() if value}
    # (field blamed, text colour, background, what the reader would see)
    pairs = [
        ("text_on_primary" if "text_on_primary" in given else "primary",
         colours["text_on_primary"], colours["primary"],
         "the words in the top bar" + ("" if "text_on_primary" in given else " (white unless text_on_primary is set)")
         + " on the primary colour"),
        ("primary", colours["primary"], LIGHT_PAGE, "links in the primary colour on the white page"),
        ("accent", colours["accent"], LIGHT_PAGE, "links in the accent colour on the white page"),
        ("dark_mode_links", colours["dark_mode_links"], DARK_PAGE, "links on the dark page"),
    ]
    problems = []
    for field, text, background, what in pairs:
        if field not in given:
            continue  # filled in from another colour, which is checked on its own
        ratio = contrast(text, background)
        if ratio < MINIMUM:
            problems.append((field, f"{what} ({text} on {background}) have a contrast of only "
                                    f"{_ratio(ratio)}; people with low vision need at least "
                                    f"{MINIMUM}:1 (WCAG AA), so choose a darker or lighter colour"))
    return problems


def stylesheet(chosen: dict) -> str:
    """CSS that gives Material's custom palette the organization's colours."""
    c = palette(chosen)
    return f"""/* The organization's colours, from site-data/organization.yml (checked for contrast). */
:root, [data-md-color-primary=custom] {{
  --md-primary-fg-color: {c["primary"]};
  --md-primary-fg-color--light: {c["primary"]};
  --md-primary-fg-color--dark: {c["primary"]};
  --md-primary-bg-color: {c["text_on_primary"]};
  --md-primary-bg-color--light: {c["text_on_primary"]};
  --md-accent-fg-color: {c["accent"]};
  --md-accent-fg-color--transparent: {c["accent"]}1a;
  --md-typeset-a-color: {c["primary"]};
}}
[data-md-color-scheme=slate][data-md-color-primary=custom] {{
  --md-typeset-a-color: {c["dark_mode_links"]};
  --md-accent-fg-color: {c["dark_mode_links"]};
  --md-accent-fg-color--transparent: {c["dark_mode_links"]}1a;
}}
"""
