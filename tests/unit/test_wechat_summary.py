"""The official account's 摘要: at most 120 characters, cut at a sentence end, never inside a character."""

from __future__ import annotations

import pytest

from healthpress.render.wechat import cut_summary, wechat_fragment


@pytest.mark.parametrize("text, expected, cut", [
    ("短摘要。", "短摘要。", False),
    ("甲" * 60 + "。" + "乙" * 50 + "。" + "丙" * 30, "甲" * 60 + "。" + "乙" * 50 + "。", True),
    ("甲" * 100 + "。”" + "乙" * 30, "甲" * 100 + "。”", True),  # the closing quote stays with its sentence
    ("甲" * 130, "甲" * 119 + "…", True),  # no sentence end within the limit: an ellipsis
    ("甲" * 118 + "e\u0301" + "乙" * 10, "甲" * 118 + "…", True),  # e and its accent are not parted
    ("甲" * 118 + "👩\u200d👩" + "乙" * 10, "甲" * 118 + "…", True),  # nor a joined emoji
])
def test_the_summary_is_cut_at_a_sentence_end_within_120_characters(text, expected, cut):
    assert cut_summary(text) == (expected, cut)
    assert len(cut_summary(text)[0]) <= 120


def test_a_video_becomes_a_link_to_the_page_and_no_class_or_id_is_left():
    html = ('<h2 id="a" class="x">标题</h2><iframe src="https://player.v.qq.com/x" sandbox="allow-scripts"></iframe>'
            '<p><a href="#a">上文</a> <a href="../../other/">别处</a></p>')
    fragment = wechat_fragment(html, "https://www.example.gov.cn/news/2013/05/a/", "https://www.example.gov.cn/")
    assert "iframe" not in fragment and "class=" not in fragment and "id=" not in fragment
    assert '<a href="https://www.example.gov.cn/news/2013/05/a/"' in fragment  # the video's note links the page
    assert 'href="https://www.example.gov.cn/news/2013/05/a/#a"' in fragment
    assert 'href="https://www.example.gov.cn/news/2013/other/"' in fragment


def test_a_list_counted_down_keeps_its_numbers():
    fragment = wechat_fragment('<ol reversed start="3"><li>三</li><li>二</li></ol>', "https://www.example.gov.cn/a/",
                               "https://www.example.gov.cn/")
    assert "reversed" in fragment and 'start="3"' in fragment
