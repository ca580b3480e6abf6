"""The theme's site-wide fragments (navigation, tabs, header) rendered once per distinct input, not per page.

material renders the site navigation, the tabs and the header for every page, though they are the same for
every page in the same place: what they show depends on the nav's state for the page (which items are active,
which one is the page itself) and on where the page's address sits, through the relative addresses the `url`
filter writes. `FragmentMemo` keeps each rendered fragment under exactly that key, in each process:

- the nav state: every nav item's `active` flag and whether it is the page, in nav order (and the page
  itself where an item lists it in `pages`, as material's blog sections do);
- the address: MkDocs writes `target` relative to the page's folder `parts` from `len(parts)` and the number
  of leading folders the two share (`get_relative_url`). The memo records the addresses a fragment passed to
  `url` the first time it rendered it for a nav state; two pages then get the same links when their folders
  are as deep and agree on the longest leading part any recorded address begins with.

A template asks for it with `{% call hp_fragment("name") %}...{% endcall %}`; the body renders only on a miss.
A fragment renders every time when the site's theme/ replaces a template it includes, which might read
something else of the page (`unsafe_fragments`), and for a page without a page object or nav.
Translations (`lang.t`) read nothing of the page: `Translations` keeps each one after its first use.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2

Folder = tuple[str, ...]


class FragmentMemo:
    """Rendered fragments of one build's pages, by name, nav state and the page's place (see the module)."""

    def __init__(self, unsafe: frozenset[str] = frozenset()) -> None:
        self.unsafe = unsafe
        """Names of the fragments rendered every time (see `unsafe_fragments`)."""
        self.rendered: Counter[str] = Counter()
        """How many times each fragment was rendered (missed)."""
        self._addresses: dict[tuple[str, tuple], frozenset[Folder]] = {}
        """(name, nav state) -> every leading part of the folders of the addresses the fragment passed to `url`."""
        self._html: dict[tuple, str] = {}
        self._recording: list[list[str]] = []
        self._page: Any = None
        self._nav: Any = None
        self._state: tuple = ()

    def fragment(self, context: jinja2.runtime.Context, name: str, caller: Callable[[], str]) -> str:
        """The fragment `name` for the page in `context`: from the memo, or `caller()` rendered and kept."""
        page, nav = context.get("page"), context.get("nav")
        if name in self.unsafe or page is None or nav is None:
            return caller()
        if page is not self._page or nav is not self._nav:  # once per page: its fragments share the nav's state
            self._page, self._nav, self._state = page, nav, nav_state(nav, page)
        state = (name, self._state)
        folder = page_folder(page.url)
        prefixes = self._addresses.get(state)
        if prefixes is not None:
            key = (state, len(folder), shared_part(folder, prefixes))
            html = self._html.get(key)
            if html is not None:
                return html
        self._recording.append(recorded := [])
        try:
            html = caller()
        finally:
            self._recording.pop()
        self.rendered[name] += 1
        if prefixes is None:
            prefixes = self._addresses[state] = frozenset(p for a in recorded for p in leading_parts(target_folder(a)))
        self._html[(state, len(folder), shared_part(folder, prefixes))] = html
        return html

    def record(self, address: str) -> None:
        """The `url` filter was given `address`: note it in every fragment being rendered."""
        for recorded in self._recording:
            recorded.append(address)


def nav_state(nav: Any, page: Any) -> tuple:
    """What the nav templates read of the page: each item's `active` flag, whether it is the page, and the
    page itself where an item lists it in `pages` (material's nav-item.html then shows the page instead)."""
    return tuple((item.active, item == page, id(page) if page in (getattr(item, "pages", None) or ()) else None)
                 for item in _walk(nav.items))


def _walk(items: list) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


def page_folder(url: str) -> Folder:
    """The folders a page's relative addresses start from, as MkDocs' `get_relative_url` splits `other`."""
    dirname, _, basename = url.rpartition("/")
    return _parts(dirname if "." in basename else url)


def target_folder(address: str) -> Folder:
    """The parts of an address given to `url`, as `get_relative_url` splits it (a superset for absolute
    addresses, which do not depend on the page: an extra part only makes the memo's key finer)."""
    return _parts(address.replace("\\", "/"))


def _parts(path: str) -> Folder:
    path = posixpath.normpath("/" + path)[1:]
    return tuple(path.split("/")) if path else ()


def leading_parts(parts: Folder) -> Iterator[Folder]:
    for end in range(1, len(parts) + 1):
        yield parts[:end]


def shared_part(folder: Folder, prefixes: frozenset[Folder]) -> Folder:
    """The longest leading part of `folder` that some recorded address begins with: the page shares with
    each recorded address no more than this, so it decides every relative link a fragment writes."""
    end = 0
    while end < len(folder) and folder[:end + 1] in prefixes:
        end += 1
    return folder[:end]


class Translations:
    """material's `lang.t(key)`, its macro `lang.t(key) or fallback.t(key) or key` (a string: MkDocs' templates
    do not autoescape) with `lang` partials/languages/<language>.html and `fallback` its en.html, each key's
    text kept after its first use: imported without the page's context, they read nothing of the page."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self._by_language: dict[str, Callable[[str], str]] = {}

    def __call__(self, language: str) -> Callable[[str], str]:
        """`t` for `language` (config.theme.language)."""
        t = self._by_language.get(language)
        if t is None:
            lang = self.env.get_template(f"partials/languages/{language}.html").module
            fallback = self.env.get_template("partials/languages/en.html").module
            known: dict[str, str] = {}

            def t(key: str) -> str:
                text = known.get(key)
                if text is None:
                    text = known[key] = str(lang.t(key) or fallback.t(key) or key)
                return text
            self._by_language[language] = t
        return t


FRAGMENTS = ("nav", "tabs", "header-start", "header-end", "footer")
"""The fragments the templates memoise (partials/nav.html, tabs.html, header.html, footer.html)."""


def unsafe_fragments(custom_dir: str | None) -> frozenset[str]:
    """The fragments whose templates the site's theme/ replaces: all of them when it holds partials or icons
    (a fragment includes those), the footer when it holds healthpress/footer.html (editors may change it)."""
    if custom_dir is None:
        return frozenset()
    theme = Path(custom_dir)
    if (theme / "partials").exists() or (theme / ".icons").exists():
        return frozenset(FRAGMENTS)
    return frozenset({"footer"}) if (theme / "healthpress" / "footer.html").exists() else frozenset()


def install(env: jinja2.Environment, custom_dir: str | None) -> FragmentMemo:
    """A new memo for this build's pages as the templates' `hp_fragment`, `hp_translations` beside it, and
    the `url` filter telling it the addresses it writes."""
    memo = FragmentMemo(unsafe_fragments(custom_dir))
    url = env.filters["url"]

    @jinja2.pass_context
    def recording_url(context: jinja2.runtime.Context, value: Any) -> str:
        memo.record(str(value))
        return url(context, value)

    @jinja2.pass_context
    def fragment(context: jinja2.runtime.Context, name: str, caller: Callable[[], str]) -> str:
        return memo.fragment(context, name, caller)

    env.filters["url"] = recording_url
    env.globals["hp_fragment"] = fragment
    env.globals["hp_translations"] = Translations(env)
    return memo
