"""Generated pages: view models computed here, laid out by Jinja2 templates.

:class:`Portal` turns one :class:`~portal.tally.Evaluation` into the Markdown
source of every generated page (SPEC §8), keyed by ``src_uri``.  Templates
are autoescaped HTML blocks inside Markdown; numbers come from
:mod:`portal.tally`, never from template arithmetic.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from . import charts
from .bulletin import Bulletin, export_src, make_bulletin
from .dates import Period, months_between, period_containing
from .loader import page_url
from .model import LEVELS, Content, Report, Request
from .problems import Problem
from .tally import Evaluation, Tally, number, tally, to_json
from .text import inert, sanitize_html
from .vocabulary import LEVEL_NAMES, PEOPLE_COLUMNS, STATUS_CLASS, STATUS_LABELS, H, columns, percent

DUE_SOON_DAYS = 7
#: Where a Markdown page (the staff guide) wants the configured scoring table.
SCORING_MARKER = "<!-- portal:scoring -->"
_H1_RE = re.compile(r"\A\s*#[ \t]+(\S[^\n]*)(?:\n|\Z)")


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    rel = posixpath.relpath(to_url or ".", base or ".")
    if (to_url.endswith("/") or not to_url) and not rel.endswith("/"):
        rel += "/"
    return rel


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("portal", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        STATUS_LABELS=STATUS_LABELS,
        STATUS_CLASS=STATUS_CLASS,
        LEVEL_NAMES=LEVEL_NAMES,
        LEVELS=LEVELS,
        H=H,
        PEOPLE_COLUMNS=PEOPLE_COLUMNS,
        SECTION_PEOPLE_COLUMNS=columns(PEOPLE_COLUMNS, ("author", "submitted", "adopted", "good", "score")),
    )
    env.filters["num"] = number
    env.filters["pct"] = percent
    env.filters["day"] = lambda d: f"{d:%Y-%m-%d}" if d else "—"
    env.filters["minute"] = lambda d: f"{d:%Y-%m-%d %H:%M}" if d else "—"
    return env


@dataclass
class BulletinView:
    """A :class:`~portal.bulletin.Bulletin` on the web: plus charts, neighbours and download links."""

    b: Bulletin
    chart_scores: str
    chart_volume: str
    previous: Period | None
    following: Period | None
    downloads: dict[str, str] = field(default_factory=dict)


class Portal:
    """Every generated page of one build."""

    def __init__(
        self,
        ev: Evaluation,
        content: Content,
        *,
        landing: dict[str, str] | None = None,
        problems: Iterable[Problem] = (),
        use_directory_urls: bool = True,
        exports: bool = True,
    ) -> None:
        self.ev = ev
        self.settings = ev.settings
        self.content = content
        self.landing = landing or {}
        self.problems = list(problems)
        self.use_directory_urls = use_directory_urls
        self.exports = exports
        self.env = _env()
        self.now_month = period_containing(ev.as_of.date())
        first = min([r.date.date() for r in ev.reports] + [ev.as_of.date()])
        self.months = months_between(first, ev.as_of.date())
        self.quarters = sorted({period_containing(m.start, "quarter") for m in self.months})
        self.years = sorted({period_containing(m.start, "year") for m in self.months})
        self._tallies: dict[str, Tally] = {}
        self.requests_by_id = {r.id: r for r in content.requests}
        self.answers = ev.answers
        self.urgent_by_path = {u.report.path: u for u in ev.urgent}

    # --- helpers ------------------------------------------------------------------------

    def tally(self, period: Period) -> Tally:
        if period.key not in self._tallies:
            self._tallies[period.key] = tally(self.ev, period)
        return self._tallies[period.key]

    def url(self, src_uri: str) -> str:
        return page_url(src_uri, self.use_directory_urls)

    def _render(self, template: str, src_uri: str, meta: dict[str, Any], intro: str = "", **values: Any) -> str:
        here = self.url(src_uri)

        def link(target_src_uri: str) -> str:
            target = target_src_uri if not target_src_uri.endswith(".md") else self.url(target_src_uri)
            return relative(here, target)

        body = self.env.get_template(template).render(
            p=self, s=self.settings, ev=self.ev, link=link, here=here, **values
        )
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip()
        intro = f"{_one_block(intro_html(intro))}\n\n" if intro.strip() else ""
        return f"---\n{front}\n---\n\n{intro}{_one_block(body)}\n"

    def section_src(self, name: str) -> str:
        slug = next(s.slug for s in self.settings.sections if s.name == name)
        return f"sections/{slug}.md"

    @staticmethod
    def bulletin_src(period: Period) -> str:
        return f"bulletins/{period.key}.md"

    @staticmethod
    def month_list_src(period: Period) -> str:
        return f"reports/{period.key}/index.md"

    def level_of(self, report: Report) -> str | None:
        return self.ev.scores[report.path].top_level if report.path in self.ev.scores else None

    # --- all pages ------------------------------------------------------------------------

    def pages(self) -> dict[str, str | bytes]:
        out: dict[str, str | bytes] = {"index.md": self.home()}
        out["bulletins/index.md"] = self.bulletin_index()
        for period in (*self.months, *self.quarters, *self.years):
            view = self.bulletin_view(period)
            out[self.bulletin_src(period)] = self.bulletin(view)
            if self.exports:
                from .export import docx_bytes, xlsx_bytes

                out[export_src(period, "docx")] = docx_bytes(view.b)
                out[export_src(period, "xlsx")] = xlsx_bytes(view.b)
        out["overdue/index.md"] = self.overdue()
        out["requests/index.md"] = self.request_index()
        out["sections/index.md"] = self.section_index()
        for section in self.settings.sections:
            out[self.section_src(section.name)] = self.section_page(section.name)
        out["reports/index.md"] = self.report_index()
        for period in self.months:
            out[self.month_list_src(period)] = self.month_reports(period)
        out["stats.json"] = (
            json.dumps(to_json(self.tally(self.now_month), self.settings), ensure_ascii=False, indent=2) + "\n"
        )
        return out

    # --- home -------------------------------------------------------------------------------

    def home(self) -> str:
        t = self.tally(self.now_month)
        as_of = self.ev.as_of.date()
        due_soon, missed = [], []
        for request in self.ev.requests:
            status = self.ev.request_status[request.id]
            waiting = [s for s, v in status.items() if v == "pending"]
            if waiting and request.deadline - as_of <= timedelta(days=DUE_SOON_DAYS):
                due_soon.append((request, waiting))
            lost = [s for s, v in status.items() if v == "missed"]
            if lost:
                missed.append((request, lost))
        pending_urgent = [u for u in self.ev.urgent if u.status == "pending"]
        adoptions = sorted(
            ((a, r) for r in self.ev.reports for a in self.ev.scores[r.path].adoptions),
            key=lambda ar: (ar[0].date or ar[1].date, ar[1].path),
            reverse=True,
        )[:10]
        latest = list(reversed(self.ev.reports[-10:]))
        chart = charts.bars(
            f"{self.now_month.label}各股室得分",
            [r.section for r in t.sections],
            [("得分", [r.score for r in t.sections])],
        )
        page = self._render(
            "home.md.j2",
            "index.md",
            {"title": "首页", "hide": ["navigation", "toc"]},
            t=t,
            due_soon=due_soon,
            missed=missed,
            pending_urgent=pending_urgent,
            adoptions=adoptions,
            latest=latest,
            chart=chart,
            intro=self.landing.get("index.md", ""),
        )
        alarm = self.env.get_template("problems.html.j2").render(
            problems=[x for x in self.problems if x.is_error], warnings=[x for x in self.problems if not x.is_error]
        )
        if alarm.strip():
            head, _, rest = page.partition("\n---\n\n")
            page = f"{head}\n---\n\n{_one_block(alarm)}\n\n{rest}"
        return page

    # --- bulletins --------------------------------------------------------------------------

    def bulletin_view(self, period: Period) -> BulletinView:
        b = make_bulletin(self.ev, period, self.tally)
        t = b.tally
        order = sorted(t.sections, key=lambda r: r.order)
        chart_scores = charts.bars(
            f"{period.label}各股室{H['score']}",
            [r.section for r in t.sections],
            [(H["score"], [r.score for r in t.sections])],
        )
        chart_volume = charts.bars(
            f"{period.label}{H['submitted']}与{H['adopted']}",
            [r.section for r in order],
            [(H["submitted"], [r.submitted for r in order]), (H["adopted"], [r.adopted for r in order])],
        )
        siblings = {"month": self.months, "quarter": self.quarters, "year": self.years}[period.kind]
        index = siblings.index(period) if period in siblings else -1
        return BulletinView(
            b=b,
            chart_scores=chart_scores,
            chart_volume=chart_volume,
            previous=siblings[index - 1] if index > 0 else None,
            following=siblings[index + 1] if 0 <= index < len(siblings) - 1 else None,
            downloads={fmt: export_src(period, fmt) for fmt in ("docx", "xlsx")} if self.exports else {},
        )

    def bulletin(self, view: BulletinView) -> str:
        b = view.b
        return self._render(
            "bulletin.md.j2",
            self.bulletin_src(b.period),
            {"title": f"{b.period.label}{b.kind}", "search": {"exclude": True}, "hide": ["navigation", "toc"]},
            v=view,
            b=b,
        )

    def bulletin_index(self) -> str:
        rows = [(m, self.tally(m)) for m in reversed(self.months)]
        return self._render(
            "bulletins.md.j2",
            "bulletins/index.md",
            {"title": "通报", "search": {"exclude": True}, "hide": ["navigation", "toc"]},
            rows=rows,
            quarters=list(reversed(self.quarters)),
            years=list(reversed(self.years)),
        )

    # --- other pages --------------------------------------------------------------------------

    def overdue(self) -> str:
        groups = {s: [u for u in self.ev.urgent if u.status == s] for s in ("overdue", "pending", "late", "on_time")}
        return self._render(
            "overdue.md.j2",
            "overdue/index.md",
            {"title": "紧急事件", "search": {"exclude": True}, "hide": ["navigation", "toc"]},
            groups=groups,
        )

    def request_index(self) -> str:
        rows = []
        for request in sorted(self.ev.requests, key=lambda r: (r.deadline, r.id), reverse=True):
            status = self.ev.request_status[request.id]
            counts = {s: sum(1 for v in status.values() if v == s) for s in STATUS_LABELS if s != "overdue"}
            rows.append((request, counts))
        future = [r for r in self.content.requests if r not in self.ev.requests]
        return self._render(
            "requests.md.j2",
            "requests/index.md",
            {"title": "约稿", "search": {"exclude": True}, "hide": ["navigation", "toc"]},
            rows=rows,
            future=future,
            intro=self.landing.get("requests/index.md", ""),
        )

    def section_index(self) -> str:
        t = self.tally(self.now_month)
        year_t = self.tally(period_containing(self.ev.as_of.date(), "year"))
        rows = [
            (
                s,
                next(r for r in t.sections if r.section == s.name),
                next(r for r in year_t.sections if r.section == s.name),
            )
            for s in self.settings.sections
        ]
        return self._render(
            "sections.md.j2",
            "sections/index.md",
            {"title": "股室", "search": {"exclude": True}, "hide": ["navigation", "toc"]},
            rows=rows,
            year=year_t.period,
        )

    def section_page(self, name: str) -> str:
        section = next(s for s in self.settings.sections if s.name == name)
        months = []
        for period in reversed(self.months):
            row = next(r for r in self.tally(period).sections if r.section == name)
            months.append((period, row))
        reports = [
            r for r in reversed(self.content.reports) if r.section == name and not r.draft and r.date <= self.ev.as_of
        ]
        recent = list(reversed(months[:12]))
        chart = charts.trend(
            f"{name}近{len(recent)}个月报送、采用与得分",
            [p.key[2:] for p, _ in recent],
            [
                ("报送", [r.submitted for _, r in recent]),
                ("采用", [r.adopted for _, r in recent]),
                ("得分", [max(r.score, 0) for _, r in recent]),
            ],
        )
        people = [p for p in self.tally(period_containing(self.ev.as_of.date(), "year")).people if p.section == name]
        return self._render(
            "section.md.j2",
            self.section_src(name),
            {"title": name, "search": {"exclude": True}, "hide": ["navigation", "toc"]},
            section=section,
            months=months,
            reports=reports,
            chart=chart,
            people=people,
        )

    def report_index(self) -> str:
        rows = [(m, len(self.ev.by_month.get(m.key, []))) for m in reversed(self.months)]
        return self._render(
            "reports_index.md.j2",
            "reports/index.md",
            {"title": "全部信息", "search": {"exclude": True}, "hide": ["navigation", "toc"]},
            rows=rows,
            intro=self.landing.get("reports/index.md", ""),
        )

    def month_reports(self, period: Period) -> str:
        reports = list(reversed(self.ev.by_month.get(period.key, [])))
        src = self.month_list_src(period)
        return self._render(
            "month_reports.md.j2",
            src,
            {"title": f"{period.label}信息", "search": {"exclude": True}, "hide": ["navigation", "toc"]},
            period=period,
            reports=reports,
            intro=self.landing.get(src, ""),
        )

    # --- report and request pages ------------------------------------------------------------

    def report_page(self, report: Report) -> str:
        body = report.body
        match = _H1_RE.match(body)
        if match:
            body = body[match.end() :]
        score = self.ev.scores.get(report.path)
        request = self.requests_by_id.get(report.request) if report.request else None
        meta: dict[str, Any] = {"title": inert(report.title)}
        if report.tags:
            meta["tags"] = [inert(t) for t in report.tags]
        panel = self.env.get_template("report_meta.html.j2").render(
            p=self,
            r=report,
            score=score,
            request=request,
            urgent=self.urgent_by_path.get(report.path),
            link=lambda target: relative(self.url(report.src_uri), self.url(target)),
            counted=score is not None,
            as_of=self.ev.as_of,
        )
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip()
        return f"---\n{front}\n---\n\n{_h1(report.title)}\n\n{_one_block(panel)}\n\n{body.strip()}\n"

    def request_page(self, request: Request) -> str:
        status = self.ev.request_status.get(request.id)
        panel = self.env.get_template("request_meta.html.j2").render(
            p=self,
            q=request,
            status=status,
            answers=self.answers,
            link=lambda target: relative(self.url(request.src_uri), self.url(target)),
        )
        front = yaml.safe_dump({"title": inert(request.title)}, allow_unicode=True, sort_keys=False).strip()
        return f"---\n{front}\n---\n\n{_h1(request.title)}\n\n{_one_block(panel)}\n\n{request.body.strip()}\n"

    def with_scoring_table(self, markdown: str) -> str:
        """``markdown`` with :data:`SCORING_MARKER` replaced by the configured prices as an HTML table."""
        if SCORING_MARKER not in markdown:
            return markdown
        table = self.env.get_template("scoring.html.j2").render(s=self.settings)
        return markdown.replace(SCORING_MARKER, _one_block(table))

    def broken_page(self, path: str, problems: list[Problem]) -> str:
        body = self.env.get_template("broken.md.j2").render(path=path, problems=problems)
        return f"---\ntitle: 文件有错误\n---\n\n{body}"


def _h1(title: str) -> str:
    """The page heading as an HTML block: the title is text, never Markdown (``*`` or ``[x](y)`` stay)."""
    return f'<h1 id="title">{html.escape(title)}</h1>'


def intro_html(markdown_text: str) -> str:
    """A landing text (``index.md``) as sanitized HTML, to sit above a generated page."""
    import markdown

    html_text = markdown.markdown(markdown_text, extensions=["tables", "attr_list", "admonition"])
    return f'<div class="pt-intro">{sanitize_html(html_text)}</div>'


def _one_block(markup: str) -> str:
    """An HTML block without blank lines, so Markdown passes it through untouched."""
    return "\n".join(line for line in markup.splitlines() if line.strip())
