"""What healthpress asks of MkDocs (or ProperDocs) beyond the plugin events: one page through MkDocs'
page pipeline outside its loop, every private MkDocs name healthpress relies on, serve's watcher, and
serve's page listing the errors of a build that failed.

May import: MkDocs, and healthpress.render, search, bureau, model, storage. The one layer besides
build/, the plugin and the CLI that knows the engine: moving to another engine replaces this folder.
"""
