"""Bulletin pages: each period's 通报 (a :class:`~portal.output.bulletin.Bulletin` on the web) and their index."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ...model.dates import Period
from ...words.pages import TITLES, scores_chart, volume_chart
from ...words.vocabulary import H
from ..bulletin import FORMATS, Bulletin, export_src, make_bulletin
from . import charts
from .render import Context, FileLater, stats_meta


@dataclass
class BulletinView:
    """A :class:`~portal.output.bulletin.Bulletin` on the web: plus charts, neighbours and download links."""

    b: Bulletin
    chart_scores: str
    chart_volume: str
    previous: Period | None
    following: Period | None
    downloads: dict[str, str] = field(default_factory=dict)


def bulletin_view(cx: Context, period: Period) -> BulletinView:
    b = make_bulletin(cx.ev, period, cx.tally, note=cx.content.notes.get(period.key))
    ranked = b.sections
    order = sorted(ranked, key=lambda r: r.order)
    chart_scores = charts.bars(
        scores_chart(period.label), [r.section for r in ranked], [(H["score"], [r.score for r in ranked])]
    )
    chart_volume = charts.bars(
        volume_chart(period.label),
        [r.section for r in order],
        [(H["submitted"], [r.submitted for r in order]), (H["adopted"], [r.adopted for r in order])],
    )
    siblings = {"month": cx.months, "quarter": cx.quarters, "year": cx.years}[period.kind]
    index = siblings.index(period) if period in siblings else -1
    return BulletinView(
        b=b,
        chart_scores=chart_scores,
        chart_volume=chart_volume,
        previous=siblings[index - 1] if index > 0 else None,
        following=siblings[index + 1] if 0 <= index < len(siblings) - 1 else None,
        downloads={fmt: export_src(period, fmt) for fmt in FORMATS} if cx.exports else {},
    )


def bulletin_page(cx: Context, view: BulletinView) -> str:
    b = view.b
    return cx.render("bulletin.md.j2", cx.bulletin_src(b.period), stats_meta(f"{b.period.label}{b.kind}"), v=view, b=b)


def bulletin_index(cx: Context) -> str:
    return cx.render(
        "bulletins.md.j2",
        "bulletins/index.md",
        stats_meta(TITLES["bulletins"]),
        intro=cx.landing.get("bulletins/index.md", ""),
        rows=[(m, cx.tally(m)) for m in reversed(cx.months)],
        quarters=list(reversed(cx.quarters)),
        years=list(reversed(cx.years)),
    )


def bulletins(cx: Context) -> dict[str, str | bytes | FileLater]:
    """Every period's bulletin page (and its .docx and .xlsx when exports are on), and the index."""
    out: dict[str, str | bytes | FileLater] = {"bulletins/index.md": bulletin_index(cx)}
    views = [bulletin_view(cx, period) for period in (*cx.months, *cx.quarters, *cx.years)]
    for view in views:
        out[cx.bulletin_src(view.b.period)] = bulletin_page(cx, view)
    if cx.exports:
        for view, files in zip(views, _downloads(cx, [v.b for v in views])):
            for fmt in FORMATS:
                out[export_src(view.b.period, fmt)] = files[fmt]
    return out


def _downloads(cx: Context, bulletins: list[Bulletin]) -> Sequence[Mapping[str, bytes | FileLater]]:
    """Both downloads of each bulletin: from the maker handed in (the hook's reuses the last build's and makes
    them in the background), else made now.
    """
    if cx.downloads is not None:
        return cx.downloads.make(bulletins)
    from ..office.export import docx_bytes, xlsx_bytes  # python-docx and openpyxl load only when needed

    return [{"docx": docx_bytes(b), "xlsx": xlsx_bytes(b)} for b in bulletins]
