"""MkDocs hook entry points (named in mkdocs.yml). Each one hands over to steady_ground."""
from steady_ground.mkdocs_build import GuideBuild

_build: GuideBuild | None = None


def on_config(config):
    # Everything is loaded and checked here, before MkDocs cleans or writes site/.
    global _build
    _build = GuideBuild(config)
    _build.configure(config)
    return config


def on_files(files, config):
    return _build.add_pages(files, config)


def on_page_content(html, page, config, files):
    return _build.render(page, files) or html
