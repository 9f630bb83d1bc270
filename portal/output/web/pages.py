"""Generated pages: every page of one build, by kind.

:class:`Portal` is a thin facade over the per-kind builders — ``page_home``,
``page_bulletins``, ``page_sections``, ``page_lists`` and ``page_items`` —
which take a :class:`~portal.output.web.render.Context` and return Markdown sources
keyed by ``src_uri`` (SPEC §8).  Figures come from :mod:`portal.figures.tally` and
:mod:`portal.output.bulletin`, words from :mod:`portal.words`; templates only
lay them out.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from ...figures.history import entries
from ...figures.tally import to_json
from ...model.objects import Incident, Issue, Report, Request
from ...model.problems import Problem
from . import page_bulletins, page_home, page_items, page_lists, page_periodicals, page_sections
from .render import Context, FileLater, intro_html, put_panel, relative, take_panel

SCORING_MARKER = page_items.SCORING_MARKER

__all__ = ["SCORING_MARKER", "Portal", "intro_html", "put_panel", "relative", "take_panel"]


class Portal(Context):
    """Every generated page of one build."""

    def pages(self) -> dict[str, str | bytes | FileLater]:
        """The generated pages and files that do not stand for a content file (the last build's, when everything
        they are made from is the same: only a report's own page shows its text).
        """
        inputs = (
            "pages",
            self.content,
            self.settings,
            self.ev.as_of,
            self.landing,
            self.problems,
            self.use_directory_urls,
            self.exports,
        )
        out = dict(self.memo.get(inputs, self._pages, texts=False))
        # a periodical issue's page and .docx print its reports' full text: keyed with the texts
        out.update(self.memo.get(("periodicals", *inputs[1:]), lambda: page_periodicals.periodicals(self)))
        return out

    def _pages(self) -> dict[str, str | bytes | FileLater]:
        out: dict[str, str | bytes | FileLater] = {"index.md": page_home.home(self)}
        out.update(page_bulletins.bulletins(self))
        out.update(page_lists.lists(self))
        out.update(page_sections.sections(self))
        current = to_json(self.tally(self.now_month), self.settings)
        out["stats.json"] = json.dumps(current, ensure_ascii=False, indent=2) + "\n"
        return out

    def report_page(self, report: Report) -> str:
        history = entries(self.history, report, self.ev.as_of)
        inputs = (
            self.memo_base,
            report,
            self.ev.scores.get(report.path),
            self.requests_by_id.get(report.request) if report.request else None,
            self.urgent_by_path.get(report.path),
            self.incidents_by_report.get(report.src_uri, ()),
            history,
        )
        return self.memo.get(inputs, lambda: page_items.report_page(self, report, history))

    @functools.cached_property
    def incidents_by_report(self) -> dict[str, tuple[Any, ...]]:
        found: dict[str, tuple[Any, ...]] = {}
        for incident in self.ev.incidents:
            found[incident.report] = (*found.get(incident.report, ()), incident)
        return found

    @functools.cached_property
    def memo_base(self) -> bytes:
        """What every report's page depends on besides its own report, score, request and urgent state."""
        return self.memo.digest(("report", self.settings, self.ev.as_of, self.use_directory_urls))

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
