"""Checks after the national inspection indicators for government websites (政府网站检查指标) (pure).

- freshness: news columns updated within 14 days, notices within 180, the home page within 14;
  a column with no article at all (空白栏目) is an error;
- identification: the footer's 主办单位, 网站标识码, ICP 备案号, 公安机关备案号 and 党政机关网站标识;
- leaders: a leader's title followed by somebody else's name (严重表述错误; the list: bureau/leaders.py);
- terms: standard wording (规范用语; the list: bureau/terms.py), each article by the terms in force on its day;
  leaders and terms are looked for together, in one pass over each line (`check_text`, phrases.py).

Each finding has a code; `resolve_levels` reads the site's error / warning / off per code.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterable, Iterator, Mapping

from healthpress.bureau.leaders import Leaders
from healthpress.bureau.terms import Term
from healthpress.checks.phrases import PhraseFinder
from healthpress.model.articles import Article
from healthpress.model.columns import Column
from healthpress.model.dates import SHANGHAI, iso_date
from healthpress.model.findings import Finding, Level

# ---------------------------------------------------------------- levels

DEFAULT_LEVELS: dict[str, Level] = {
    "blank-column": Level.ERROR,
    "blank-home": Level.ERROR,
    "stale-column": Level.WARNING,
    "stale-home": Level.WARNING,
    "missing-identification": Level.ERROR,
    "invalid-identification": Level.WARNING,
    "leader-name": Level.ERROR,
    "term": Level.WARNING,
    "uninterpreted-document": Level.WARNING,
    "interview-review-missing": Level.WARNING,
    "survey-results-missing": Level.WARNING,
    "backdated-release": Level.ERROR,
    "release-history-missing": Level.WARNING,
}
"""A stale column is a warning by default: an error would stop the hourly build that publishes new items."""

LEVEL_WORDS = {"error": Level.ERROR, "warning": Level.WARNING, "off": None}


def resolve_levels(config: Mapping[str, str] | None) -> dict[str, Level | None]:
    """The level of each check code, `config` ({code: error|warning|off}) over the defaults."""
    levels: dict[str, Level | None] = dict(DEFAULT_LEVELS)
    for code, word in (config or {}).items():
        if code not in DEFAULT_LEVELS:
            raise ValueError(f"不认识的检查项“{code}”，可用的检查项：{'、'.join(DEFAULT_LEVELS)}")
        if str(word).lower() not in LEVEL_WORDS:
            raise ValueError(f"检查项“{code}”的级别“{word}”无效，应当是 error、warning 或 off")
        levels[code] = LEVEL_WORDS[str(word).lower()]
    return levels


def apply_levels(findings: Iterable[Finding], levels: Mapping[str, Level | None] | None) -> list[Finding]:
    """Findings at their configured level; those switched off are dropped."""
    levels = DEFAULT_LEVELS if levels is None else levels
    out = []
    for f in findings:
        level = levels.get(f.code, f.level)
        if level is not None:
            out.append(Finding(f.path, f.line, f.field, f.code, f.message, f.fix, level))
    return out


# ---------------------------------------------------------------- freshness

DEFAULT_DAYS_BY_KIND: dict[str, int | None] = {"news": 14, "periodical": 14, "notices": 180, "letters": None,
                                               "interviews": None, "surveys": None}
"""动态、要闻类栏目 2 周、通知公告和政策文件类 6 个月; a letters column is judged by its replies instead, interviews
and surveys by their reviews and results (checks/inspection.py)."""

HOME_DAYS = 14


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone(SHANGHAI).date() if value.tzinfo else value.date()
    return value


def check_freshness(
    columns: Mapping[str, Column], latest_dates: Mapping[str, dt.date | dt.datetime | None], today: dt.date,
    thresholds: Mapping[str, int | None] | None = None, levels: Mapping[str, Level | None] | None = None,
    home_days: int = HOME_DAYS, columns_dir: str = "columns", home_path: str = "content",
) -> list[Finding]:
    """Columns not updated in time, blank columns and a stale home page.

    `latest_dates` maps a column id to the date of its newest published article (absent or None:
    none). `thresholds` maps a column id to its own limit in days (None: not checked), over
    `DEFAULT_DAYS_BY_KIND`. A column with `archived: true` is not checked for updates.
    """
    today = _as_date(today)
    thresholds = thresholds or {}
    findings = []
    for column in columns.values():
        path = f"{columns_dir}/{column.id}.yml"
        latest = latest_dates.get(column.id)
        if latest is None:
            findings.append(Finding(path, None, None, "blank-column", f"栏目“{column.title}”没有任何已发布的文章（空白栏目）",
                                    f"发布文章，或删除 {path}；政府网站不得有空白栏目"))
            continue
        limit = thresholds.get(column.id, DEFAULT_DAYS_BY_KIND.get(column.kind))
        if column.archived or limit is None:
            continue
        age = (today - _as_date(latest)).days
        if age > limit:
            findings.append(Finding(path, None, None, "stale-column",
                                    f"栏目“{column.title}”已 {age} 天没有更新（最新文章 {iso_date(_as_date(latest))}，"
                                    f"要求 {limit} 天内更新）",
                                    f"发布新文章；专题已结束的栏目在 {path} 里写 archived: true"))
    dated = [_as_date(d) for d in latest_dates.values() if d is not None]
    if not dated:
        findings.append(Finding(home_path, None, None, "blank-home", "网站没有任何已发布的文章，首页是空的",
                                "发布文章后再上线"))
    elif (today - max(dated)).days > home_days:
        age = (today - max(dated)).days
        findings.append(Finding(home_path, None, None, "stale-home",
                                f"网站首页已 {age} 天没有新文章（最新 {iso_date(max(dated))}，要求 {home_days} 天内更新）",
                                "发布新文章"))
    return apply_levels(findings, levels)


# ---------------------------------------------------------------- identification

IDENTIFICATION = {
    "sponsor": ("主办单位", "sponsor: 清远市卫生局", None),
    "site_code": ("网站标识码", "site_code: \"4418000001\"（10 位数字，见政府网站信息报送系统）", re.compile(r"^\d{10}$")),
    "icp": ("ICP 备案号", "icp: 粤ICP备12345678号（页脚链接到 https://beian.miit.gov.cn/）",
            re.compile(r"^[\u4e00-\u9fff]ICP备\d{6,}号(?:-\d+)?$")),
    "police_record": ("公安机关备案号", "police_record: 粤公网安备 44180202000123号",
                      re.compile(r"^[\u4e00-\u9fff]公网安备\s?\d{14}号$")),
    "gov_site_badge": ("党政机关网站标识", "gov_site_badge: assets/dzjg.png（党政机关网站标识图片，放在 content/ 里）",
                       re.compile(r"^\S+\.(?:png|jpe?g|gif|svg)$", re.IGNORECASE)),
}

ICP_URL = "https://beian.miit.gov.cn/"


def check_identification(
    extra: Mapping[str, Any] | None, levels: Mapping[str, Level | None] | None = None, config_path: str = "mkdocs.yml",
) -> list[Finding]:
    """An error for each footer field missing from `extra.bureau` of mkdocs.yml, a warning for a malformed one."""
    bureau = (extra or {}).get("bureau")
    if not isinstance(bureau, Mapping):
        bureau = {}
    findings = []
    for key, (label, example, pattern) in IDENTIFICATION.items():
        value = bureau.get(key)
        text = str(value).strip() if value is not None else ""
        if not text:
            findings.append(Finding(config_path, None, f"extra.bureau.{key}", "missing-identification",
                                    f"网站页脚缺少{label}（政府网站必须在页脚标明）",
                                    f"在 {config_path} 的 extra: bureau: 下加一行 {example}"))
        elif pattern is not None and not pattern.match(text):
            findings.append(Finding(config_path, None, f"extra.bureau.{key}", "invalid-identification",
                                    f"{label}“{text}”的格式不对", f"写法：{example}"))
    return apply_levels(findings, levels)


# ---------------------------------------------------------------- article text


def article_lines(article: Article, with_title: bool = True) -> Iterator[tuple[int | None, str | None, str]]:
    """(line, field, text) of the title, the summary and each body line, in reading order; the field is
    the key as the editor wrote it (标题 or title), None for a line of the body."""
    if with_title:
        yield *article.where("title"), article.title
        if article.summary:
            yield *article.where("summary"), article.summary
    for offset, text in enumerate(article.text.split("\n")):
        yield article.body_line + offset, None, text


def _shown(paths: Mapping[str, str] | None, article: Article) -> str:
    return paths.get(article.src_uri, article.src_uri) if paths is not None else article.src_uri


# ---------------------------------------------------------------- leaders

COMMON_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂"
    "章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解"
    "牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎"
    "甄丛仲虞敖巩明佘池查麻苑迟邝")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "夏侯", "令狐", "端木")
NOT_IN_NAMES = set("的了在是者们这那个有与及对等着过把被让给从到就都也说")
AFTER_NAME = ("指出", "表示", "强调", "要求", "说", "讲话", "主持", "出席", "参加", "带队", "一行", "同志", "等", "和",
              "与", "及", "在", "对", "向", "为", "到", "率", "亲自", "作", "就", "分别", "先生", "女士", "的", "也",
              "还", "称", "介绍", "一同", "陪同", "指示", "批示", "部署", "听取", "看望", "慰问", "致辞", "宣布",
              "调研", "视察", "检查", "考察", "会见", "接见", "深入", "带领", "走访", "莅临", "召开", "签发", "答复",
              "回复", "接受", "做客")
ORG_ENDINGS = set("局院所站委办厅部会司处科队室中")
FORMER = set("副原前代老")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _is_cjk(char: str) -> bool:
    return bool(_CJK.match(char))


def _name_after(text: str, start: int) -> str | None:
    """A 2–3 character personal name starting at `start` and followed by a word boundary, or None."""
    for length in (3, 2, 4):
        candidate = text[start:start + length]
        if len(candidate) < length or not all(_is_cjk(c) for c in candidate):
            continue
        if length == 4 and candidate[:2] not in COMPOUND_SURNAMES:
            continue
        if candidate[0] not in COMMON_SURNAMES and candidate[:2] not in COMPOUND_SURNAMES:
            continue
        if any(c in NOT_IN_NAMES for c in candidate[1:]):
            continue
        rest = text[start + length:]
        if not rest or not _is_cjk(rest[0]) or rest.startswith(AFTER_NAME):
            return candidate
    return None


def _cjk_run_before(text: str, end: int) -> str:
    start = end
    while start > 0 and _is_cjk(text[start - 1]):
        start -= 1
    return text[start:end]


def _is_ours(before: str, organisations: tuple[str, ...]) -> bool:
    """Whether the title belongs to this bureau: no organisation before it, or one of ours."""
    if not before or before[-1] not in ORG_ENDINGS:
        return True
    for org in organisations:
        if before.endswith(org):
            prefix = before[: len(before) - len(org)]
            if len(org) > 1 or not prefix or prefix[-1] in "本我该全":
                return True
    return False


class TextFinder(PhraseFinder):
    """Every phrase the leader and wording checks look for, and the terms each wrong wording is of (their
    places in the list of terms): an article is judged by the terms whose wrong wording it holds only."""

    def __init__(self, leaders: Leaders | None, terms: Iterable[Term]):
        phrases = [title for leader in (leaders.leaders if leaders else ()) for title in leader.titles]
        self.terms_of: dict[str, list[int]] = {}
        for index, term in enumerate(terms):
            phrases += [term.wrong, *term.right, *term.ignore]
            self.terms_of.setdefault(term.wrong, []).append(index)
        super().__init__(phrases)


def text_finder(leaders: Leaders | None, terms: Iterable[Term]) -> TextFinder:
    """One finder for every phrase the leader and wording checks look for: built once per build."""
    return TextFinder(leaders, terms)


_Hit = tuple[int | None, str | None, str, dict[str, list[int]], bool]
"""A line with some of the phrases: (line, field, text, {phrase: starts}, whether it is the title or summary)."""


def _hits(article: Article, finder: PhraseFinder) -> list[_Hit]:
    """The article's lines (title and summary first) that hold any phrase, all read in one pass."""
    headings = 2 if article.summary else 1
    lines = list(article_lines(article))
    found = finder.in_lines([text for _, _, text in lines])
    return [(*lines[index], occurrences, index < headings) for index, occurrences in sorted(found.items())]


