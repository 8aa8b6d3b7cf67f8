"""The theme's stylesheet without the rules nothing in the site can use (theme_css.py)."""
from pathlib import Path

from steady_ground.theme_css import slim_theme_stylesheet, slimmed, without_unused_properties

TOKENS = {"md-nav", "md-nav__link", "md-tooltip--", "data-md-color-primary=custom", "--md-used-icon"}


def test_selectors_whose_classes_nothing_uses_are_left_out_and_the_rest_stays():
    css = ('@charset "UTF-8";a{color:red}.md-nav,.tabbed-set{margin:0}.tabbed-set>label{x:1}'
           '@media screen{.md-nav__link{y:2}.md-annotation{z:3}}@media print{.md-code{a:b}}'
           '.md-tooltip--active{o:1}@keyframes spin{0%{t:0}to{t:1}}@font-face{src:url("a.woff2")}'
           '[data-md-color-primary=red]{c:1}[data-md-color-primary=custom]{c:2}'
           '.md-nav:is(.a,.md-nav__link){q:1}')
    assert slimmed(css, TOKENS) == (
        '@charset "UTF-8";a{color:red}.md-nav{margin:0}@media screen{.md-nav__link{y:2}}'
        '.md-tooltip--active{o:1}@keyframes spin{0%{t:0}to{t:1}}@font-face{src:url("a.woff2")}'
        '[data-md-color-primary=custom]{c:2}.md-nav:is(.a,.md-nav__link){q:1}')


def test_custom_properties_nothing_reads_are_left_out():
    css = (':root{--md-used-icon:url("data:image/svg+xml;charset=utf-8,<svg/>");'
           '--md-unused-icon:url("data:image/svg+xml;charset=utf-8,<svg/>");--md-a:1;--md-b:var(--md-a)}'
           '.x{color:var(--md-b)}.y{--md-only-self:1}')
    assert without_unused_properties(css, TOKENS) == (
        ':root{--md-used-icon:url("data:image/svg+xml;charset=utf-8,<svg/>");--md-a:1;--md-b:var(--md-a)}'
        '.x{color:var(--md-b)}')
    # Read by another of the site's stylesheets: kept.
    assert "--md-only-self:1" in without_unused_properties(css, TOKENS, frozenset({"--md-only-self"}))


def test_the_slimmed_sheet_gets_a_new_name_and_every_page_points_at_it(tmp_path: Path):
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "main.0123abcd.min.css").write_text(".md-nav{a:1}.unused-thing{b:2}\n/*# sourceMappingURL=x.map */")
    (sheets / "main.0123abcd.min.css.map").write_text("{}")
    (tmp_path / "es").mkdir()
    page = tmp_path / "es" / "index.html"
    page.write_text('<link rel="stylesheet" href="../assets/stylesheets/main.0123abcd.min.css"><p class="md-nav">')
    [name] = slim_theme_stylesheet(tmp_path)
    assert sorted(p.name for p in sheets.iterdir()) == [name]
    assert (sheets / name).read_text() == ".md-nav{a:1}\n"
    assert f"../assets/stylesheets/{name}" in page.read_text()
