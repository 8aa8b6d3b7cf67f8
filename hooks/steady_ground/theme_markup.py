"""Small corrections to the theme's finished HTML, so every page is valid HTML and
passes both accessibility engines (axe-core and HTML_CodeSniffer).

- Material's base template puts autocomplete="off" on the two hidden checkboxes
  that open the menu and the search. HTML allows autocomplete only on text-like
  inputs, so the Nu Html Checker reports an error on every page. The attribute
  only stops Firefox from restoring an open menu after a reload.
- The colour-scheme control is a form with nothing to send: its radio buttons
  only follow the device setting. As a plain group it is the same to the theme's
  script, which reads its inputs, and no longer a form without a submit button.
- The search form gets a real submit button, which does what Enter does (see
  search-focus.js). Its query field loses its name, so a search sent without
  script (Enter before the page has loaded) leaves no words in the address or
  in history.
- The search dialog is named in the edition's language.
"""
from __future__ import annotations

import re
from html import escape

_THEME_TOGGLES = ("__drawer", "__search")
_PALETTE = re.compile(r'<form class="md-header__option" data-md-component="palette">(.*?)</form>', re.S)
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_FORM = re.compile(r'(<form class="md-search__form" name="search">)(.*?)(</form>)', re.S)
_QUERY_NAME = ' name="query"'


def corrected(html: str, strings: dict) -> str:
    for toggle in _THEME_TOGGLES:
        html = html.replace(f'type="checkbox" id="{toggle}" autocomplete="off"',
                            f'type="checkbox" id="{toggle}"')
    html = _PALETTE.sub(r'<div class="md-header__option" data-md-component="palette">\1</div>', html, count=1)
    html = html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{escape(strings["search_dialog"])}">', 1)
    return _SEARCH_FORM.sub(lambda found: _search_form(found, strings), html, count=1)


def _search_form(found: re.Match, strings: dict) -> str:
    opening, inside, closing = found.groups()
    # Out of the Tab order like the theme's own clear button: Tab leaves the search.
    submit = (f'<button type="submit" class="sg-search-submit sg-visually-hidden" tabindex="-1">'
              f'{escape(strings["search_submit"])}</button>')
    return opening + inside.replace(_QUERY_NAME, "", 1) + submit + closing
