"""The corpus' articles as a Hugo project, for the side-by-side benchmark (benchmarks.sidebyside).

`write_hugo_site(info, root)` writes `hugo.yaml`, minimal layouts of its own (a base, the article page
and one list page for the home page, the columns and the tags, paginated like healthpress' columns)
and every article of a `CorpusInfo` under `content/<column>/`, with the same title, date, tags, unit,
author and issue, the same Markdown body and the same address (`<column>/<yyyy>/<mm>/<slug>/`); the
images go to `static/`. Hugo renders each article once (its page) and lists it by title on the
column's, the home page's and its tags' pages; each article page marks its text `data-pagefind-body`,
so Pagefind indexes the articles and nothing else, as healthpress' index does.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import yaml

from benchmarks.bench import split_front_matter
from benchmarks.corpus import COLUMNS, CorpusInfo
from healthpress.model.articles import CHINESE_KEYS

PAGE_SIZE = 15
"""Entries per list page: the corpus' columns' page_size."""

LAYOUTS = {
    "_default/baseof.html": """\
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} - {{ end }}{{ .Site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Params.copyright }}</footer>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}
<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2006-01-02 15:04" }}</time>
{{ with .Params.unit }} 来源：{{ . }}{{ end }}{{ with .Params.author }} 作者：{{ . }}{{ end }}{{ with .Params.issue }} 第{{ . }}期{{ end }}</p>
{{ .Content }}
<p class="tags">{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
{{ $paginator := .Paginate $pages.ByDate.Reverse }}
<ul>{{ range $paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul>
<nav>{{ if $paginator.HasPrev }}<a href="{{ $paginator.Prev.URL }}">上一页</a>{{ end }}
第 {{ $paginator.PageNumber }} / {{ $paginator.TotalPages }} 页
{{ if $paginator.HasNext }}<a href="{{ $paginator.Next.URL }}">下一页</a>{{ end }}</nav>
{{ end }}
""",
}


def config_text(info: CorpusInfo) -> str:
    """hugo.yaml: Chinese, Shanghai time, tags only, every article published (dated after today too), the
    columns' addresses as healthpress makes them."""
    config = {
        "baseURL": "https://www.example.gov.cn/", "title": "市卫生健康宣传网", "languageCode": "zh-CN",
        "defaultContentLanguage": "zh-cn", "hasCJKLanguage": True, "timeZone": "Asia/Shanghai",
        "paginate": PAGE_SIZE, "taxonomies": {"tag": "tags"}, "enableRobotsTXT": False,
        "buildFuture": True,  # the corpus runs to its year's end; healthpress builds at SOURCE_DATE_EPOCH
        "permalinks": {column: "/:section/:year/:month/:slug/" for column in COLUMNS},
        "params": {"copyright": "版权所有 © 2013–2026 市卫生局"},
    }
    return "# The corpus' articles for Hugo (benchmarks.hugosite): for the side-by-side benchmark.\n" + yaml.safe_dump(
        config, allow_unicode=True, sort_keys=False)


def _front_matter(meta: dict, slug: str, date: str) -> str:
    english = {CHINESE_KEYS.get(key, key): value for key, value in meta.items()}
    when = dt.datetime.fromisoformat(date if " " in date else f"{date} 00:00")
    fields = {"title": str(english["title"]), "date": f"{when:%Y-%m-%dT%H:%M:00}+08:00", "slug": slug,
              "tags": [str(tag) for tag in english.get("tags") or []]}
    for key in ("author", "unit", "issue", "summary"):
        if english.get(key) is not None:
            fields[key] = english[key]
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items()) + "---\n"


def write_hugo_site(info: CorpusInfo, root: Path) -> Path:
    """Write the Hugo project of the corpus `info` into `root` (module docstring); returns root."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.yaml").write_text(config_text(info), encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = root / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    content = root / "content"
    for column in COLUMNS:
        title = yaml.safe_load((info.columns_dir / f"{column}.yml").read_text(encoding="utf-8"))["title"]
        (content / column).mkdir(parents=True, exist_ok=True)
        (content / column / "_index.md").write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n",
                                                    encoding="utf-8")
    for record in info.articles:
        meta, body = split_front_matter((info.docs_dir / record.src_uri).read_text(encoding="utf-8"))
        slug = record.url.rstrip("/").rsplit("/", 1)[-1]
        (content / record.src_uri).write_text(_front_matter(meta, slug, record.date) + body, encoding="utf-8")
    for image in info.docs_dir.glob("*/images/*"):
        target = root / "static" / image.relative_to(info.docs_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(image, target)
    return root
