"""The site's digest: every input that can change any page, apart from the page's own view.

Part of every page-cache key (pagecache.py). It covers the healthpress code and the versions of the
libraries that shape a page, mkdocs.yml and the plugin's options, the site's templates, the column
and data files, the editors' files and their addresses (a link to another article becomes that
article's address; the listings healthpress generates are described by their views instead), the
size and date of every image and attachment (images get their real width and height), the nav, and
the globals every page shows (urgent notices, footer links, a mourning day: a page made on an ordinary
day is not reused on a mourning day, nor the other way round, while an hourly rebuild on either stays
as cheap as any rebuild with nothing changed).
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from healthpress.build.fingerprint import Fingerprinter, code_digest, files_digest, stat_digest, tree_files
from healthpress.build.projectpaths import config_file_of, own_theme_dirs, project_dir_of

ENV_GLOBALS = ("hp_footer_pages", "hp_urgent", "hp_mailbox_endpoint", "hp_mourning")


def site_digest(config: MkDocsConfig, options, preview: bool, files: Files, nav: Navigation, env,
                fingerprinter: Fingerprinter) -> str:
    """Digest of everything outside a page's own view that can change how it is rendered."""
    project = project_dir_of(config)
    theme = [files_digest(tree_files(folder), folder) for folder in own_theme_dirs(config)]
    inputs = [files_digest(tree_files(project / folder), project) for folder in (options.columns_dir, options.data_dir)]
    file_map = sorted((f.src_uri, f.url, f.inclusion.name) for f in files if f.generated_by is None)
    attachments = stat_digest((f.src_uri, Path(f.abs_src_path)) for f in files
                              if f.abs_src_path and not f.is_documentation_page() and f.generated_by is None)
    return fingerprinter.digest(
        code_digest(), _config_text(config), config.site_url, preview,
        json.dumps(_shaping(dict(options)), sort_keys=True, default=str), _settings(config),
        theme, inputs, file_map, attachments, _nav(nav.items), [env.globals.get(name) for name in ENV_GLOBALS])


RUN_OPTIONS = ("workers", "cache", "cache_dir", "progress", "timings", "lock_timeout")
"""The plugin's options on how a build runs, not what it writes: a change of them alone re-renders no page
(tests/integration/test_page_cache.py)."""


def _shaping(options: dict) -> dict:
    return {name: value for name, value in options.items() if name not in RUN_OPTIONS}


def _config_text(config: MkDocsConfig) -> str:
    """mkdocs.yml as written, but for the healthpress plugin's `RUN_OPTIONS`: its YAML read (tags left as
    written, !ENV values are in `_settings`), or its text when it cannot be read so."""
    config_file = config_file_of(config)
    if config_file is None:
        return ""
    text = config_file.read_bytes().decode("utf-8", "replace")
    try:
        loaded = yaml.load(text, Loader=_TagsAsWritten)
        plugins = loaded.get("plugins") if isinstance(loaded, dict) else None
        for plugin in plugins if isinstance(plugins, list) else [plugins] if isinstance(plugins, dict) else []:
            if isinstance(plugin, dict) and isinstance(plugin.get("healthpress"), dict):
                plugin["healthpress"] = _shaping(plugin["healthpress"])
        return json.dumps(loaded, sort_keys=True, default=str, ensure_ascii=False)
    except (yaml.YAMLError, TypeError, ValueError, RecursionError):  # keys json cannot sort, anchors too deep
        return text


class _TagsAsWritten(yaml.SafeLoader):
    """YAML with every tag (!ENV, !relative, !!python/name:...) read as the tag and its value, unresolved."""


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> list:
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return ["!" + suffix, value]


_TagsAsWritten.add_multi_constructor("!", _tagged)
_TagsAsWritten.add_multi_constructor("tag:", _tagged)


SETTINGS = ("site_name", "site_description", "site_author", "copyright", "repo_url", "repo_name", "edit_uri",
            "extra_css", "extra_javascript", "extra", "markdown_extensions")


def _settings(config: MkDocsConfig) -> str:
    """The settings pages show, as loaded (values from !ENV or an INHERIT file included), and the theme's."""
    settings = {name: config.get(name) for name in SETTINGS}
    settings["theme"] = {key: value for key, value in config.theme.items() if key != "locale"}
    settings["theme_locale"] = str(config.theme["locale"])
    return json.dumps(settings, sort_keys=True, default=str, ensure_ascii=False)


def _nav(items) -> list:
    """The nav as titles, addresses and children (what the header and tabs show)."""
    return [(type(item).__name__, item.title, getattr(item, "url", None), _nav(item.children or []))
            for item in items]
