"""The content model: articles, their source and front matter, columns, data files, dates, slugs, limits,
file names, findings and publication states, and the catalog of published articles (pure).

May import: the standard library and third-party libraries only, never another healthpress layer
and never MkDocs. Everything above builds on it.
"""
