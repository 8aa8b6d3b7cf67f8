"""Editions and translations: laying a translation over its source, its checks, and
the translators' tools (a file to start from, the outdated report)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from steady_ground.problems import ContentError
from steady_ground.project import Project, load_project_site
from steady_ground.schema import fingerprint

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ES = Path("content/translations/es")


def report_for(project: Path, edits: dict[str, tuple[str, str] | str | None]) -> str:
    """Edit files of the project (old -> new text, a whole new text, or None to remove), load it,
    and return the problem report."""
    for name, edit in edits.items():
        path = project / name
        if edit is None:
            path.unlink()
        elif isinstance(edit, tuple):
            old, new = edit
            text = path.read_text()
            assert old in text, f"{old!r} is not in {name}"
            path.write_text(text.replace(old, new, 1))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(edit)
    with pytest.raises(ContentError) as caught:
        load_project_site(Project.at(project))
    return caught.value.report()


def line_of(project: Path, name: str, needle: str) -> int:
    """The first line holding the needle ('needle|-1': the line before it)."""
    needle, _, offset = needle.partition("|")
    lines = (project / name).read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line) + int(offset or 0)


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "steady_ground", *args], cwd=project, capture_output=True,
                          text=True, env=ENV)


# --- an edition, laid together ---------------------------------------------------

def test_the_spanish_edition_has_the_english_structure_and_the_spanish_words(bilingual_project: Path):
    site = load_project_site(Project.at(bilingual_project))
    assert list(site.editions) == ["en", "es"]
    english, spanish = site.editions["en"], site.editions["es"]
    assert (english.path, spanish.path) == ("", "es/")
    assert [p.id for p in spanish.guide.pages] == [p.id for p in english.guide.pages]
    assert [p.src_uri for p in spanish.guide.pages] == [p.src_uri for p in english.guide.pages]
    faq = spanish.guide.page("faq")
    assert faq.title == "Preguntas" and faq.content_note is True  # a flag: from the English file
    wait = faq.blocks[0]
    assert wait.id == "how-long-to-wait" and wait.data["question"] == "¿Cuánto tiempo debo esperar?"
    assert wait.data["see"] == ["home", "tools/breathing"]  # structure: from the English file
    timeline = faq.blocks[2]
    assert timeline.data["phases"][1]["from"] == {"count": 6, "unit": "month", "form": "many"}
    assert spanish.guide.anchors["breathing"] == ("tools", "Respiración 4-4-4")
    assert spanish.guide.page("check-in").group == "Hojas de trabajo"
    assert spanish.settings.organization["quick_exit"]["label"] == "Salir de esta página"
    assert spanish.settings.organization["emergency"]["number"] == english.settings.organization["emergency"]["number"]
    assert spanish.settings.strings["related"] == "Relacionado:"
    assert not spanish.outdated and not english.outdated


def test_schema_knows_words_from_structure():
    from steady_ground.blocks import BLOCK_TYPES
    from steady_ground.schema import Record
    from steady_ground.settings import ORGANIZATION

    section = Record(BLOCK_TYPES["section"].fields).words_only()
    assert set(section.fields) == {"heading", "intro", "body", "subsections"}
    assert set(section.fields["subsections"].item.fields) == {"heading", "body"}  # no id
    paths = Record(BLOCK_TYPES["paths"].fields).words_only()
    assert set(paths.fields["items"].item.fields) == {"label", "text"}  # no ref
    timeline = Record(BLOCK_TYPES["timeline"].fields).words_only()
    assert set(timeline.fields["phases"].item.fields) == {"name", "expect"}  # durations are structure
    worksheet = Record(BLOCK_TYPES["worksheet"].fields).words_only()
    part = worksheet.fields["parts"].item
    assert "layout" not in worksheet.fields and {"repeat", "help_numbers", "id"}.isdisjoint(part.fields)
    assert set(part.fields["prompts"].item.fields) == {"label", "hint"}
    organization = ORGANIZATION.words_only()
    assert {"language", "editions", "colours", "logo", "printing"}.isdisjoint(organization.fields)
    assert set(organization.fields["help_channels"].item.fields) == {"label", "hours", "languages"}
    assert set(organization.fields["quick_exit"].fields) == {"label"}


def test_a_fingerprint_follows_the_words_not_the_structure():
    assert fingerprint({"heading": "A", "body": ["b  c"]}) == fingerprint({"body": ["b c"], "heading": "A"})
    assert fingerprint({"heading": "A"}) != fingerprint({"heading": "B"})
    assert len(fingerprint("x")) == 8 and not fingerprint("x").isdigit()


# --- broken translations: each names the file, the line, the field -----------------

FAQ = str(ES / "10-faq.yml")
HOME = str(ES / "00-home.yml")
TOOLS = str(ES / "20-tools.yml")
ORG = "site-data/translations/es/organization.yml"

# (case, file edited, (old, new) text, the line's needle in the edited file, what the message says)
BROKEN = [
    ("missing block", FAQ, ("  starting-a-hard-talk:\n    source: \"a87344a3\"\n    situation: Para empezar una "
                            "conversación difícil\n    say: Me siento [emoción] cuando [pasa esto]. ¿Podemos "
                            "hablar?\n    why: Habla de una sola cosa.\n", ""),
     "blocks:", "blocks.starting-a-hard-talk: is missing; translate the block 'starting-a-hard-talk' of "
                "content/10-faq.yml:12"),
    ("extra block", FAQ, ("  how-long-it-takes:", "  how-long-to-leave:"), "how-long-to-leave:",
     "blocks.how-long-to-leave: there is no block 'how-long-to-leave' in the English file content/10-faq.yml; "
     "remove it (did you mean 'how-long-it-takes'?)"),
    ("changed ref", HOME, ("[las preguntas](ref:faq)", "[las preguntas](ref:tools)"), "summary:",
     "summary: lost the link to 'ref:faq' that the source text has"),
    ("lost link", FAQ.replace("10-faq", "00-home"), ("con un enlace a [una pregunta](ref:faq/how-long-to-wait)",
                                                    "con un enlace a una pregunta"), "Otro punto",
     "blocks.who-this-is-for.body[1].bullets[1]: lost the link to 'ref:faq/how-long-to-wait'"),
    ("wrong type", FAQ, ("question: ¿Cuánto tiempo debo esperar?", "question: [¿Cuánto?, ¿Hasta cuándo?]"),
     "question:", "blocks.how-long-to-wait.question: expected text, got a list"),
    ("a ref is structure", HOME, ("      - label: Busca ayuda\n", "      - label: Busca ayuda\n        ref: faq\n"),
     "ref: faq", "blocks.where-to-go.items[1].ref: comes from the English file content/00-home.yml; remove it"),
    ("an id is structure", FAQ, ("    question: ¿Cuánto", "    id: cuanto-esperar\n    question: ¿Cuánto"),
     "id: cuanto-esperar", "blocks.how-long-to-wait.id: comes from the English file content/10-faq.yml; remove it"),
    ("a block type is structure", TOOLS, ("    name: Respiración", "    type: exercise\n    name: Respiración"),
     "type: exercise", "blocks.breathing.type: comes from the English file content/20-tools.yml; remove it"),
    ("a field the block type does not have", FAQ, ("    why: Habla", "    porque: Habla"), "porque:",
     "blocks.starting-a-hard-talk.porque: unknown field; a translation of this part has only: situation, say, why"),
    ("a misspelt field", FAQ, ("    question: ¿Cuánto", "    questoin: ¿Cuánto"), "questoin:",
     "blocks.how-long-to-wait.questoin: unknown field (did you mean 'question'?)"),
    ("a field the English block does not have", HOME, ("    heading: Adónde ir\n",
                                                       "    heading: Adónde ir\n    intro: Elige un camino.\n"),
     "intro: Elige", "blocks.where-to-go.intro: is not in the English file content/00-home.yml here; remove it"),
    ("a list of another length", FAQ, ("      - Meses, no días.\n", "      - Meses.\n      - No días.\n"),
     "answer:", "blocks.how-long-to-wait.answer: has 3 items but the English file content/10-faq.yml has 2 items"),
    ("a list of another kind", HOME, ("      - numbered:\n          - Primero.", "      - bullets:\n          - Primero."),
     "Primero.|-1", "blocks.who-this-is-for.body[2]: is 'bullets:' but the English file "
                                        "content/00-home.yml has 'numbered:' here"),
    ("unbalanced emphasis", HOME, ("con *énfasis* y", "con *énfasis y"), "Un párrafo",
     "blocks.who-this-is-for.body[0]: emphasis is not closed"),
    ("a sub-section id is structure", HOME, ("      - heading: Una parte", "      - id: otra\n        heading: Una parte"),
     "id: otra", "blocks.who-this-is-for.subsections[0].id: comes from the English file"),
    ("no fingerprint", TOOLS, ('    source: "94ee9000"\n', ""), "  breathing:",
     "blocks.breathing.source: is missing; expected the fingerprint of the source words"),
    ("a checklist item of another kind", TOOLS, ("      - Hay menos peleas.", "      - item: Hay menos peleas."),
     "item: Hay menos", "blocks.signs-of-real-change.items[0]: is 'item:' but the English file content/20-tools.yml "
                        "has text here"),
    ("a missing word", FAQ, ("    why: Habla de una sola cosa.\n", ""), "  starting-a-hard-talk:",
     "blocks.starting-a-hard-talk.why: is missing; translate it from the English file content/10-faq.yml, line 15"),
    ("an untranslated block", TOOLS, ("Cuando las emociones son muy fuertes.", "When feelings run high."),
     "  breathing:", None),  # filled in below: the whole block in English
    ("a number where words go", ORG, ("label: Salir de esta página", "label: 911"), "label: 911",
     "quick_exit.label: expected text, got the number 911"),
    ("organization structure", ORG, ("emergency:\n  label: Emergencias\n",
                                     "emergency:\n  label: Emergencias\n  number: \"112\"\n"),
     "number:", "emergency.number: comes from the English file site-data/organization.yml; remove it"),
]


@pytest.mark.parametrize("name, edited, change, needle, expected", BROKEN, ids=[case[0] for case in BROKEN])
def test_a_broken_translation_is_reported_with_file_line_and_field(bilingual_project: Path, name, edited, change,
                                                                   needle, expected):
    if name == "an untranslated block":
        english = yaml.safe_load((bilingual_project / "content/20-tools.yml").read_text())["blocks"][0]
        text = (bilingual_project / edited).read_text()
        start, end = text.index("    name: Respiración"), text.index("  signs-of-real-change:")
        words = {key: english[key] for key in ("name", "duration", "when", "steps")}
        change = (text[start:end], yaml.safe_dump(words, sort_keys=False, indent=2).replace("\n", "\n    ")
                  .rstrip(" ").replace("name:", "    name:", 1).replace("steps:\n    -", "steps:\n    - ", 1))
        expected = "blocks.breathing: is not translated yet: its words are the same as in the English file"
    report = report_for(bilingual_project, {edited: change})
    line = line_of(bilingual_project, edited, needle.split("\n")[0])
    assert f"{edited}:{line}: {expected}" in report, report
    assert "Traceback" not in report


def test_a_page_without_its_translation_names_the_file_to_create(bilingual_project: Path):
    report = report_for(bilingual_project, {str(ES / "30-get-help.yml"): None})
    assert ("content/translations/es/30-get-help.yml: is missing; the Spanish edition needs every page in Spanish: "
            "python -m steady_ground translations --new es content/30-get-help.yml writes a file to start from") in report
    assert report.startswith("The guide has 1 problem")  # never a page silently in English instead


def test_a_translation_without_its_source_is_reported(bilingual_project: Path):
    report = report_for(bilingual_project, {str(ES / "40-old-page.yml"): "title: Vieja\n"})
    assert ("content/translations/es/40-old-page.yml: translates content/40-old-page.yml, which is not there") in report


def test_the_folder_title_and_the_organization_need_their_translation_too(bilingual_project: Path):
    report = report_for(bilingual_project, {str(ES / "50-worksheets/_section.yml"): None, ORG: None})
    assert "content/translations/es/50-worksheets/_section.yml: is missing" in report
    assert "site-data/translations/es/organization.yml: is missing" in report


def test_english_problems_are_reported_once_and_not_again_for_spanish(bilingual_project: Path):
    report = report_for(bilingual_project, {"content/10-faq.yml": ("question:", "questoin:")})
    assert "content/10-faq.yml:7: blocks[0].questoin: unknown field" in report
    assert "translations/es/10-faq.yml" not in report


def test_a_spanish_only_site_needs_no_english_words_for_the_organization(mini_project: Path):
    organization = mini_project / "site-data" / "organization.yml"
    spanish = (mini_project / ORG).read_text()
    # The organization writes its own file in Spanish: site-data/ is in the default edition's language.
    organization.write_text(organization.read_text().replace("language: en", "language: es"))
    data = yaml.safe_load(spanish)
    text = organization.read_text()
    for english, translated in (("Exit this page", data["quick_exit"]["label"]), ("Emergency", data["emergency"]["label"])):
        text = text.replace(english, translated)
    organization.write_text(text)
    (mini_project / ORG).unlink()
    site = load_project_site(Project.at(mini_project))
    assert list(site.editions) == ["es"] and site.default.path == ""
    assert site.default.guide.page("home").title == "Una guía pequeña"
    assert site.default.settings.organization["quick_exit"]["label"] == "Salir de esta página"


# --- outdated translations -----------------------------------------------------------

def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True,
                   env={**ENV, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def test_an_outdated_translation_still_builds_and_the_report_shows_what_changed(bilingual_project: Path):
    git(bilingual_project, "init", "-q")
    git(bilingual_project, "add", "-A")
    git(bilingual_project, "commit", "-q", "-m", "guide and its translation")
    faq = bilingual_project / "content" / "10-faq.yml"
    faq.write_text(faq.read_text().replace("Watch what happens under stress.", "Watch what happens when things get hard."))
    git(bilingual_project, "commit", "-q", "-am", "English words change")

    site = load_project_site(Project.at(bilingual_project))  # outdated is not an error
    [outdated] = site.editions["es"].outdated
    assert (outdated.file, outdated.field, outdated.unit) == (FAQ, "blocks.how-long-to-wait", "how-long-to-wait")

    checked = run(bilingual_project, "check")
    assert checked.returncode == 0, checked.stderr
    assert "Spanish edition: 1 translated block is outdated" in checked.stdout

    result = run(bilingual_project, "translations")
    assert result.returncode == 1
    out = result.stdout
    line = line_of(bilingual_project, FAQ, 'source: "7bcff980"')
    assert f"outdated: {FAQ}:{line}: blocks.how-long-to-wait: the block 'how-long-to-wait' changed in content/10-faq.yml:5" in out
    assert "answer[1]: Watch what happens [-under stress.-] {+when things get hard.+}" in out
    assert f'set:  source: "{outdated.current}"' in out

    # Once the translation is updated and its fingerprint pasted, nothing is outdated.
    spanish = bilingual_project / FAQ
    spanish.write_text(spanish.read_text().replace('source: "7bcff980"', f'source: "{outdated.current}"'))
    result = run(bilingual_project, "translations")
    assert result.returncode == 0 and "0 outdated" in result.stdout, result.stdout


def test_the_report_says_plainly_when_the_old_words_are_not_in_the_history(bilingual_project: Path):
    spanish = bilingual_project / FAQ
    spanish.write_text(spanish.read_text().replace('source: "7bcff980"', 'source: "0badc0de"'))
    out = run(bilingual_project, "translations").stdout
    assert "The words it was translated from (fingerprint 0badc0de) are not in the git history here" in out
    assert "compare the whole block with the source by hand" in out


# --- a file to start from -------------------------------------------------------------

def test_the_new_command_writes_the_words_to_translate_with_their_fingerprints(bilingual_project: Path):
    target = bilingual_project / FAQ
    target.unlink()
    result = run(bilingual_project, "translations", "--new", "es", "content/10-faq.yml")
    assert result.returncode == 0, result.stderr
    assert f"Wrote {FAQ}" in result.stdout
    written = yaml.safe_load(target.read_text())
    assert written["title"] == "Questions" and list(written["blocks"]) == [
        "how-long-to-wait", "starting-a-hard-talk", "how-long-it-takes"]
    assert written["blocks"]["how-long-to-wait"] == {
        "source": "7bcff980", "question": "How long should I wait?",
        "answer": ["Months, not days.", "Watch what happens under stress."]}
    assert written["blocks"]["how-long-it-takes"]["phases"][1] == {"name": "Feeling steadier",
                                                                   "expect": "Good days come more often."}
    # As written it is still English: the build refuses to publish it as Spanish.
    report = report_for(bilingual_project, {})
    assert f"{FAQ}:" in report and "is not translated yet" in report
    again = run(bilingual_project, "translations", "--new", "es", "content/10-faq.yml")
    assert again.returncode == 1 and "is there already" in again.stderr


@pytest.mark.parametrize("source", ["content/00-home.yml", "content/50-worksheets/10-check-in.yml",
                                    "content/50-worksheets/_section.yml", "site-data/organization.yml"])
def test_a_file_written_by_the_new_command_and_translated_is_accepted(bilingual_project: Path, source):
    """The skeleton has the shape the checks want: only its words need to change."""
    target = bilingual_project / ("site-data/translations/es/organization.yml" if source.startswith("site-data")
                                  else str(ES / Path(source).relative_to("content")))
    expected = yaml.safe_load(target.read_text())
    target.unlink()
    assert run(bilingual_project, "translations", "--new", "es", source).returncode == 0
    written = yaml.safe_load(target.read_text())

    def same_shape(a, b):
        if isinstance(a, dict):
            return isinstance(b, dict) and a.keys() == b.keys() and all(same_shape(a[k], b[k]) for k in a)
        if isinstance(a, list):
            return isinstance(b, list) and len(a) == len(b) and all(map(same_shape, a, b))
        return isinstance(b, type(a))

    assert same_shape(written, expected)
    assert written["source"] == expected["source"]


def test_a_language_lists_its_own_names_for_a_thing():
    """A term's other names and search words are the language's own: more, fewer, or where the English has none."""
    from steady_ground.blocks import BLOCK_TYPES
    from steady_ground.schema import Merge, Record

    term = Record(BLOCK_TYPES["term"].fields)
    source = {"type": "term", "word": "Protection order", "other_names": ["restraining order"],
              "meaning": "A court order that tells a person to stay away.", "covered_in": ["safety"]}
    translation = {"word": "Orden de protección",
                   "other_names": ["orden de alejamiento", "orden de restricción"],
                   "search_also": ["orden de proteccion"],
                   "meaning": "Una orden de un juez que le dice a una persona que se aleje."}
    merge = Merge(file="content/translations/es/72-words.yml", source="the English file")
    merged = term.overlay(source, translation, 1, "blocks.protection-order", merge, skip=("type",))
    assert merge.problems == []
    assert merged["other_names"] == ["orden de alejamiento", "orden de restricción"]
    assert merged["search_also"] == ["orden de proteccion"]
    assert merged["covered_in"] == ["safety"]  # structure stays the English file's


def test_anchors_stay_the_english_ones_where_they_are_made_from_a_heading(bilingual_project: Path):
    site = load_project_site(Project.at(bilingual_project))
    home = site.editions["es"].guide.page("home")
    assert [block.id for block in home.blocks] == ["who-this-is-for", "where-to-go"]
    assert home.blocks[0].data["subsections"][0]["id"] == "a-smaller-part"
    assert site.editions["es"].guide.page("check-in").blocks[0].data["parts"][0]["id"] == "this-week-week-1"
