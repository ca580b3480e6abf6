"""Judgements on a site: the national inspection indicators (compliance rules and the inspection that
applies them), links across a built site, broken links and missing alt text, and the findings report.

May import: healthpress.render, healthpress.search, healthpress.bureau, healthpress.model,
healthpress.storage. Never MkDocs. The data the rules use is loaded in bureau/ (leaders, terms).
"""
