"""The leader and wording checks in one pass (checks/phrases.py): the same findings, in the same order, as
the per-title and per-term regular expressions they replace, on a varied corpus."""

from __future__ import annotations

import datetime as dt
import random
import re

from healthpress.bureau.leaders import Leader, Leaders
from healthpress.bureau.terms import Term
from healthpress.checks import compliance
from healthpress.checks.compliance import (FORMER, SHANGHAI, _cjk_run_before, _is_ours, _name_after, _shown,
                                           _term_finding, apply_levels, article_lines, check_leaders, check_terms,
                                           check_text, resolve_levels, text_finder)
from healthpress.checks.phrases import PhraseFinder
from healthpress.model.articles import Article, parse_article

# ---------------------------------------------------------------- the checks as they were (one regex per line per item)


def old_check_leaders(articles, leaders, paths=None, levels=None):
    findings = []
    for article in articles:
        day = article.date.astimezone(SHANGHAI).date()
        holders: dict[str, list[str]] = {}
        for leader in leaders.leaders:
            if leader.serves_on(day):
                for title in leader.titles:
                    holders.setdefault(title, []).append(leader.name)
        if not holders:
            continue
        titles = sorted(holders, key=len, reverse=True)
        for line, field, text in article_lines(article):
            for title in titles:
                for match in re.finditer(re.escape(title), text):
                    start, end = match.span()
                    if any(len(t) > len(title) and t.endswith(title) and text[max(0, end - len(t)):end] == t
                           for t in titles):
                        continue
                    before = _cjk_run_before(text, start)
                    if before and before[-1] in FORMER or not _is_ours(before, leaders.organisations):
                        continue
                    names = holders[title]
                    if any(text.startswith(name, end) for name in names):
                        continue
                    written = _name_after(text, end)
                    if written is None:
                        continue
                    findings.append(compliance.Finding(
                        _shown(paths, article), line, field, "leader-name",
                        f"“{title}{written}”：{title}是{'、'.join(names)}，不是{written}",
                        f"核对领导姓名和职务，写成“{title}{names[0]}”；如果{written}是其他单位的{title}，"
                        f"在职务前写明单位；领导名单在 data/leaders.yml"))
    return apply_levels(findings, levels)


def _old_protected(text, phrases):
    spans = []
    for phrase in phrases:
        spans += [range(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]
    return spans


def old_check_terms(articles, terms, paths=None, levels=None):
    terms = list(terms)
    findings = []
    for article in articles:
        day = article.date.astimezone(SHANGHAI).date()
        wrongs = {t.wrong for t in terms if not (t.since and day < t.since or t.until and day > t.until)}
        for term in terms:
            if term.since and day < term.since or term.until and day > term.until:
                continue  # not in force on the article's day
            longer = [w for w in wrongs if len(w) > len(term.wrong) and term.wrong in w]  # their findings
            first_only = term.first_mention
            introduced = False
            for line, field, text in article_lines(article, with_title=not first_only):
                protected = _old_protected(text, term.right + term.ignore)
                inside = _old_protected(text, longer)
                hits = [m.start() for m in re.finditer(re.escape(term.wrong), text)
                        if not any(m.start() < p.stop and p.start < m.end() for p in protected)
                        and not any(p.start <= m.start() and m.end() <= p.stop for p in inside)]
                if first_only:
                    first_right = min((p.start for p in _old_protected(text, term.right)), default=None)
                    if hits and not introduced and (first_right is None or hits[0] < first_right):
                        findings.append(_term_finding(article, paths, line, field, term, first=True))
                    if hits or first_right is not None:
                        introduced = True
                    if introduced:
                        break
                    continue
                findings += [_term_finding(article, paths, line, field, term) for _ in hits]
    return apply_levels(findings, levels)


# ---------------------------------------------------------------- a varied corpus

TERMS = [
    Term("新农合", ("新型农村合作医疗",), first_mention=True),
    Term("医闹", ("涉医违法犯罪",), note="不使用“医闹”等非正式说法"),
    Term("非典", ("传染性非典型肺炎",), ignore=("非典型",)),
    Term("艾滋病病人", ("艾滋病患者", "艾滋病病毒感染者")),
    Term("爱滋病", ("艾滋病",)),
    Term("甲流", ("甲型H1N1流感",), first_mention=True),
    Term("精神病人", ("精神障碍患者", "严重精神障碍患者")),
    Term("哈哈", ("呵呵",)),  # overlaps itself: "哈哈哈" holds it once
    Term("病人", ("患者",)),  # inside longer wrong terms
    Term("医保", ("基本医疗保险",), first_mention=True, ignore=("医保局",)),
    Term("疾控", ("疾病预防控制",), first_mention=True),
    # in force on some days only: the corpus's articles are of 2013-06-05, 2015-12-31 and 2016-03-01
    Term("卫生计生委", ("卫生健康委",), since=dt.date(2016, 1, 1), ignore=("原卫生计生委",)),
    Term("卫生健康委", ("卫生计生委",), until=dt.date(2015, 12, 31)),
    Term("旧称", ("新称",), first_mention=True, until=dt.date(2015, 12, 31)),
    Term("旧称", ("今称",), since=dt.date(2016, 1, 1)),
] + [Term(f"错词{i}", (f"正词{i}",), first_mention=i % 3 == 0) for i in range(60)]

LEADERS = Leaders(
    ("清远市卫生局", "市卫生局", "卫生局", "局"),
    (Leader("唐远强", ("市政协副主席", "卫生局局长", "局长"), until=dt.date(2015, 12, 31)),
     Leader("李思真", ("市卫生局党组书记", "局党组书记", "党组书记")),
     Leader("陈丽霞", ("市卫生局副局长", "副局长")), Leader("罗家泉", ("市卫生局副局长", "副局长")),
     Leader("马军", ("市卫生局副调研员", "副调研员")), Leader("李四", ("局长",), since=dt.date(2016, 1, 1)),
     Leader("黄业草", ("市疾病预防控制中心主任", "市疾控中心主任", "主任"))),
)

PIECES = [
    "局长唐远强出席会议。", "局长李四出席会议。", "市卫生局局长李四指出，", "清远市卫生局局长张三丰在会上讲话。",
    "局长欧阳明远一行", "副局长陈丽霞、罗家泉出席。", "副局长李四主持会议。", "副调研员马伟。", "局党组书记唐远强讲话。",
    "市公安局局长李四出席。", "原局长李四出席。", "局长局长王五", "局长", "主任王明", "市疾控中心主任黄业草", "市疾控中心主任王强",
    "新农合", "新型农村合作医疗（新农合）", "医闹", "涉医违法犯罪", "非典", "非典型肺炎", "传染性非典型肺炎",
    "艾滋病病人", "艾滋病患者", "爱滋病", "甲流", "甲型H1N1流感", "精神病人", "严重精神障碍患者", "哈哈哈", "哈哈哈哈",
    "病人", "患者", "医保", "医保局", "基本医疗保险", "疾控", "疾病预防控制", "错词7", "正词7", "错词12", "正词12",
    "错词1", "错词3", "正词3", "卫生计生委", "原卫生计生委", "卫生健康委", "旧称", "新称", "今称", "，", "。", "的", "会议强调", "各级医疗机构", " ", "  ", "**", "# ",
]


def _line(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 6)))


