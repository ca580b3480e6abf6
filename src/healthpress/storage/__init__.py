"""Small file-system and process utilities that several layers need: atomic writes, hard-linked pages,
a folder's file snapshot, and what `healthpress serve` keeps in memory between rebuilds.

May import: the standard library only.
"""
