"""A finding about a setting of mkdocs.yml names the line of its key (issue 16: before, `mkdocs.yml:` without
a line), in a mkdocs.yml that uses !ENV and !!python/name: tags as MkDocs allows."""

from __future__ import annotations

import contextlib
import logging

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

CONFIG = """\
site_name: 测试卫生局
site_url: https://health.example.gov.cn/
site_author: !ENV [HP_TEST_AUTHOR, 宣传科]
docs_dir: content
theme:
  name: material
  language: zh-CN
  font: false
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - healthpress:
      page_size: 20
      search_index: true
      pagefind_binary: bin/no-such-pagefind
      share_image: images/no-such-card.png
      compliance:
        no_such_check: error
extra:
  bureau:
    sponsor: "<b>测试市卫生局</b>"
    address: 人民路 1 号
"""

EXPECTED = [  # (the key whose line is named, field, what the message says)
    ("pagefind_binary:", "pagefind_binary", "Pagefind"),
    ("share_image:", "share_image", "no-such-card.png"),
    ("compliance:", "compliance", "no_such_check"),
    ("sponsor:", "extra.bureau.sponsor", "HTML"),
]


@pytest.mark.parametrize("key, field, said", EXPECTED, ids=[e[1] for e in EXPECTED])
def test_a_setting_finding_names_the_line_of_its_key(site, caplog, key, field, said):
    config_file = site.write_project()
    config_file.write_text(CONFIG, encoding="utf-8")
    with contextlib.suppress(Abort):
        build(load_config(str(config_file)))
    line = next(n for n, text in enumerate(CONFIG.split("\n"), 1) if text.strip().startswith(key))
    found = [r.getMessage().removeprefix("healthpress: ") for r in caplog.records if r.levelno >= logging.WARNING]
    assert [f for f in found if f.startswith(f"mkdocs.yml:{line}: {field}: ") and said in f], (line, found)


def test_a_setting_not_written_is_on_the_line_of_the_key_above_it():
    from healthpress.engine.configlines import SettingLines

    lines = SettingLines(None, frozenset({"compliance", "pagefind_binary"}))
    lines._lines = {"extra": 3, "extra.bureau": 4, "plugins.healthpress": 9, "plugins.healthpress.compliance": 10}
    assert lines.line_of("extra.bureau.org_code") == 4
    assert lines.line_of("compliance") == 10
    assert lines.line_of("pagefind_binary") == 9
    assert lines.line_of("site_name") is None


def test_mkdocs_words_about_a_setting_name_the_line_of_that_setting_not_of_a_same_named_key_elsewhere(site, run_cli):
    """MkDocs' warnings (configwords.py) are placed by the same lookup as the build's findings: an unknown
    top-level `address` or plugin option `phone` is on its own line, not on extra.bureau's address or phone."""
    import json

    site.config["address"] = "人民路"
    site.config["plugins"] = [{"healthpress": {"page_size": 20, "search_index": False, "phone": "123"}}]
    site.write_project()
    text = (site.root / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    found = {f["field"]: f["line"] for f in json.loads(run_cli(site, "check", "--format", "json").stdout)}
    assert found["address"] == next(n for n, line in enumerate(text, 1) if line.startswith("address:")), (found, text)
    assert found["plugins: healthpress: phone"] == next(
        n for n, line in enumerate(text, 1) if line.strip() == "phone: '123'"), (found, text)
