"""What healthpress asks of MkDocs (or ProperDocs) beyond the plugin events: one page through MkDocs'
page pipeline outside its loop, every private MkDocs name healthpress relies on, and serve's watcher.

May import: MkDocs, and healthpress.render, search, bureau, model, storage. The one layer besides
build/, the plugin and the CLI that knows the engine: moving to another engine replaces this folder.
"""
