"""An organization's own changes (site-data/overrides/) and the example organization's build."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from steady_ground.problems import ContentError
from steady_ground.project import Project, load_project

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_ORG = ROOT / "tests" / "fixtures" / "example-org"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def write(project: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = project / "site-data" / "overrides" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


def problems(project: Path, files: dict[str, str]) -> str:
    write(project, files)
    with pytest.raises(ContentError) as error:
        load_project(Project.at(project))
    return error.value.report()


PAGE = """\
    title: Local services
    summary: Places near you.
    blocks:
      - type: section
        heading: Nearby places
        body:
          - See [the questions](ref:faq).
    """


# --- what an organization can change ------------------------------------------

def test_no_overrides_folder_changes_nothing(mini_project: Path):
    guide, _ = load_project(Project.at(mini_project))
    assert [p.id for p in guide.pages] == ["home", "faq", "tools", "get-help", "check-in"]


def test_pages_are_added_in_number_order_replaced_and_renamed(mini_project: Path):
    write(mini_project, {
        "pages/25-local-services.yml": PAGE,
        "pages/30-get-help.yml": PAGE.replace("Local services", "Call Harbor House").replace("Nearby places", "Call us"),
        "changes.yml": """\
            menu_labels:
              faq: Common questions
              worksheets: Plans to print
              local-services: Near you
            """,
    })
    guide, _ = load_project(Project.at(mini_project))
    assert [p.id for p in guide.pages] == ["home", "faq", "tools", "local-services", "get-help", "check-in"]
    get_help = guide.page("get-help")
    assert get_help.title == "Call Harbor House" and get_help.src_uri == "get-help.md"  # same address
    assert guide.page("local-services").src_uri == "local-services.md"
    assert guide.page("local-services").source == "site-data/overrides/pages/25-local-services.yml"
    assert guide.nav() == [
        {"A small guide": "index.md"}, {"Common questions": "faq.md"}, {"Tools": "tools.md"},
        {"Near you": "local-services.md"}, {"Call Harbor House": "get-help.md"},
        {"Plans to print": [{"Weekly check-in": "worksheets/check-in.md"}]},
    ]


def test_hidden_pages_leave_the_guide_once_nothing_links_to_them(mini_project: Path):
    write(mini_project, {
        "changes.yml": "hide: [get-help, check-in]\n",
        # The start page links to get-help; replacing that block makes hiding it possible.
        "blocks/where-to-go.yml": """\
            type: section
            heading: Where to go
            body:
              - Read [the questions](ref:faq).
            """,
    })
    guide, _ = load_project(Project.at(mini_project))
    assert [p.id for p in guide.pages] == ["home", "faq", "tools"]
    home = guide.page("home")
    assert [b.type for b in home.blocks] == ["section", "section"]
    assert home.blocks[1].id == "where-to-go"
    assert home.blocks[1].data["body"][0]["text"] == "Read [the questions](ref:faq)."
    assert guide.nav() == [{"A small guide": "index.md"}, {"Questions": "faq.md"}, {"Tools": "tools.md"}]


def test_a_hidden_page_leaves_related_lists_without_an_error(mini_project: Path):
    # faq/how-long-to-wait lists tools/breathing under "Related:"; that entry simply goes.
    write(mini_project, {"changes.yml": "hide: [tools]\n"})
    guide, _ = load_project(Project.at(mini_project))
    assert "tools" not in [p.id for p in guide.pages]
    assert guide.page("faq").blocks[0].data["see"] == ["home"]


WORDS = """\
    title: Words
    summary: Words people use.
    blocks:
      - type: term
        word: Time-out
        meaning: A break you agree on.
        covered_in: [tools, faq]
    """


def test_a_hidden_page_leaves_a_terms_places_and_the_last_place_cannot_go(mini_project: Path):
    (mini_project / "content" / "60-words.yml").write_text(textwrap.dedent(WORDS))
    write(mini_project, {"changes.yml": "hide: [tools]\n"})
    guide, _ = load_project(Project.at(mini_project))
    assert guide.page("words").blocks[0].data["covered_in"] == ["faq"]
    (mini_project / "content" / "60-words.yml").write_text(textwrap.dedent(WORDS).replace("[tools, faq]", "[tools]"))
    report = problems(mini_project, {})
    assert ("content/60-words.yml:4: blocks[0].covered_in: every place this term links to is hidden by "
            "site-data/overrides/changes.yml") in report


def test_a_replaced_page_keeps_its_place_and_a_new_start_page_works(mini_project: Path):
    write(mini_project, {"pages/00-home.yml": PAGE.replace("Local services", "Harbor House")})
    guide, _ = load_project(Project.at(mini_project))
    assert guide.pages[0].id == "home" and guide.pages[0].title == "Harbor House"
    assert guide.pages[0].src_uri == "index.md"


# --- what it is told when something is wrong ----------------------------------

@pytest.mark.parametrize("files, expected", [
    ({"changes.yml": "hide: [get-help]\n"},
     ["content/00-home.yml:27: blocks[1].items[1].ref: links to the page 'get-help', which "
      "site-data/overrides/changes.yml hides; replace the block 'where-to-go' with a file "
      "site-data/overrides/blocks/where-to-go.yml that leaves the link out, or show the page again"]),
    ({"changes.yml": "hide: [home]\n"},
     ["site-data/overrides/changes.yml:1: hide[0]: the start page cannot be hidden"]),
    ({"changes.yml": "hide:\n  - faq\n  - nowhere\n"},
     ["site-data/overrides/changes.yml:3: hide[1]: there is no page 'nowhere' to hide"]),
    ({"changes.yml": "hidden: [faq]\n"},
     ["site-data/overrides/changes.yml:1: hidden: unknown field (did you mean 'hide'?)"]),
    ({"changes.yml": "menu_labels:\n  faq: Questions\n  nothing-here: X\n"},
     ["site-data/overrides/changes.yml:3: menu_labels.nothing-here: there is no page or folder"]),
    ({"changes.yml": "menu_labels:\n  faq: \"\"\n"},
     ["site-data/overrides/changes.yml:2: menu_labels.faq: is empty"]),
    ({"blocks/not-a-block.yml": "type: section\nheading: H\n"},
     ["site-data/overrides/blocks/not-a-block.yml: there is no block 'not-a-block' in the guide"]),
    ({"blocks/breathing.yml": "type: exercize\nname: N\n"},
     ["site-data/overrides/blocks/breathing.yml:1: type: unknown block type 'exercize'"]),
    ({"blocks/breathing.yml": "type: exercise\nid: other\nname: N\nwhen: W\nsteps: [a]\n"},
     ["site-data/overrides/blocks/breathing.yml:2: id: is 'other' but the file replaces 'breathing'"]),
    ({"blocks/breathing.yml": "type: exercise\nname: N\nwhen: W\nduration: 1 minute\nsteps:\n  - See [x](ref:nowhere).\n"},
     ["site-data/overrides/blocks/breathing.yml:6: steps[0]", "'ref:nowhere' points to no page"]),
    ({"blocks/Breathing.yaml": "type: exercise\n"},
     ["site-data/overrides/blocks/Breathing.yaml: unknown file", "named after its id"]),
    ({"pages/local.yml": PAGE},
     ["site-data/overrides/pages/local.yml: unknown file", "45-local-help.yml"]),
    ({"pages/25-local.yml": PAGE.replace("    title: Local services\n", "")},
     ["site-data/overrides/pages/25-local.yml:1: title: is missing"]),
    ({"pages/25-local.yml": PAGE.replace("ref:faq", "ref:faq/no-such-block")},
     ["site-data/overrides/pages/25-local.yml:", "points to no block 'no-such-block'"]),
    ({"pages/25-local.yml": PAGE.replace("heading: Nearby places", "id: breathing\n        heading: Nearby places")},
     ["site-data/overrides/pages/25-local.yml:", "the id 'breathing' is already used at content/20-tools.yml:4"]),
    ({"blocks/breathing.yml": "type: section\nheading: H\nsubsections:\n  - heading: Where to go\n"},
     ["the id 'where-to-go' is already used", "site-data/overrides/blocks/breathing.yml:"]),
    ({"notes.txt": "hello"},
     ["site-data/overrides/notes.txt: unknown file", "changes.yml"]),
])
def test_mistakes_are_reported_with_file_line_and_field(mini_project: Path, files, expected):
    report = problems(mini_project, files)
    for part in expected:
        assert part in report, f"expected {part!r} in:\n{report}"


def test_a_hidden_page_linked_from_a_sub_section_names_the_sub_section_and_its_block(mini_project: Path):
    home = mini_project / "content" / "00-home.yml"
    home.write_text(home.read_text().replace("- Some words.", "- Some words and [a tool](ref:tools)."))
    report = problems(mini_project, {"changes.yml": "hide: [tools]\n"})
    assert ("content/00-home.yml:18: blocks[0].subsections[0].body[0]: links to the page 'tools', which "
            "site-data/overrides/changes.yml hides; replace the sub-section 'a-smaller-part' of the block "
            "'who-this-is-for' with a file site-data/overrides/blocks/a-smaller-part.yml that leaves the link out "
            "(or the whole block: site-data/overrides/blocks/who-this-is-for.yml), or show the page again") in report
    # Doing what it says works.
    write(mini_project, {"blocks/a-smaller-part.yml": "heading: A smaller part\nbody:\n  - Some words.\n"})
    guide, _ = load_project(Project.at(mini_project))
    assert "tools" not in [page.id for page in guide.pages]


def test_a_sub_section_is_replaced_by_the_id_the_table_of_contents_shows(mini_project: Path):
    write(mini_project, {"blocks/a-smaller-part.yml": """\
        heading: A part of our own
        body:
          - Call us on [our line](tel:08005550199).
        """})
    guide, _ = load_project(Project.at(mini_project))
    block = guide.page("home").blocks[0]
    assert block.id == "who-this-is-for" and block.data["intro"] == "For the tests."  # the rest of the block stays
    [part] = block.data["subsections"]
    assert part["id"] == "a-smaller-part" and part["heading"] == "A part of our own"  # same anchor, new words
    assert guide.anchors["a-smaller-part"] == ("home", "A part of our own")


@pytest.mark.parametrize("files, expected", [
    # A sub-section's file holds the sub-section's own fields, not a block.
    ({"blocks/a-smaller-part.yml": "type: section\nheading: Part\nbody: [x]\n"},
     "site-data/overrides/blocks/a-smaller-part.yml:1: type: 'a-smaller-part' is a sub-section of the block "
     "'who-this-is-for' (on the page 'home'); this file replaces only that sub-section, so it holds the "
     "sub-section's own fields (like 'heading:'), without 'type:'. To replace the whole block instead, name the "
     "file who-this-is-for.yml"),
    ({"blocks/a-smaller-part.yml": "heading: Part\nbody: [x]\nsteps: [y]\n"},
     "site-data/overrides/blocks/a-smaller-part.yml:3: steps: unknown field; expected one of: id, heading, body"),
    # A page replaced as a whole has none of the guide's blocks left to replace.
    ({"pages/20-tools.yml": PAGE, "blocks/breathing.yml": "type: section\nheading: Breathe\n"},
     "site-data/overrides/blocks/breathing.yml: the block 'breathing' was on the page 'tools' "
     "(content/20-tools.yml), but site-data/overrides/pages/20-tools.yml replaces that whole page, and the page "
     "there has no block 'breathing'; make this change in site-data/overrides/pages/20-tools.yml and remove "
     "this file"),
    ({"pages/20-tools.yml": PAGE.replace("heading: Nearby places", "id: breathing\n        heading: Nearby places"),
      "blocks/breathing.yml": "type: section\nheading: Breathe\n"},
     "site-data/overrides/blocks/breathing.yml: the block 'breathing' is on your own page "
     "site-data/overrides/pages/20-tools.yml; change it there and remove this file"),
    ({"changes.yml": "hide: [tools]\n", "blocks/breathing.yml": "type: section\nheading: Breathe\n"},
     "site-data/overrides/blocks/breathing.yml: the block 'breathing' is on the page 'tools', which changes.yml "
     "hides; remove this file or show the page again"),
    ({"blocks/breathng.yml": "type: section\nheading: Breathe\n"},
     "site-data/overrides/blocks/breathng.yml: there is no block 'breathng' in the guide to replace (did you mean "
     "'breathing'?); name the file after the block's id (the part after # in its address)"),
    ({"blocks/who-this-is-for.yml": "type: section\nheading: Who\n",
      "blocks/a-smaller-part.yml": "heading: Part\nbody: [x]\n"},
     "site-data/overrides/blocks/a-smaller-part.yml: replaces a sub-section of the block 'who-this-is-for', which "
     "site-data/overrides/blocks/who-this-is-for.yml replaces as a whole; make the change in that file and remove "
     "this one"),
])
def test_overrides_that_cannot_apply_say_why(mini_project: Path, files, expected):
    report = problems(mini_project, files)
    assert expected in report, report


def test_a_replaced_block_that_removes_a_linked_anchor_is_caught(mini_project: Path):
    # The start page links to faq/how-long-to-wait; replacing the faq page without it breaks that link.
    report = problems(mini_project, {"pages/10-faq.yml": PAGE})
    assert "content/00-home.yml:" in report and "points to no block 'how-long-to-wait'" in report


# --- the example organization, built with the real guide ----------------------

def example_org_project(target: Path) -> Path:
    """The project as Harbor House would have it: the guide as shipped, their own site-data/."""
    target.mkdir(parents=True)
    for name in ("content", "hooks", "overrides", "node_modules"):
        (target / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "site-data" / "strings", target / "site-data" / "strings")
    shutil.copytree(EXAMPLE_ORG, target / "site-data", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("README.md"))
    return target


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    project = example_org_project(tmp_path_factory.mktemp("harbor") / "project")
    result = subprocess.run([sys.executable, "-m", "steady_ground", "build"], cwd=project,
                            capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_example_org_name_numbers_colours_logo_and_footer_appear(example_site: Path):
    home = (example_site / "index.html").read_text()
    assert "<title>" in home and "Harbor House Guide</title>" in home
    assert 'href="tel:112"' in home and 'href="tel:08005550199"' in home
    assert "Steady Ground" not in home.split("<body", 1)[1]
    assert 'href="https://news.example.org/"' in home  # their quick-exit destination
    assert 'src="assets/organization/logo.svg"' in home
    assert (example_site / "assets" / "organization" / "logo.svg").read_text().startswith("<svg")
    css = (example_site / "assets" / "stylesheets" / "organization.css").read_text()
    assert "--md-primary-fg-color: #00594f;" in css and "--md-accent-fg-color: #8a3300;" in css
    assert home.index("stylesheets/organization.css") > home.index("stylesheets/main.")
    assert "Published by <em>Harbor House</em>" in home and "does not track visitors" in home
    assert ('More at <a href="https://harbor-house.example/" rel="noopener noreferrer">'
            "https://harbor-house.example/</a>.") in home  # a bare address in the footer is a link
    config = (example_site / "_nginx.conf").read_text()
    assert config.count("server_name guide.harbor-house.example;") == 2  # their domain
    assert "return 301 https://guide.harbor-house.example$request_uri;" in config


def test_example_org_replaced_block_added_page_and_renamed_menu_entry_appear(example_site: Path):
    help_page = (example_site / "get-help" / "index.html").read_text()
    assert "Call <strong>112</strong> now." in help_page
    assert 'id="in-danger-now"' in help_page
    local = (example_site / "local-services" / "index.html").read_text()
    assert "<h1" in local and "Local services in Northshire" in local and "14 Quay Street" in local
    home = (example_site / "index.html").read_text()
    assert ">Call Harbor House<" in " ".join(home.split()).replace("> ", ">").replace(" <", "<")
    assert 'href="local-services/"' in home  # in the menu
    index = json.loads((example_site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert "local-services/" in locations and "get-help/#in-danger-now" in locations


def test_example_org_hidden_page_is_gone_everywhere(example_site: Path):
    assert (ROOT / "content").glob("*-moving-forward.yml"), "the fixture hides a page the guide has"
    assert not (example_site / "moving-forward").exists()
    index = (example_site / "search" / "search_index.json").read_text()
    assert "moving-forward/" not in index
    for page in example_site.rglob("*.html"):
        assert "moving-forward/" not in page.read_text(), page


# --- overrides in every edition -----------------------------------------------

SPANISH_BLOCK = """\
    source: {source}
    name: Respira con nosotros
    duration: Unos 2 minutos
    when: Cuando necesites calmarte un poco.
    steps:
      - Llámanos y respira con alguien al teléfono.
    """
ENGLISH_BLOCK = """\
    type: exercise
    name: Breathe with us
    duration: About 2 minutes
    when: When you need to calm down a little.
    steps:
      - Call us and breathe with someone on the phone.
    """
SPANISH_PAGE = """\
    source: {page}
    title: Servicios locales
    summary: Lugares cerca de ti.
    blocks:
      nearby-places:
        source: {block}
        heading: Lugares cercanos
        body:
          - Mira [las preguntas](ref:faq).
    """


def translate(project: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = project / "site-data" / "translations" / "es" / "overrides" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


def fingerprints(project: Path, source: str) -> dict:
    """The fingerprints a translation of this override file records, as --new writes them."""
    result = subprocess.run([sys.executable, "-m", "steady_ground", "translations", "--new", "es", source],
                            cwd=project, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr
    target = project / "site-data" / "translations" / "es" / Path(source).relative_to("site-data")
    import yaml

    written = yaml.safe_load(target.read_text())
    target.unlink()
    return {"source": written["source"], **{k: v["source"] for k, v in (written.get("blocks") or {}).items()}}


def test_an_organization_replaces_adds_and_hides_in_both_editions(bilingual_project: Path):
    from steady_ground.project import load_project_site

    write(bilingual_project, {"blocks/breathing.yml": ENGLISH_BLOCK, "pages/25-local-services.yml": PAGE,
                              "changes.yml": "hide: [get-help]\nmenu_labels:\n  faq: Common questions\n",
                              "blocks/where-to-go.yml": "type: section\nheading: Where to go\nbody: [Read on.]\n"})
    block = fingerprints(bilingual_project, "site-data/overrides/blocks/breathing.yml")
    page = fingerprints(bilingual_project, "site-data/overrides/pages/25-local-services.yml")
    labels = fingerprints(bilingual_project, "site-data/overrides/changes.yml")
    where = fingerprints(bilingual_project, "site-data/overrides/blocks/where-to-go.yml")
    translate(bilingual_project, {
        "blocks/breathing.yml": SPANISH_BLOCK.format(**block),
        "pages/25-local-services.yml": SPANISH_PAGE.format(page=page["source"], block=page["nearby-places"]),
        "changes.yml": f"source: {labels['source']}\nmenu_labels:\n  faq: Preguntas frecuentes\n",
        "blocks/where-to-go.yml": f"source: {where['source']}\nheading: Adónde ir\nbody: [Sigue leyendo.]\n",
    })
    site = load_project_site(Project.at(bilingual_project))
    english, spanish = site.editions["en"].guide, site.editions["es"].guide
    for guide in (english, spanish):
        assert [p.id for p in guide.pages] == ["home", "faq", "tools", "local-services", "check-in"]
    assert english.page("tools").blocks[0].data["name"] == "Breathe with us"
    assert spanish.page("tools").blocks[0].data["name"] == "Respira con nosotros"
    assert spanish.page("tools").blocks[0].data["steps"] == ["Llámanos y respira con alguien al teléfono."]
    assert spanish.page("local-services").title == "Servicios locales"
    assert (english.page("faq").nav_title, spanish.page("faq").nav_title) == ("Common questions", "Preguntas frecuentes")
    assert spanish.anchors["breathing"] == ("tools", "Respira con nosotros")


@pytest.mark.parametrize("english, translated, expected", [
    ({"blocks/breathing.yml": ENGLISH_BLOCK}, {},
     "site-data/translations/es/overrides/blocks/breathing.yml: is missing; the Spanish edition needs the words of "
     "site-data/overrides/blocks/breathing.yml in Spanish: python -m steady_ground translations --new es "
     "site-data/overrides/blocks/breathing.yml writes a file to start from"),
    ({"pages/25-local-services.yml": PAGE}, {},
     "site-data/translations/es/overrides/pages/25-local-services.yml: is missing; the Spanish edition needs every "
     "page in Spanish"),
    ({"blocks/breathing.yml": ENGLISH_BLOCK},
     {"blocks/breathing.yml": SPANISH_BLOCK.format(source="0badc0de").replace("    steps:\n", "    ref: faq\n    steps:\n")},
     "site-data/translations/es/overrides/blocks/breathing.yml:5: ref: unknown field"),
    ({"changes.yml": "menu_labels:\n  faq: Common questions\n"}, {"changes.yml": "source: 0badc0de\nhide: [faq]\n"},
     "site-data/translations/es/overrides/changes.yml:2: hide: comes from the English file "
     "site-data/overrides/changes.yml; remove it"),
])
def test_an_override_without_its_translation_or_with_a_broken_one_is_named(bilingual_project: Path, english,
                                                                           translated, expected):
    translate(bilingual_project, translated)
    report = problems(bilingual_project, english)
    assert expected in report, report
