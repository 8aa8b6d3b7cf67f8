"""Small corrections to the theme's finished HTML, so every page is valid HTML.

Material's base template puts autocomplete="off" on the two hidden checkboxes
that open the menu and the search. HTML allows autocomplete only on text-like
inputs, so the Nu Html Checker reports an error on every page. The attribute
only stops Firefox from restoring an open menu after a reload.
"""
from __future__ import annotations

_THEME_TOGGLES = ("__drawer", "__search")


def corrected(html: str) -> str:
    for toggle in _THEME_TOGGLES:
        html = html.replace(f'type="checkbox" id="{toggle}" autocomplete="off"',
                            f'type="checkbox" id="{toggle}"')
    return html
