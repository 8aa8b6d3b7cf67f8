"""Command line: `python -m steady_ground check`, `build`, `translations`, or `schemas` (the code editors' schemas).

`build` checks everything first, builds into a staging folder next to the
site folder and only then swaps it in, so a failed build never leaves a
half-written site behind. The site it leaves is readable by a web server that
runs as another user (folders 0755, files 0644), as nginx's www-data does.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .problems import ContentError
from .project import Project, load_project_site
from .deploy_files import HOST_VARIABLE, HOSTS
from .translation import language_name


def check(root: Path) -> int:
    try:
        site = load_project_site(Project.at(root))
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    guide = site.default.guide
    editions = ""
    if len(site.editions) > 1:
        editions = " Editions: " + ", ".join(f"{language_name(code)} (/{edition.path})"
                                             for code, edition in site.editions.items()) + "."
    print(f"The guide is fine: {len(guide.pages)} pages, {sum(len(p.blocks) for p in guide.pages)} blocks.{editions}")
    from .translations import outdated_summary

    for line in outdated_summary(site):
        print(line)
    return 0


# The site is public: a web server's workers (www-data on Debian) must read every file.
FOLDER_MODE = 0o755
FILE_MODE = 0o644


def make_readable(site_dir: Path) -> None:
    """Folders 0755 and files 0644, whatever the staging folder (0700) and the umask gave."""
    os.chmod(site_dir, FOLDER_MODE)
    for folder, folders, files in os.walk(site_dir):
        for name in folders:
            os.chmod(os.path.join(folder, name), FOLDER_MODE)
        for name in files:
            os.chmod(os.path.join(folder, name), FILE_MODE)


def build(root: Path, site_dir: Path, config: str = "mkdocs.yml", host: str | None = None) -> int:
    if check(root):
        print("Nothing was written; the site folder is as it was.", file=sys.stderr)
        return 1
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.building-", dir=site_dir.parent))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if host:  # the deploy files it gets (deploy_files.HOSTS); read by the build's hook
        env[HOST_VARIABLE] = host
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / config),
         "-d", str(staging)],
        cwd=root, env=env,
    )
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print("The build failed; the site folder is as it was.", file=sys.stderr)
        return 1
    make_readable(staging)
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Built the site into {site_dir}")
    return 0


def schemas(root: Path) -> int:
    from .editor_schemas import SchemaError, write_schemas

    try:
        changed = write_schemas(root)
    except SchemaError as error:
        print(error, file=sys.stderr)
        return 1
    print("Updated the editor schemas: " + ", ".join(changed) if changed else "The editor schemas are up to date.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m steady_ground", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["check", "build", "translations", "schemas"])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (has mkdocs.yml)")
    parser.add_argument("--site-dir", type=Path, default=None, help="where to put the built site")
    parser.add_argument("--host", choices=list(HOSTS), default=None,
                        help="build: the kind of host, for its deploy files (default: nginx; the others get only"
                             " their own, as static hosts would serve the rest)")
    parser.add_argument("--new", nargs="+", metavar=("LANGUAGE", "FILE"),
                        help="translations: write a file to start translating FILE into LANGUAGE from")
    parser.add_argument("--language", action="append", help="translations: report on this language only")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root)
    if args.command == "schemas":
        return schemas(root)
    if args.command == "translations":
        from .translations import main as translations

        return translations(root, args.new, args.language)
    return build(root, args.site_dir or root / "site", host=args.host)


if __name__ == "__main__":
    sys.exit(main())
