"""line_of / line_of_target: the line of the body where a thing of the rendered page was written."""

from __future__ import annotations

import pytest

from healthpress.render.bodylines import line_of, line_of_target

BODY_LINE = 5
BODY = """\
第一段，图片在下面。

<img src="same.png">
<img src="same.png" alt="有说明">
<img src="same.png">

![数据](data.png) ![另一张](a.png)

[文章](other.md#费用) [再一次](other.md)
"""


@pytest.mark.parametrize(
    "target, occurrence, line",
    [
        ("same.png", 0, BODY_LINE + 2), ("same.png", 1, BODY_LINE + 3), ("same.png", 2, BODY_LINE + 4),
        ("same.png", 7, BODY_LINE + 4),
        ("a.png", 0, BODY_LINE + 6), ("../../../a.png", 0, BODY_LINE + 6),
        ("../other/#费用", 0, BODY_LINE + 8), ("nowhere.png", 0, None),
    ],
    ids=["first", "second", "third", "more-than-written-is-the-last", "not-inside-another-name",
         "rewritten-by-file-name", "anchor", "not-written"],
)
def test_line_of_target(target, occurrence, line):
    """Before, every occurrence was on the first one's line, and `a.png` was found in `data.png`."""
    assert line_of_target(BODY, BODY_LINE, target, occurrence) == line


def test_the_first_form_the_body_holds_is_used():
    assert line_of(BODY, BODY_LINE, ["<script", 'alt="有说明"', "same.png"]) == BODY_LINE + 3
    assert line_of(BODY, BODY_LINE, ["", "<script"]) is None


PLACES_BODY = """\
`[代码](a.md)` 和 a.md 都不是链接。

```
![块](a.png)
```

[![图](a.png)](a.md) 链接里的图

<img src='a.png'> <a href="a.md">HTML</a> <https://example.org/>

[引用][r] ![图][r]

[r]: b.md
"""


def test_body_places_are_the_addresses_written_as_links_and_images_in_page_order():
    from healthpress.render.bodylines import body_places

    places = [(p.kind, p.address, PLACES_BODY.count("\n", 0, p.offset) + 1, p.raw_html) for p in body_places(PLACES_BODY)]
    assert places == [("link", "a.md", 7, False), ("image", "a.png", 7, False), ("image", "a.png", 9, True),
                      ("link", "a.md", 9, True), ("link", "https://example.org/", 9, False),
                      ("link", "b.md", 13, False), ("image", "b.md", 13, False)]
