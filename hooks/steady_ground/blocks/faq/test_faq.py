from steady_ground.testing import check_blocks, render_blocks


def test_question_is_an_anchored_heading_and_answer_paragraphs_follow():
    html = render_blocks({"type": "faq", "question": "How long should I *wait*?",
                          "answer": ["Months, not days.", "Watch under stress."]})
    assert '<h2 id="how-long-should-i-wait">How long should I <em>wait</em>?</h2>' in html
    assert "<p>Months, not days.</p>\n<p>Watch under stress.</p>" in html.replace("</p><p>", "</p>\n<p>")


def test_a_single_answer_may_be_plain_text():
    assert check_blocks({"type": "faq", "question": "Q?", "answer": "Yes."}) == ""


def test_answer_is_required():
    report = check_blocks({"type": "faq", "question": "Q?"})
    assert "blocks[0].answer: is missing; expected a list of text" in report
