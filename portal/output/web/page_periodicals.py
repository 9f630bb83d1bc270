"""Pages of the office's periodicals (SPEC §8): ``periodicals/``, one page per periodical and per issue.

An issue page holds its items' full text grouped by column, with a table of
contents; each item links to its report, and each report page links back
(see ``report_meta.html.j2``).  The .docx of every issue sits beside its page.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from typing import Any

from ...content.periodicals import H1_RE, by_year, columns, editing_unit, issue_title
from ...content.sanitize import inert, is_external
from ...model.objects import Issue, Periodical, Report
from ...words.documents import EDITORS_NOTE, ORIGINAL
from ...words.numbers import cn_date
from ...words.pages import TITLES, periodical_title
from .render import Context, front_matter, h1, intro_html, one_block, relative

INDEX = "periodicals/index.md"
_HEADING_RE = re.compile(r"^(#{1,6})(?=[ \t])", re.MULTILINE)
_FENCE_RE = re.compile(r"^[ \t]*(```|~~~)")
_LINK_RE = re.compile(r"(\]\(\s*<?)([^)\s>]+)")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def periodical_src(periodical: Periodical) -> str:
    return f"periodicals/{periodical.slug}/index.md"


def docx_src(issue: Issue) -> str:
    return posixpath.splitext(issue.src_uri)[0] + ".docx"


def periodicals(cx: Context) -> dict[str, str | bytes]:
    """``periodicals/``, each periodical's page, and each issue's .docx."""
    settings = cx.settings
    if not settings.periodicals and not cx.content.issues:
        return {}
    of = {p.name: [i for i in cx.content.issues if i.publication == p.name] for p in settings.periodicals}
    out: dict[str, str | bytes] = {
        INDEX: cx.render(
            "periodicals.md.j2",
            INDEX,
            {"title": TITLES["periodicals"], "search": {"exclude": True}, "hide": ["navigation", "toc"]},
            intro=cx.landing.get(INDEX, ""),
            shown=[(p, by_year(of[p.name])) for p in settings.periodicals],
            single=False,
            pp=_Helpers(),
        )
    }
    for periodical in settings.periodicals:
        src = periodical_src(periodical)
        out[src] = cx.render(
            "periodicals.md.j2",
            src,
            {"title": periodical_title(periodical.name), "search": {"exclude": True}, "hide": ["navigation", "toc"]},
            intro=cx.landing.get(src, ""),
            shown=[(periodical, by_year(of[periodical.name]))],
            single=True,
            pp=_Helpers(),
        )
    if cx.exports:
        from ..office.periodical_docx import issue_docx

        reports = {r.src_uri: r for r in cx.content.reports}
        for issue in cx.content.issues:
            configured = settings.periodical(issue.publication)
            assert configured is not None
            out[docx_src(issue)] = issue_docx(issue, configured, reports, settings)
    return out


class _Helpers:
    """Names the templates use (kept off :class:`~portal.output.web.pages.Portal`)."""

    periodical_src = staticmethod(periodical_src)
    docx_src = staticmethod(docx_src)
    issue_title = staticmethod(issue_title)


def issue_page(cx: Context, issue: Issue) -> str:
    """One issue: 报头, table of contents, then every item's full text by column."""
    periodical = cx.settings.periodical(issue.publication)
    assert periodical is not None
    reports = {r.src_uri: r for r in cx.content.reports}
    groups = columns(issue, periodical, reports)
    here = cx.url(issue.src_uri)
    head = cx.fragment(
        "issue.html.j2",
        p=cx,
        s=cx.settings,
        issue=issue,
        periodical=periodical,
        groups=groups,
        title=issue_title(issue),
        unit=editing_unit(cx.settings.organization),
        docx=docx_src(issue) if cx.exports else "",
        link=lambda target: relative(here, cx.url(target) if target.endswith(".md") else target),
        counted=issue.date <= cx.ev.as_of.date(),
    )
    parts = [h1(issue_title(issue)), one_block(head)]
    if issue.body.strip():
        note = intro_html(issue.body)
        parts.append(one_block(f'<div class="pt-issue-note"><p class="pt-note-head">{EDITORS_NOTE}</p>{note}</div>'))
    for column in groups:
        if column.name:
            parts.append(f"## {_md_text(column.name)}")
        for number, report in column.items:
            parts.append(f"### {_md_text(report.title)}")
            parts.append(
                one_block(
                    f'<p class="pt-issue-source" id="item-{number}">'
                    f"{html.escape(report.section)}{' ' + html.escape(report.author) if report.author else ''}"
                    f" · {cn_date(report.date)} · "
                    f'<a href="{html.escape(relative(here, cx.url(report.src_uri)))}">{ORIGINAL}</a></p>'
                )
            )
            parts.append(item_body(report, issue))
    meta: dict[str, Any] = {"title": inert(issue_title(issue)), "search": {"exclude": True}}
    return f"---\n{front_matter(meta)}\n---\n\n" + "\n\n".join(p for p in parts if p.strip()) + "\n"


def item_body(report: Report, issue: Issue) -> str:
    """A report's Markdown for the issue page: no H1, headings below the item's, links that still resolve."""
    body = H1_RE.sub("", report.body, count=1).strip()
    return "\n".join(_adapt(body.split("\n"), posixpath.dirname(report.src_uri), posixpath.dirname(issue.src_uri)))


def _adapt(lines: list[str], source_dir: str, target_dir: str) -> Iterator[str]:
    fenced = False
    for line in lines:
        if _FENCE_RE.match(line):
            fenced = not fenced
        if fenced:
            yield line
            continue
        line = _HEADING_RE.sub(lambda m: "#" * min(6, len(m.group(1)) + 3), line)
        yield _LINK_RE.sub(lambda m: m.group(1) + _move(m.group(2), source_dir, target_dir), line)


def _move(target: str, source_dir: str, target_dir: str) -> str:
    """A relative link written in ``source_dir``, as seen from ``target_dir``."""
    if not target or target.startswith(("#", "/")) or is_external(target) or re.match(r"[a-zA-Z][\w+.-]*:", target):
        return target
    return posixpath.relpath(posixpath.normpath(posixpath.join(source_dir, target)), target_dir or ".")


def _md_text(value: str) -> str:
    """Text for a Markdown heading: nothing in it is markup."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))
