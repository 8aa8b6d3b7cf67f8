"""The organization file: what it accepts, what it refuses and why, and the language switch."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from steady_ground import colours
from steady_ground.identity import footer_html
from steady_ground.schema import ListOf, Record
from steady_ground.settings import ORGANIZATION, load_settings

ROOT = Path(__file__).resolve().parent.parent
# The shipped file without its optional footer and privacy lines, so tests can add their own.
SHIPPED = "".join(line for line in (ROOT / "site-data" / "organization.yml").read_text().splitlines(True)
                  if not line.startswith(("footer:", "privacy:", "logo:", "colours:")))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def settings_for(tmp_path: Path, organization: str, files: dict[str, bytes] | None = None):
    """Load a copy of the shipped site-data with this organization file."""
    site_data = tmp_path / "site-data"
    shutil.copytree(ROOT / "site-data", site_data, ignore=shutil.ignore_patterns("overrides"))
    (site_data / "organization.yml").write_text(organization)
    for name, content in (files or {}).items():
        (site_data / name).write_bytes(content)
    return load_settings(site_data, tmp_path)


def report(tmp_path: Path, organization: str, files: dict[str, bytes] | None = None) -> str:
    settings, problems = settings_for(tmp_path, organization, files)
    assert settings is None, "expected the settings to be refused"
    return "\n".join(str(p) for p in problems)


def line_of(text: str, needle: str) -> int:
    """The last line holding the needle (tests append what they change; comments come earlier)."""
    return max(i for i, line in enumerate(text.splitlines(), 1) if needle in line and not line.lstrip().startswith("#"))


def test_shipped_settings_load(tmp_path: Path):
    settings, problems = settings_for(tmp_path, SHIPPED)
    assert problems == []
    assert settings.organization["quick_exit"]["destination"].startswith("https://")
    assert settings.organization["printing"] == {"show_organization_on": []}


# --- contrast ---------------------------------------------------------------

def test_contrast_ratios_follow_wcag():
    assert colours.contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert colours.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # famously just under
    assert colours.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # just over
    assert colours.contrast("#1f4e79", "#ffffff") == colours.contrast("#ffffff", "#1f4e79")


def test_missing_dark_mode_link_colour_is_made_readable_on_the_dark_page():
    made = colours.palette({"primary": "#1f4e79"})["dark_mode_links"]
    assert colours.contrast(made, colours.DARK_PAGE) >= 4.5
    assert colours.contrast("#1f4e79", colours.DARK_PAGE) < 4.5  # so it really had to change


def with_colours(block: str) -> str:
    return SHIPPED + "\ncolours:\n" + block


@pytest.mark.parametrize("block, field, shown", [
    ('  primary: "#77aaff"\n', "colours.primary", "#77aaff on #ffffff"),
    ('  primary: "#1f4e79"\n  text_on_primary: "#3a5f85"\n', "colours.text_on_primary", "#3a5f85 on #1f4e79"),
    ('  primary: "#1f4e79"\n  accent: "#ff9900"\n', "colours.accent", "#ff9900 on #ffffff"),
    ('  primary: "#1f4e79"\n  dark_mode_links: "#3a4a6b"\n', "colours.dark_mode_links", "on #1e2129"),
])
def test_unreadable_brand_colours_are_refused_with_the_reason(tmp_path: Path, block, field, shown):
    text = with_colours(block)
    found = report(tmp_path, text)
    key = field.split(".")[1]
    assert f"site-data/organization.yml:{line_of(text, key + ':')}: {field}:" in found, found
    assert shown in found and "contrast of only" in found and "4.5:1" in found and "low vision" in found


def test_readable_brand_colours_are_accepted(tmp_path: Path):
    settings, problems = settings_for(tmp_path, with_colours(
        '  primary: "#1f4e79"\n  accent: "#7a2e00"\n  text_on_primary: "#ffffff"\n'))
    assert problems == []
    css = colours.stylesheet(settings.organization["colours"])
    assert "--md-primary-fg-color: #1f4e79;" in css and "--md-accent-fg-color: #7a2e00;" in css


@pytest.mark.parametrize("value", ['"1f4e79"', '"#1f4e7"', "red", '"#gggggg"'])
def test_colours_must_be_hex(tmp_path: Path, value):
    assert "colours.primary: " in report(tmp_path, with_colours(f"  primary: {value}\n"))


@pytest.mark.parametrize("field", ["primary", "accent"])
def test_an_unquoted_colour_is_explained_not_reported_as_nothing(tmp_path: Path, field):
    # YAML reads everything from # on as a comment, so `primary: #1d4e89` is an empty value.
    block = '  primary: "#1f4e79"\n' if field == "accent" else ""
    text = with_colours(block + f"  {field}: #1d4e89\n")
    found = report(tmp_path, text)
    assert (f"site-data/organization.yml:{line_of(text, field + ':')}: colours.{field}: is empty, because YAML "
            f'reads everything from # on as a comment; write the value in quotes: {field}: "#1d4e89"') in found
    assert "got nothing" not in found


# --- help lines and exit ----------------------------------------------------

def test_an_unquoted_number_where_text_is_expected_is_explained(tmp_path: Path):
    text = SHIPPED.replace('value: "1-800-799-7233"', "value: 5552017799").replace(
        "hours: 24 hours a day, every day", "hours: no", 1)
    found = report(tmp_path, text)
    line = line_of(text, "value: 5552017799")
    assert (f"site-data/organization.yml:{line}: help_channels[0].value: expected text, got the number 5552017799: "
            'without quotes YAML reads 5552017799 as a number; write it in quotes: value: "5552017799"') in found
    assert ("help_channels[0].hours: expected text, got true/false: without quotes YAML reads no as true/false; "
            'write it in quotes: hours: "no"') in found
    listed = report(tmp_path / "list", SHIPPED.replace("languages: [English, Spanish]", "languages: [English, 2]", 1))
    assert ("help_channels[1].languages[1]: expected text, got the number 2: without quotes YAML reads 2 as a "
            'number; write it in quotes: - "2"') in listed


def test_an_unquoted_emergency_number_keeps_its_digits_as_written(tmp_path: Path):
    settings, problems = settings_for(tmp_path, SHIPPED.replace('number: "911"', "number: +15552017799"))
    assert problems == [] and settings.organization["emergency"]["number"] == "+15552017799"


def test_domain_is_a_host_name_only(tmp_path: Path):
    settings, problems = settings_for(tmp_path / "ok", SHIPPED + "domain: guide.example.org\n")
    assert problems == [] and settings.organization["domain"] == "guide.example.org"
    settings, problems = settings_for(tmp_path / "none", SHIPPED)
    assert problems == [] and settings.organization["domain"] is None
    found = report(tmp_path / "url", SHIPPED + "domain: https://guide.example.org/\n")
    assert ("domain: 'https://guide.example.org/' is not valid; expected a host name only, in lower case, "
            "like 'guide.example.org' (no https:// and no /)") in found


def _fields(record, prefix: str = "") -> list[str]:
    names = []
    for name, spec in record.fields.items():
        names.append(prefix + name)
        inner = spec.item if isinstance(spec, ListOf) else spec
        if isinstance(inner, Record):
            names += _fields(inner, prefix + name + ".")
    return names


def test_the_shipped_file_shows_every_setting_set_or_in_a_comment():
    text = (ROOT / "site-data" / "organization.yml").read_text()
    shown = set(re.findall(r"^[#\s-]*([a-z_]+):", text, flags=re.M))
    missing = [name for name in _fields(ORGANIZATION) if name.rsplit(".", 1)[-1] not in shown]
    assert missing == [], "add these to site-data/organization.yml (as comments if optional)"
    documented = (ROOT / "docs" / "hosting.md").read_text()
    assert [name for name in ORGANIZATION.fields if f"`{name}`" not in documented] == []

@pytest.mark.parametrize("old, new, field, words", [
    ('number: "911"', 'number: "91I"', "emergency.number", "digits"),
    ('value: "1-800-799-7233"', 'value: "1-800-SAFE-NOW"', "help_channels[0].value", "digits"),
    ('value: "88788"', 'value: "TEXT 88788"', "help_channels[1].value", "digits"),
    ("value: https://www.thehotline.org/", "value: http://www.thehotline.org/", "help_channels[2].value",
     "https://"),
    ("value: https://www.thehotline.org/", 'value: "https://chat.example.org/\\"onmouseover=x"',
     "help_channels[2].value", "https://"),
    ("destination: https://www.weather.gov/", "destination: http://www.weather.gov/",
     "quick_exit.destination", "https://"),
    ("destination: https://www.weather.gov/", "destination: /local-page/", "quick_exit.destination",
     "absolute"),
    ("destination: https://www.weather.gov/", "destination: javascript:alert(1)", "quick_exit.destination",
     "https://"),
    ("destination: https://www.weather.gov/", "destination: https://localhost/", "quick_exit.destination",
     "https://"),
    ("destination: https://www.weather.gov/", "destination: 'https://www.weather.gov/\" onclick=\"x'",
     "quick_exit.destination", "https://"),
])
def test_settings_that_would_hurt_readers_are_refused(tmp_path: Path, old, new, field, words):
    assert old in SHIPPED
    text = SHIPPED.replace(old, new)
    found = report(tmp_path, text)
    assert f"site-data/organization.yml:{line_of(text, new.split(':')[0] + ':' + new.split(':', 1)[1][:6])}:" in found
    assert field in found and words in found and "is not valid" in found, found


@pytest.mark.parametrize("number", ["+44 (0)20 7946 0000", "0800 123 456", "116 016", "+1-800-799-7233"])
def test_real_phone_numbers_are_accepted(tmp_path: Path, number):
    settings, problems = settings_for(tmp_path, SHIPPED.replace('value: "1-800-799-7233"', f'value: "{number}"'))
    assert problems == [], problems


def test_email_channel_is_checked(tmp_path: Path):
    channel = '  - kind: email\n    label: Write to us\n    value: "help at example.org"\n'
    text = SHIPPED.replace("\nquick_exit:", channel + "\nquick_exit:")
    assert "help_channels[3].value: 'help at example.org' is not valid; expected an email address" in report(
        tmp_path, text)


# --- logo, footer, privacy --------------------------------------------------

def test_logo_must_exist_be_a_picture_and_be_small(tmp_path: Path):
    assert "there is no file logo.svg in site-data/" in report(tmp_path / "a", SHIPPED + "logo: logo.svg\n")
    assert "is not a picture" in report(tmp_path / "b", SHIPPED + "logo: logo.exe\n", {"logo.exe": b"MZ"})
    assert "keep it under 200 KB" in report(tmp_path / "c", SHIPPED + "logo: big.png\n",
                                            {"big.png": b"\0" * 300_000})
    assert "a file name in site-data/" in report(tmp_path / "d", SHIPPED + "logo: ../secret.png\n")
    settings, problems = settings_for(tmp_path / "e", SHIPPED + "logo: logo.svg\n", {"logo.svg": b"<svg/>"})
    assert problems == [] and settings.organization["logo"] == "logo.svg"


def test_footer_and_privacy_allow_plain_text_and_outside_links_only(tmp_path: Path):
    text = SHIPPED + ("footer: Run by *Harbor House*, see [our site](https://harbor.example.org/).\n"
                      "privacy: This site sets no cookies. Read more at https://harbor.example.org/privacy.\n")
    settings, problems = settings_for(tmp_path / "ok", text)
    assert problems == []
    html = footer_html(settings.organization)
    assert '<em>Harbor House</em>' in html and 'href="https://harbor.example.org/"' in html
    assert 'rel="noopener noreferrer"' in html and "This site sets no cookies." in html
    # A bare address is a link too, as docs/hosting.md says.
    assert ('Read more at <a href="https://harbor.example.org/privacy" rel="noopener noreferrer">'
            "https://harbor.example.org/privacy</a>.") in html
    assert "links to pages of the guide cannot be used here" in report(
        tmp_path / "ref", SHIPPED + "footer: See [help](ref:get-help).\n")
    assert "HTML is not allowed" in report(tmp_path / "html", SHIPPED + "privacy: <b>no</b> cookies\n")


# --- strings and language ---------------------------------------------------

def _keys(path: Path) -> list[str]:
    return list(yaml.safe_load(path.read_text()))


def test_spanish_strings_have_every_english_key_and_the_same_placeholders():
    english = yaml.safe_load((ROOT / "site-data/strings/en.yml").read_text())
    spanish = yaml.safe_load((ROOT / "site-data/strings/es.yml").read_text())
    assert set(spanish) == set(english), set(english) ^ set(spanish)
    for key, text in english.items():
        assert re.findall(r"%s", text) == re.findall(r"%s", spanish[key]), key
        assert spanish[key].strip(), key


def test_a_missing_translation_is_named(tmp_path: Path):
    text = SHIPPED.replace("language: en", "language: es")
    site_data = tmp_path / "site-data"
    settings, problems = settings_for(tmp_path, text)
    assert problems == [] and settings.strings["help_chat_link"] == "Abrir el chat"
    spanish = (site_data / "strings" / "es.yml").read_text()
    (site_data / "strings" / "es.yml").write_text(
        "\n".join(line for line in spanish.splitlines() if not line.startswith("help_chat_link:")) + "\n")
    settings, problems = load_settings(site_data, tmp_path)
    assert settings is None
    assert "site-data/strings/es.yml:" in str(problems[0]) and "help_chat_link: is missing" in str(problems[0])


def test_a_language_without_strings_is_refused(tmp_path: Path):
    found = report(tmp_path, SHIPPED.replace("language: en", "language: fr"))
    assert "language: there is no strings file site-data/strings/fr.yml" in found


def spanish_only(project: Path) -> None:
    """Make the test guide a Spanish-only site: organization.yml in Spanish, content/ translated."""
    path = project / "site-data" / "organization.yml"
    organization = yaml.safe_load(path.read_text())
    words = yaml.safe_load((project / "site-data/translations/es/organization.yml").read_text())

    def lay(target, source):
        for key, value in source.items():
            if key == "source":
                continue
            if isinstance(value, dict):
                lay(target[key], value)
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for item, words_item in zip(target[key], value):
                    lay(item, words_item)
            else:
                target[key] = value

    lay(organization, words)
    organization["language"] = "es"
    path.write_text(yaml.safe_dump(organization, allow_unicode=True, sort_keys=False))
    shutil.rmtree(project / "site-data" / "translations")


def test_a_language_without_its_translation_names_the_files_to_translate(mini_project: Path):
    """Setting the language alone would give Spanish interface words around English pages: refused."""
    organization = mini_project / "site-data" / "organization.yml"
    organization.write_text(organization.read_text().replace("language: en", "language: es"))
    shutil.rmtree(mini_project / "content" / "translations")
    result = subprocess.run([sys.executable, "-m", "steady_ground", "build"], cwd=mini_project,
                            capture_output=True, text=True, env=ENV)
    assert result.returncode == 1
    assert ("content/translations/es/10-faq.yml: is missing; the Spanish edition needs every page in Spanish: "
            "python -m steady_ground translations --new es content/10-faq.yml") in result.stderr
    assert not (mini_project / "site").exists()


def test_language_switches_html_lang_search_stemming_and_interface(mini_project: Path):
    spanish_only(mini_project)
    result = subprocess.run([sys.executable, "-m", "steady_ground", "build"], cwd=mini_project,
                            capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    site = mini_project / "site"
    home = (site / "index.html").read_text()
    assert '<html lang="es"' in home
    assert 'placeholder="Búsqueda"' in home  # Material's own words, in Spanish
    assert json.loads((site / "search" / "search_index.json").read_text())["config"]["lang"] == ["es"]
    faq = (site / "faq" / "index.html").read_text()
    assert "Relacionado:" in faq and "Related:" not in faq  # our interface strings
    assert "¿Cuánto tiempo debo esperar?" in faq and "How long should I wait?" not in faq  # the guide's words
    assert "6 meses" in faq and "de días a semanas" in faq  # time spans from the Spanish strings
    assert "Salir de esta página" in faq  # the organization's words
    # The short exit line, and the places a search that finds nothing offers (this
    # small guide has no word list, so that place is left out).
    assert "La salida no lo oculta todo." in faq
    assert ">Busca ayuda ahora</a>" in faq and ">Por dónde empezar</a>" in faq
    assert "Palabras que usa la gente" not in faq
