from steady_ground.testing import check_blocks, render_blocks

CHECKLIST = {"type": "checklist", "heading": "Signs of real change",
             "items": ["Fewer fights.", {"item": "Effort without change", "helps": "Track what changes."}]}


def test_items_render_with_what_helps():
    html = render_blocks(CHECKLIST)
    assert "<li>Fewer fights.</li>" in html
    assert "What helps:</strong> Track what changes." in html


def test_an_item_needs_its_text():
    report = check_blocks({**CHECKLIST, "items": [{"helps": "x"}]})
    assert "blocks[0].items[0].item: is missing" in report
