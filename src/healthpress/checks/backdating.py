"""Backdated release dates (倒签发布日期): an article dated days before its file first entered the site's git
repository, the inspection's fault of a falsified release date; and a site whose history cannot tell.

`healthpress check --compliance` only (build/project.py): the history is read once for the whole content
folder (storage/githistory.py). A file not committed yet entered the repository today (the check's day).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Mapping

from healthpress.model.articles import Article
from healthpress.model.dates import SHANGHAI, iso_date
from healthpress.model.findings import Finding, Level
from healthpress.storage.githistory import FolderHistory

DEFAULT_TOLERANCE_DAYS = 3
"""Days an article may be dated before its first commit: one prepared ahead and committed a little late."""

FULL_HISTORY_FIX = ("在完整的 git 仓库里运行检查：浅克隆先运行 git fetch --unshallow；GitHub Actions 的 "
                    "actions/checkout 写 with: fetch-depth: 0，GitLab CI 设变量 GIT_DEPTH: 0（见 ci-templates/README.md）")


def backdated_findings(articles: Iterable[Article], history: FolderHistory, paths: Mapping[str, str],
                       today: dt.date, tolerance_days: int = DEFAULT_TOLERANCE_DAYS, since: dt.date | None = None,
                       folder: str = "content") -> list[Finding]:
    """An error for every article whose date lies more than `tolerance_days` before the day its file was
    first committed (a file not committed yet, or committed "after today" by a clock running ahead: `today`), unless that day is before `since` (the site's older
    articles, brought in at once when it moved to healthpress); when the history cannot be read, one warning
    on `folder` (the content folder as findings name it) saying why instead, never a silent pass; so too when
    no file of the folder is committed (a folder of another repository, or a repository without a commit). `paths`
    maps an article's src_uri to the path findings name."""
    if history.state != "read":
        return [history_finding(history, folder)]
    articles = list(articles)
    if articles and not history.first_added:  # a folder of another repository, or one without a commit yet
        return [Finding(folder, None, None, "release-history-missing",
                        "网站目录里的文件都还没有提交进 git 仓库，无法核对文章的发布日期是否倒签（检查没有做）",
                        "把网站的文件提交进网站自己的 git 仓库（git add、git commit）再检查；网站目录在别的仓库里"
                        "（如整个用户目录的仓库）时，先在网站目录运行 git init 建网站自己的仓库", Level.WARNING)]
    findings = []
    for article in articles:
        when = history.first_added.get(article.src_uri)
        committed = dt.datetime.fromtimestamp(when, SHANGHAI).date() if when is not None else None
        entered = today if committed is None or committed > today else committed  # a clock ahead: today
        dated = article.date.astimezone(SHANGHAI).date()
        days = (entered - dated).days
        if days <= tolerance_days or (since is not None and entered < since):
            continue
        line, key = article.where("date")
        field = key or "date"
        if committed is None:
            entered_how = f"今天 {iso_date(today)}（文件还没有提交进仓库）"
        elif committed > today:
            entered_how = (f"今天 {iso_date(today)}（文件第一次提交的日期 {iso_date(committed)} 在今天之后，"
                           "提交时电脑的时钟不对，按今天算）")
        else:
            entered_how = f"文件第一次提交进仓库的日期 {iso_date(entered)}"
        findings.append(Finding(
            paths.get(article.src_uri, article.src_uri), line, field, "backdated-release",
            f"发布日期 {iso_date(dated)} 比{entered_how}早 {days} 天（允许 {tolerance_days} 天），"
            "检查时视为倒签发布日期",
            f"把 {field} 改成实际发布的日期 {iso_date(entered)}；确是提前写好、晚些才提交的稿件，"
            "可在 mkdocs.yml 的 healthpress 设置里调大 backdate_tolerance_days；从旧网站迁入的旧稿不要改日期，"
            f"在 healthpress 设置里写迁入之后的一天（如 backdate_since: {iso_date(entered + dt.timedelta(days=1))}），"
            "此前提交的文件不再核对"))
    return findings


def history_finding(history: FolderHistory, where: str) -> Finding:
    """The warning, on the content folder `where`, for a site whose git history cannot show when its
    articles were first committed."""
    if history.state == "not-checkout":
        return Finding(where, None, None, "release-history-missing",
                       "网站目录不是 git 仓库，无法核对文章的发布日期是否倒签（检查没有做）",
                       "在网站的 git 仓库里运行 healthpress check --compliance（git clone 整个仓库，不要只复制文件）",
                       Level.WARNING)
    if history.state == "shallow":
        return Finding(where, None, None, "release-history-missing",
                       "这是浅克隆（只取了最近的提交），无法知道文章第一次提交的日期，没有核对发布日期是否倒签",
                       FULL_HISTORY_FIX, Level.WARNING)
    if history.state == "partial":
        return Finding(where, None, None, "release-history-missing",
                       "这是部分克隆（git clone --filter，缺少旧版本的文件内容），无法跟踪改过名的文章，没有核对发布日期是否倒签",
                       "重新完整克隆网站仓库（git clone 不加 --filter；GitHub Actions 的 actions/checkout 不写 filter，"
                       "写 fetch-depth: 0），再运行 healthpress check --compliance", Level.WARNING)
    if history.state == "no-git":
        return Finding(where, None, None, "release-history-missing",
                       "没有安装 git，无法核对文章的发布日期是否倒签（检查没有做）",
                       "安装 git（Debian/Ubuntu：apt-get install git），再运行 healthpress check --compliance",
                       Level.WARNING)
    return Finding(where, None, None, "release-history-missing",
                   f"git 无法读取仓库的历史（{history.detail}），没有核对文章的发布日期是否倒签",
                   "按 git 的提示处理（如 dubious ownership：git config --global --add safe.directory 网站目录），"
                   "再运行 healthpress check --compliance", Level.WARNING)