def check_text(
    articles: Iterable[Article], leaders: Leaders | None, terms: Iterable[Term], paths: Mapping[str, str] | None = None,
    levels: Mapping[str, Level | None] | None = None, finder: TextFinder | None = None,
) -> list[Finding]:
    """The leader findings of every article, then the wording findings of every article (one pass over
    each article's text for both; `finder` is `text_finder(leaders, terms)`, built here if not given)."""
    terms = list(terms)
    finder = finder or text_finder(leaders, terms)
    by_leaders: list[Finding] = []
    by_terms: list[Finding] = []
    for article in articles:
        of_leaders, of_terms = article_text_findings(article, leaders, terms, finder, paths)
        by_leaders += of_leaders
        by_terms += of_terms
    return apply_levels(by_leaders + by_terms, levels)


def article_text_findings(article: Article, leaders: Leaders | None, terms: list[Term], finder: TextFinder,
                          paths: Mapping[str, str] | None = None) -> tuple[list[Finding], list[Finding]]:
    """One article's leader findings and wording findings, at their default levels (`check_text` for one
    article: a build runs it in the process that renders the article's page)."""
    hits = _hits(article, finder)
    if not hits:
        return [], []
    return (_leader_findings(article, hits, leaders, paths) if leaders else []), \
        _term_findings(article, hits, terms, finder.terms_of, paths)


