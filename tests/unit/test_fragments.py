"""A memoised fragment is the fragment rendered for the page: the memo's key holds every input it reads
(engine/fragments.py). Each case below breaks when the key leaves out one input."""

from __future__ import annotations

import jinja2
from mkdocs.utils.templates import url_filter

from healthpress.engine import fragments

FRAGMENT = ('{% call hp_fragment("tabs") %}<ul>{% for top in nav.items %}{% for item in [top] + top.children %}'
            '<li{% if item.active %} class="active"{% endif %}{% if item == page %} id="here"{% endif %}>'
            '<a href="{{ item.url | url }}">{{ item.title }}</a></li>{% endfor %}{% endfor %}</ul>'
            '<form action="{{ \'search/\' | url }}"></form>{% endcall %}')
"""Reads what material's tabs and nav read: each item's active flag, whether it is the page, relative links."""


class Item:
    """A nav item, and a page (the nav's pages are pages)."""

    def __init__(self, title: str, url: str, children: tuple["Item", ...] = ()) -> None:
        self.title, self.url, self.children, self.active = title, url, list(children), False

    pages: list["Item"] = []


class Nav:
    def __init__(self, *items: Item) -> None:
        self.items = list(items)


NEWS, PRESS = Item("要闻", "news/"), Item("新闻发布", "press/")
HOME = Item("首页", "")
NAV = Nav(HOME, Item("栏目", "news/", (NEWS, PRESS)))
PAGES = [HOME, NEWS, PRESS,                         # in the nav: active, and the page itself
         Item("第 2 页", "news/page/2/"), Item("第 2 页", "press/page/2/"),  # same depth, other section's links
         Item("文章", "news/2020/03/a/"), Item("文章", "news/2021/05/b/"),    # same place: one render
         Item("文章", "press/2020/03/c/"),
         Item("搜索", "search/"), Item("统计", "stats/"),                   # search/ links to itself
         Item("旧页", "news/old.html"), Item("专题", "news/topic/")]             # a file: its folder counts
QUIET = Item("关于", "about/")
"""In the nav but not marked active (as a page MkDocs renders outside its loop): only `item == page` tells."""
NAV.items.append(QUIET)
PAGES.append(QUIET)


def rendered(pages: list[Item], memoised: bool, fragment: str = FRAGMENT) -> tuple[list[str], fragments.FragmentMemo]:
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": fragment}))
    env.filters["url"] = url_filter
    memo = fragments.install(env, None)
    if not memoised:
        env.globals["hp_fragment"] = lambda name, caller: caller()
    out = []
    for page in pages:
        active = ([page] if page is not QUIET else []) + ([NAV.items[1]] if page in (NEWS, PRESS) else [])
        for item in active:
            item.active = True
        try:
            out.append(env.get_template("page.html").render(page=page, nav=NAV, base_url="."))
        finally:
            for item in active:
                item.active = False
    return out, memo


def test_every_page_gets_the_fragment_rendered_for_it():
    memoised, memo = rendered(PAGES, True)
    assert memoised == rendered(PAGES, False)[0]
    assert '<li class="active" id="here"><a href="./">新闻发布' in memoised[2]
    assert '<a href="../../">要闻</a>' in memoised[3] and '<a href="../../../news/">要闻</a>' in memoised[4]
    assert 'action="./"' in memoised[8] and 'action="../search/"' in memoised[9]
    # the two news articles share one render; every other page is in a place or nav state of its own
    assert 'id="here"><a href="./">关于' in memoised[-1]
    assert memo.rendered["tabs"] == len(PAGES) - 1


def test_the_nav_state_decides_even_where_no_link_does():
    states = ('{% call hp_fragment("nav") %}{% for top in nav.items %}{% for item in [top] + top.children %}'
              '{{ item.active | int }}{{ (item == page) | int }} {% endfor %}{% endfor %}{% endcall %}')
    pages = [Item("统计", "stats/"), NEWS, QUIET, Item("文章", "press/2020/03/c/"), PRESS]
    assert rendered(pages, True, states)[0] == rendered(pages, False, states)[0]


def test_a_page_an_item_lists_is_the_pages_own():
    """material's nav-item.html shows the page in place of an item whose `pages` hold it (blog sections)."""
    shown = '{% call hp_fragment("nav") %}{% for item in nav.items %}{% if item.pages and page in item.pages %}{{ page.title }}{% endif %}{% endfor %}{% endcall %}'
    posts = [Item("第一篇", "blog/2020/a/"), Item("第二篇", "blog/2020/b/")]
    QUIET.pages = posts
    try:
        assert rendered(posts, True, shown)[0] == ["第一篇", "第二篇"]
    finally:
        del QUIET.pages


def test_pages_in_any_order_get_the_same_fragments():
    backwards = list(reversed(PAGES))
    assert rendered(backwards, True)[0] == rendered(backwards, False)[0]


def test_a_fragment_a_site_replaces_renders_every_time(tmp_path):
    assert fragments.unsafe_fragments(None) == frozenset()
    assert fragments.unsafe_fragments(str(tmp_path)) == frozenset()
    (tmp_path / "healthpress").mkdir()
    (tmp_path / "healthpress" / "footer.html").write_text("{{ page.title }}", encoding="utf-8")
    assert fragments.unsafe_fragments(str(tmp_path)) == {"footer"}
    (tmp_path / "partials").mkdir()
    assert fragments.unsafe_fragments(str(tmp_path)) == set(fragments.FRAGMENTS)


def test_translations_are_materials():
    env = jinja2.Environment(loader=jinja2.DictLoader({
        "partials/languages/zh.html": '{% macro t(key) %}{{ {"toc": "目录"}[key] }}{% endmacro %}',
        "partials/languages/en.html": '{% macro t(key) %}{{ {"toc": "Contents", "top": "Back to top"}[key] }}{% endmacro %}',
        "page.html": '{% set t = hp_translations("zh") %}{{ t("toc") }}|{{ t("top") }}|{{ t("none") }}'}))
    env.globals["hp_translations"] = fragments.Translations(env)
    assert env.get_template("page.html").render() == "目录|Back to top|none"
    assert env.get_template("page.html").render() == "目录|Back to top|none"
