"""The MkDocs (and ProperDocs) plugin: an adapter handing each event to the build that owns it.

A `Build` (build/pipeline.py) holds one build's state and runs its phases; the `Mode` says once
whether MkDocs builds or serves. Nothing here decides anything about a site.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from healthpress.build.keymemo import KeyMemo
from healthpress.build.mode import Mode
from healthpress.build.pipeline import Build, end_session, start_session
from healthpress.engine.options import HealthpressConfig
from healthpress.model.publication import BuildMomentError, build_moment
from healthpress.render.chrome import fix_chrome


class HealthpressPlugin(BasePlugin[HealthpressConfig]):
    """Articles, columns, listings and the dated archive of a bureau site."""

    supports_multiple_instances = False
    mode = Mode.for_command(None)
    """A build unless MkDocs says it serves (a test may build without starting MkDocs' command)."""
    key_memo: KeyMemo | None = None
    build: Build | None = None
    config_warnings = 0
    """MkDocs' warnings about mkdocs.yml, logged before any build starts (`healthpress build` counts them)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.mode = Mode.for_command(command)
        self.key_memo = start_session(self.mode)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            build_moment()  # a SOURCE_DATE_EPOCH that is no moment stops the build before it starts, in Chinese
        except BuildMomentError as exc:
            raise PluginError(str(exc)) from exc
        self.build = Build(self.config, self.mode, self.key_memo)  # serve's rebuilds get a new one each
        self.build.warnings += self.config_warnings
        return self.build.configure(config)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        return self.build.read(files, config)

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        return self.build.take_pages(nav, files)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.build.page_markdown(markdown, page)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.build.page_content(html, page)

    def on_env(self, env, config: MkDocsConfig, files: Files):
        return self.build.render(env, config, files)

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        return self.build.page_context(context, page, config)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return fix_chrome(output)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return fix_chrome(output_content)  # 404.html has material's chrome too

    def on_serve(self, server, config: MkDocsConfig, builder):
        self.build.watch(server, config)
        return server

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.build.finish(config)

    @event_priority(-100)  # last: what it raises instead (a full disk, in Chinese) skips the plugins after it
    def on_build_error(self, error: Exception) -> None:
        if self.build is not None:
            problem = self.build.abort(error)
            if problem is not None:
                raise problem from error

    def on_shutdown(self) -> None:
        end_session()