def check_leaders(
    articles: Iterable[Article], leaders: Leaders, paths: Mapping[str, str] | None = None,
    levels: Mapping[str, Level | None] | None = None,
) -> list[Finding]:
    """An error where a leader's title is immediately followed by a different 2–3 character name.

    Only titles of this bureau count: a title after another organisation's name (市公安局局长) or
    after 副 / 原 / 前 is not checked, and a leader counts only during their term.
    """
    return check_text(articles, leaders, (), paths, levels)


def _leader_findings(article: Article, hits: list[_Hit], leaders: Leaders,
                     paths: Mapping[str, str] | None) -> list[Finding]:
    day = article.date.astimezone(SHANGHAI).date()
    holders: dict[str, list[str]] = {}
    for leader in leaders.leaders:
        if leader.serves_on(day):
            for title in leader.titles:
                holders.setdefault(title, []).append(leader.name)
    if not holders:
        return []
    findings = []
    titles = sorted(holders, key=len, reverse=True)
    for line, field, text, occurrences, _ in hits:
        for title in titles:
            for start in occurrences.get(title, ()):
                end = start + len(title)
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
                findings.append(Finding(
                    _shown(paths, article), line, field, "leader-name",
                    f"“{title}{written}”：{title}是{'、'.join(names)}，不是{written}",
                    f"核对领导姓名和职务，写成“{title}{names[0]}”；如果{written}是其他单位的{title}，"
                    f"在职务前写明单位；领导名单在 data/leaders.yml"))
    return findings


