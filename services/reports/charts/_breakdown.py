"""P&L by underlying or by strategy: horizontal bars, winners and losers coloured, the figure
as tall as the bars need (each keeps its own line), the smallest groups summed as "others"
past ``MAX_BARS``."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory, offset_copy

from services.errors import NotFoundError
from services.reports.charts._layout import left_in, place
from services.reports.charts._model import Breakdown, RenderedChart, Theme
from services.reports.charts._style import (
    HEIGHT_IN,
    TICK_SIZE,
    Palette,
    drawn,
    filename,
    money_axis,
    money_tick,
    new_figure,
    palette_of,
    png_bytes,
    set_titles,
    signed_dollars,
    style_axes,
)

ZERO = Decimal(0)
MAX_BARS = 30  # beyond this the smallest groups (by size of P&L) are one "others" bar
BAR_HEIGHT_IN = 0.24  # per bar: room for a 8.5 pt label with a gap
FRAME_HEIGHT_IN = 1.5  # title, subtitle and the x axis
MAX_LABEL_CHARS = 24
NAME_GAP_PT = 5.0  # between a name and its bar's axis
PLURALS = {"underlying": "underlyings", "strategy": "strategies"}


def merged_rows(rows: Sequence[tuple[str, Decimal]]) -> dict[str, Decimal]:
    """One amount per name (a name listed twice is summed)."""
    merged: dict[str, Decimal] = {}
    for name, amount in rows:
        merged[name] = merged.get(name, ZERO) + amount
    return merged


def bar_rows(rows: Sequence[tuple[str, Decimal]]) -> tuple[list[tuple[str, Decimal]], int]:
    """The bars to draw, largest gain first and largest loss last, and how many groups the
    "others" bar (the last one, when there are more than ``MAX_BARS``) sums."""
    ranked = sorted(merged_rows(rows).items(), key=lambda item: (-abs(item[1]), item[0]))
    if len(ranked) <= MAX_BARS:
        return sorted(ranked, key=lambda item: (-item[1], item[0])), 0
    shown, rest = ranked[: MAX_BARS - 1], ranked[MAX_BARS - 1 :]
    bars = sorted(shown, key=lambda item: (-item[1], item[0]))
    bars.append((f"{len(rest)} others", sum((amount for _, amount in rest), start=ZERO)))
    return bars, len(rest)


def figure_height(bars: int) -> float:
    """Inches: at least the standard 16:9 height, else tall enough for every bar's label."""
    return max(HEIGHT_IN, FRAME_HEIGHT_IN + BAR_HEIGHT_IN * bars)


def _label(name: str) -> str:
    return name if len(name) <= MAX_LABEL_CHARS else name[: MAX_LABEL_CHARS - 1] + "…"


def draw_breakdown(figure: Figure, data: Breakdown, palette: Palette) -> str:
    """Draw the chart on ``figure``; return its one-line summary."""
    merged = merged_rows(data.rows)
    bars, others = bar_rows(data.rows)
    if not bars:
        raise NotFoundError(f"No closed trades in {data.scope.period_label}: nothing to chart.")
    axes = figure.add_subplot()
    style_axes(axes, palette, grid_axis="x")
    positions = list(range(len(bars)))
    values = [float(amount) for _, amount in bars]
    colours = [
        palette.muted
        if others and index == len(bars) - 1
        else palette.gain
        if amount >= 0
        else palette.loss
        for index, (_, amount) in enumerate(bars)
    ]
    container = axes.barh(positions, values, height=0.68, color=colours)
    axes.bar_label(
        container,
        labels=[drawn(("+" if value > 0 else "") + money_tick(value)) for value in values],
        padding=3,
        fontsize=TICK_SIZE,
        color=palette.text,
    )
    # names as plain texts beside the bars: forty tick objects cost a fifth of the render
    axes.set_yticks([])
    beside = offset_copy(
        blended_transform_factory(axes.transAxes, axes.transData),
        fig=figure,
        x=-NAME_GAP_PT,
        units="points",
    )
    for position, (name, _) in zip(positions, bars, strict=True):
        axes.text(
            0,
            position,
            drawn(_label(name)),
            transform=beside,
            ha="right",
            va="center",
            fontsize=TICK_SIZE,
            color=palette.muted,
        )
    axes.set_ylim(len(bars) - 0.5, -0.5)  # the largest gain on top
    axes.axvline(0, color=palette.muted, linewidth=0.8)
    axes.margins(x=0.16)  # room for the value labels at both ends
    money_axis(axes, "x", bins=6)
    axes.set_xlabel("Realized P&L after fees (USD)")
    place(axes, left=left_in((_label(name) for name, _ in bars), axis_label=False))
    set_titles(
        axes,
        palette,
        f"Realized P&L by {data.what} · {data.scope.period_label}",
        f"{data.scope.accounts_label} · {len(merged)} {PLURALS.get(data.what, data.what)}"
        + (f", the smallest {others} summed as others" if others else ""),
    )
    winners = {name: amount for name, amount in merged.items() if amount > 0}
    losers = {name: amount for name, amount in merged.items() if amount < 0}
    best = max(merged.items(), key=lambda item: (item[1], item[0]))
    worst = min(merged.items(), key=lambda item: (item[1], item[0]))
    total = sum(merged.values(), start=ZERO)
    return (
        f"Realized P&L by {data.what}, {data.scope.period_label} ({data.scope.accounts_label}): "
        f"{signed_dollars(total)} in all; {len(winners)} up "
        f"{signed_dollars(sum(winners.values(), start=ZERO))}, {len(losers)} down "
        f"{signed_dollars(sum(losers.values(), start=ZERO))}; best {best[0]} "
        f"{signed_dollars(best[1])}, worst {worst[0]} {signed_dollars(worst[1])}."
    )


def render_breakdown(data: Breakdown, *, theme: Theme = Theme.DARK) -> RenderedChart:
    """Realized P&L per underlying (or strategy) as horizontal bars."""
    bars, _ = bar_rows(data.rows)
    with new_figure(theme, height_in=figure_height(len(bars))) as figure:
        summary = draw_breakdown(figure, data, palette_of(theme))
        png = png_bytes(figure)
    return RenderedChart(png, summary, filename("pnl-by", data.what, data.scope.period_label))
