"""Every path the site generates is reserved (model/sitepaths.py): the example site's top-level names are
all accounted for, and a column, a page or a folder of content/ that would take one fails the build."""

from __future__ import annotations

import posixpath

import pytest
from mkdocs.exceptions import Abort

from healthpress.model.sitepaths import GENERATED, GENERATED_ASSETS
from helpers import article


def _own_names(folder) -> set[str]:
    """The top-level names of site/ that a folder's files make: a page X.md is X/, the rest keep their name."""
    names = set()
    for path in folder.iterdir():
        stem, extension = posixpath.splitext(path.name)
        names.add("index.html" if path.name == "index.md" else stem if extension == ".md" else path.name)
    return names


def test_every_top_level_name_of_the_example_site_is_a_column_an_own_file_or_reserved(example_site):
    """A new generated path (a page, a feed, an index) fails here until it is listed in sitepaths.GENERATED,
    which is what refuses it as a column id or an editor's page."""
    project = example_site.site_dir.parent
    columns = {path.stem for path in (project / "columns").glob("*.yml")}
    own = _own_names(project / "content") | {path.name for path in (project / "theme").iterdir() if path.is_dir()}
    unaccounted = sorted(path.name for path in example_site.site_dir.iterdir()
                         if path.name not in columns | own and path.name not in GENERATED)
    assert unaccounted == [], "generated but not reserved in model/sitepaths.py: " + ", ".join(unaccounted)
    assert not columns & set(GENERATED) and not (own - {"assets"}) & set(GENERATED)
    for name in ("404.html", "about", "archive", "assets", "atom.xml", "feed.xml", "index.html", "pagefind", "search",
                 "sitemap.xml", "sitemap.xml.gz", "stats", "tags", "topics"):
        assert (example_site.site_dir / name).exists(), f"{name} is reserved for what the example site generates"


def test_every_generated_part_of_assets_is_reserved(example_site):
    project = example_site.site_dir.parent
    own = {p.relative_to(folder).as_posix() for folder in (project / "content" / "assets", project / "theme" / "assets")
           for p in folder.rglob("*") if p.is_file()}
    generated = {p.relative_to(example_site.site_dir / "assets").as_posix()
                 for p in (example_site.site_dir / "assets").rglob("*") if p.is_file()} - own
    unaccounted = sorted(path for path in generated
                         if not any(f"assets/{path}" == name or f"assets/{path}".startswith(name + "/")
                                    for name in GENERATED_ASSETS))
    assert unaccounted == [], "generated under assets/ but not in sitepaths.GENERATED_ASSETS: " + ", ".join(unaccounted)


@pytest.mark.parametrize("column_id", ["stats", "pagefind", "about", "404", "sitemap", "search"])
def test_a_column_with_a_generated_name_fails_the_build(site, build_errors, column_id):
    site.column(column_id, "重名的栏目")
    site.write(f"{column_id}/a.md", article("文章", "2013-05-08"))
    with pytest.raises(Abort):
        site.build()
    errors = build_errors()
    assert any(e.startswith(f"columns/{column_id}.yml: 栏目编号“{column_id}”") and "重名" in e and " — " in e
               for e in errors), errors


@pytest.mark.parametrize("src_uri, text", [
    ("stats.md", "# 统计说明\n"), ("search.md", "# 搜索\n"), ("tags.md", "# 标签\n"), ("about.md", "# 关于我们\n"),
    ("news.md", "# 要闻介绍\n"),
])
def test_an_editors_page_that_would_replace_a_generated_page_fails_the_build(site, build_errors, src_uri, text):
    """Before, content/tags.md or content/news.md (beside content/news/) silently replaced the tag index or
    the column's page."""
    (site.root / "data").mkdir()
    (site.root / "data" / "units.yml").write_text("- name: 市人民医院\n  type: 医疗机构\n", encoding="utf-8")
    site.write("news/a.md", article("文章", "2013-05-08"))
    site.write(src_uri, text)
    with pytest.raises(Abort):
        site.build()
    errors = build_errors()
    assert any(e.startswith(f"content/{src_uri}: ") and f"/{src_uri[:-3]}/" in e and " — " in e for e in errors), errors


@pytest.mark.parametrize("src_uri", ["health-weekly.md", "health-weekly/index.md"])
def test_a_page_at_a_columns_address_fails_even_before_the_column_has_a_folder(site, build_errors, src_uri):
    """The `site` fixture's 健康周刊 column has no article yet (no content/health-weekly/): its first page is
    generated all the same, and an editor's page at its address would replace it."""
    site.write("news/a.md", article("文章", "2013-05-08"))
    site.write(src_uri, "# 周刊介绍\n")
    with pytest.raises(Abort):
        site.build()
    errors = build_errors()
    assert any(e.startswith(f"content/{src_uri}") and "/health-weekly/" in e for e in errors), errors


@pytest.mark.parametrize("src_uri", ["README.md", "readme.md", "news/README.md"])
def test_a_readme_that_would_replace_an_index_page_fails_check_and_build(site, build_errors, run_cli, src_uri):
    """Before, content/README.md silently replaced the generated home page (MkDocs reads it as index.md)."""
    site.write("news/a.md", article("文章", "2013-05-08"))
    site.write(src_uri, "# 给编辑的说明\n")
    checked = run_cli(site, "check")
    assert checked.returncode != 0 and f"content/{src_uri}: " in checked.stdout + checked.stderr
    with pytest.raises(Abort):
        site.build()
    errors = build_errors()
    assert any(e.startswith(f"content/{src_uri}: ") and "README.md" in e and "改名" in e for e in errors), errors
