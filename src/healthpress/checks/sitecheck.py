"""Links and images across a built site: internal ones must exist; external ones on request."""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

from healthpress.model.findings import Finding, Level
from healthpress.render.links import collect_links, resolve

EXTERNAL_TIMEOUT = 10
EXTERNAL_WORKERS = 4


def page_url(site_dir: Path, html_file: Path) -> str:
    """The directory URL of an output file, relative to the site root ('news/2013/05/a/')."""
    relative = html_file.relative_to(site_dir).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def broken_internal_links(site_dir: Path, site_url: str = "") -> list[Finding]:
    """Every link or image in every page of `site_dir` that leads to no file, as findings on the output page.
    An address starting with `/` is read as a browser reads it: from the server's root, which is the site's
    only when `site_url` has no path (https://x.gov.cn/qy/ puts the site under /qy/)."""
    root = urlsplit(site_url).path.rstrip("/") + "/"
    findings = []
    for html_file in sorted(site_dir.rglob("*.html")):
        url = page_url(site_dir, html_file)
        page = collect_links(url, url, html_file.read_text(encoding="utf-8"))
        shown = f"site/{html_file.relative_to(site_dir).as_posix()}"
        for target in sorted(set(page.targets)):
            resolved = resolve(url, target)
            if resolved is None:
                continue
            site_path = resolved[0]
            if target.startswith("/"):
                if not (site_path + "/").startswith(root):
                    findings.append(Finding(shown, None, None, "broken-link-in-site",
                                            f"链接或图片“{target}”以 / 开头，从服务器的根目录算起，不在本网站的目录 {root} 下，读者打不开",
                                            f"在模板里用 url 过滤器写站内地址（如 {{{{ 'feed.xml' | url }}}}），"
                                            "在文章里写相对路径或 Markdown 文件的路径，重新生成网站"))
                    continue
                site_path = "/" + site_path[len(root):]
            path = site_dir / unquote(site_path).lstrip("/")
            if not (path.is_file() or (path / "index.html").is_file()):
                findings.append(Finding(shown, None, None, "broken-link-in-site", f"链接或图片“{target}”指向不存在的文件",
                                        "找到写这个链接的文章或模板改正它，重新生成网站"))
    return findings


def external_links(site_dir: Path) -> dict[str, list[str]]:
    """External http(s) addresses linked from the site, with the output files that link to them."""
    found: dict[str, list[str]] = {}
    for html_file in sorted(site_dir.rglob("*.html")):
        url = page_url(site_dir, html_file)
        for target in collect_links(url, url, html_file.read_text(encoding="utf-8")).targets:
            if urlsplit(target).scheme in ("http", "https"):
                found.setdefault(target, []).append(html_file.relative_to(site_dir).as_posix())
    return found


def broken_external_links(site_dir: Path, allowlist: frozenset[str], opener=urllib.request.urlopen) -> list[Finding]:
    """External links that do not answer 2xx/3xx; hosts in `allowlist` are not checked."""
    links = {u: pages for u, pages in external_links(site_dir).items() if urlsplit(u).hostname not in allowlist}

    def probe(address: str) -> str | None:
        request = urllib.request.Request(address, method="HEAD", headers={"User-Agent": "healthpress link check"})
        try:
            with opener(request, timeout=EXTERNAL_TIMEOUT) as response:
                return None if response.status < 400 else f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            return f"HTTP {error.code}"
        except (urllib.error.URLError, OSError, ValueError) as error:
            return str(getattr(error, "reason", error))

    with ThreadPoolExecutor(max_workers=EXTERNAL_WORKERS) as pool:
        results = dict(zip(links, pool.map(probe, links)))
    return [Finding(f"site/{links[address][0]}", None, None, "broken-external-link",
                    f"外部链接“{address}”打不开（{problem}），共 {len(links[address])} 个页面链接了它",
                    "改正或删除这个链接；确实无需检查的网站可加入 mkdocs.yml 的 external_allowlist", Level.WARNING)
            for address, problem in sorted(results.items()) if problem]
