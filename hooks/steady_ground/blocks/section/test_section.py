from steady_ground.testing import check_blocks, render_blocks

SECTION = {"type": "section", "heading": "Why patterns start", "intro": "Slowly.",
           "body": ["A paragraph.", {"bullets": ["One.", "Two."]}, {"numbered": ["First."]}],
           "subsections": [{"heading": "Old hurts", "body": ["Words."]}]}


def test_body_keeps_its_order_and_subsections_get_anchors():
    html = render_blocks(SECTION)
    assert html.index("<p>A paragraph.</p>") < html.index("<ul><li>One.</li>") < html.index("<ol><li>First.")
    assert '<h3 id="old-hurts">Old hurts</h3>' in html


def test_unknown_body_item_is_named():
    report = check_blocks({**SECTION, "body": [{"bulets": ["x"]}]})
    assert "blocks[0].body[0].bulets: unknown field (did you mean 'bullets'?)" in report
