from steady_ground.testing import check_blocks, render_blocks

EXERCISE = {"type": "exercise", "name": "4-4-4 breathing", "duration": "1 minute",
            "when": "When feelings run high.", "steps": ["In for 4.", "Hold for 4.", "Out for 4."]}


def test_steps_are_an_ordered_list_with_when_and_duration():
    html = render_blocks(EXERCISE)
    assert '<h2 id="4-4-4-breathing">4-4-4 breathing</h2>' in html
    assert html.count("<li>") == 3 and '<ol class="sg-steps">' in html
    assert "<dd>1 minute</dd>" in html and "<dd>When feelings run high.</dd>" in html


def test_steps_must_be_a_list():
    report = check_blocks({**EXERCISE, "steps": "Breathe."})
    assert "blocks[0].steps: expected a list of text, got text" in report
