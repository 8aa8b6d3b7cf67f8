"""The organization's identity in the built site: language, colours, logo, footer.

Called from the MkDocs hooks; everything here reads the checked settings only.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from mkdocs.structure.files import File, Files

from . import colours
from .markup import TextRenderer
from .settings import Settings

COLOURS_CSS = "assets/stylesheets/organization.css"
LOGO_DIR = "assets/organization"


def configure(config, settings: Settings) -> None:
    organization = settings.organization
    # One setting switches the interface: Material's own words, <html lang>, and
    # search stemming (Material's search plugin takes its language from the theme).
    config.theme["language"] = settings.language
    config.copyright = footer_html(organization)
    if organization.get("logo"):
        config.theme["logo"] = f"{LOGO_DIR}/{organization['logo']}"
    if organization.get("colours") and COLOURS_CSS not in config.extra_css:
        config.extra_css.append(COLOURS_CSS)  # last, so the brand wins over the defaults


def add_files(files: Files, config, settings: Settings, site_data_dir: Path) -> Files:
    organization = settings.organization
    if organization.get("colours"):
        files.append(File.generated(config, COLOURS_CSS, content=colours.stylesheet(organization["colours"])))
    if organization.get("logo"):
        files.append(File.generated(config, f"{LOGO_DIR}/{organization['logo']}",
                                    abs_src_path=str(site_data_dir / organization["logo"])))
    return files


def footer_html(organization: dict) -> Markup | None:
    """The footer and privacy texts as safe HTML (text is escaped; only checked links pass)."""
    text = TextRenderer()
    parts = [f'<p class="sg-footer__{field}">{text.inline(organization[field])}</p>'
             for field in ("footer", "privacy") if organization.get(field)]
    return Markup("".join(parts)) if parts else None


