"""All published articles, sorted newest first and indexed by column, tag and source (pure)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from healthpress.model.articles import Article
from healthpress.model.columns import Column
from healthpress.model.findings import Finding
from healthpress.model.slugs import slugify


def newest_first(article: Article) -> tuple:
    """Sort key: newest date first; ties broken by source path so order never depends on disk."""
    return (-article.date.timestamp(), article.src_uri)


def pinned_then_newest(article: Article) -> tuple:
    """Sort key of a column index: pinned items first, then newest first."""
    return (not article.pinned, *newest_first(article))


@dataclass(frozen=True)
class Catalog:
    """The published articles and the indexes every listing is built from."""

    articles: tuple[Article, ...]
    by_column: dict[str, tuple[Article, ...]]
    by_tag: dict[str, tuple[Article, ...]]
    tag_slugs: dict[str, str]
    by_src: dict[str, Article] = field(repr=False)
    _position: dict[str, int] = field(repr=False)

    def column_neighbours(self, article: Article) -> tuple[Article | None, Article | None]:
        """(newer, older) article in the same column, by date."""
        siblings = self.by_column[article.column]
        index = self._position[article.src_uri]
        newer = siblings[index - 1] if index > 0 else None
        older = siblings[index + 1] if index + 1 < len(siblings) else None
        return newer, older


def build_catalog(
    articles: list[Article], columns: dict[str, Column], paths: dict[str, str]
) -> tuple[Catalog, list[Finding]]:
    """Index `articles`; unknown columns and URL clashes are findings (`paths` names each file). An article
    of a column whose file is broken (`Columns.broken`) is left out without a finding of its own."""
    known = [a for a in articles if a.column in columns]
    findings = unknown_column_findings(articles, columns, paths)
    findings += url_clashes(known, paths)
    ordered = tuple(sorted(known, key=newest_first))
    by_column: dict[str, list[Article]] = {column_id: [] for column_id in columns}
    by_tag: dict[str, list[Article]] = defaultdict(list)
    for article in ordered:
        by_column[article.column].append(article)
        for tag in article.tags:
            by_tag[tag].append(article)
    position = {a.src_uri: i for siblings in by_column.values() for i, a in enumerate(siblings)}
    return Catalog(
        articles=ordered,
        by_column={k: tuple(v) for k, v in by_column.items()},
        by_tag={k: tuple(v) for k, v in sorted(by_tag.items(), key=lambda kv: (-len(kv[1]), kv[0]))},
        tag_slugs=build_tag_slugs(by_tag),
        by_src={a.src_uri: a for a in ordered},
        _position=position,
    ), findings


def unknown_column_findings(articles: list[Article], columns: dict[str, Column],
                            paths: dict[str, str]) -> list[Finding]:
    """An error for each article that names a column that is none of `columns`, and one for each folder of
    articles that is not a column (on its first article, counting the others), unless its column file is
    only broken."""
    findings = []
    broken = getattr(columns, "broken", frozenset())
    known = "可用的栏目：" + "、".join(f"{c.id}（{c.title}）" for c in columns.values())
    folders: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        if article.column in columns or article.column in broken:
            continue
        line, key = article.where("column")
        if key is None:  # the column is the folder's name: one finding for the folder
            folders[article.column].append(article)
            continue
        findings.append(Finding(paths[article.src_uri], line, key, "unknown-column",
                                f"没有编号为“{article.column}”的栏目",
                                known + "；要新增栏目，请在 columns/ 里新建同名 .yml 文件"))
    for folder, in_it in folders.items():
        first = min(in_it, key=lambda a: paths[a.src_uri])
        others = f"（这个目录里的 {len(in_it)} 篇文章都因此没有生成）" if len(in_it) > 1 else ""
        findings.append(Finding(paths[first.src_uri], None, None, "unknown-column",
                                f"文章所在的目录“{folder}”不是栏目{others}",
                                known + f"；要新增栏目，请在 columns/ 里新建 {folder}.yml，或把文章移到已有栏目的目录"))
    return findings


def url_clashes(articles: list[Article], paths: dict[str, str]) -> list[Finding]:
    """One error for each article that takes the address of an older one (the oldest was there first and
    keeps it): at the line of its slug (or title), naming the others at theirs."""
    owners: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        owners[article.url.lower()].append(article)
    findings = []
    for url, clash in sorted((url, clash) for url, clash in owners.items() if len(clash) > 1):
        clash = sorted(clash, key=lambda a: (a.date, paths[a.src_uri]))
        for article in clash[1:]:
            line, key = _url_written(article)
            names = "、".join(_shown_at(paths[a.src_uri], _url_written(a)[0]) for a in clash if a is not article)
            findings.append(Finding(
                paths[article.src_uri], line, key, "duplicate-url", f"与 {names} 的网址 /{url} 相同",
                "给本文在文件头写不同的别名，如 slug: yizhen-huodong-2，或改文件名"))
    return findings


def _url_written(article: Article) -> tuple[int | None, str | None]:
    """(line, key) of what makes an article's address: its slug as written, else (the file name) its title's line."""
    line, key = article.where("slug")
    return (line, key) if line is not None else (article.where("title")[0], None)


def _shown_at(path: str, line: int | None) -> str:
    return path if line is None else f"{path}:{line}"


def build_tag_slugs(by_tag: dict[str, list[Article]]) -> dict[str, str]:
    """An ASCII slug per tag; tags whose pinyin collides get -2, -3 ... in sorted order."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for tag in sorted(by_tag):
        base = slugify(tag) or "tag"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[tag] = slug
    return slugs
