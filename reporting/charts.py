"""Inline SVG bar charts. Each is a picture only: the figures are in the table beside it,
so the SVG has role="img" with a short name pointing there. All text is escaped."""

from collections.abc import Sequence
from html import escape

# GOV.UK palette: dark blue and orange keep 3:1 contrast with white and with each other.
BLUE, ORANGE, GREY, INK = "#1d70b8", "#f47738", "#b1b4b6", "#0b0c0c"


def _frame(chart_id: str, name: str, width: int, height: int, body: str) -> str:
    return (
        f'<svg id="{chart_id}" role="img" aria-label="{escape(name)}" '
        f'viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f"{body}</svg>"
    )


def daily_bars(
    chart_id: str, name: str, days: Sequence[str], series: Sequence[tuple[str, str, list[int]]]
) -> str:
    """Stacked vertical bars, one per day; ``series`` is (label, colour, values) bottom first."""
    width, height, left, bottom, top = 640, 260, 44, 40, 28
    totals = [sum(s[2][i] for s in series) for i in range(len(days))]
    peak = max(totals + [1])
    plot_h = height - bottom - top
    step = (width - left - 8) / max(1, len(days))
    bar_w = max(2.0, step * 0.75)
    parts = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
        f'stroke="{INK}"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11">{peak:,}</text>',
        f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end" font-size="11">0</text>',
    ]
    for i, day in enumerate(days):
        x, y = left + i * step + (step - bar_w) / 2, float(height - bottom)
        for _, colour, values in series:
            h = plot_h * values[i] / peak
            if h > 0:
                y -= h
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                    f'fill="{colour}"/>'
                )
        every = 1 if len(days) <= 14 else max(1, len(days) // 7)
        # Label every few days, counted back from the last so today is always labelled.
        if (len(days) - 1 - i) % every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                f'font-size="10">{escape(day)}</text>'
            )
    x = left
    for label, colour, _ in series:  # legend
        parts.append(
            f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="16" font-size="12">{escape(label)}</text>'
        )
        x += 24 + 7 * len(label)
    return _frame(chart_id, name, width, height, "".join(parts))


def horizontal_bars(
    chart_id: str, name: str, rows: Sequence[tuple[str, int]], colour: str = BLUE
) -> str:
    """One horizontal bar per row, labelled with its name and value."""
    width, row_h, label_w = 640, 22, 230
    height = max(1, len(rows)) * row_h + 8
    peak = max([v for _, v in rows] + [1])
    parts = []
    for i, (label, value) in enumerate(rows):
        y = 4 + i * row_h
        w = (width - label_w - 60) * value / peak
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" font-size="12">'
            f"{escape(short)}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
            f'fill="{colour}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" font-size="12">{value:,}</text>'
        )
    return _frame(chart_id, name, width, height, "".join(parts))
