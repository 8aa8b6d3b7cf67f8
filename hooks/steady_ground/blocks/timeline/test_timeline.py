from steady_ground.testing import check_blocks, render_blocks

TIMELINE = {"type": "timeline", "heading": "How long it takes", "phases": [
    {"name": "Safety planning", "from": "days", "to": "weeks", "expect": "A plan."},
    {"name": "Feeling steadier", "from": "6 months", "to": "1 year", "expect": "Better days."},
]}


def test_each_phase_shows_its_range():
    html = render_blocks(TIMELINE)
    assert "days to weeks" in html and "6 months to 1 year" in html
    assert html.count('<li class="sg-timeline__phase">') == 2


def test_a_range_must_be_a_time():
    bad = {**TIMELINE, "phases": [{**TIMELINE["phases"][0], "to": "later"}]}
    assert "blocks[0].phases[0].to: 'later' is not valid" in check_blocks(bad)
