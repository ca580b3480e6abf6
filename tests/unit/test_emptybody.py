"""An article body that shows a reader nothing, and one that shows something however little."""

from __future__ import annotations

import pytest

from healthpress.model.emptybody import is_empty_body

EMPTY = {
    "nothing": "",
    "blank-lines": "\n   \n\t\n",
    "full-width-spaces": "\u3000\u3000\n",
    "empty-heading": "## \n\n",
    "heading-markers-only": "###\n",
    "comment": "<!-- 正文待补充 -->\n",
    "unclosed-comment": "<!-- 正文待补充\n以后再写\n",
    "rule": "---\n* * *\n",
    "empty-html": "<p></p>\n<div> </div><br>\n",
    "nbsp": "&nbsp;&emsp;\n",
    "bare-markers": "- \n> \n1.\n",
}
NOT_EMPTY = {
    "text": "正文。",
    "heading-with-text": "## 活动成效\n",
    "image-alone": "![义诊现场](images/yizhen.jpg)\n",
    "attachment-alone": "[实施方案（PDF）](files/fangan.pdf)\n",
    "html-image": '<img src="images/a.jpg" alt="义诊现场">\n',
    "video": '<video src="files/a.mp4" controls></video>\n',
    "text-after-a-comment": "<!-- 注释 -->\n正文。\n",
    "text-in-html": "<p>正文</p>\n",
    "a-number": "2013\n",
    "table": "| 项目 | 人数 |\n|---|---|\n| 义诊 | 300 |\n",
}


@pytest.mark.parametrize("body", EMPTY.values(), ids=EMPTY.keys())
def test_a_body_with_nothing_to_see_is_empty(body):
    assert is_empty_body(body)


@pytest.mark.parametrize("body", NOT_EMPTY.values(), ids=NOT_EMPTY.keys())
def test_a_body_with_text_an_image_or_a_link_is_not_empty(body):
    assert not is_empty_body(body)
