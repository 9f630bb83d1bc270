"""Charts as inline SVG, drawn at build time: no script, no CDN, prints well."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

PALETTE = ("#1f5fa8", "#2e9d5b", "#e0a21b", "#c0392b")
LEGEND_Y = 30  # the legend's squares (the title's baseline is at 16)
TOP = 54  # where the plot starts, below title and legend
FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def nice_ticks(high: float, most: int = 5) -> list[float]:
    """Axis ticks from 0 to at least ``high`` in round steps (1, 2 or 5 × 10ⁿ), at most ``most`` intervals:
    63 → 0, 20, 40, 60, 80; 4 → 0, 1, 2, 3, 4; 0 → 0, 1 (never a step below 1).
    """
    high = max(high, 1)
    magnitude = max(1, 10 ** math.floor(math.log10(high / most)))  # counts: whole steps
    step = next(m * magnitude for m in (1, 2, 5, 10) if high / (m * magnitude) <= most)
    count = math.ceil(high / step - 1e-9)
    return [round(step * i, 10) for i in range(count + 1)]


def _start(title: str, width: int, height: int, names: Sequence[str], x: float) -> list[str]:
    """The ``<svg>`` opening, its title and the legend of the series ``names`` from ``x`` on."""
    out = [
        f'<svg class="portal-chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg" font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-size="14" font-weight="bold" fill="#222">{escape(title)}</text>',
    ]
    for i, name in enumerate(names):
        out.append(  # one line below the title: Chinese glyph boxes are tall, the two must not touch
            f'<rect x="{x}" y="{LEGEND_Y}" width="10" height="10" fill="{PALETTE[i % 4]}"/>'
            f'<text x="{x + 14}" y="{LEGEND_Y + 9}" fill="#444">{escape(name)}</text>'
        )
        x += 24 + 13 * len(name)
    return out


def bars(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], width: int = 720) -> str:
    """Horizontal grouped bars: one group a label, one bar a series."""
    label_w, row_gap, bar_h = 190, 10, 18  # a bar as tall as its value's glyph box: neighbours' values never touch
    group_h = bar_h * len(series) + row_gap
    top = TOP
    height = top + group_h * len(labels) + 16
    values = [v for _, vs in series for v in vs]
    high = max([abs(v) for v in values] + [1])
    low = min([*values, 0])
    span = high - low if low < 0 else high
    # room left of the longest negative bar for its value, so that it never runs into the names
    room = 8 + 7 * max((len(_fmt(v)) for v in values if v < 0), default=0) if low < 0 else 0
    plot_w = width - label_w - 60 - room
    zero_x = label_w + room + (plot_w * (-low) / span if low < 0 else 0)
    out = _start(title, width, height, [name for name, _ in series], label_w)
    for row, label in enumerate(labels):
        y0 = top + row * group_h
        out.append(
            f'<text x="{label_w - 8}" y="{y0 + group_h / 2}" text-anchor="end" '
            f'dominant-baseline="middle" fill="#222">{escape(label)}</text>'
        )
        for i, (name, vs) in enumerate(series):
            value = vs[row]
            w = plot_w * abs(value) / span
            bx = zero_x if value >= 0 else zero_x - w
            by = y0 + i * bar_h
            out.append(
                f'<rect x="{bx:.1f}" y="{by}" width="{w:.1f}" height="{bar_h - 2}" '
                f'fill="{PALETTE[i % 4]}"><title>{escape(label)} {escape(name)}: {_fmt(value)}</title></rect>'
                f'<text x="{bx + w + 4 if value >= 0 else bx - 4:.1f}" y="{by + bar_h - 4}" '
                f'text-anchor="{"start" if value >= 0 else "end"}" fill="#333" '
                f'font-size="11">{_fmt(value)}</text>'
            )
    out.append(f'<line x1="{zero_x:.1f}" y1="{top - 4}" x2="{zero_x:.1f}" y2="{height - 12}" stroke="#999"/>')
    out.append("</svg>")
    return "".join(out)


def trend(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    width: int = 720,
    height: int = 240,
) -> str:
    """Lines over months (labels along the x axis)."""
    left, right, top, bottom = 40, 16, TOP, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _, vs in series for v in vs] or [0]
    ticks = nice_ticks(max(values))
    high = ticks[-1]
    n = max(len(labels) - 1, 1)
    out = _start(title, width, height, [name for name, _ in series], left)
    for value in ticks:
        y = top + plot_h - plot_h * value / high
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e5e5e5"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#666" '
            f'font-size="10">{_fmt(value)}</text>'
        )
    for i, label in enumerate(labels):
        px = left + plot_w * i / n
        out.append(
            f'<text x="{px:.1f}" y="{height - 14}" text-anchor="middle" fill="#444" '
            f'font-size="10">{escape(label)}</text>'
        )
    for s, (name, vs) in enumerate(series):
        points = " ".join(
            f"{left + plot_w * i / n:.1f},{top + plot_h - plot_h * v / high:.1f}" for i, v in enumerate(vs)
        )
        out.append(f'<polyline fill="none" stroke="{PALETTE[s % 4]}" stroke-width="2" points="{points}"/>')
        for i, v in enumerate(vs):
            out.append(
                f'<circle cx="{left + plot_w * i / n:.1f}" cy="{top + plot_h - plot_h * v / high:.1f}" '
                f'r="3" fill="{PALETTE[s % 4]}"><title>{escape(labels[i])} {escape(name)}: '
                f"{_fmt(v)}</title></circle>"
            )
    out.append("</svg>")
    return "".join(out)
