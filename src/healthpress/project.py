"""Check a whole project from its mkdocs.yml without building it (what `healthpress check` runs)."""

from __future__ import annotations

import os
from pathlib import Path

from .columns import load_columns
from .findings import Finding
from .site import build_site_model, is_article_uri, load_articles


def check_project(config_file: Path) -> list[Finding]:
    """Every finding the build would report, read the way MkDocs reads the project."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(config_file))
    project_dir = config_file.resolve().parent
    plugin = config.plugins["healthpress"].config
    columns, findings = load_columns(project_dir / plugin.columns_dir, plugin.columns_dir)
    files = get_files(config)
    sources = [f.src_uri for f in files.documentation_pages() if is_article_uri(f.src_uri)]
    display = os.path.relpath(config.docs_dir, project_dir).replace(os.sep, "/")
    articles, found, paths = load_articles(Path(config.docs_dir), sources, display)
    model = build_site_model(columns, articles, paths, findings + found, plugin.page_size,
                             {f.src_uri for f in files})
    return model.findings
