"""The text of mkdocs.yml that pages show (site_name, site_description, extra.bureau.*) follows the plain-text
rules of every other field: check and build both refuse a hidden character or a tag, naming the key path."""

from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import Abort

from helpers import article


@pytest.mark.parametrize("path, value", [
    (("site_name",), "卫生\u202e局"), (("site_description",), "零宽\u200b说明"),
    (("extra", "bureau", "sponsor"), "<b>主办单位</b>"), (("extra", "bureau", "address"), "地址\u200b"),
    (("extra", "bureau", "phone"), "0763-\u202e1234"),
])
def test_hidden_characters_and_tags_in_mkdocs_yml_fail_check_and_build(site, run_cli, build_errors, path, value):
    site.write("news/a.md", article("文章", "2013-05-08"))
    target = site.config
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value
    field = ".".join(path)
    checked = run_cli(site, "check")
    assert checked.returncode != 0
    said = rf"mkdocs\.yml:\d+: {re.escape(field)}:"  # the line of the key
    assert re.search(said, checked.stdout + checked.stderr), checked.stdout + checked.stderr
    with pytest.raises(Abort):
        site.build()
    assert any(re.match(said, e) and " — " in e for e in build_errors()), build_errors()
