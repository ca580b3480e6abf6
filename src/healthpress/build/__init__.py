"""One build from start to end: the Build that owns its state and runs its phases (read, validate,
model, render, index, publish), reading the project, the caches and their keys, worker processes,
progress, the staging folder and the atomic publish.

May import: every layer below (engine, checks, render, search, bureau, model, storage) and MkDocs.
Only the plugin and the CLI import it.
"""
