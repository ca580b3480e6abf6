"""What the templates see as `hp`: the page's view plus look-ups into the site model."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from healthpress.model.articles import Article
from healthpress.model.columns import Column
from markupsafe import Markup

from healthpress.bureau.interviews import Interview, held
from healthpress.bureau.letters import Letter, letter_status
from healthpress.bureau.surveys import Survey, survey_status
from healthpress.render.links import PageLinks
from healthpress.render.pagehtml import MissingAlt, ProcessedPage
from healthpress.render.removals import Removal
from healthpress.model.publication import STATE_LABELS
from healthpress.model.reading import reading_minutes
from healthpress.render.sharecard import ShareCard, article_card, listing_description, page_card
from healthpress.render.sharing import render_qr_svg
from healthpress.render.sitemodel import SiteModel
from healthpress.render.views import Crumb, Listing


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article page: the article, its column, breadcrumbs and neighbours in the column."""

    article: Article
    column: Column
    crumbs: tuple[Crumb, ...]
    newer: Article | None
    older: Article | None


def build_article_view(model: SiteModel, article: Article) -> ArticleView:
    column = model.columns[article.column]
    newer, older = model.catalog.column_neighbours(article)
    return ArticleView(article, column, _article_crumbs(column.title, column.url), newer, older)


@cache
def _article_crumbs(column_title: str, column_url: str) -> tuple[Crumb, ...]:
    """One tuple per column, shared by its articles (their page keys describe it once)."""
    return Crumb("首页", ""), Crumb(column_title, column_url)


def last_modified(article: Article | None, listing: Listing | None, catalog) -> str:
    """A page's date for the sitemap: its article's date, or the newest article it lists or the site has.

    Never the build time, so that two builds of one commit are byte-identical.
    """
    newest = article or (listing.articles[0] if listing and listing.articles else None)
    newest = newest or (catalog.articles[0] if catalog.articles else None)
    return newest.date.strftime("%Y-%m-%d") if newest else "1970-01-01"


FOOTER_PAGES = (("reports/", "年度报表和报告"), ("topics/", "专题"), ("topics/health-days/", "卫生防病日"), ("stats/", "供稿统计"), ("about/leadership-group/", "领导小组"),
                ("disclosure/guide/", "政府信息公开指南"), ("disclosure/catalogue/", "政府信息公开目录"))


def footer_pages(listings: list[Listing]) -> tuple[tuple[str, str], ...]:
    """The bureau pages this site has (they depend on its data files), for the footer's links."""
    urls = {listing.url for listing in listings}
    return tuple((url, title) for url, title in FOOTER_PAGES if url in urls)


@dataclass(frozen=True, slots=True)
class LetterView:
    letter: Letter
    status: str


@dataclass(frozen=True, slots=True)
class LinkedArticle:
    """Another article a page links to by name: a 解读's document, a document's 解读."""

    title: str
    url: str
    doc_no: str | None
    date: str


@dataclass(frozen=True, slots=True)
class InterviewView:
    interview: Interview
    held: bool


@dataclass(frozen=True, slots=True)
class SurveyView:
    survey: Survey
    status: str


@dataclass
class RenderedFacts:
    """What rendering the articles taught us, for the pages that list or show them."""

    site_url: str
    summaries: dict[str, str] = field(default_factory=dict)
    characters: dict[str, int] = field(default_factory=dict)
    cover_urls: dict[str, str] = field(default_factory=dict)


def facts_to_json(processed: ProcessedPage) -> dict:
    """What rendering an editor's page taught us, in a form the page cache can keep (its findings too:
    a page taken from the cache reports them again)."""
    links = processed.links
    return {"summary": processed.summary, "characters": processed.characters,
            "links": {"src_uri": links.src_uri, "url": links.url, "targets": list(links.targets), "ids": sorted(links.ids),
                      "images": sorted(links.images)},
            "missing_alt": [[image.src, image.as_written, image.occurrence] for image in processed.missing_alt],
            "removed": [removal.to_json() for removal in processed.removed]}


def facts_from_json(learned: dict) -> tuple[str, int, PageLinks, tuple[MissingAlt, ...], tuple[Removal, ...]]:
    """(summary, characters, links, images without alt text, what the sanitizer removed) from `facts_to_json`."""
    links = learned["links"]
    return (learned["summary"], learned["characters"],
            PageLinks(links["src_uri"], links["url"], tuple(links["targets"]), frozenset(links["ids"]),
                      frozenset(links["images"])),
            tuple(MissingAlt(*image) for image in learned["missing_alt"]),
            tuple(Removal.from_json(removal) for removal in learned["removed"]))


