"""What only a health bureau's site has: letters (局长信箱), government-information disclosure, the
numbered weekly (期号), health days, units and liaisons, topics, the leadership group, leaders and
standard terms, and publication statistics by unit (pure).

May import: healthpress.model (and healthpress.storage). Never MkDocs.
"""
