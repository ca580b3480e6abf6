"""Every feed the example site writes, checked as the W3C Feed Validator checks it: each Atom feed against
RFC 4287's own schema (tests/schemas/atom.rng with the Schematron rules it carries), each RSS feed
against RSS 2.0, and both against the validator's main content rules: ids, dates, the self and
alternate links, an author for every entry."""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import pytest
import yaml
from helpers import article
from lxml import etree, isoschematron

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
NS = {"atom": ATOM, "dc": DC}
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
ASCC = "http://www.ascc.net/xml/schematron"  # the Schematron 1.5 that RFC 4287's schema embeds
ISO = "http://purl.oclc.org/dsdl/schematron"
SVRL = "http://purl.oclc.org/dsdl/svrl"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
RFC822 = re.compile(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                    r"\d{4} \d\d:\d\d:\d\d [+-]\d{4}")


def schematron_of(relax_ng: etree._ElementTree) -> etree._Element:
    """The Schematron rules that RFC 4287's RELAX NG schema carries as annotations, one pattern each, in
    ISO Schematron (which lxml runs)."""
    schema = etree.Element(f"{{{ISO}}}schema", nsmap={"sch": ISO})
    etree.SubElement(schema, f"{{{ISO}}}ns", prefix="atom", uri=ATOM)
    for rule in relax_ng.iter(f"{{{ASCC}}}rule"):
        iso_rule = etree.SubElement(etree.SubElement(schema, f"{{{ISO}}}pattern"), f"{{{ISO}}}rule",
                                    context=rule.get("context"))
        for check in rule.iter(f"{{{ASCC}}}assert"):
            etree.SubElement(iso_rule, f"{{{ISO}}}assert", test=check.get("test")).text = check.text
    return schema


@pytest.fixture(scope="module")
def rfc4287() -> Callable[[etree._ElementTree], list[str]]:
    """check(document) -> what RFC 4287's schema, grammar and rules, finds wrong in an Atom document."""
    relax_ng_doc = etree.parse(str(SCHEMAS / "atom.rng"))
    relax_ng = etree.RelaxNG(relax_ng_doc)
    rules = schematron_of(relax_ng_doc)
    assert len(rules.findall(f"{{{ISO}}}pattern")) == 3, "RFC 4287's schema carries 3 Schematron rules"
    schematron = isoschematron.Schematron(rules, store_report=True)

    def check(document: etree._ElementTree) -> list[str]:
        problems = [] if relax_ng.validate(document) else [f"line {e.line}: {e.message}" for e in relax_ng.error_log]
        if not schematron.validate(document):
            for failed in schematron.validation_report.iter(f"{{{SVRL}}}failed-assert"):
                where = document.xpath(failed.get("location"))
                problems.append(f"line {where[0].sourceline if where else '?'}: {failed.findtext(f'{{{SVRL}}}text').strip()}")
        return problems

    return check


