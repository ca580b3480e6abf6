"""new_article_text / new_article_path: `healthpress new` writes a draft that parses, under a free pinyin name."""

from __future__ import annotations

import datetime as dt

import pytest

from healthpress.model.articles import default_slug, parse_article
from healthpress.model.dates import SHANGHAI
from healthpress.model.newarticle import BODY_HINT, new_article_path, new_article_text, next_issue
from healthpress.model.paths import check_names
from healthpress.model.slugs import is_valid_slug

MOMENT = dt.datetime(2013, 5, 8, 9, 30, 45, 123456, tzinfo=SHANGHAI)


def parse_new(title: str, moment: dt.datetime = MOMENT):
    return parse_article("content/press/new.md", "press/new.md", new_article_text(title, moment))


def test_new_article_is_a_draft_with_its_fields_ready_to_fill():
    text = new_article_text("市人民医院开展义诊活动", MOMENT)
    assert text == (
        "---\n"
        "title: 市人民医院开展义诊活动\n"
        "date: 2013-05-08 09:30\n"
        "author:                  # 作者：在 ~/.config/healthpress/editor.yml 里写一行“作者: 张明”，以后自动填上\n"
        "unit:                    # 供稿单位：在 ~/.config/healthpress/editor.yml 里写一行“单位: 市人民医院”，以后自动填上\n"
        "tags: []\n"
        "status: draft            # 写完并审核后改为 published\n"
        "---\n\n"
        + BODY_HINT
    )
    article, findings = parse_article("content/press/new.md", "press/new.md", text)
    assert findings == []
    assert (article.title, article.status, article.column, article.author, article.unit, article.tags) == (
        "市人民医院开展义诊活动", "draft", "press", None, None, ())
    assert (article.sensitive, article.approved_by, article.expires) == (False, None, None)
    assert article.body == "\n" + BODY_HINT
    assert article.body_line == 9


@pytest.mark.parametrize("author, unit", [("张明", "市人民医院"), ("yes", "2013"), ("O'Brien: 张", "#1 医院")],
                         ids=["chinese", "yaml-words", "quotes-colon-hash"])
def test_the_editors_author_and_unit_are_filled_in_as_written(author, unit):
    text = new_article_text("义诊", MOMENT, author=author, unit=unit, settings_file="~/x/editor.yml")
    article, findings = parse_article("content/press/new.md", "press/new.md", text)
    assert findings == [] and (article.author, article.unit) == (author, unit)
    assert "editor.yml" not in text, "no hint when both are known"


def test_an_unknown_unit_says_where_to_set_it():
    text = new_article_text("义诊", MOMENT, author="张明", settings_file="~/x/editor.yml")
    assert "author: 张明\n" in text
    assert "unit:                    # 供稿单位：在 ~/x/editor.yml 里写一行“单位: 市人民医院”" in text


@pytest.mark.parametrize("issue, said", [(1, "这是第一期"), (13, "已有的最大期号是 12，这是下一期")])
def test_the_weeklys_issue_number_is_filled_in(issue, said):
    text = new_article_text("义诊", MOMENT, issue=issue)
    article, findings = parse_article("content/health-weekly/new.md", "health-weekly/new.md", text)
    assert findings == [] and article.issue == issue
    assert said in text


