"""engine/internals.py against the engine the suite runs on (MkDocs 1.6 or ProperDocs 1.6): each MkDocs
private name and undocumented behaviour healthpress relies on is still there and still does the same."""

from __future__ import annotations

import importlib.util
import inspect
import logging
import os
import subprocess
import sys
from functools import cached_property
from pathlib import Path

import markdown
import pytest
from mkdocs.commands import build as build_module
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure import pages
from mkdocs.structure.files import File, get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import yaml as engine_yaml

from healthpress.engine import choice, internals

PAGE = """# 体检须知

## 空腹抽血 {#fasting}

<a name="raw-anchor"></a>

见[另一页](other.md#part)和[首页](index.md)。
"""


def project(tmp_path: Path, **settings) -> MkDocsConfig:
    """A two-page project with toc and attr_list, loaded as a build would load it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    (docs / "exam.md").write_text(PAGE, encoding="utf-8")
    (docs / "other.md").write_text("# 另一页\n\n## 部分 {#part}\n", encoding="utf-8")
    lines = ["site_name: 测试", "site_url: https://example.gov.cn/", "theme: {name: material, language: zh, font: false}",
             "markdown_extensions: [toc, attr_list]", *(f"{key}: {value}" for key, value in settings.items())]
    (tmp_path / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_config(str(tmp_path / "mkdocs.yml"))


def markdown_of(config: MkDocsConfig) -> markdown.Markdown:
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})


def test_the_suite_runs_on_the_engine_asked_for():
    """HEALTHPRESS_ENGINE=properdocs ./scripts/test must really test ProperDocs (env.sh's .pth file)."""
    import mkdocs

    asked = os.environ.get(choice.ENGINE_VARIABLE)
    if asked:
        assert internals.engine_name() == asked == choice.engine_in_use()
    assert mkdocs.__name__ == internals.engine_name()
    if internals.engine_name() == "properdocs":
        assert sys.modules["mkdocs"] is sys.modules["properdocs"]
        assert build_module.__name__ == "properdocs.commands.build"
        assert logging.getLogger("mkdocs").parent is logging.getLogger("properdocs")


def test_engine_version_names_the_engine_that_runs():
    import importlib.metadata

    name = internals.engine_name()
    assert internals.engine_version() == f"{name} {importlib.metadata.version(name)}"


def test_python_m_mkdocs_runs_the_engine_in_use(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "--version"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    package = result.stdout.split(" from ", 1)[1].rsplit(" (Python", 1)[0]
    assert Path(package).name == internals.engine_name()


def test_the_private_page_processors_keep_their_signatures():
    for name in ("_ExtractAnchorsTreeprocessor", "_RelativePathTreeprocessor"):
        assert list(inspect.signature(getattr(pages, name)).parameters) == ["file", "files", "config"], name
    for name in ("_ExtractTitleTreeprocessor", "_RawHTMLPreprocessor"):  # made with no arguments
        parameters = inspect.signature(getattr(pages, name)).parameters.values()
        assert all(p.default is not inspect.Parameter.empty for p in parameters), name
    for name in ("_ExtractAnchorsTreeprocessor", "_RelativePathTreeprocessor", "_ExtractTitleTreeprocessor",
                 "_RawHTMLPreprocessor"):
        assert list(inspect.signature(getattr(pages, name)._register).parameters) == ["self", "md"], name
    assert "self._title_from_render" in inspect.getsource(Page.__init__)


def test_render_markdown_does_what_page_render_does(tmp_path):
    config = project(tmp_path)
    files = get_files(config)
    reference = Page(None, files.src_uris["exam.md"], config)
    reference.read_source(config)
    reference.render(config, files)
    md = markdown_of(config)
    for _ in range(2):  # one Markdown object, reset between pages, gives the same page every time
        md.reset()
        page = Page(None, files.src_uris["exam.md"], config)
        page.markdown = PAGE
        internals.render_markdown(page, md, files, config)
        assert page.content == reference.content
        assert [(i.title, i.url) for i in page.toc] == [(i.title, i.url) for i in reference.toc]
        assert page.title == reference.title == "体检须知"  # Page.title reads _title_from_render
        assert page.present_anchor_ids == reference.present_anchor_ids
    assert {"fasting", "raw-anchor"} <= page.present_anchor_ids
    assert 'href="../other/#part"' in page.content and 'href="../"' in page.content  # links become addresses
    assert [i.url for i in next(iter(page.toc)).children] == ["#fasting"]


def test_set_dest_uri_moves_a_file_whose_address_was_already_asked_for(tmp_path):
    config = project(tmp_path)
    file = get_files(config).src_uris["exam.md"]
    for name in ("dest_uri", *internals.DERIVED_FROM_DEST_URI):
        assert isinstance(inspect.getattr_static(File, name), cached_property), name
    assert (file.url, file.abs_dest_path) == ("exam/", str(Path(config.site_dir) / "exam" / "index.html"))
    internals.set_dest_uri(file, "news/2013/05/exam/index.html")
    assert file.dest_uri == "news/2013/05/exam/index.html"
    assert file.url == "news/2013/05/exam/"
    assert file.abs_dest_path == str(Path(config.site_dir) / "news" / "2013" / "05" / "exam" / "index.html")


def test_current_page_is_what_the_relative_yaml_tag_reads(tmp_path):
    config = project(tmp_path)
    page = Page(None, get_files(config).src_uris["exam.md"], config)
    assert MkDocsConfig._current_page is None
    assert "self.config._current_page" in inspect.getsource(engine_yaml.RelativeDirPlaceholder.value)
    with internals.current_page(config, page):
        assert config._current_page is page
    assert config._current_page is None


def test_page_context_is_the_build_modules_template_context(tmp_path):
    config = project(tmp_path)
    files = get_files(config)
    nav = get_navigation(files, config)
    page = files.src_uris["exam.md"].page
    assert list(inspect.signature(build_module.get_context).parameters)[:4] == ["nav", "files", "config", "page"]
    context = internals.page_context(nav, files.documentation_pages(), config, page)
    assert context["page"] is page and context["nav"] is nav and context["config"] is config
    assert context["base_url"] == ".."


def test_a_dirty_build_asks_the_file_whether_it_changed(tmp_path):
    source = inspect.getsource(build_module._build_page)
    assert "if dirty and not page.file.is_modified():" in source
    file = get_files(project(tmp_path)).src_uris["exam.md"]
    internals.always_modified(file)
    assert file.is_modified() is True


def test_the_dirty_build_warning_comes_from_the_build_logger():
    assert internals.build_logger().name == f"{internals.engine_name()}.commands.build"
    assert internals.DIRTY_BUILD_WARNING in inspect.getsource(build_module.build)


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "not-strict"])
def test_strict_warnings_counted_sees_the_build_counting_a_plugins_warning(tmp_path, strict):
    (tmp_path / "hooks.py").write_text(
        "from mkdocs.plugins import get_plugin_logger\n"
        "from healthpress.engine import internals\n"
        "seen = []\n"
        "def on_post_build(config):\n"
        "    get_plugin_logger('hooks').warning('a warning')\n"
        "    seen.append(internals.strict_warnings_counted())\n", encoding="utf-8")
    config = project(tmp_path, hooks="[hooks.py]", strict=str(strict).lower())
    hooks = config.plugins["hooks.py"]
    if strict:
        with pytest.raises(Abort):
            build_module.build(config)
    else:
        build_module.build(config)
    assert hooks.seen == [strict]
    assert not internals.strict_warnings_counted()  # build() takes its counter away