def corpus(count: int = 300, seed: int = 17) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for n in range(count):
        title = _line(rng).replace("#", "").replace("*", "").strip() or "会议报道"
        summary = f"summary: {_line(rng).replace('#', '').replace('*', '').strip() or '摘要'}\n" if n % 3 else ""
        date = rng.choice(["2013-06-05", "2016-03-01", "2015-12-31"])
        body = "\n".join(_line(rng) for _ in range(rng.randint(0, 25)))
        text = f"---\ntitle: \"{title}\"\ndate: {date}\n{summary}---\n{body}\n"
        article, findings = parse_article(f"content/press/a{n}.md", f"press/a{n}.md", text)
        assert article is not None, findings
        articles.append(article)
    return articles


def test_the_one_pass_finds_what_the_regular_expressions_found_in_the_same_order():
    articles = corpus()
    paths = {a.src_uri: "content/" + a.src_uri for a in articles}
    leaders, terms = old_check_leaders(articles, LEADERS, paths), old_check_terms(articles, TERMS, paths)
    assert len(leaders) > 100 and len(terms) > 1000  # the corpus exercises both
    assert {f.message[:4] for f in terms} >= {"“哈哈”", "“病人”", "“非典”", "“新农合", "“卫生计", "“卫生健", "“旧称”"}
    assert {f.message.split("（适用于")[-1][:4] for f in terms if "适用于" in f.message} == {"2016", "2015"}
    assert check_leaders(articles, LEADERS, paths) == leaders
    assert check_terms(articles, TERMS, paths) == terms
    assert check_text(articles, LEADERS, TERMS, paths) == leaders + terms
    levels = resolve_levels({"term": "error", "leader-name": "warning"})
    assert check_text(articles, LEADERS, TERMS, paths, levels) == (
        old_check_leaders(articles, LEADERS, paths, levels) + old_check_terms(articles, TERMS, paths, levels))


def test_each_article_is_read_once_for_every_title_and_term():
    articles = corpus(40)
    finder = text_finder(LEADERS, TERMS)
    read: list[list[str]] = []
    in_lines = finder.in_lines
    finder.in_lines = lambda lines: read.append(list(lines)) or in_lines(lines)  # type: ignore[method-assign]
    check_text(articles, LEADERS, TERMS, finder=finder)
    assert read == [[text for _, _, text in article_lines(a)] for a in articles]


def test_a_phrase_is_found_as_re_finditer_finds_it():
    phrases = ["哈哈", "哈", "局长", "卫生局局长", "长", "哈哈哈哈"]
    text = "哈哈哈，卫生局局长局长"
    assert PhraseFinder(phrases).occurrences(text) == {
        p: [m.start() for m in re.finditer(re.escape(p), text)] for p in phrases if p in text}
    assert PhraseFinder(phrases).occurrences(text)["哈哈"] == [0]
    assert PhraseFinder(phrases).occurrences("没有") == {} and PhraseFinder([]).occurrences("局长") == {}
    lines = ["哈哈哈", "", "局长", "卫生局", "局长长", "哈"]
    assert PhraseFinder(phrases).in_lines(lines) == {
        i: PhraseFinder(phrases).occurrences(line) for i, line in enumerate(lines) if PhraseFinder(phrases).occurrences(line)}