def test_the_next_issue_follows_the_highest_number_written_in_the_folder(tmp_path):
    assert next_issue(tmp_path / "none") == 1
    (tmp_path / "2013").mkdir()
    (tmp_path / "a.md").write_text("---\ntitle: 甲\nissue: 7\n---\n", encoding="utf-8")
    (tmp_path / "2013" / "b.md").write_text("---\n标题: 乙\n期号: 12\nstatus: draft\n---\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("---\ntitle: [丙\nissue: 99\n---\n", encoding="utf-8")  # unreadable: passed over
    (tmp_path / "d.md").write_bytes("---\ntitle: 丁\nissue: 50\n---\n".encode("utf-16"))
    (tmp_path / "e.md").write_text("---\ntitle: 戊\nissue: 第8期\n---\n", encoding="utf-8")
    assert next_issue(tmp_path) == 13


@pytest.mark.parametrize(
    "moment, date",
    [
        (MOMENT, dt.datetime(2013, 5, 8, 9, 30, tzinfo=SHANGHAI)),
        (dt.datetime(2013, 12, 31, 23, 59, 59, tzinfo=SHANGHAI), dt.datetime(2013, 12, 31, 23, 59, tzinfo=SHANGHAI)),
        (dt.datetime(2014, 1, 1, 0, 0, tzinfo=SHANGHAI), dt.datetime(2014, 1, 1, 0, 0, tzinfo=SHANGHAI)),
    ],
    ids=["seconds-dropped", "last-minute-of-the-year", "midnight"],
)
def test_date_is_the_moment_to_the_minute(moment, date):
    article, findings = parse_new("义诊", moment)
    assert findings == []
    assert article.date == date
    assert article.date.utcoffset() == dt.timedelta(hours=8)


@pytest.mark.parametrize(
    "title",
    [
        "市人民医院开展“优质服务年”义诊活动",
        "问答: 高血压患者怎样用药",
        "关于：2013年世界无烟日",
        '他说"健康第一"',
        "'单引号'开头",
        "#1 健康提示",
        "健康 # 提示",
        "[通知] 义诊活动安排",
        "{重要} 通知",
        "2013",
        "12320",
        "3.14",
        "1e3",
        "2013-05-08",
        "yes",
        "no",
        "null",
        "~",
        "- 列表开头",
        "* 星号开头",
        "? 问号开头",
        "&锚点",
        "!标签",
        "%百分号",
        "@提及",
        "`反引号",
        "|竖线",
        ">大于号",
        "---",
        "...",
        "冒号结尾:",
        "Tab\t分隔",
        "宜卫办[2013]79号",
    ],
    ids=["chinese-quotes", "ascii-colon", "fullwidth-colon", "double-quotes", "leading-single-quote", "leading-hash",
         "hash-inside", "leading-bracket", "leading-brace", "only-digits-year", "only-digits-hotline", "decimal",
         "float-exponent", "date-like", "yaml-yes", "yaml-no", "yaml-null", "yaml-tilde", "leading-dash",
         "leading-star", "leading-question-mark", "leading-ampersand", "leading-bang", "leading-percent", "leading-at",
         "leading-backtick", "leading-pipe", "leading-greater-than", "three-dashes", "three-dots", "trailing-colon",
         "tab", "document-number"],
)
def test_title_round_trips(title):
    article, findings = parse_new(title)
    assert findings == []
    assert article.title == title.replace("\t", " ")
    assert article.status == "draft"


@pytest.mark.parametrize("typed, title", [("Tab\t分隔", "Tab 分隔"), ("两行\n标题", "两行 标题"),
                                          ("回车\r\n换行 \t 空格", "回车 换行 空格"), ("\t前后\n", "前后")])
def test_tabs_and_line_breaks_typed_into_a_title_become_spaces(typed, title):
    """A title is one line of plain text: the file `new` writes must pass the check."""
    article, findings = parse_new(typed)
    assert findings == [] and article.title == title


def test_new_article_text_has_a_single_title_line():
    text = new_article_text("问答: 高血压患者怎样用药 #1", MOMENT)
    assert sum(line.startswith("title:") for line in text.splitlines()) == 1
    assert text.splitlines()[2] == "date: 2013-05-08 09:30"


@pytest.mark.parametrize(
    "title, name",
    [
        ("世界卫生日控制高血压", "shi-jie-wei-sheng-ri-kong-zhi-gao-xue-ya.md"),
        ("2013年世界无烟日", "2013-nian-shi-jie-wu-yan-ri.md"),
        ("World No-Tobacco Day", "world-no-tobacco-day.md"),
        ("问答：高血压患者怎样用药？", "wen-da-gao-xue-ya-huan-zhe-zen-yang-yong-yao.md"),
        ("１２３２０热线", "12320-re-xian.md"),
        ("！！！", "article.md"),
        ("……", "article.md"),
        ("【】、。", "article.md"),
        ("---", "article.md"),
    ],
    ids=["chinese", "digits-and-chinese", "english", "punctuation-dropped", "fullwidth-digits",
         "only-exclamation-marks", "only-ellipsis", "only-chinese-punctuation", "only-dashes"],
)
def test_new_article_path_is_the_pinyin_of_the_title(tmp_path, title, name):
    path = new_article_path(tmp_path, title)
    assert path == tmp_path / name
    assert not path.exists()


@pytest.mark.parametrize(
    "title, base",
    [("世界卫生日控制高血压", "shi-jie-wei-sheng-ri-kong-zhi-gao-xue-ya"), ("！！！", "article")],
    ids=["pinyin", "article"],
)
def test_taken_names_get_a_number(tmp_path, title, base):
    expected = [f"{base}.md", f"{base}-2.md", f"{base}-3.md", f"{base}-4.md"]
    for name in expected:
        path = new_article_path(tmp_path, title)
        assert path.name == name
        path.write_text(new_article_text(title, MOMENT), encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(expected)


def test_a_gap_in_the_numbers_is_not_refilled(tmp_path):
    (tmp_path / "yi-zhen.md").write_text("x", encoding="utf-8")
    (tmp_path / "yi-zhen-3.md").write_text("x", encoding="utf-8")
    assert new_article_path(tmp_path, "义诊") == tmp_path / "yi-zhen-2.md"


def test_long_title_is_cut_to_sixty_characters_without_a_trailing_hyphen(tmp_path):
    title = "关于开展2013年“世界无烟日”宣传活动暨控烟知识进校园、进社区、进机关、进医院活动的通知"
    path = new_article_path(tmp_path, title)
    assert path.name == "guan-yu-kai-zhan-2013-nian-shi-jie-wu-yan-ri-xuan-chuan-huo.md"
    assert len(path.stem) <= 60
    assert not path.stem.endswith("-")


@pytest.mark.parametrize(
    "title",
    ["世界卫生日控制高血压", "World No-Tobacco Day 2013", "！！！",
     "关于开展2013年“世界无烟日”宣传活动暨控烟知识进校园、进社区、进机关、进医院活动的通知"],
    ids=["chinese", "english", "punctuation", "long"],
)
def test_new_file_name_is_a_valid_slug_and_a_valid_file_name(tmp_path, title):
    path = new_article_path(tmp_path / "press", title)
    assert is_valid_slug(path.stem)
    assert default_slug(f"press/{path.name}") == path.stem
    assert check_names([f"press/{path.name}"], "content") == []


@pytest.mark.parametrize("title", ["CON", "Aux", "COM1"], ids=["CON", "Aux", "COM1"])
def test_new_file_name_is_never_a_windows_reserved_name(tmp_path, title):
    path = new_article_path(tmp_path / "press", title)
    assert check_names([f"press/{path.name}"], "content") == []


@pytest.mark.parametrize("kind, fields", [
    ("interviews", {"interview_time": None, "guests": (), "stage": "预告"}),
    ("surveys", {"opens": dt.datetime(2013, 5, 8, tzinfo=SHANGHAI), "closes": None}),
])
def test_a_new_interview_or_survey_has_its_own_fields_ready_to_fill(kind, fields):
    text = new_article_text("义诊", MOMENT, kind=kind)
    article, findings = parse_article("content/x/new.md", "x/new.md", text)
    assert findings == []
    written = dict(article.activity_fields)
    assert {name: written.get(name) for name in fields} == fields
    assert all(f"\n{name}:" in text for name in fields)
