"""The pages' content as plain data and HTML: the site model's type, listing views, the templates'
context, an editor's page HTML (sanitizer, images, links, summary), sharing QR codes, feeds, the
sitemap archive, Jinja filters and fixes to material's chrome.

May import: healthpress.bureau, healthpress.model, healthpress.storage. Never MkDocs (engine/ drives it).
"""
