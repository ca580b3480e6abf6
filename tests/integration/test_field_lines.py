"""Every finding about a field of the front matter or of a data file points at the line of that field as
the editor wrote it, and names the key as written (the Chinese alias where the editor wrote one), however
late the finding is made: while parsing, or when the catalog, the weekly's issues, the units, the
disclosure tables, the letters or the inspection judge the article."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import Abort

LEADERS = "organisations: [市卫生局]\nleaders:\n  - name: 唐远强\n    titles: [局长]\n"
TERMS = "- wrong: 医闹\n  right: 涉医违法犯罪\n"
UNITS = "- name: 市人民医院\n  type: 医疗机构\n"
GROUP = ("name: 领导小组\noffice:\n  name: 办公室\n  located_in: 局办公室\n  duty: 负责日常工作\ngroups:\n  - role: 组长\n"
         "    members:\n      - post: 局长\n        name: 唐远强\n      - post: 副局长\n")
"""A leadership group whose second member's name is line 12."""


def fm(*lines: str, body: str = "正文。") -> str:
    """An article whose front matter has `lines`, one a line: the first is on line 2 of the file."""
    return "---\n" + "".join(f"{line}\n" for line in lines) + "---\n\n" + body + "\n"


DATED = ("标题: 市医院义诊", "日期: 2013-05-08")
"""Title and date on lines 2 and 3: the field a case is about is written on line 4 or later."""