class TemplateContext:
    """The `hp` object of every page's template context.

    The page cache keys a page by its view plus `facts_of` every article in it: a new look-up that
    says something about an article must be added to `facts_of` too (a unit test holds the list).
    """

    def __init__(self, model: SiteModel, facts: RenderedFacts, view: ArticleView | Listing | None):
        self._model = model
        self._facts = facts
        self.view = view
        self.columns = model.columns

    def facts_of(self, article: Article, rendered: bool) -> tuple:
        """All the look-ups below say of an article: what is known before it is rendered, or (`rendered`)
        what its rendering taught us."""
        if rendered:
            return self.summary(article), self.reading(article)
        return (self.state(article), self.cover_url(article), self.disclosure(article), self.letter(article),
                tuple(self.tag_url(tag) for tag in article.tags), self.absolute_url(article),
                self.interpretations(article), self.interpreted(article), self.interview(article), self.survey(article))

    @property
    def listing(self) -> Listing | None:
        return self.view if isinstance(self.view, Listing) else None

    @property
    def article(self) -> ArticleView | None:
        return self.view if isinstance(self.view, ArticleView) else None

    def state(self, article: Article) -> str:
        """The label of an article readers cannot see yet (only in a preview), or ''."""
        state = self._model.state(article)
        return "" if state == "published" else STATE_LABELS[state]

    def summary(self, article: Article) -> str:
        """The editor's summary, or the first paragraph of the rendered article."""
        return article.summary or self._facts.summaries.get(article.src_uri, "")

    def cover_url(self, article: Article) -> str | None:
        """The cover image's site-relative URL (or its address on another site)."""
        return self._facts.cover_urls.get(article.src_uri)

    def disclosure(self, article: Article):
        """The disclosure table rows of an official document, or ()."""
        return self._model.disclosures.get(article.src_uri, ())

    def letter(self, article: Article) -> LetterView | None:
        """A letter of a letters column, with its status (已回复 / 办理中) and reply time, or None."""
        letter = self._model.letters.get(article.src_uri)
        if letter is None:
            return None
        return LetterView(letter, letter_status(letter.received, letter.replied_on, self._model.now.date()))

    def interpretations(self, article: Article) -> tuple[LinkedArticle, ...]:
        """The 解读 of a document (相关解读), newest first, or ()."""
        return self._linked(self._model.interpretations.interpretations_of.get(article.src_uri, ()))

    def interpreted(self, article: Article) -> tuple[LinkedArticle, ...]:
        """The documents a 解读 interprets (解读的文件), in the order it names them, or ()."""
        return self._linked(self._model.interpretations.documents_of.get(article.src_uri, ()))

    def _linked(self, src_uris: tuple[str, ...]) -> tuple[LinkedArticle, ...]:
        by_src = self._model.catalog.by_src
        return tuple(LinkedArticle(a.title, a.url, a.doc_no, a.date.strftime("%Y-%m-%d"))
                     for a in (by_src[s] for s in src_uris if s in by_src))

    def interview(self, article: Article) -> InterviewView | None:
        """An interview of an interviews column, with whether it has been held, or None."""
        interview = self._model.interviews.get(article.src_uri)
        return InterviewView(interview, held(interview, self._model.now)) if interview else None

    def survey(self, article: Article) -> SurveyView | None:
        """A survey of a surveys column, with its status (征集中, 已截止, ...), or None."""
        survey = self._model.surveys.get(article.src_uri)
        return SurveyView(survey, survey_status(survey, self._model.now.date())) if survey else None

    def reading(self, article: Article) -> tuple[int, int]:
        """(characters, minutes) of the article's text."""
        characters = self._facts.characters.get(article.src_uri, 0)
        return characters, reading_minutes(characters)

    def qr_svg(self, article: Article) -> Markup:
        """Inline SVG QR code of the article's absolute address."""
        return Markup(render_qr_svg(self._facts.site_url.rstrip("/") + "/" + article.url))

    def absolute_url(self, article: Article) -> str:
        return self._facts.site_url.rstrip("/") + "/" + article.url

    def share_card(self, title: str, url: str, description: object, site_name: str, site_url: str | None,
                   default_image: str | None) -> ShareCard:
        """This page's card for shared links: an article's summary and cover, a listing's own description,
        an editor's page's `description` (else the site's)."""
        if isinstance(self.view, ArticleView):
            article = self.view.article
            return article_card(article, self.summary(article), self.cover_url(article), site_url, default_image)
        if isinstance(self.view, Listing) and self.view.url == "":
            return page_card(site_name, str(description), url, site_url, default_image)
        if isinstance(self.view, Listing):
            return page_card(self.view.title, listing_description(self.view, site_name), url, site_url, default_image)
        return page_card(str(title), str(description), url, site_url, default_image)

    @property
    def column_of_page(self) -> Column | None:
        """The column a page belongs to (an article's, or a column listing's), for its feed links."""
        if isinstance(self.view, ArticleView):
            return self.view.column
        return self.view.column if isinstance(self.view, Listing) else None

    def column(self, column_id: str) -> Column:
        return self._model.columns[column_id]

    def tag_url(self, tag: str) -> str:
        return f"tags/{self._model.catalog.tag_slugs[tag]}/"
