"""Small file-system and process utilities that several layers need: atomic writes, hard-linked pages,
a folder's file snapshot, what `healthpress serve` keeps in memory between rebuilds, texts moved out of
memory into an unnamed temporary file (spill.py), and the day each file first entered its git repository
(githistory.py: a subprocess, no model).

May import: the standard library only.
"""
