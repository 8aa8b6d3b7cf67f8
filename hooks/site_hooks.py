"""MkDocs hook entry points (named in mkdocs.yml). Each one hands over to steady_ground."""
import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from steady_ground import deploy_files, identity, offline_bundle, own_assets, security_headers, theme_css, theme_markup
from steady_ground.mkdocs_build import GuideBuild, page_urls

_build: GuideBuild | None = None
_own_assets: own_assets.OwnAssets | None = None


# Before Material's plugins read the config: search takes its stemming language
# from the theme, and the offline plugin keeps a local iframe-worker shim.
@event_priority(50)
def on_config(config):
    # Everything (every edition) is loaded and checked here, before MkDocs cleans or writes site/.
    global _build, _own_assets
    _build = GuideBuild(config)
    _build.configure(config)
    _own_assets = own_assets.configure(config)  # before the organization's colours, which come last
    identity.configure(config, _build.settings)
    return config


def on_files(files, config):
    files = _build.add_pages(files, config)
    files = identity.add_files(files, config, _build.settings, _build.project.site_data_dir)
    files = _build.add_search_worker(files, config)
    files = own_assets.add_files(files, config, _own_assets)
    return offline_bundle.add_shim(files, config)


def on_env(env, config, files):
    _build.cache_theme_templates(env)
    return env


# The addresses the signposts on every page need (Browse more safely, Get help now, ...),
# found once per build instead of once per page.
def on_nav(nav, config, files):
    config.extra["sg_page_url"] = page_urls(nav)
    return nav


def on_page_content(html, page, config, files):
    return _build.render(page, files) or html


# After the search plugin has indexed the page; before the page is written.
@event_priority(-10)
def on_page_context(context, page, config, nav):
    _build.fold_search_entries(config)
    context["sg_alternates"] = _build.alternates(page)
    return context


# Last, once every page is written: the other editions go into <site>/<lang>/, then the
# headers hash the inline scripts of the final HTML of every edition.
@event_priority(-200)
def on_post_build(config):
    # MkDocs loads this module once per process, so each nested edition's build sets
    # _build for itself: keep this build's own, and put it back afterwards.
    global _build
    build = _build
    build.build_other_editions(config)
    _build = build
    if build.is_default:
        theme_css.slim_theme_stylesheet(config.site_dir)  # every edition's pages are written now
        host = os.environ.get(deploy_files.HOST_VARIABLE) or deploy_files.DEFAULT_HOST
        try:
            deploy_files.write_deploy_files(config.site_dir, build.organization.get("domain"), host)
        except security_headers.HeadersFileError as error:
            raise PluginError(str(error)) from None


# Valid HTML on every page, the 404 page included (see theme_markup.py).
def on_post_page(output, page, config):
    return _build.post_page(theme_markup.corrected(output, config.extra["strings"]))


def on_post_template(output, template_name, config):
    return _build.post_page(theme_markup.corrected(output, config.extra["strings"])) if template_name.endswith(".html") else output
