"""serve's watcher: MkDocs' watched paths move to the system's observer and a save is heard at once."""

from __future__ import annotations

import time

from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from healthpress.engine.watcher import use_native_observer


def _heard(server: LiveReloadServer, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server._want_rebuild:
            return True
        time.sleep(0.01)
    return False


def test_a_saved_article_and_a_saved_config_file_are_heard_without_polling(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 测试\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(content))
    server.watch(str(config))
    server.watch(str(content))
    assert use_native_observer(server) is (Observer is not PollingObserver)
    assert not isinstance(server.observer, PollingObserver)
    assert server._watched_paths == {str(content): 2, str(config): 1}
    assert server.build_delay <= 0.05, "told at once, serve need not wait as long after a save"
    server.observer.start()
    try:
        (content / "news.md").write_text("# 新闻\n", encoding="utf-8")
        assert _heard(server, 0.4), "a polling observer would need up to 0.5 s"
        server._want_rebuild = False
        config.write_text("site_name: 改过\n", encoding="utf-8")
        assert _heard(server, 0.4)
    finally:
        server.observer.stop()
        server.observer.join()


def test_reading_a_watched_file_starts_no_rebuild(tmp_path):
    """A rebuild reads mkdocs.yml and the articles: were that heard as a change, serve would rebuild for ever."""
    content = tmp_path / "content"
    content.mkdir()
    article = content / "news.md"
    article.write_text("# 新闻\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 测试\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(content))
    server.watch(str(config))
    use_native_observer(server)
    server.observer.start()
    try:
        time.sleep(0.1)
        for _ in range(3):
            article.read_text(encoding="utf-8")
            config.read_bytes()
            list(content.iterdir())
        assert not _heard(server, 0.5), "reading is not a change"
        article.write_text("# 新闻改过\n", encoding="utf-8")
        assert _heard(server, 0.4)
    finally:
        server.observer.stop()
        server.observer.join()


def test_serve_hears_a_saved_template_or_style_of_the_projects_own_theme(site):
    """theme/ (the project's `custom_dir`) is watched by the plugin, not only with MkDocs' --watch-theme."""
    from mkdocs.config import load_config

    (site.root / "theme" / "assets").mkdir(parents=True)
    (site.root / "theme" / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    (site.root / "theme" / "assets" / "site.css").write_text("body { color: #222; }\n", encoding="utf-8")
    site.config["theme"]["custom_dir"] = "theme"
    config = load_config(str(site.write_project()))
    plugin = config.plugins["healthpress"]
    plugin.on_startup(command="serve", dirty=True)
    plugin.on_config(config)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site.root))
    plugin.on_serve(server, config, None)
    assert str(site.root / "theme") in server._watched_paths
    server.observer.start()
    try:
        for saved in (site.root / "theme" / "main.html", site.root / "theme" / "assets" / "site.css"):
            server._want_rebuild = False
            saved.write_text(saved.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            assert _heard(server, 2.0), saved
    finally:
        server.observer.stop()
        server.observer.join()
        plugin.build.abort()
