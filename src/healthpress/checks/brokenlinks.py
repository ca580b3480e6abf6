"""Internal links, images and #anchors of rendered articles, checked against the built site (pure)."""

from __future__ import annotations

from urllib.parse import unquote

from healthpress.model.findings import Finding
from healthpress.render.bodylines import Kind, line_of_address
from healthpress.render.links import PageLinks, resolve


def site_paths(urls: list[str]) -> set[str]:
    """Every path a reader can open, from the site-relative URLs of the output files."""
    known = set()
    for url in urls:
        path = "/" + unquote(url).removeprefix("./")  # the home page's URL is "./"
        known.add(path)
        if path.endswith("/"):
            known.add(path + "index.html")
            known.add(path.rstrip("/") or "/")
        elif path.endswith("/index.html"):
            known.add(path[: -len("index.html")])
    return known


def find_broken_links(pages: list[PageLinks], known_paths: set[str]) -> list[tuple[PageLinks, str, str]]:
    """(page, target, reason) for each internal link to nothing or to an anchor that does not exist."""
    ids_by_path: dict[str, frozenset[str]] = {}
    for page in pages:
        ids_by_path["/" + page.url] = page.ids
    broken = []
    for page in pages:
        for target in page.targets:
            resolved = resolve(page.url, target)
            if resolved is None:
                continue
            path, fragment = resolved
            if path not in known_paths:
                broken.append((page, target, "missing"))
            elif fragment:
                page_path = path.removesuffix("index.html")
                ids = ids_by_path.get(page_path if page_path.endswith("/") else page_path + "/")
                if ids is not None and fragment not in ids:
                    broken.append((page, target, "anchor"))
    return broken


def broken_link_finding(path: str, body: str, body_line: int, target: str, reason: str,
                        occurrence: int = 0, kind: Kind | None = None, in_raw_html: bool = False) -> Finding:
    """The finding for one broken link or image (`kind`; None: told by the address's file type), on the
    line of the body that wrote it: its `occurrence`-th time on the page among those of its kind.
    `in_raw_html`: the address names a file that exists next to the article, so it was written in an
    HTML tag, whose relative address MkDocs does not adjust to the article's published address."""
    line = line_of_address(body, body_line, kind, target, occurrence, raw_html=True if in_raw_html else None)
    if reason == "anchor":
        fragment = unquote(target.split("#", 1)[1])
        return Finding(path, line, None, "missing-anchor", f"链接的位置“#{fragment}”在目标页面上不存在",
                       "检查 # 后面的小标题是否写对（小标题改过名字时锚点也会变），或删除 # 及后面的部分")
    is_image = kind == "image" if kind else target.lower().rsplit(".", 1)[-1] in {"png", "jpg", "jpeg", "gif", "svg", "webp"}
    what = "图片" if is_image else "链接的文件或文章"
    code = "missing-image" if is_image else "broken-link"
    if in_raw_html:
        tag, markdown = ("<img>", f"![图片内容的说明]({unquote(target)})") if is_image else \
            ("<a>", f"[链接文字]({unquote(target)})")
        return Finding(path, line, None, code,
                       f"{what}“{unquote(target)}”的文件存在，但读者打不开：HTML 写法 {tag} 里的相对地址不会按文章发布后的网址调整",
                       f"改用 Markdown 写法 {markdown}")
    return Finding(path, line, None, code, f"{what}“{unquote(target)}”不存在",
                   "检查路径和文件名（相对于本文所在目录），确认文件已提交；链接文章时写它的 .md 文件名，且该文章已发布；"
                   "图片和链接请用 Markdown 写法 ![说明](images/a.jpg)，不要用 HTML 的 <img>")
