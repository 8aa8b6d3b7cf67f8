from steady_ground.theme_markup import corrected

STRINGS = {"search_dialog": "Search the guide", "search_submit": "Go to the best match"}

THEME_HEADER = """
<form class="md-header__option" data-md-component="palette">
  <input class="md-option" aria-hidden="true" type="radio" name="__palette" id="__palette_0">
</form>
<div class="md-search" data-md-component="search" role="dialog">
  <div class="md-search__inner" role="search">
    <form class="md-search__form" name="search">
      <input type="text" class="md-search__input" name="query" aria-label="Search" autocomplete="off" required>
      <nav class="md-search__options" aria-label="Search"><button type="reset" tabindex="-1">x</button></nav>
    </form>
  </div>
</div>
"""


def test_the_theme_toggles_lose_the_attribute_html_does_not_allow_on_checkboxes():
    page = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
            '<input type="text" class="md-search__input" autocomplete="off">')
    fixed = corrected(page, STRINGS)
    assert 'id="__drawer">' in fixed and 'id="__search">' in fixed
    # Text inputs may keep it: there it stops the browser remembering what was typed.
    assert fixed.count('autocomplete="off"') == 1


def test_the_colour_scheme_group_is_no_longer_a_form():
    fixed = corrected(THEME_HEADER, STRINGS)
    assert '<div class="md-header__option" data-md-component="palette">' in fixed
    assert fixed.count("<form") == 1 and fixed.count("</form>") == 1  # the search form stays
    assert 'id="__palette_0">\n</div>' in fixed


def test_the_search_form_gets_a_named_submit_button_and_its_query_no_name():
    fixed = corrected(THEME_HEADER, STRINGS)
    form = fixed[fixed.index('<form class="md-search__form"'):fixed.index("</form>")]
    assert '<button type="submit" class="sg-search-submit sg-visually-hidden" tabindex="-1">Go to the best match</button>' in form
    assert 'name="query"' not in fixed


def test_the_search_dialog_is_named_in_the_editions_language():
    fixed = corrected(THEME_HEADER, {"search_dialog": "Buscar en la guía & más", "search_submit": "Ir"})
    assert 'role="dialog" aria-label="Buscar en la guía &amp; más">' in fixed
