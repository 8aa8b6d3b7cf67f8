from .compact_html import compact


def test_indentation_with_a_line_break_becomes_one_line_break():
    assert compact('<ul>\n    <li>\n      <a href="#a">A</a>\n    </li>\n  </ul>') == '<ul>\n<li>\n<a href="#a">A</a>\n</li>\n</ul>'


def test_spaces_without_a_line_break_are_left_alone():
    assert compact("<p>one  two <b>three</b></p>") == "<p>one  two <b>three</b></p>"


def test_pre_textarea_script_and_style_are_kept_as_written():
    kept = ("<pre>\n  line\n    indented\n</pre><textarea>\n  typed\n</textarea>"
            "<script>\n  var a = 1\n</script><STYLE>\n  a { color: red }\n</STYLE>")
    assert compact("<div>\n   \n" + kept + "\n   </div>") == "<div>\n" + kept + "\n</div>"
