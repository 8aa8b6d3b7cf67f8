from steady_ground.testing import check_blocks, render_blocks

SCRIPT = {"type": "script", "situation": "Starting a hard talk",
          "say": "I feel [feeling] when [this happens].", "why": "It names one thing."}


def test_words_are_quoted_with_labels_from_the_strings_file():
    html = render_blocks(SCRIPT)
    assert '<h2 id="starting-a-hard-talk">Starting a hard talk</h2>' in html
    assert '<blockquote class="sg-script__words"><p>I feel [feeling] when [this happens].</p>' in html
    assert "You could say:" in html and "Why it helps:" in html


def test_why_is_required():
    script = {k: v for k, v in SCRIPT.items() if k != "why"}
    assert "blocks[0].why: is missing" in check_blocks(script)
