"""What the MkDocs hooks do, kept apart from MkDocs' entry points so it can be tested.

One MkDocs build makes one edition (Material sets one language per build: its
interface words, <html lang>, search). The build of the default edition loads
and checks every edition first, writes its own pages, then builds each other
edition into <site>/<lang>/ with the same checked data, before the deploy
files are written over the whole site. `mkdocs build`, `mkdocs serve` and the
offline bundle all go this way, so each always has every edition.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import posixpath
import re
import unicodedata
from pathlib import Path

import rjsmin
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from .compact_html import compact
from .content import Page
from .glossary import TERM_TYPE
from .own_assets import read_text
from .editions import Edition, Site
from .problems import ContentError
from .project import Project, load_project_site
from .render import BYTECODE_CACHE, PageRenderer, toc_tokens
from .shared_assets import share_assets
from .translation import language_name

log = logging.getLogger("mkdocs.plugins.steady_ground")

# While the default edition's build makes another edition, the site it checked and the
# edition to make (a stack: each nested build reads the top).
_NESTED: list[tuple[Site, str]] = []

SEARCH_PLUGINS = ("material/search", "search")
# Search entries get the words that have accents or other marks a second time, without
# them, in fields that are indexed but never shown: "mas seguro" finds "más seguro".
FOLDED_FIELDS = {"title": "title_folded", "text": "text_folded"}
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]+")
# Material's search worker, and ours around it (search_worker.js): query words stemmed.
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]{8}\.min\.js")
SEARCH_WORKER = "assets/javascripts/workers/sg-search.{hash}.min.js"
SEARCH_WORKER_SOURCE = Path(__file__).with_name("search_worker.js")
LUNR = "assets/javascripts/lunr/min/lunr.{name}.min.js"
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


@functools.lru_cache(maxsize=4)
def search_worker_content(material: str, stemmers: tuple[str, ...]) -> str:
    """Our worker, Material's and the stemmers, in one file: the same in every edition's
    build, so made once per process (each edition's build asks for it)."""
    parts = [rjsmin.jsmin(read_text(SEARCH_WORKER_SOURCE))]
    parts += [_SOURCE_MAP.sub("", read_text(Path(path))) for path in (material, *stemmers)]
    return "\n;\n".join(parts) + "\n"


def fold(word: str) -> str:
    """A word without accents and other marks: 'más' -> 'mas', 'niño' -> 'nino'."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def folded_words(html: str) -> str:
    """The words of a search entry that change when folded, folded, each once."""
    words = dict.fromkeys(fold(w) for w in _WORD.findall(_TAG.sub(" ", html)) if fold(w) != w)
    return " ".join(words)


WORD_LIST_BOOST = 0.7  # search weight of the word list's entries (every other page: 1)


class GuideBuild:
    """State for one MkDocs build: the checked site, this build's edition, its renderer."""

    def __init__(self, config) -> None:
        root = Path(config.config_file_path).parent
        self.project = Project.at(root, content=Path(config.docs_dir).name)
        if _NESTED:
            self.site, language = _NESTED[-1]
        else:
            try:
                self.site = load_project_site(self.project)
            except ContentError as error:
                # PluginError is shown by MkDocs as a message, without a traceback.
                raise PluginError("\n" + error.report()) from None
            language = self.site.default.language
            for line in _outdated_lines(self.site):
                log.info(line)
        self.edition: Edition = self.site.editions[language]
        self.guide = self.edition.guide
        self.settings = self.edition.settings
        self.renderer = PageRenderer(self.guide, self.settings)
        self.pages_by_uri = {page.src_uri: page for page in self.guide.pages}
        self.search_entries = 0  # search entries already given their folded words
        self.search_worker = ""  # its address, once add_search_worker has made it

    @property
    def organization(self) -> dict:
        return self.settings.organization

    @property
    def is_default(self) -> bool:
        return self.edition is self.site.default

    def configure(self, config) -> None:
        config.site_name = self.organization["name"]
        config.site_description = self.organization["description"]
        config.theme["language"] = self.edition.language
        config.extra["organization"] = self.organization
        config.extra["strings"] = self.settings.strings
        # The word list (the first page made of term blocks), for the search panel's signposts.
        config.extra["glossary_src_uri"] = next(
            (page.src_uri for page in self.guide.pages if any(b.type == "term" for b in page.blocks)), None)
        if len(self.site.editions) > 1:
            # Material puts partials/alternate.html in its header when this is set; ours is a
            # link to the same page in the other edition(s). True is not a list, so Material
            # adds no <link rel="alternate"> of its own (partials/sg-head.html does, per page).
            config.extra["alternate"] = True
        for name in SEARCH_PLUGINS:
            if name in config.plugins:
                fields = config.plugins[name].config.fields
                fields.setdefault(FOLDED_FIELDS["title"], {"boost": 1e3})  # as Material's title
                fields.setdefault(FOLDED_FIELDS["text"], {"boost": 1.0})  # as Material's text

    @property
    def stems_queries(self) -> bool:
        """Material does not stem search queries; our worker does, in editions other than English."""
        return self.edition.language != "en"

    def add_search_worker(self, files: Files, config) -> Files:
        """One file for the worker of the editions that stem queries: ours, Material's, and
        the stemmers of every such edition. Material's worker would load each stemmer after
        the index, one round trip at a time (on a phone, half a second before the first
        result); here they come with the worker, and its importScripts skips them.

        The same file in every edition's build (it holds every edition's stemmers), so that
        the other editions' pages can use the default edition's copy (shared_assets.py).
        It is fingerprinted like the theme's: a year in the browser's cache."""
        by_uri = {f.dest_uri: f for f in files}
        material = next((f for uri, f in by_uri.items() if MATERIAL_WORKER.fullmatch(uri)), None)
        if material is None:
            raise PluginError("Material's search worker (assets/javascripts/workers/search.*.min.js) is missing")
        names = ["stemmer.support"] + sorted({e.language for e in self.site.editions.values()} - {"en"})
        # A language without a lunr stemmer is searched as Material does.
        stemmers = [by_uri[LUNR.format(name=n)] for n in names if LUNR.format(name=n) in by_uri]
        content = search_worker_content(material.abs_src_path, tuple(f.abs_src_path for f in stemmers))
        self.search_worker = SEARCH_WORKER.format(hash=hashlib.sha256(content.encode("utf-8")).hexdigest()[:8])
        files.append(File.generated(config, self.search_worker, content=content))
        return files

    def post_page(self, html: str) -> str:
        """Point Material at our search worker (the address is in the page's __config), and
        send the page without its indentation (compact_html.py)."""
        if self.stems_queries:
            html = MATERIAL_WORKER.sub(self.search_worker, html, count=1)
        return compact(html)

    @staticmethod
    def cache_theme_templates(env) -> None:
        """The theme's templates, compiled once: each edition's build (and each rebuild) reuses them."""
        env.bytecode_cache = BYTECODE_CACHE

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

    def alternates(self, mkdocs_page) -> list[dict]:
        """This page in every edition (this one too): language, its name in that language, address."""
        if mkdocs_page is None or mkdocs_page.file is None or len(self.site.editions) == 1:
            return []
        here = self.edition.path + mkdocs_page.url
        found = []
        for edition in self.site.editions.values():
            found.append({
                "lang": edition.language,
                "name": edition.settings.strings["language_name"],
                "href": _relative(edition.path + mkdocs_page.url, here),
                "current": edition is self.edition,
                "default": edition is self.site.default,
            })
        return found

    def fold_search_entries(self, config) -> None:
        """Give the search entries added since the last call their folded words."""
        for name in SEARCH_PLUGINS:
            plugin = config.plugins.get(name)
            index = getattr(plugin, "search_index", None)
            if index is None:
                continue
            for entry in index.entries[self.search_entries:]:
                for field, folded_field in FOLDED_FIELDS.items():
                    words = folded_words(entry.get(field) or "")
                    if words:
                        entry[folded_field] = words
            self.search_entries = len(index.entries)

    def build_other_editions(self, config) -> None:
        """From the default edition's build: every other edition into <site>/<lang>/."""
        if not self.is_default:
            return
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        for edition in self.site.editions.values():
            if edition is self.site.default:
                continue
            target = Path(config.site_dir) / edition.path
            log.info(f"Building the {language_name(edition.language)} edition into {target}")
            _NESTED.append((self.site, edition.language))
            try:
                nested = load_config(config_file=config.config_file_path, site_dir=str(target),
                                     strict=config.strict)
                nested.plugins.on_startup(command="build", dirty=False)
                try:
                    build(nested)
                finally:
                    nested.plugins.on_shutdown()
            finally:
                _NESTED.pop()
            share_assets(Path(config.site_dir), edition.path)


def _relative(url: str, from_url: str) -> str:
    """A URL from one page to another, both given from the site's root ('es/faq/', 'faq.html')."""
    folder = from_url.rstrip("/") if from_url.endswith("/") else posixpath.dirname(from_url)
    relative = posixpath.relpath(url or ".", folder or ".")
    return relative.rstrip("/") + "/" if url.endswith("/") or not url else relative


def _outdated_lines(site: Site) -> list[str]:
    from .translations import outdated_summary

    return outdated_summary(site)


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


def page_urls(nav) -> dict[str, str]:
    """Each page in the menu: its source name ('browse-safely.md') -> its address ('browse-safely/')."""
    return {page.file.src_uri: page.url for page in nav.pages}