# ---------------------------------------------------------------- terms


def check_terms(
    articles: Iterable[Article], terms: Iterable[Term], paths: Mapping[str, str] | None = None,
    levels: Mapping[str, Level | None] | None = None,
) -> list[Finding]:
    """A finding per wrong wording, with its line and the right term.

    An article is held to the terms in force on its day (`since` / `until`): an old name is wrong after
    its reform only, so the archive keeps the names of its time. A `first_mention` term is reported once per article, when the short form comes before the
    full form (the body is read in order; the title may use the short form).
    """
    return check_text(articles, None, terms, paths, levels)


def _spans(occurrences: dict[str, list[int]], phrases: Iterable[str]) -> list[range]:
    return [range(start, start + len(p)) for p in phrases for start in occurrences.get(p, ())]


def _term_findings(article: Article, hits: list[_Hit], terms: list[Term], terms_of: Mapping[str, list[int]],
                   paths: Mapping[str, str] | None) -> list[Finding]:
    """The wording findings of one article, by the terms in force on its day (Asia/Shanghai) whose wrong
    wording it holds (`terms_of`: `TextFinder.terms_of`), in the terms' order."""
    findings = []
    lines_with: dict[str, list[int]] = {}  # phrase: the indexes in `hits` of the lines holding it
    for index, hit in enumerate(hits):
        for phrase in hit[3]:
            lines_with.setdefault(phrase, []).append(index)
    day = article.date.astimezone(SHANGHAI).date()
    held = [terms[i] for i in sorted(i for phrase in lines_with for i in terms_of.get(phrase, ()))]
    wrongs = {term.wrong for term in held if term.in_force_on(day)}
    for term in held:
        if not term.in_force_on(day):
            continue
        # Inside a longer wrong wording in force (计生委 in 卫生计生委), it is that one's finding: its own fix
        # would make 卫生卫健委.
        longer = [w for w in wrongs if len(w) > len(term.wrong) and term.wrong in w]
        first_only = term.first_mention
        if first_only:
            indexes = sorted({i for p in (term.wrong, *term.right) for i in lines_with.get(p, ()) if not hits[i][4]})
        else:
            indexes = lines_with.get(term.wrong, [])
        for index in indexes:
            line, field, text, occurrences, _ = hits[index]
            # A right form or an ignored word around the wrong wording protects it; a right form inside it
            # (药品监督管理局 in 食品药品监督管理局) does not: the wrong wording would never be found.
            protected = [p for p in _spans(occurrences, term.right) if len(p) >= len(term.wrong)]
            protected += _spans(occurrences, term.ignore)
            inside = _spans(occurrences, longer)
            found = [start for start in occurrences.get(term.wrong, ())
                     if not any(start < p.stop and p.start < start + len(term.wrong) for p in protected)
                     and not any(p.start <= start and start + len(term.wrong) <= p.stop for p in inside)]
            if first_only:
                first_right = min((p.start for p in _spans(occurrences, term.right)), default=None)
                if found and (first_right is None or found[0] < first_right):
                    findings.append(_term_finding(article, paths, line, field, term, first=True))
                if found or first_right is not None:
                    break
                continue
            findings += [_term_finding(article, paths, line, field, term) for _ in found]
    return findings


def _term_finding(article: Article, paths, line: int | None, field: str | None, term: Term,
                  first: bool = False) -> Finding:
    right = "或".join(f"“{r}”" for r in term.right)
    when = f"（适用于{term.period}发布的文章）" if term.dated else ""
    if first:
        message = f"“{term.wrong}”第一次出现时应当写全称{right}{when}"
        fix = f"第一次出现时写成{right}（{term.wrong}），之后可以用简称"
    else:
        message = f"“{term.wrong}”不是规范用语，应当写{right}{when}"
        fix = f"改成{right}"
    if term.note:
        fix += f"（{term.note}）"
    return Finding(_shown(paths, article), line, field, "term", message, fix, Level.WARNING)
