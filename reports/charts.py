"""Charts drawn on the server as SVG: no script, nothing fetched, the same drawing on the
page and in the PDF. Sized for a 360 px phone (a 320-unit wide view box that scales):
horizontal bars with the label above each bar, so long school and club names never
squeeze; stacked columns for the twelve months. The table behind each chart is on the
page for screen readers, so the drawing itself is hidden from them."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH = 320
PALETTE = ("#1b7f4c", "#d6336c", "#1f6fb2", "#b35c00", "#6f42c1", "#495057")
FONT = 'font-family="Noto Sans, Arial, sans-serif"'


def _number(value, percent: bool) -> str:
    if percent:
        return f"{value:g}%"
    return f"{value:,}".replace(",", ".")


def hbar(rows: list, *, percent: bool = False) -> str:
    """One bar per row (label, value), label above the bar, value at its end."""
    values = [row[1] if isinstance(row[1], int | float) else 0 for row in rows]
    top = 100 if percent else max(values, default=0) or 1
    step, bar = 34, 14
    parts = []
    for i, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = i * step
        length = max(1, round((WIDTH - 50) * value / top)) if value else 0
        parts.append(
            f'<text x="0" y="{y + 11}" font-size="11" {FONT}>{escape(_clip(str(row[0])))}</text>'
            f'<rect x="0" y="{y + 15}" width="{length}" height="{bar}" rx="2" '
            f'fill="{PALETTE[0]}"/>'
            f'<text x="{length + 4}" y="{y + 26}" font-size="11" {FONT}>'
            f"{escape(_number(row[1], percent))}</text>"
        )
    return _svg(len(rows) * step + 4, "".join(parts))


def stacked(rows: list, series: list) -> str:
    """One column per row (label, value per series...), the series stacked, a legend."""
    totals = [sum(v for v in row[1:]) for row in rows]
    top = max(totals, default=0) or 1
    plot, base = 140, 150
    width = WIDTH / max(len(rows), 1)
    parts = []
    for i, row in enumerate(rows):
        x, y = i * width, base
        for j, value in enumerate(row[1:]):
            height = plot * value / top
            y -= height
            if value:
                parts.append(f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{width - 4:.1f}" '
                             f'height="{height:.1f}" fill="{PALETTE[j % len(PALETTE)]}"/>')
        if totals[i]:
            parts.append(f'<text x="{x + width / 2:.1f}" y="{y - 3:.1f}" font-size="10" '
                         f'text-anchor="middle" {FONT}>{totals[i]}</text>')
        label = str(row[0]).split("/")[0]
        parts.append(f'<text x="{x + width / 2:.1f}" y="{base + 13}" font-size="10" '
                     f'text-anchor="middle" {FONT}>{escape(label)}</text>')
    legend_y = base + 30
    for j, name in enumerate(series):
        y = legend_y + j * 16
        parts.append(f'<rect x="0" y="{y - 9}" width="10" height="10" '
                     f'fill="{PALETTE[j % len(PALETTE)]}"/>'
                     f'<text x="15" y="{y}" font-size="11" {FONT}>{escape(str(name))}</text>')
    return _svg(legend_y + len(series) * 16, "".join(parts))


def _clip(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _svg(height: int, body: str) -> str:
    return mark_safe(  # noqa: S308 every text above went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" class="report-chart" aria-hidden="true" focusable="false">{body}</svg>'
    )


def chart_for(table) -> str:
    """The SVG of a report table, or "" when it has none or is empty (the page says so)."""
    if not table.chart or table.empty:
        return ""
    if table.chart == "stacked":
        return stacked(table.rows, table.columns[1:])
    return hbar(table.rows, percent=table.percent)