def test_the_preview_servers_watches(tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        folder = str(tmp_path)
        server.watch(folder)
        server.watch(folder)
        assert internals.watched_paths(server) == {folder: 2}
        internals.forget_watches(server)
        assert internals.watched_paths(server) == {} and server._watch_refs == {}
        server.watch(folder)  # watched from scratch, as if never asked
        assert internals.watched_paths(server) == {folder: 1}
    finally:
        server.observer.unschedule_all()
        server.server_close()


def test_serve_command_using_replaces_the_build_and_the_server_serve_runs(tmp_path):
    """serve() looks up `build` and `LiveReloadServer` in its module when it runs (the first build, then
    the server), and they are given back afterwards."""
    from mkdocs.commands import serve as serve_module

    config = project(tmp_path)
    built, made = [], []

    class NoServer(LiveReloadServer):
        def __init__(self, builder, **kwargs):
            super().__init__(builder, **kwargs)
            made.append(self)

        def serve(self, *, open_in_browser=False):  # return at once instead of serving
            pass

    original = serve_module.build, serve_module.LiveReloadServer
    with internals.serve_command_using(lambda config, **kw: built.append(kw), NoServer):
        serve_module.serve(config.config_file_path, livereload=False, build_type="dirty", dev_addr="127.0.0.1:0")
    assert built == [{"serve_url": "http://127.0.0.1:0/", "dirty": True}] and len(made) == 1
    assert (serve_module.build, serve_module.LiveReloadServer) == original


def test_a_page_served_carries_the_reload_script_of_the_last_finished_build(tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        epoch = internals.last_finished_build(server)  # no rebuild under way: at once
        assert epoch == server._visible_epoch
        page = internals.with_livereload_script(server, b"<html><body><p>x</p></body></html>", epoch)
        assert page.startswith(b"<html><body><p>x</p><script>") and page.endswith(b"</script></body></html>")
        assert b"/livereload/" in page and f"livereload({epoch}, ".encode() in page
    finally:
        server.server_close()


def test_use_engine_refuses_an_unknown_engine_and_a_late_switch():
    with pytest.raises(ValueError, match="HEALTHPRESS_ENGINE"):
        choice.use_engine("nosuch")
    assert choice.use_engine(internals.engine_name()) == internals.engine_name()
    if internals.engine_name() == "mkdocs":  # MkDocs itself is loaded already: too late for ProperDocs
        assert choice.use_properdocs() is False
        with pytest.raises(RuntimeError):
            choice.use_engine("properdocs")
    else:
        assert choice.use_properdocs() is True  # already on it: nothing to do


@pytest.mark.skipif(importlib.util.find_spec("properdocs") is None, reason="ProperDocs is not installed here")
def test_use_engine_switches_a_fresh_process_to_properdocs():
    program = ("from healthpress.engine import choice; print(choice.use_engine()); "
               "import mkdocs.structure.pages as p, material.plugins.search.plugin; print(p.__name__)")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60,
                            env={**os.environ, choice.ENGINE_VARIABLE: "properdocs"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["properdocs", "properdocs.structure.pages"]