@pytest.fixture(scope="module")
def example_feeds(example_site, repo_root) -> dict[str, tuple[str, etree._ElementTree]]:
    """Every feed of the built example site: its path -> (the URL it is published at, its document)."""
    site_url = yaml.safe_load((repo_root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    paths = sorted(p for p in example_site.site_dir.rglob("*.xml") if p.name in ("atom.xml", "feed.xml"))
    assert len(paths) >= 16, f"the example site's site, column and RSS/Atom feeds: {paths}"
    return {p.relative_to(example_site.site_dir).as_posix(): (site_url + p.relative_to(example_site.site_dir).as_posix(),
                                                              etree.parse(str(p))) for p in paths}


def is_absolute_url(value: str | None) -> bool:
    split = urlsplit(value or "")
    return split.scheme in ("http", "https") and bool(split.netloc)


def atom_content_problems(feed: etree._Element, own_url: str) -> list[str]:
    """The W3C Feed Validator's main rules for an Atom feed beyond the schema."""
    problems = []
    self_links = feed.xpath("atom:link[@rel='self']/@href", namespaces=NS)
    if self_links != [own_url]:
        problems.append(f"the self link is {self_links}, not [{own_url!r}]")
    if not [h for h in feed.xpath("atom:link[@rel='alternate' or not(@rel)]/@href", namespaces=NS) if is_absolute_url(h)]:
        problems.append("no absolute alternate link")
    if not is_absolute_url(feed.findtext("atom:id", namespaces=NS)):
        problems.append("the feed's id is not an absolute URL")
    feed_author = (feed.findtext("atom:author/atom:name", namespaces=NS) or "").strip()
    ids = []
    for number, entry in enumerate(feed.findall("atom:entry", NS), 1):
        where = f"entry {number} ({entry.findtext('atom:title', namespaces=NS)})"
        ids.append(entry.findtext("atom:id", namespaces=NS))
        if not is_absolute_url(ids[-1]):
            problems.append(f"{where}: id {ids[-1]!r} is not an absolute URL")
        if not (entry.findtext("atom:author/atom:name", namespaces=NS) or feed_author).strip():
            problems.append(f"{where}: Missing entry element: author")
        if not [h for h in entry.xpath("atom:link[@rel='alternate' or not(@rel)]/@href", namespaces=NS) if is_absolute_url(h)]:
            problems.append(f"{where}: no absolute alternate link")
    for date in feed.xpath("//atom:updated | //atom:published", namespaces=NS):
        if not RFC3339.fullmatch(date.text or ""):
            problems.append(f"line {date.sourceline}: {date.text!r} is not an RFC 3339 date with its offset")
    if len(set(ids)) != len(ids):
        problems.append(f"entry ids repeat: {sorted(i for i in set(ids) if ids.count(i) > 1)}")
    return problems


def rss_problems(rss: etree._Element, own_url: str) -> list[str]:
    """RSS 2.0's required elements and the W3C Feed Validator's main rules for an RSS feed."""
    problems = [] if rss.tag == "rss" and rss.get("version") == "2.0" else ["the root is not <rss version=\"2.0\">"]
    channels = rss.findall("channel")
    if len(channels) != 1:
        return problems + [f"{len(channels)} channels, not one"]
    channel = channels[0]
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"Missing channel element: {name}")
    if not is_absolute_url(channel.findtext("link")):
        problems.append("the channel's link is not an absolute URL")
    self_links = channel.xpath("atom:link[@rel='self']/@href", namespaces=NS)
    if self_links != [own_url]:
        problems.append(f"the atom:link rel=self is {self_links}, not [{own_url!r}]")
    for date in channel.xpath("pubDate | lastBuildDate | item/pubDate"):
        if not RFC822.fullmatch(date.text or "") or parsedate_to_datetime(date.text) is None:
            problems.append(f"line {date.sourceline}: {date.text!r} is not an RFC 822 date")
    guids = []
    for number, item in enumerate(channel.findall("item"), 1):
        where = f"item {number} ({item.findtext('title')})"
        if not (item.findtext("title") or item.findtext("description") or "").strip():
            problems.append(f"{where}: an item needs a title or a description")
        if not is_absolute_url(item.findtext("link")):
            problems.append(f"{where}: the link is not an absolute URL")
        guid = item.find("guid")
        guids.append(None if guid is None else guid.text)
        if guid is None or (guid.get("isPermaLink", "true") == "true" and not is_absolute_url(guid.text)):
            problems.append(f"{where}: no guid, or a permalink guid that is not an absolute URL")
        if not (item.findtext("dc:creator", namespaces=NS) or "").strip():
            problems.append(f"{where}: no dc:creator (author)")
    if len(set(guids)) != len(guids):
        problems.append("item guids repeat")
    return problems


def _feed_count(repo_root: Path) -> int:
    """The example's feeds of one format: the site's and one for each column."""
    return 1 + len(list((repo_root / "columns").glob("*.yml")))


def test_every_atom_feed_follows_rfc_4287_and_the_feed_validators_rules(example_feeds, rfc4287, repo_root):
    atom = {path: feed for path, feed in example_feeds.items() if path.endswith("atom.xml")}
    assert len(atom) == _feed_count(repo_root), sorted(atom)
    found = {}
    for path, (url, document) in atom.items():
        assert document.getroot().tag == f"{{{ATOM}}}feed", path
        problems = rfc4287(document) + atom_content_problems(document.getroot(), url)
        if problems:
            found[path] = problems
    assert not found, "\n".join(f"{path}:\n  " + "\n  ".join(problems[:12]) for path, problems in found.items())


def test_every_rss_feed_follows_rss_2_0_and_the_feed_validators_rules(example_feeds, repo_root):
    rss = {path: feed for path, feed in example_feeds.items() if path.endswith("feed.xml")}
    assert len(rss) == _feed_count(repo_root), sorted(rss)
    found = {path: problems for path, (url, document) in rss.items() if (problems := rss_problems(document.getroot(), url))}
    assert not found, "\n".join(f"{path}:\n  " + "\n  ".join(problems[:12]) for path, problems in found.items())


def test_the_checks_catch_what_the_feed_validator_reports(rfc4287):
    """An entry without an author in a feed without one, a self link elsewhere, a date without offset."""
    document = etree.ElementTree(etree.fromstring(
        f'<feed xmlns="{ATOM}"><id>https://a.example/</id><title>t</title><updated>2014-03-01T09:00:00</updated>'
        '<link rel="self" href="https://a.example/other.xml"/><link href="https://a.example/"/>'
        '<entry><id>https://a.example/1/</id><title>e</title><updated>2014-03-01T09:00:00+08:00</updated>'
        '<link href="https://a.example/1/"/></entry></feed>'))
    schema = rfc4287(document)
    assert any("An atom:entry must have an atom:author if its feed does not." in p for p in schema), schema
    rules = atom_content_problems(document.getroot(), "https://a.example/atom.xml")
    assert any("Missing entry element: author" in p for p in rules)
    assert any("self link" in p for p in rules) and any("RFC 3339" in p for p in rules), rules


def test_every_entry_of_every_feed_has_an_author_the_articles_else_the_bureau(example_feeds, repo_root):
    """Atom: the article's unit and author as the entry's author, else the feed's author, the bureau (the
    sponsor in mkdocs.yml); RSS: the same name as each item's dc:creator."""
    sponsor = yaml.safe_load((repo_root / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["bureau"]["sponsor"]
    credited = uncredited = 0
    for path, (_, document) in example_feeds.items():
        root = document.getroot()
        if path.endswith("atom.xml"):
            assert root.xpath("atom:author/atom:name/text()", namespaces=NS) == [sponsor], path
            for entry in root.findall("atom:entry", NS):
                names = entry.xpath("atom:author/atom:name/text()", namespaces=NS)
                assert len(names) <= 1 and all(n.strip() for n in names), (path, entry.findtext("atom:title", namespaces=NS))
                credited += len(names)
                uncredited += not names
        else:
            for item in root.iter("item"):
                assert (item.findtext("dc:creator", namespaces=NS) or "").strip(), (path, item.findtext("title"))
    assert credited and uncredited, "the example has articles with and without an author"
    medical = example_feeds["medical-reform/atom.xml"][1].getroot()
    assert "市卫生局宣传科 陈志刚" in medical.xpath("atom:entry/atom:author/atom:name/text()", namespaces=NS)


def test_without_a_sponsor_the_site_is_the_feeds_author(site):
    """A bureau whose compliance settings let it leave the sponsor out."""
    del site.config["extra"]["bureau"]["sponsor"]
    site.config["plugins"][0]["healthpress"]["compliance"] = {"missing-identification": "off"}
    site.write("news/n1.md", article("新闻一", "2014-03-01 09:00"))
    built = site.build()
    for path in ("atom.xml", "news/atom.xml"):
        feed = etree.parse(str(built.site_dir / path)).getroot()
        assert feed.xpath("atom:author/atom:name/text()", namespaces=NS) == ["测试卫生局"], path
    rss = etree.parse(str(built.site_dir / "news/feed.xml")).getroot()
    assert rss.xpath("//item/dc:creator/text()", namespaces=NS) == ["测试卫生局"]
