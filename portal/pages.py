"""Generated pages: every page of one build, by kind.

:class:`Portal` is a thin facade over the per-kind builders — ``page_home``,
``page_bulletins``, ``page_sections``, ``page_lists`` and ``page_items`` —
which take a :class:`~portal.render.Context` and return Markdown sources
keyed by ``src_uri`` (SPEC §8).  Figures come from :mod:`portal.tally` and
:mod:`portal.bulletin`, words from :mod:`portal.vocabulary`; templates only
lay them out.
"""

from __future__ import annotations

import json

from . import page_bulletins, page_home, page_items, page_lists, page_periodicals, page_sections
from .model import Incident, Issue, Report, Request
from .problems import Problem
from .render import Context, intro_html, relative
from .tally import to_json

SCORING_MARKER = page_items.SCORING_MARKER

__all__ = ["SCORING_MARKER", "Portal", "intro_html", "relative"]


class Portal(Context):
    """Every generated page of one build."""

    def pages(self) -> dict[str, str | bytes]:
        """The generated pages and files that do not stand for a content file."""
        out: dict[str, str | bytes] = {"index.md": page_home.home(self)}
        out.update(page_bulletins.bulletins(self))
        out.update(page_lists.lists(self))
        out.update(page_sections.sections(self))
        out.update(page_periodicals.periodicals(self))
        current = to_json(self.tally(self.now_month), self.settings)
        out["stats.json"] = json.dumps(current, ensure_ascii=False, indent=2) + "\n"
        return out

    def report_page(self, report: Report) -> str:
        return page_items.report_page(self, report)

    def request_page(self, request: Request) -> str:
        return page_items.request_page(self, request)

    def incident_page(self, incident: Incident) -> str:
        return page_items.incident_page(self, incident)

    def issue_page(self, issue: Issue) -> str:
        return page_periodicals.issue_page(self, issue)

    def broken_page(self, path: str, problems: list[Problem]) -> str:
        return page_items.broken_page(self, path, problems)

    def with_scoring_table(self, markdown: str) -> str:
        return page_items.with_scoring_table(self, markdown)
