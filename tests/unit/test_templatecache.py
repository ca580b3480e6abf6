"""Compiled templates come back only from files keyed with this user's secret: anything else is compiled
again, never run."""

from __future__ import annotations

import logging
import marshal

import jinja2
import pytest

from healthpress.engine.internals import engine_name

from healthpress.build import templatecache
from healthpress.storage import secret


@pytest.fixture
def env_factory(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(secret, "_known", {})
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>{{ title }}</p>", encoding="utf-8")

    def make() -> jinja2.Environment:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "templates")), autoescape=True)
        templatecache.install(env, tmp_path / "cache")
        return env
    return make


def test_a_compiled_template_is_reused_and_a_changed_one_is_compiled_again(env_factory, tmp_path, caplog):
    assert env_factory().get_template("page.html").render(title="一") == "<p>一</p>"
    [cached] = list((tmp_path / "cache").rglob("*.cache"))
    reused = env_factory()
    reused.compile = None  # a template compiled again would call it
    assert reused.get_template("page.html").render(title="二") == "<p>二</p>"
    data = cached.read_bytes()
    code = marshal.dumps(compile("raise SystemExit('a crafted template ran')", "crafted", "exec"))
    start = data.index(jinja2.bccache.bc_magic)
    checksum_end = data.index(b".", start + len(jinja2.bccache.bc_magic)) + 1  # the pickled checksum's STOP
    cached.write_bytes(data[:checksum_end] + code)  # the old digest kept, Jinja's header and checksum too
    assert env_factory().get_template("page.html").render(title="三") == "<p>三</p>"
    assert "模板缓存" in caplog.text and "已丢弃" in caplog.text


def test_another_users_secret_makes_every_file_a_stranger(env_factory, tmp_path, monkeypatch, caplog):
    env_factory().get_template("page.html")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "other"))
    assert env_factory().get_template("page.html").render(title="四") == "<p>四</p>"
    assert "已丢弃" in caplog.text
    assert (tmp_path / "other" / "healthpress" / "cache-secret").stat().st_mode & 0o077 == 0


@pytest.fixture(autouse=True)
def _info_lines(caplog):
    """The build's INFO lines (what it dropped), as the command line shows them."""
    caplog.set_level(logging.INFO, logger=f"{engine_name()}.plugins.healthpress")
