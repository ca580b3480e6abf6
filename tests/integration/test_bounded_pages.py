"""No page carries a list of all articles: nav, listings and article pages stay bounded as a site grows."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from helpers import article

ARTICLE_URL = re.compile(r"^/(?:news|health-weekly)/\d{4}/\d{2}/[^/]+/$")


def test_no_page_links_to_more_than_a_page_of_articles(site):
    for n in range(120):
        column = "news" if n % 2 else "health-weekly"
        extra = {"issue": n // 2 + 1} if column == "health-weekly" else {}
        site.write(f"{column}/b{n:03d}.md", article(f"文章{n:03d}", f"20{13 + n % 4}-{n % 12 + 1:02d}-10",
                                                    tags=["防疫"], **extra))
    built = site.build()
    counts = {}
    for path in built.all_pages():
        if path.name != "index.html":
            continue
        url = "/" + path.parent.relative_to(built.site_dir).as_posix() + "/"
        links = {urljoin(url, a["href"]).split("#")[0] for a in built.page(url).select("a[href]")}
        counts[url] = len({link for link in links if ARTICLE_URL.match(link)})
    assert len(counts) > 120 and counts["/news/2014/02/b001/"] >= 2  # an article links to its neighbours
    worst = max(counts, key=counts.get)
    assert counts[worst] <= 24, (worst, counts[worst])  # a page of 20, or the home page's newest per column
