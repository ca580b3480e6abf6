"""The healthpress plugin's options in mkdocs.yml, as MkDocs' typed config schema."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c

from healthpress.model.dates import DateFormatError, beyond_a_year, chinese_date, parse_date
from healthpress.model.findings import Finding, Level
from healthpress.search.shards import DEFAULT_MAX_SHARD_PAGES


class HealthpressConfig(base.Config):
    columns_dir = c.Type(str, default="columns")
    data_dir = c.Type(str, default="data")
    page_size = c.Type(int, default=20)
    catalogue_page_size = c.Type(int, default=50)
    """Documents on one page of the 政府信息公开目录 (render/disclosure_views.py)."""
    feed_items = c.Type(int, default=20)
    max_file_kb = c.Type(int, default=1024)
    max_line_chars = c.Type(int, default=20_000)
    max_depth = c.Type(int, default=20)
    max_inline_marks = c.Type(int, default=256)
    iframe_hosts = c.ListOfItems(c.Type(str), default=[])
    search_index = c.Type(bool, default=True)
    search_shard_pages = c.Type(int, default=DEFAULT_MAX_SHARD_PAGES)
    """Most articles in one Pagefind run (its memory grows ~0.6 MiB an article)."""
    pagefind_binary = c.Optional(c.Type(str))
    """The Pagefind program to index with (search/pagefindbinary.py); unset: healthpress looks for a 1.6."""
    compliance = c.Type(dict, default={})
    letters_warn_days = c.Type(int, default=60)
    backdate_tolerance_days = c.Type(int, default=3)
    """Days an article may be dated before its file's first commit (checks/backdating.py, `check --compliance`)."""
    backdate_since = c.Optional(c.Type(object))
    """A day (2026-12-01): files first committed before it are the older articles the site brought in when it
    moved to healthpress, not judged for backdating; read by `day_options` into a date."""
    mourning_scope = c.Choice(("home", "all"), default="home")
    """The pages a national mourning day (data/mourning.yml) turns grey: the home page, or every page."""
    mailbox_endpoint = c.Optional(c.Type(str))
    share_image = c.Optional(c.Type(str))
    """The image a shared link's card shows for pages without a cover (site-relative); else the logo, else the favicon."""
    print_edition = c.Type(bool, default=True)
    """An A4 PDF of every issue of the periodicals, linked from its page (build/printeditions.py)."""
    external_allowlist = c.ListOfItems(c.Type(str), default=[])
    workers = c.Type(int, default=0)
    """Processes rendering pages: 0 = one per core, 1 = this process only."""
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/healthpress")
    progress = c.Choice(("auto", "always", "never"), default="auto")
    timings = c.Optional(c.Type(str))
    """A JSON file to write each phase's seconds into after the build (`healthpress build --timings`)."""
    lock_timeout = c.Type((int, float), default=1800)
    """Seconds a build waits for another build of the same output or cache to end (build/lock.py); 0 = not at all."""


OPTION_RANGES: dict[str, tuple[float, float, str]] = {
    "page_size": (1, 200, "列表每页的条数"),
    "catalogue_page_size": (1, 500, "政府信息公开目录每页的文件数"),
    "feed_items": (1, 1000, "订阅源里的文章数"),
    "max_file_kb": (1, 1024 * 1024, "一篇文章最大的千字节数"),
    "max_line_chars": (100, 10_000_000, "一行最多的字数"),
    "max_depth": (1, 1000, "列表、引用最多嵌套的层数"),
    "max_inline_marks": (1, 100_000, "一段里最多的强调、链接等标记数"),
    "search_shard_pages": (1, 1_000_000, "一次交给 Pagefind 的最多文章数"),
    "letters_warn_days": (1, 3650, "来信多少天未答复时提醒"),
    "backdate_tolerance_days": (0, 3650, "文章日期最多可以比第一次提交早的天数"),
    "workers": (0, 1024, "生成页面的进程数（0 为每个处理器核一个）"),
    "lock_timeout": (0, 7 * 24 * 3600, "等待另一次生成的最多秒数"),
}
"""The numeric options' allowed ranges (inclusive) and what each counts, as the editor reads it."""


def out_of_range_options(options: HealthpressConfig) -> list[Finding]:
    """An error for every numeric option outside its range; the option is set back to its default, so that
    the build goes on to find every other problem (it stops on the errors at its end)."""
    findings = []
    for name, (low, high, meaning) in OPTION_RANGES.items():
        value = options.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not low <= value <= high:
            findings.append(Finding(
                "mkdocs.yml", None, name, "option-out-of-range",
                f"healthpress 的设置 {name}（{meaning}）写的是 {value:g}，超出了允许的范围",
                f"写 {low:g} 到 {high:g} 之间的数，或删除这一行用默认值 {_default(name):g}"))
            options[name] = _default(name)
    return findings


DAY_OPTIONS = {"backdate_since": "从这一天起第一次提交的文章才核对是否倒签发布日期"}
"""The options that are one day, and what each means, as the editor reads it."""


def day_options(options: HealthpressConfig, today: dt.date) -> list[Finding]:
    """Each day option (DAY_OPTIONS) as a date; an error for one that is not a day, which is then unset (the
    build goes on to find every other problem and stops on the errors at its end); a warning for a day
    more than a year after `today` (the build's day), most likely a mistyped year, which is kept."""
    findings = []
    for name, meaning in DAY_OPTIONS.items():
        value = options.get(name)
        if value is None:
            continue
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            try:
                options[name] = parse_date(value).date()
            except DateFormatError as exc:
                findings.append(Finding("mkdocs.yml", None, name, "option-not-a-day",
                                        f"healthpress 的设置 {name}（{meaning}）：{exc}",
                                        f"写成 {name}: 2026-12-01，或删除这一行"))
                options[name] = None
                continue
        if beyond_a_year(options[name], today):
            findings.append(Finding(
                "mkdocs.yml", None, name, "option-far-future",
                f"healthpress 的设置 {name}（{meaning}）写的是 {chinese_date(options[name])}，比今天"
                f"（{chinese_date(today)}）晚一年以上，多半是年份写错了",
                f"检查年份（如把 2026 写成了 2062），改成要写的那一天，如 {name}: {today.year}-{today.month:02d}-01",
                Level.WARNING))
    return findings


def _default(name: str):
    return dict(HealthpressConfig._schema)[name].default
