"""The offline bundle: the whole guide in one zip that opens from a USB stick or an office PC.

`python -m steady_ground.offline_bundle` (or `make bundle`) builds the site with
mkdocs-offline.yml (links to .html files, Material's offline search) and zips
it. Material's offline plugin would load its iframe-worker shim from a public
CDN; the build copies it from node_modules/iframe-worker instead, then checks
that no page, stylesheet or script loads anything from another site.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .deploy_files import DEPLOY_FILES

CONFIG = "mkdocs-offline.yml"
SHIM_SOURCE = Path("node_modules") / "iframe-worker" / "shim" / "index.js"
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"
# Files only a web server uses (404.html links with paths from the server's root).
SERVER_ONLY = (*DEPLOY_FILES, "404.html", "sitemap.xml", "sitemap.xml.gz")
# A fixed date for every file in the zip, so the same site always gives the same bundle.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)

# Elements and attributes through which a page loads something by itself.
_LOADS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src",
          "embed": "src", "object": "data", "track": "src", "input": "src"}
_LINK_LOADS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
               "manifest", "apple-touch-icon"}
_OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)  # http://, https://, //host
_CSS_OUTSIDE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
# What Material's offline plugin adds when no local shim is given.
_CDN_SHIM = "unpkg.com/iframe-worker"


def is_offline(config) -> bool:
    return "material/offline" in config.plugins or "offline" in config.plugins


def add_shim(files: Files, config) -> Files:
    """Serve the iframe-worker shim from the site itself, taken from its npm package."""
    if not is_offline(config) or SHIM_TARGET not in (config.extra.get("polyfills") or []):
        return files
    # The project's own node_modules, else the one beside this engine (for guides kept elsewhere).
    places = [Path(config.config_file_path).parent, Path(__file__).resolve().parents[2]]
    source = next((place / SHIM_SOURCE for place in places if (place / SHIM_SOURCE).is_file()), None)
    if source is None:
        raise PluginError(f"{SHIM_SOURCE} is missing; run `make bundle`, which installs it (npm ci --omit=dev)")
    files.append(File.generated(config, SHIM_TARGET, abs_src_path=str(source)))
    return files


class _Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and set((values.get("rel") or "").lower().split()) & _LINK_LOADS:
            self.urls.append(values.get("href") or "")
        elif tag in _LOADS and values.get(_LOADS[tag]):
            self.urls.append(values[_LOADS[tag]])
        if values.get("srcset"):
            self.urls += [part.strip().split(" ")[0] for part in values["srcset"].split(",")]


def outside_loads(site_dir: Path) -> list[str]:
    """Every place where the site would load something from another site ("file: url")."""
    found = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".css", ".js"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        shown = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            parser = _Loads()
            parser.feed(text)
            found += [f"{shown}: {url}" for url in parser.urls if _OUTSIDE.match(url.strip())]
        elif path.suffix == ".css":
            found += [f"{shown}: {url}" for url in _CSS_OUTSIDE.findall(text)]
        if _CDN_SHIM in text:
            found.append(f"{shown}: mentions {_CDN_SHIM}")
    return found


def zip_site(site_dir: Path, target: Path, folder: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path in sorted(site_dir.rglob("*")):
            if not path.is_file() or path.name in SERVER_ONLY or path.suffix == ".map":
                continue  # web-server files and source maps mean nothing on a USB stick
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes())
    partial.replace(target)
    return target


def folder_name(site_name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-") or "guide"


def build_bundle(root: Path, target: Path) -> int:
    from .__main__ import build  # the checked, staged build the site itself uses
    from .project import Project, load_project

    root = root.resolve()
    with tempfile.TemporaryDirectory(prefix="sg-offline-") as scratch:
        site_dir = Path(scratch) / "site"
        if build(root, site_dir, config=CONFIG):
            return 1
        outside = outside_loads(site_dir)
        if outside:
            print("The offline bundle would load files from other sites; nothing was written:", file=sys.stderr)
            print("\n".join(f"  {line}" for line in outside), file=sys.stderr)
            return 1
        _, settings = load_project(Project.at(root))
        zip_site(site_dir, target, folder_name(settings.organization["name"]))
    print(f"Wrote the offline bundle {target} ({target.stat().st_size // 1024} KB). "
          "Unzip it and open index.html in the folder inside.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m steady_ground.offline_bundle",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (has mkdocs.yml)")
    parser.add_argument("--out", type=Path, default=None, help="the zip to write (default: dist/<name>-offline.zip)")
    args = parser.parse_args(argv)
    target = args.out
    if target is None:
        from .project import Project, load_project
        from .problems import ContentError

        try:
            _, settings = load_project(Project.at(args.root))
        except ContentError as error:
            print(error.report(), file=sys.stderr)
            return 1
        target = args.root / "dist" / f"{folder_name(settings.organization['name'])}-offline.zip"
    return build_bundle(args.root, target.resolve())


if __name__ == "__main__":
    sys.exit(main())
