"""信息报送门户 — the domain package behind ``build_stats.py``.

Pure code: every computation takes the content, the portal configuration and
an ``as_of`` moment.  Nothing here reads the clock, the environment or
``sys.argv``.  MkDocs is met only at the edge: :mod:`portal.edge.hook` wires its
build events to the package and :mod:`portal.edge.site` reads ``mkdocs.yml`` and
asks MkDocs which files it would publish; :mod:`portal.edge.search_switch` switches Material's jieba pass off.
Nothing outside ``portal/edge/`` imports MkDocs or Material (see ``docs/architecture.md``).
"""

__version__ = "0.1.0"
