"""The site search: Pagefind's Chinese index over the article pages, in date shards, with patches for a
few edited pages, and the background index of `healthpress serve`.

May import: healthpress.bureau, healthpress.model, healthpress.storage. Never MkDocs.
"""
