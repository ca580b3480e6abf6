"""serialized.py reads the sanitizer's output as html.parser does: the same events, start tags and text, so a
page's links, images without alt text, summary and reading length are what html.parser found.

Every page here is real sanitizer output (Python-Markdown with the site's extensions, then sanitize_html and
prepare_images), of articles written to be awkward: code blocks (nested too), character references in text
and addresses, raw HTML that is removed or kept, latin words split by tags, images with and without alt."""

from __future__ import annotations

import textwrap
from html.parser import HTMLParser

import markdown
import pytest

from healthpress.model.reading import ReadableText, readable_characters
from healthpress.model.summary import summarize_html
from healthpress.render.images import prepare_images
from healthpress.render.links import collect_links
from healthpress.render.pagehtml import process_page_html
from healthpress.render.sanitize import sanitize_html
from healthpress.render.serialized import scan, start_tags, text_of

EXTENSIONS = ["toc", "tables", "attr_list", "admonition", "footnotes", "md_in_html", "pymdownx.details",
              "pymdownx.superfences"]
HOSTS = frozenset({"player.example.com"})

ARTICLES = {
    "plain": """
        市卫生局召开第一季度新闻发布会，71 名医务人员参加。Covid-19 疫苗 3.14 剂、it's 与 e-mail。

        ## 信息公开 {: #open .notice }

        | 单位 | 人次 |
        | --- | ---: |
        | 城东社区 | 9896 |
        """,
    "code": """
        先说明。

        ```python
        print("<p>不算字数</p>")
        ```

        <pre>外层<pre>内层 code</pre>仍是代码</pre>之后的正文 words

            缩进的代码 indented
        """,
    "references": """
        &amp; &lt;p&gt; &nbsp;空格 &#x41;&#66; &copy; 5 &lt; 6 &gt; 4 "引号" 'single'

        [链接](https://example.com/?a=1&b=2 "标题 & 说明") [内部](../other/ "x") [锚点](#open)
        """,
    "images": """
        图片如下 photos：

        ![](a.png) ![说明](b.png) ![](a.png) <img src="c%20d.png" alt=""> <img src="e.png" alt="  "/>

        ![说明 & 更多](f.png){: width="20" }
        """,
    "raw": """
        <div markdown="1">
        **加粗**在 div 里

        <p>div 中的段落</p>
        </div>

        <p onclick="x()">第一段<br/>换行<b>粗</b>体 words<i>split</i>here</p>

        <script>alert("<b>不是标签</b>")</script><style>p { color: red }</style>
        <iframe src="https://player.example.com/v/1"><b>里面</b></iframe>
        <iframe src="https://elsewhere.example.com/v/2"></iframe>
        <a href="javascript:alert(1)">脚本链接</a> <a>无地址</a> <a id="here">锚</a>
        <svg><text>矢量图</text></svg> <!-- 注释 --> <textarea><p>表单</p></textarea>
        <details open><summary>摘要</summary>内容</details>
        """,
    "footnotes": """
        正文[^1]，<span lang="en">English words</span>。

        [^1]: 注释 <abbr title="World Health Organization">WHO</abbr>
        """,
    "empty-first": """
        <p> </p>

        <div><p>不在顶层</p></div>

        - 列表
        - 项

        真正的第一段
        """,
}


def page_html(body: str) -> str:
    """What `process_page_html` reads: Python-Markdown's HTML, sanitized, its images prepared."""
    html = markdown.markdown(textwrap.dedent(body), extensions=EXTENSIONS)
    return prepare_images(sanitize_html(html, iframe_hosts=HOSTS), lambda src: None)


class Events(HTMLParser):
    """Every event as a tuple; text events that html.parser splits (a trailing reference) joined."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.events.append(("start", tag, attrs))

    def handle_endtag(self, tag) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data) -> None:
        if self.events and self.events[-1][0] == "data":
            self.events[-1] = ("data", self.events[-1][1] + data)
        else:
            self.events.append(("data", data))


def parsed(html: str) -> list[tuple]:
    events = Events()
    events.feed(html)
    events.close()
    return events.events


@pytest.mark.parametrize("name", ARTICLES)
def test_the_events_are_html_parsers(name):
    html = page_html(ARTICLES[name])
    events = Events()
    scan(html, events)
    assert events.events == parsed(html)
    assert list(start_tags(html)) == [(event[1], event[2]) for event in parsed(html) if event[0] == "start"]
    assert text_of(html) == "".join(event[1] for event in parsed(html) if event[0] == "data")


@pytest.mark.parametrize("name", ARTICLES)
def test_a_pages_facts_are_what_html_parser_finds(name):
    html = page_html(ARTICLES[name])
    processed = process_page_html(markdown.markdown(textwrap.dedent(ARTICLES[name]), extensions=EXTENSIONS),
                                  "news/a.md", "news/2013/05/a/", HOSTS, {})
    assert processed.html == html
    reader = ReadableText()
    reader.feed(html)
    reader.close()
    assert processed.characters == reader.characters() > 0
    assert processed.summary == summarize_html(html)
    links = collect_links("news/a.md", "news/2013/05/a/", html)
    assert processed.links == links


def test_code_is_not_read_and_the_rest_is_counted():
    processed = process_page_html(markdown.markdown(textwrap.dedent(ARTICLES["code"]), extensions=EXTENSIONS),
                                  "news/a.md", "news/2013/05/a/", HOSTS, {})
    assert processed.characters == len("先说明之后的正文") + 1  # "words"; nothing inside the code


def test_readable_characters_counts_each_chinese_character_and_each_latin_word():
    assert readable_characters("健康，𠀀字 health 3.14 it's e-mail 。") == 4 + 4
    assert readable_characters("") == 0


def test_the_images_without_alt_text_are_found_in_page_order():
    processed = process_page_html(markdown.markdown(textwrap.dedent(ARTICLES["images"]), extensions=EXTENSIONS),
                                  "news/a.md", "news/2013/05/a/", HOSTS, {})
    assert [(image.src, image.occurrence) for image in processed.missing_alt] == [
        ("a.png", 0), ("a.png", 1), ("c%20d.png", 0), ("e.png", 0)]
