"""What healthpress sets in MkDocs' configuration before a build: its templates, stylesheet, Chinese
anchors, its own link checks and the nav; and the settings it cannot build without."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from pymdownx.slugs import slugify

from healthpress.engine import internals
from healthpress.model.findings import Finding, Level

TEMPLATES_DIR = Path(__file__).parents[1] / "templates"
STYLESHEET = "assets/healthpress/healthpress.css"
"""Copied from TEMPLATES_DIR like any theme's static file."""


def require_settings(config: MkDocsConfig, cache_dir: Path) -> None:
    """Stop with the fix when mkdocs.yml lacks what healthpress needs or puts its cache where it is published."""
    if not config.use_directory_urls:
        raise PluginError("healthpress 需要目录式网址：请在 mkdocs.yml 里删除 use_directory_urls: false")
    if not config.site_url:
        raise PluginError("mkdocs.yml 缺少 site_url（网站的正式地址）：订阅源、站点地图和二维码都要用完整网址。"
                          "请在 mkdocs.yml 写一行 site_url: https://www.example.gov.cn/（换成本站地址）")
    resolved = cache_dir.resolve()
    for folder, name in ((config.docs_dir, "docs_dir"), (config.site_dir, "site_dir")):
        if resolved.is_relative_to(Path(folder).resolve()):
            raise PluginError(f"healthpress 的 cache_dir（{cache_dir}）不能放在 {name}（{folder}）里面："
                              "请删除这一设置，使用默认的 .cache/healthpress")


FLOATING_FEATURES = {"navigation.top": "返回顶部的浮动按钮"}
"""material's features that float a window over the page, which the 适老化 rules forbid: what each shows."""


def floating_windows(config: MkDocsConfig) -> list[Finding]:
    """A warning for each material setting in mkdocs.yml that would float a window over the pages; the
    features are taken out (material's consent dialog is hidden by healthpress.css)."""
    findings = []
    features = config.theme.get("features") or []
    for index, feature in enumerate(features):
        if feature in FLOATING_FEATURES:
            findings.append(Finding(
                "mkdocs.yml", None, f"theme.features[{index}]", "floating-window",
                f"{feature}（{FLOATING_FEATURES[feature]}）是浮在正文上的窗口，适老化规范不允许，网站上不显示它",
                "删除这一行；读者用键盘的 Home 键或页面顶部的导航回到开头", Level.WARNING))
    if findings:
        config.theme["features"] = [f for f in features if f not in FLOATING_FEATURES]
    if (config.extra or {}).get("consent"):
        findings.append(Finding(
            "mkdocs.yml", None, "extra.consent", "floating-window",
            "Cookie 同意窗口是弹窗，适老化规范不允许，网站上不显示它（要等读者同意的统计代码因此不会运行）",
            "删除 extra.consent；统计代码请用不需要 Cookie 同意的方式", Level.WARNING))
    return findings


def configure_engine(config: MkDocsConfig) -> None:
    """Our templates between the site's theme/ and material; Chinese anchors; our own link checks."""
    custom_dir = config.theme.custom_dir
    config.theme.dirs.insert(1 if custom_dir else 0, str(TEMPLATES_DIR))
    config.extra_css.insert(0, STYLESHEET)
    toc = config.mdx_configs.setdefault("toc", {})
    toc.setdefault("slugify", slugify(case="lower"))  # anchors in Chinese: [见上文](#活动宗旨)
    for check in ("not_found", "anchors", "unrecognized_links"):
        setattr(config.validation.links, check, logging.INFO)  # healthpress reports these itself
    internals.absolute_links_from_docs(config)  # `/press/a.md` is content/press/a.md, as MkDocs can read it


def site_nav(columns) -> list:
    """The nav holds the home page, the columns and the archive, never the articles."""
    return ([{"首页": "index.md"}] + [{col.title: f"{col.id}/index.md"} for col in columns.values()]
            + [{"归档": "archive/index.md"}])


def nav_targets(entry) -> list[str]:
    """Every file a nav entry (or the whole nav) points to."""
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):
        return [t for value in entry.values() for t in nav_targets(value)]
    if isinstance(entry, list):
        return [t for value in entry for t in nav_targets(value)]
    return []
