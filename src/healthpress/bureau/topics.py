"""Special topics (专题) from `data/topics.yml`: an introduction and the articles carrying its tags."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pydantic import Field

from healthpress.model.articles import Article
from healthpress.model.datafile import DataDocument, expect_list, load_data_file, validate_entries
from healthpress.model.findings import Finding
from healthpress.model.plaintext import NonEmptyText, Paragraph, PlainText
from healthpress.model.slugs import is_valid_slug
from healthpress.model.strict import StrictModel

TOPIC_HELP = {
    "slug": "slug: min-sheng-bao-zhang（网址里的名字，只用小写字母、数字和连字符）",
    "title": "title: 民生保障工程",
    "intro": "intro: 一段介绍（专题页顶部显示）",
    "tags": "tags: [民生保障]（带这些标签的文章汇集到专题页）",
    "group": "group: 平安清远（同一组的专题在专题列表里排在一起）",
}


class TopicEntry(StrictModel):
    slug: NonEmptyText
    title: NonEmptyText
    intro: Paragraph = ""
    tags: list[NonEmptyText] = Field(min_length=1)
    group: PlainText = ""


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    title: str
    intro: str
    tags: tuple[str, ...]
    group: str

    @property
    def url(self) -> str:
        return f"topics/{self.slug}/"

    def articles(self, articles: Iterable[Article]) -> tuple[Article, ...]:
        """The articles with one of the topic's tags, in the given (newest-first) order."""
        tags = set(self.tags)
        return tuple(a for a in articles if tags.intersection(a.tags))


def read_topics(doc: DataDocument) -> tuple[list[Topic], list[Finding]]:
    entries, findings = expect_list(doc, doc.data, (), "专题", "- slug: min-sheng-bao-zhang\n  title: 民生保障工程")
    valid, found = validate_entries(doc, entries, TopicEntry, (), TOPIC_HELP, lambda n: f"第 {n} 个专题")
    findings += found
    topics: list[Topic] = []
    seen: set[str] = set()
    for item in valid:
        entry = item.value
        line = doc.key_lines(*item.key).get("slug")
        if not is_valid_slug(entry.slug) or entry.slug == "health-days" or entry.slug in seen:
            findings.append(Finding(doc.path, line, "slug", "topic-slug",
                                    f"专题“{entry.title}”的别名“{entry.slug}”不能用（格式不对、重复，或是保留的 health-days）",
                                    "写法：" + TOPIC_HELP["slug"]))
            continue
        seen.add(entry.slug)
        topics.append(Topic(entry.slug, entry.title, entry.intro, tuple(entry.tags), entry.group))
    return topics, findings


def load_topics(path: Path, display: str = "data/topics.yml") -> tuple[list[Topic], list[Finding]]:
    doc, findings = load_data_file(path, display)
    if doc is None:
        return [], findings
    return read_topics(doc)
