"""信息报送门户 — the domain package behind ``build_stats.py``.

Pure code: every computation takes the content, the portal configuration and
an ``as_of`` moment.  Nothing here reads the clock, the environment or
``sys.argv``; only :mod:`portal.mkdocs_adapter` talks to MkDocs' build events.
"""

__version__ = "0.1.0"
