"""The guide's own stylesheets and scripts, as few files as make sense, minified and fingerprinted.

mkdocs.yml lists them one by one (extra_css, extra_javascript), as they are kept
in overrides/assets/. The build serves instead:

- one stylesheet, steady-ground.<hash>.min.css: all of them in their order,
  minified with rcssmin;
- the quick exit inline in every page, right after its link (minified with
  rjsmin): it works the moment the link is on screen, without waiting for a
  file or for the theme's script;
- one script, steady-ground.<hash>.min.js: the others in their order, minified.

The hash is the content's, as in the theme's own file names, so these files get
the same one-year cache (security_headers.FINGERPRINTED) and a change gets a new
name. The separate files are not copied into the site.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

CSS_BUNDLE = "assets/stylesheets/steady-ground.{hash}.min.css"
JS_BUNDLE = "assets/javascripts/steady-ground.{hash}.min.js"
# Runs inline in the page, right after the quick exit (partials/sg-quick-exit.html).
INLINE_SCRIPTS = ("assets/javascripts/quick-exit.js",)


@dataclass
class OwnAssets:
    sources: list[str]  # the separate files, as listed in mkdocs.yml
    css: tuple[str, str] | None  # (address, content)
    js: tuple[str, str] | None


def _fingerprinted(pattern: str, content: str) -> str:
    return pattern.format(hash=hashlib.sha256(content.encode("utf-8")).hexdigest()[:8])


def read_text(path: Path) -> str:
    """An asset's text, or a build error that names the file."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PluginError(f"{path}: cannot read it ({error})") from None


def _read(folder: Path, address: str) -> str:
    return read_text(folder / address)


def configure(config) -> OwnAssets:
    """Swap the listed files of overrides/ for the bundles; the quick exit goes inline."""
    folder = Path(config.theme.custom_dir or "")
    ours = lambda address: bool(config.theme.custom_dir) and (folder / str(address)).is_file()  # noqa: E731
    styles = [str(a) for a in config.extra_css if ours(a)]
    scripts = [str(getattr(s, "path", s)) for s in config.extra_javascript if ours(getattr(s, "path", s))]
    css = js = None
    if styles:
        content = "\n".join(rcssmin.cssmin(_read(folder, a)) for a in styles) + "\n"
        css = (_fingerprinted(CSS_BUNDLE, content), content)
        position = [str(a) for a in config.extra_css].index(styles[0])
        config.extra_css = [a for a in config.extra_css if str(a) not in styles]
        config.extra_css.insert(position, css[0])
    inline = [s for s in scripts if s in INLINE_SCRIPTS]
    config.extra["sg_inline_scripts"] = {s: Markup(rjsmin.jsmin(_read(folder, s))) for s in inline}
    rest = [s for s in scripts if s not in INLINE_SCRIPTS]
    if rest:
        content = ";\n".join(rjsmin.jsmin(_read(folder, s)).rstrip(";\n") for s in rest) + ";\n"
        js = (_fingerprinted(JS_BUNDLE, content), content)
    if scripts:
        kept = [s for s in config.extra_javascript if str(getattr(s, "path", s)) not in scripts]
        config.extra_javascript = ([js[0]] if js else []) + kept
    return OwnAssets(styles + scripts, css, js)


def add_files(files: Files, config, assets: OwnAssets) -> Files:
    for address in assets.sources:
        file = files.get_file_from_path(address)
        if file is not None:
            files.remove(file)
    for bundle in (assets.css, assets.js):
        if bundle:
            files.append(File.generated(config, bundle[0], content=bundle[1]))
    return files
