"""The IMG residency guide: content models, the strict YAML loader and page generation.

`validate.load_content(root)` turns the YAML under `content/` into validated models;
`pages.render_site(content)` turns those into the Markdown of every generated page.
Only `hooks/guide_hooks.py` talks to MkDocs.
"""
