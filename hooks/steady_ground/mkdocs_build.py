"""What the MkDocs hooks do, kept apart from MkDocs' entry points so it can be tested."""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from .content import Page
from .glossary import TERM_TYPE
from .problems import ContentError
from .project import Project, load_project
from .render import PageRenderer, toc_tokens


WORD_LIST_BOOST = 0.7  # search weight of the word list's entries (every other page: 1)


class GuideBuild:
    """State for one MkDocs build: the checked guide, its settings and renderer."""

    def __init__(self, config) -> None:
        root = Path(config.config_file_path).parent
        self.project = Project.at(root, content=Path(config.docs_dir).name)
        try:
            self.guide, self.settings = load_project(self.project)
        except ContentError as error:
            # PluginError is shown by MkDocs as a message, without a traceback.
            raise PluginError("\n" + error.report()) from None
        self.renderer = PageRenderer(self.guide, self.settings)
        self.pages_by_uri = {page.src_uri: page for page in self.guide.pages}

    @property
    def organization(self) -> dict:
        return self.settings.organization

    def configure(self, config) -> None:
        config.site_name = self.organization["name"]
        config.site_description = self.organization["description"]
        config.theme["language"] = self.organization["language"]
        config.extra["organization"] = self.organization
        config.extra["strings"] = self.settings.strings
        # The word list (the first page made of term blocks), for the search panel's signposts.
        config.extra["glossary_src_uri"] = next(
            (page.src_uri for page in self.guide.pages if any(b.type == "term" for b in page.blocks)), None)

    def add_pages(self, files: Files, config) -> Files:
        """Swap the YAML sources for generated pages, and set the menu."""
        content_dir = Path(config.docs_dir).resolve()
        for file in list(files):
            if Path(file.abs_src_path or "").resolve().is_relative_to(content_dir):
                files.remove(file)
        for page in self.guide.pages:
            files.append(File.generated(config, page.src_uri, content=_front_matter(page)))
        config.nav = self.guide.nav()
        return files

    def render(self, mkdocs_page, files: Files) -> str | None:
        page = self.pages_by_uri.get(mkdocs_page.file.src_uri)
        if page is None:
            return None

        def link_for(target: str) -> str:
            page_id, _, block_id = target.partition("/")
            target_file = files.get_file_from_path(self.guide.page(page_id).src_uri)
            url = get_relative_url(target_file.url, mkdocs_page.url)
            return f"{url}#{block_id}" if block_id else url

        html = self.renderer.render(page, link_for)
        mkdocs_page.toc = get_toc(toc_tokens(html))
        return html


def _front_matter(page: Page) -> str:
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", page.summary).replace("*", "")
    title = page.title.replace('"', '\\"')
    description = plain.replace('"', '\\"')
    # The booklet repeats every worksheet: in search it comes after the worksheets' own pages.
    # The word list's entries weigh a little less than the guide's own blocks: when a
    # block's heading names the word too, the block comes first and the entry after it.
    if page.print_booklet:
        search = "search:\n  boost: 0.1\n"
    elif any(block.type == TERM_TYPE for block in page.blocks):
        search = f"search:\n  boost: {WORD_LIST_BOOST}\n"
    else:
        search = ""
    return f'---\ntitle: "{title}"\ndescription: "{description}"\n{search}---\n'
