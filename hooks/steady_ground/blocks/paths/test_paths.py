from steady_ground.testing import check_blocks, render_blocks

OTHER = {"faq": {"title": "Questions", "summary": "Asked.", "blocks": [
    {"type": "faq", "question": "Q?", "answer": "A."}]}}


def test_each_path_links_to_its_page():
    html = render_blocks({"type": "paths", "heading": "Where to start", "items": [
        {"label": "Questions", "text": "Read them.", "ref": "faq"}]}, extra_pages=OTHER)
    assert '<a href="/faq/"><strong>Questions</strong></a>' in html


def test_a_path_to_nowhere_is_refused():
    report = check_blocks({"type": "paths", "heading": "Start", "items": [
        {"label": "Lost", "text": "Nowhere.", "ref": "missing"}]})
    assert "blocks[0].items[0].ref: the link 'ref:missing' points to no page" in report