# (id, {file: text}, the finding's start "path:line: field:", a text in its message or fix)
# A file is under content/ unless it starts with data/ or columns/.
CASES = [
    # read with the article
    ("invalid-date", {"news/a.md": fm("标题: 甲", "作者: 张明", "日期: 2013年5月8日")},
     "content/news/a.md:4: 日期:", "2013-05-08"),
    ("tags-not-a-list", {"news/a.md": fm(*DATED, "作者: 张明", "标签: 健康，防疫")}, "content/news/a.md:5: 标签:", "[健康, 防疫]"),
    ("tag-item", {"news/a.md": fm(*DATED, "标签:", "  - 健康", '  - "防\u2066疫"')}, "content/news/a.md:6: 标签:", "第 2 项"),
    ("status-unknown", {"news/a.md": fm(*DATED, "状态: 完成")}, "content/news/a.md:4: 状态:", "published"),
    ("invalid-slug", {"news/a.md": fm(*DATED, "别名: A/B")}, "content/news/a.md:4: 别名:", "只用小写字母"),
    ("html-in-author", {"news/a.md": fm(*DATED, '作者: "<b>张明</b>"')}, "content/news/a.md:4: 作者:", "HTML 标签"),
    ("unknown-field", {"news/a.md": fm(*DATED, "作则: 张明")}, "content/news/a.md:4: 作则:", "不认识这个字段"),
    ("duplicate-field", {"news/a.md": fm(*DATED, "title: 乙")}, "content/news/a.md:4: title:", "同一个字段"),
    ("duplicate-key", {"news/a.md": fm(*DATED, "作者: 张明", "作者: 李四")}, "content/news/a.md:5: 作者:", "第一次在第 4 行"),
    ("fullwidth-colon", {"news/a.md": fm(*DATED, "作者：张明")}, "content/news/a.md:4: 作者:", "中文冒号"),
    ("no-space-after-colon", {"news/a.md": fm(*DATED, "作者:张明")}, "content/news/a.md:4: 作者:", "冒号后面缺少空格"),
    ("yaml-tag", {"news/a.md": fm(*DATED, "作者: !!str 张明")}, "content/news/a.md:4: 作者:", "YAML 标签"),
    ("yaml-alias", {"news/a.md": fm(*DATED, "作者: &a 张明")}, "content/news/a.md:4: 作者:", "锚点和引用"),
    ("unapproved", {"news/a.md": fm(*DATED, "敏感: true")}, "content/news/a.md:4: 敏感:", "approved_by"),
    ("urgent-without-expiry", {"news/a.md": fm(*DATED, "紧急: true")}, "content/news/a.md:4: 紧急:", "expires"),
    ("expires-before-date", {"news/a.md": fm(*DATED, "下线日期: 2013-05-01")}, "content/news/a.md:4: 下线日期:", "发布日期之后"),
    # judged after reading, with the other articles and the site's data
    ("unknown-column", {"news/a.md": fm(*DATED, "栏目: nosuch")}, "content/news/a.md:4: 栏目:", "“nosuch”"),
    ("duplicate-url", {"news/a.md": fm(*DATED), "news/b.md": fm("标题: 乙", "日期: 2013-05-20", "别名: a")},
     "content/news/b.md:4: 别名:", "与 content/news/a.md:2 的网址"),
    ("duplicate-url-from-file-name", {"news/a.md": fm(*DATED, "别名: b"), "news/b.md": fm("标题: 乙", "日期: 2013-05-20")},
     "content/news/b.md:2: 与 content/news/a.md:4 的网址", "别名"),
    ("missing-cover", {"news/a.md": fm(*DATED, "封面: images/none.jpg")}, "content/news/a.md:4: 封面:", "不存在"),
    ("unknown-unit", {"data/units.yml": UNITS, "news/a.md": fm(*DATED, "单位: 无名医院")},
     "content/news/a.md:4: 单位:", "不在 data/units.yml"),
    ("issue-gap", {"health-weekly/a.md": fm(*DATED, "期号: 1"), "health-weekly/b.md": fm("标题: 乙", "日期: 2013-05-15", "期号: 3")},
     "content/health-weekly/b.md:4: 期号:", "缺少第 2 期"),
    ("issue-reused", {"health-weekly/a.md": fm(*DATED, "期号: 1"), "health-weekly/b.md": fm("标题: 乙", "日期: 2013-06-28", "期号: 1")},
     "content/health-weekly/b.md:4: 期号:", "可能是期号写错了"),
    ("duplicate-index-no", {"notices/a.md": fm(*DATED, "索引号: 12441800-0/2013-00001"),
                            "notices/b.md": fm("标题: 乙", "日期: 2013-05-09", "作者: 张明", "索引号: 12441800-0/2013-00001")},
     "content/notices/b.md:5: 索引号:", "content/notices/a.md"),
    ("repealed-without-replacement", {"notices/a.md": fm(*DATED, "有效性: 废止")}, "content/notices/a.md:4: 有效性:", "替代"),
    ("replaced-by-not-url", {"notices/a.md": fm(*DATED, "有效性: 废止", "替代文件: 新方案")},
     "content/notices/a.md:5: 替代文件:", "不是网址"),
    ("written-after-published", {"notices/a.md": fm(*DATED, "成文日期: 2013-06-01")},
     "content/notices/a.md:4: 成文日期:", "晚于发布日期"),
    ("letter-reply-incomplete", {"letters/a.md": fm(*DATED, "来信人: 王女士", "来信日期: 2013-05-01", "答复: 已转办")},
     "content/letters/a.md:6: 答复:", "答复日期"),
    ("letter-reply-before-received", {"letters/a.md": fm(*DATED, "来信人: 王女士", "来信日期: 2013-05-01", "答复: 已转办",
                                                        "答复日期: 2013-04-01")},
     "content/letters/a.md:7: 答复日期:", "早于来信日期"),
    ("letter-mobile", {"letters/a.md": fm(*DATED, "来信人: 王女士 13912345678", "来信日期: 2013-05-01")},
     "content/letters/a.md:4: 来信人:", "手机号码"),
    ("leader-name-in-title", {"data/leaders.yml": LEADERS, "news/a.md": fm("日期: 2013-05-08", "标题: 局长李四讲话")},
     "content/news/a.md:3: 标题:", "局长是唐远强"),
    ("term-in-summary", {"data/terms.yml": TERMS, "news/a.md": fm(*DATED, "摘要: 严厉打击医闹")},
     "content/news/a.md:4: 摘要:", "涉医违法犯罪"),
    # data files and column files: the line of the entry's field, or of the list's item
    ("column-option", {"columns/news.yml": "title: 要闻\norder: 1\npage_size: 0\n"}, "columns/news.yml:3: page_size:", "不能小于"),
    ("column-unknown-option", {"columns/news.yml": "title: 要闻\norder: 1\npage_sise: 10\n"},
     "columns/news.yml:3: page_sise:", "不认识这个字段"),
    ("unit-alias-item", {"data/units.yml": "- name: 市人民医院\n  type: 医疗机构\n  aliases:\n    - 人民医院\n    - \"<b>医院</b>\"\n"},
     "data/units.yml:5: aliases:", "第 2 项"),
    ("unit-type", {"data/units.yml": "- name: 市人民医院\n  short_name: 人民医院\n  type: 医院\n"}, "data/units.yml:3: type:", "医疗机构"),
    ("duplicate-unit", {"data/units.yml": UNITS + "- type: 医疗机构\n  name: 市人民医院\n"}, "data/units.yml:4: name:", "第 1 行"),
    ("duplicate-liaison", {"data/units.yml": "- name: 甲医院\n  type: 医疗机构\n  liaisons:\n    - name: 刘芳\n"
                                             "- name: 乙医院\n  type: 医疗机构\n  liaisons:\n    - role: 联络员\n      name: 刘芳\n"},
     "data/units.yml:9: name:", "已经是“甲医院”的联络员"),
    ("topic-tags-item", {"data/topics.yml": "- slug: min-sheng\n  title: 民生\n  tags:\n    - 民生\n    - \"\"\n"},
     "data/topics.yml:5: tags:", "第 2 项"),
    ("topic-slug", {"data/topics.yml": "- title: 民生\n  tags: [民生]\n  slug: Min Sheng\n"}, "data/topics.yml:3: slug:", "别名"),
    ("health-day-rule", {"data/health-days.yml": "- name: 世界卫生日\n  slug: world-health-day\n  rule: 五月第九个星期日\n"},
     "data/health-days.yml:3: rule:", "无法识别"),
    ("health-day-duplicate-slug", {"data/health-days.yml": "- name: 世界卫生日\n  slug: who\n  date: \"04-07\"\n"
                                                           "- name: 世界无烟日\n  date: \"05-31\"\n  slug: who\n"},
     "data/health-days.yml:6: slug:", "第 2 行"),
    ("leaders-organisations-item", {"data/leaders.yml": "leaders: []\norganisations:\n  - 市卫生局\n  - \"<i>局</i>\"\n"},
     "data/leaders.yml:4: organisations:", "HTML 标签"),
    ("leaders-not-a-mapping", {"data/leaders.yml": "# 局领导\n\n- 唐远强\n"}, "data/leaders.yml:3:", "organisations 和 leaders"),
    ("duplicate-leader", {"data/leaders.yml": LEADERS + "  - titles: [书记]\n    name: 唐远强\n"},
     "data/leaders.yml:6: name:", "第 3 行"),
    ("duplicate-person", {"data/leadership-group.yml": GROUP + "        name: 唐远强\n"},
     "data/leadership-group.yml:12: name:", "第一次在第 10 行"),
    ("member-name", {"data/leadership-group.yml": GROUP + "        name: 陈 丽霞\n"},
     "data/leadership-group.yml:12: name:", "中间有空格"),
    ("term-same", {"data/terms.yml": "- right: 医闹\n  wrong: 医闹\n"}, "data/terms.yml:2: wrong:", "就是它自己"),
    ("term-until-before-since", {"data/terms.yml": TERMS + "  until: 2018-01-01\n  since: 2018-03-27\n"},
     "data/terms.yml:3: until:", "永远不会生效"),
    ("term-since-invalid", {"data/terms.yml": TERMS + "  note: 说明\n  since: 2018年3月27日\n"},
     "data/terms.yml:4: since:", "应当写成 2018-03-27"),
    ("term-period-overlap", {"data/terms.yml": TERMS + "  until: 2018-03-27\n" + TERMS + "  since: 2018-03-27\n"},
     "data/terms.yml:4: wrong:", "日期有重叠"),
    ("leader-until-before-since", {"data/leaders.yml": LEADERS + "    since: 2016-01-01\n    until: 2015-12-31\n"},
     "data/leaders.yml:6: until:", "永远不会生效"),
]


def write_case(site, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = site.root / name if name.startswith(("data/", "columns/")) else site.root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("files, start, text", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_finding_about_a_field_points_at_its_line_and_names_its_key(site, caplog, files, start, text):
    site.column("notices", "通知公告", kind="notices", order=3)
    site.column("letters", "局长信箱", kind="letters", order=4)
    write_case(site, files)
    try:
        site.build()
    except Abort:
        pass
    found = [r.getMessage().removeprefix("healthpress: ") for r in caplog.records if r.levelno >= logging.WARNING]
    assert any(f.startswith(start + " ") and text in f for f in found), (start, text, found)
