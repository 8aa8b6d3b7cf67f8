"""The built guide opens in a real Chromium and every page has its heading."""


def test_every_page_opens_with_one_heading(page, site_url, site_pages):
    assert len(site_pages) >= 3
    for path in site_pages:
        response = page.goto(site_url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert page.title(), path
