"""Broken content and settings: each must fail with file, line, field and what was expected."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from steady_ground.problems import ContentError
from steady_ground.project import Project, load_project

GOOD_FAQ = """title: Questions
summary: Questions people ask.
blocks:
  - type: faq
    id: how-long-to-wait
    question: How long should I wait?
    answer: Months, not days.
"""


def problems_for(project: Path, files: dict[str, str | bytes | None]) -> str:
    for name, text in files.items():
        path = project / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(ContentError) as caught:
        load_project(Project.at(project))
    return caught.value.report()


# (case name, files to write, text every message must contain)
CASES = [
    ("tab indentation", {"content/10-faq.yml": "title: x\nsummary: y\nblocks:\n\t- type: faq\n"},
     ["content/10-faq.yml:4:", "tab character", "indent with spaces"]),
    ("bad indentation", {"content/10-faq.yml": "title: x\n  summary: y\n"},
     ["content/10-faq.yml:2:", "this line is indented more than the line above", "line it up"]),
    # YAML's own parser messages, in plain words with the fix.
    ("list items not lined up", {"content/10-faq.yml": GOOD_FAQ + "   - type: faq\n"},
     ["content/10-faq.yml:8:", "this line is not lined up with the list items above it",
      "start each item with '- ' at the same indentation"]),
    ("list item where a field belongs", {"content/10-faq.yml": GOOD_FAQ + " - type: faq\n"},
     ["content/10-faq.yml:8:", "this list item ('- ') is not lined up with the items above it, or stands where "
                               "a field ('name: value') was expected"]),
    ("colon inside a text", {"content/10-faq.yml": GOOD_FAQ.replace("How long should I wait?", "Wait: how long?")},
     ["content/10-faq.yml:6:", "a colon followed by a space", 'in quotes: question: "Wait: how long?"']),
    ("text starting with emphasis", {"content/10-faq.yml": GOOD_FAQ.replace("Months,", "*Months*,")},
     ["content/10-faq.yml:7:", "a text that starts with * or & needs quotes",
      'write it like this: answer: "*Months*, not days."']),
    ("text starting with &", {"content/10-faq.yml": GOOD_FAQ.replace("Months,", "&more Months,")},
     ["content/10-faq.yml:7:", 'write it like this: answer: "&more Months, not days."']),
    ("text starting with a quote", {"content/10-faq.yml": GOOD_FAQ.replace("How long", '"How long" ')},
     ["content/10-faq.yml:6:", "must end with the same quote",
      """in quotes: question: '"How long"  should I wait?'"""]),
    ("list in brackets not closed", {"content/10-faq.yml": GOOD_FAQ + "    see: [tools, get-help\n"},
     ["content/10-faq.yml:8:", "a list in [ ] opened on this line is not closed"]),
    ("a second document", {"content/10-faq.yml": GOOD_FAQ + "---\ntitle: More\n"},
     ["content/10-faq.yml:8:", "a line with --- starts a second part", "remove this line"]),
    ("unclosed quote", {"content/10-faq.yml": "title: x\nsummary: y\nblocks:\n  - type: faq\n"
                                               "    question: 'Why\n    answer: y\n"},
     ["content/10-faq.yml:5:", "quote", "never closed"]),
    ("empty file", {"content/10-faq.yml": ""}, ["content/10-faq.yml:1:", "empty"]),
    ("only a comment", {"content/10-faq.yml": "# nothing yet\n"}, ["content/10-faq.yml:1:", "no fields"]),
    ("missing required field", {"content/10-faq.yml": GOOD_FAQ.replace("    answer: Months, not days.\n", "")},
     ["content/10-faq.yml:4:", "blocks[0].answer", "is missing", "expected a list of text"]),
    ("missing page title", {"content/10-faq.yml": GOOD_FAQ.replace("title: Questions\n", "")},
     ["content/10-faq.yml:1:", "title", "is missing; expected text"]),
    ("list where text is expected", {"content/10-faq.yml": GOOD_FAQ.replace("title: Questions", "title: [a, b]")},
     ["content/10-faq.yml:1:", "title", "expected text, got a list"]),
    ("number as a title", {"content/10-faq.yml": GOOD_FAQ.replace("title: Questions", "title: 42")},
     ["content/10-faq.yml:1:", "title", "expected text, got the number 42"]),
    ("unknown field typo", {"content/10-faq.yml": GOOD_FAQ.replace("question:", "questoin:")},
     ["content/10-faq.yml:6:", "blocks[0].questoin", "unknown field", "did you mean 'question'"]),
    ("unknown block type", {"content/10-faq.yml": GOOD_FAQ.replace("type: faq", "type: faqs")},
     ["content/10-faq.yml:4:", "blocks[0].type", "unknown block type 'faqs'", "expected one of"]),
    ("duplicate block id", {"content/20-tools.yml": GOOD_FAQ.replace("title: Questions", "title: Tools")},
     ["content/20-tools.yml:4:", "blocks[0].id", "'how-long-to-wait' is already used at content/10-faq.yml"]),
    ("duplicate page id", {"content/50-worksheets/10-faq.yml": GOOD_FAQ.replace("how-long", "other")},
     ["content/50-worksheets/10-faq.yml", "page id 'faq' is already used by content/10-faq.yml"]),
    ("cross-reference to no page", {"content/10-faq.yml": GOOD_FAQ + "    see: nowhere\n"},
     ["content/10-faq.yml:8:", "blocks[0].see:", "'ref:nowhere' points to no page"]),
    ("cross-reference to no block", {"content/10-faq.yml": GOOD_FAQ + "    see: [tools/missing]\n"},
     ["content/10-faq.yml:8:", "blocks[0].see[0]", "points to no block 'missing' on the page 'tools'"]),
    ("misspelt page in a link", {"content/10-faq.yml": GOOD_FAQ.replace("Months, not days.", "See [help](ref:get-hlep).")},
     ["content/10-faq.yml:7:", "blocks[0].answer: the link 'ref:get-hlep' points to no page "
                               "(did you mean 'get-help'?)"]),
    ("misspelt block in a link", {"content/10-faq.yml": GOOD_FAQ + "    see: [faq/how-long-to-wiat]\n"},
     ["content/10-faq.yml:8:", "the link 'ref:faq/how-long-to-wiat' points to no block 'how-long-to-wiat' on the "
                               "page 'faq' (did you mean 'how-long-to-wait'?)"]),
    ("block linked on the wrong page", {"content/10-faq.yml": GOOD_FAQ + "    see: [faq/breathing]\n"},
     ["content/10-faq.yml:8:", "points to no block 'breathing' on the page 'faq'; it is on the page 'tools' "
                               "(did you mean 'ref:tools/breathing'?)"]),
    ("link inside a text written over several lines",
     {"content/10-faq.yml": GOOD_FAQ.replace("answer: Months, not days.", "answer: >-\n      Months, not days.\n"
                                             "      Look for steady change.\n      See [the tools](ref:toolz).")},
     ["content/10-faq.yml:10: blocks[0].answer: the link 'ref:toolz' points to no page (did you mean 'tools'?)"]),
    ("the same link twice over several lines",
     {"content/10-faq.yml": GOOD_FAQ.replace("answer: Months, not days.", "answer: See [this](ref:gone)\n"
                                             "      and [that](ref:gone), plus [more](ref:faq).")},
     ["content/10-faq.yml:7: blocks[0].answer: the link 'ref:gone'", "content/10-faq.yml:8: blocks[0].answer: "
                                                                    "the link 'ref:gone'"]),
    ("inline ref to nothing", {"content/10-faq.yml": GOOD_FAQ.replace("Months, not days.", "See [here](ref:gone).")},
     ["content/10-faq.yml:7:", "blocks[0].answer:", "'ref:gone' points to no page"]),
    ("javascript: link", {"content/10-faq.yml": GOOD_FAQ.replace("Months, not days.", "'[go](javascript:alert(1))'")},
     ["content/10-faq.yml:7:", "blocks[0].answer:", "'javascript:alert(1)' is not allowed", "https://"]),
    ("data: link", {"content/10-faq.yml": GOOD_FAQ.replace("Months, not days.", "'[go](data:text/html,hi)'")},
     ["content/10-faq.yml:7:", "'data:text/html,hi' is not allowed"]),
    ("raw script tag", {"content/10-faq.yml": GOOD_FAQ.replace("Months, not days.", "<script>alert(1)</script>")},
     ["content/10-faq.yml:7:", "blocks[0].answer:", "HTML is not allowed in text", "<script"]),
    ("event handler html", {"content/10-faq.yml": GOOD_FAQ.replace("Months, not days.", "'<img src=x onerror=alert(1)>'")},
     ["content/10-faq.yml:7:", "HTML is not allowed in text", "<img"]),
    ("non-UTF-8 file", {"content/10-faq.yml": GOOD_FAQ.replace("Questions", "Caf\u00e9").encode("latin-1")},
     ["content/10-faq.yml:1:", "not UTF-8", "save it as UTF-8"]),
    ("unknown file in content", {"content/notes.txt": "hello"},
     ["content/notes.txt:", "unknown file", "10-page-id.yml"]),
    (".yaml ending", {"content/60-more.yaml": GOOD_FAQ}, ["content/60-more.yaml:", "use the .yml ending"]),
    ("object-constructing YAML tag", {"content/10-faq.yml": "!!python/object/apply:os.system ['touch /tmp/pwned']\n"},
     ["content/10-faq.yml:1:", "YAML tag", "python/object/apply", "not allowed"]),
    ("duplicate key", {"content/10-faq.yml": GOOD_FAQ.replace("summary:", "title: Again\nsummary:")},
     ["content/10-faq.yml:2:", "title", "given twice"]),
    ("wrong timeline range", {"content/10-faq.yml": GOOD_FAQ + "  - type: timeline\n    heading: H\n    phases:\n"
                                                            "      - name: N\n        from: soon\n        to: weeks\n"
                                                            "        expect: E\n"},
     ["content/10-faq.yml:12:", "blocks[1].phases[0].from", "'soon' is not valid", "'6 months'"]),
    ("blocks not a list", {"content/10-faq.yml": "title: x\nsummary: y\nblocks: none\n"},
     ["content/10-faq.yml:3:", "blocks", "expected a list of blocks"]),
    ("folder without _section.yml", {"content/50-worksheets/_section.yml": None},
     ["content/50-worksheets/_section.yml", "is missing", "title:"]),
    ("no start page", {"content/00-home.yml": None}, ["no start page", "00-home.yml"]),
    ("override: misspelt page to hide", {"site-data/overrides/changes.yml": "hide:\n  - tols\n"},
     ["site-data/overrides/changes.yml:2: hide[0]: there is no page 'tols' to hide (did you mean 'tools'?)"]),
    ("override: misspelt menu entry", {"site-data/overrides/changes.yml": "menu_labels:\n  get-hepl: Call us\n"},
     ["site-data/overrides/changes.yml:2: menu_labels.get-hepl: there is no page or folder 'get-hepl' in the "
      "menu (did you mean 'get-help'?)"]),
    ("override: misspelt block to replace",
     {"site-data/overrides/blocks/how-long-to-wiat.yml": "type: faq\nquestion: Q?\nanswer: A.\n"},
     ["site-data/overrides/blocks/how-long-to-wiat.yml: there is no block 'how-long-to-wiat' in the guide to "
      "replace (did you mean 'how-long-to-wait'?)"]),
    ("couple block on a page without a link to Safety first", {"content/10-faq.yml": GOOD_FAQ + "    for: couple\n"},
     ["content/10-faq.yml:4:", "blocks[0].for:", "for both partners", "no link to Safety first",
      "[Safety first](ref:safety)"]),
    ("settings: phone number with letters",
     {"site-data/organization.yml": "@EMERGENCY@"}, ["site-data/organization.yml:10:", "emergency.number",
                                                     "'9II' is not valid", "digits"]),
    ("settings: exit destination not https",
     {"site-data/organization.yml": "@EXIT@"}, ["site-data/organization.yml:", "quick_exit.destination",
                                                "'http://example.org/' is not valid", "https://"]),
    ("settings: chat link not https",
     {"site-data/organization.yml": "@CHAT@"}, ["site-data/organization.yml:", "help_channels[2].value",
                                                "an absolute https:// address"]),
]


def _settings_edit(project: Path, marker: str) -> str:
    text = (project / "site-data" / "organization.yml").read_text()
    return {
        "@EMERGENCY@": text.replace('number: "911"', 'number: "9II"'),
        "@EXIT@": text.replace("https://www.weather.gov/", "http://example.org/"),
        "@CHAT@": text.replace("https://www.thehotline.org/", "www.thehotline.org"),
    }[marker]


@pytest.mark.parametrize("files, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_input_is_reported_clearly(mini_project: Path, files, expected):
    files = {name: _settings_edit(mini_project, text) if isinstance(text, str) and text.startswith("@") else text
             for name, text in files.items()}
    report = problems_for(mini_project, files)
    for part in expected:
        assert part in report, f"expected {part!r} in:\n{report}"
    assert "Traceback" not in report
    # The YAML parser's own words never show through.
    for jargon in ("did not find expected", "while parsing", "while scanning", "mapping values", "scalar",
                   "<block", "indicator", "token"):
        assert jargon not in report, f"parser wording {jargon!r} in:\n{report}"


def test_every_problem_is_reported_in_one_run(mini_project: Path):
    report = problems_for(mini_project, {
        "content/10-faq.yml": GOOD_FAQ.replace("question:", "questoin:"),
        "content/20-tools.yml": "title: [x]\nsummary: s\nblocks:\n  - type: nope\n",
        "content/notes.txt": "stray",
    })
    assert report.startswith("The guide has 5 problems")
    for part in ["blocks[0].questoin", "blocks[0].question: is missing", "content/20-tools.yml:1: title",
                 "unknown block type 'nope'", "content/notes.txt"]:
        assert part in report


def test_tag_is_never_constructed(mini_project: Path, tmp_path: Path):
    marker = tmp_path / "constructed"
    problems_for(mini_project, {"content/10-faq.yml": f"!!python/object/apply:os.system ['touch {marker}']\n"})
    assert not marker.exists()


@pytest.mark.parametrize("command", [["-m", "mkdocs", "build", "--strict"], ["-m", "steady_ground", "build"]],
                         ids=["mkdocs build", "steady_ground build"])
def test_failed_build_leaves_site_untouched_and_prints_no_traceback(mini_project: Path, command):
    site = mini_project / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good build")
    (mini_project / "content" / "10-faq.yml").write_text(GOOD_FAQ.replace("question:", "questoin:"))
    result = subprocess.run([sys.executable, *command], cwd=mini_project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "content/10-faq.yml:6: blocks[0].questoin: unknown field" in output
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text() == "the last good build"
    assert not list(mini_project.glob("site.*")), "no staging folder may be left behind"
