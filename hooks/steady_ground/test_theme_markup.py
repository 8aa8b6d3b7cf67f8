from steady_ground.theme_markup import corrected


def test_the_theme_toggles_lose_the_attribute_html_does_not_allow_on_checkboxes():
    page = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
            '<input type="text" class="md-search__input" autocomplete="off">')
    fixed = corrected(page)
    assert 'id="__drawer">' in fixed and 'id="__search">' in fixed
    # Text inputs may keep it: there it stops the browser remembering what was typed.
    assert fixed.count('autocomplete="off"') == 1
