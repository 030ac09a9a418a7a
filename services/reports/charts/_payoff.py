"""The payoff diagram of a position: P&L at the first expiration and today (Black-Scholes),
profit and loss zones, break-evens and the spot marked, and the figures in a side panel."""

from __future__ import annotations

from decimal import Decimal

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from services.reports.charts._layout import (
    BOTTOM_IN,
    EDGE_IN,
    TOP_IN,
    left_in,
    note_in,
    place,
    y_tick_labels,
)
from services.reports.charts._model import PayoffSpec, RenderedChart, Theme
from services.reports.charts._payoff_math import PayoffAnalysis, analyze_payoff, payoff_curves
from services.reports.charts._style import (
    LABEL_SIZE,
    TICK_SIZE,
    Palette,
    add_note,
    dollars,
    drawn,
    filename,
    money_axis,
    new_figure,
    note_lines,
    palette_of,
    png_bytes,
    price_text,
    price_tick,
    set_titles,
    signed_dollars,
    style_axes,
)
from services.strategies import LegSide, LegType

PANEL_WIDTH = 0.3  # share of the width for the figures beside the plot
PANEL_GAP_IN = 0.15
MAX_TITLE_CHARS = 60


def leg_text(spec: PayoffSpec) -> list[str]:
    """One short line per leg: ``-1 450 C 2026-12-18``, ``+100 sh``."""
    lines = []
    for leg in spec.legs:
        sign = "+" if leg.side is LegSide.LONG else "-"
        quantity = f"{sign}{leg.quantity.normalize():f}"
        if leg.type is LegType.EQUITY:
            lines.append(f"{quantity} sh")
            continue
        assert leg.strike is not None and leg.expiration is not None
        flag = "C" if leg.type is LegType.CALL else "P"
        lines.append(f"{quantity} {price_tick(float(leg.strike))[1:]} {flag} {leg.expiration}")
    return lines


def _limit(amount: Decimal | None) -> str:
    if amount is None:
        return "unbounded"
    return signed_dollars(amount)


def _entry(analysis: PayoffAnalysis) -> str:
    kind = "credit" if analysis.entry_cash_flow > 0 else "debit"
    model = " (model price)" if analysis.entry_is_model else ""
    return f"{kind} {dollars(abs(analysis.entry_cash_flow))}{model}"


def panel_lines(spec: PayoffSpec, analysis: PayoffAnalysis) -> list[tuple[str, str]]:
    """(name, value) rows of the side panel."""
    approx = "" if analysis.exact else "≈ "
    break_evens = ", ".join(price_text(float(price)) for price in analysis.break_evens) or "none"
    return [
        ("Entry", _entry(analysis)),
        ("Max profit", approx + _limit(analysis.max_profit)),
        ("Max loss", approx + _limit(analysis.max_loss)),
        ("Break-even", break_evens),
        ("P&L today at spot", signed_dollars(analysis.pnl_now)),
        ("Legs", "\n".join(leg_text(spec))),
    ]


def _draw_panel(panel: Axes, spec: PayoffSpec, analysis: PayoffAnalysis, palette: Palette) -> None:
    panel.axis("off")
    y = 1.0
    for name, value in panel_lines(spec, analysis):
        panel.text(
            0.02,
            y,
            name,
            ha="left",
            va="top",
            fontsize=TICK_SIZE,
            color=palette.muted,
            transform=panel.transAxes,
        )
        panel.text(
            0.02,
            y - 0.045,
            drawn(value),
            ha="left",
            va="top",
            fontsize=LABEL_SIZE,
            color=palette.text,
            transform=panel.transAxes,
            linespacing=1.3,
        )
        y -= 0.13 + 0.055 * value.count("\n")


def draw_payoff(figure: Figure, spec: PayoffSpec, palette: Palette) -> str:
    """Draw the chart on ``figure``; return its one-line summary."""
    analysis = analyze_payoff(spec)
    curves = payoff_curves(spec, analysis)
    axes = figure.add_subplot()
    style_axes(axes, palette, grid_axis="both")
    prices, expiry = list(curves.prices), list(curves.at_expiration)
    axes.fill_between(
        prices,
        expiry,
        0,
        where=[v >= 0 for v in expiry],
        interpolate=True,
        color=palette.gain,
        alpha=0.16,
        linewidth=0,
    )
    axes.fill_between(
        prices,
        expiry,
        0,
        where=[v <= 0 for v in expiry],
        interpolate=True,
        color=palette.loss,
        alpha=0.16,
        linewidth=0,
    )
    expiry_label = f"At expiration ({analysis.expiration})" if analysis.expiration else "Now"
    axes.plot(prices, expiry, color=palette.accent, linewidth=2.2, label=expiry_label)
    if analysis.expiration is not None:
        axes.plot(
            prices,
            list(curves.today),
            color=palette.series[0],
            linewidth=1.5,
            linestyle="--",
            label=f"Today ({spec.now:%Y-%m-%d}, model)",
        )
    axes.axhline(0, color=palette.muted, linewidth=0.8)
    spot = float(spec.spot)
    axes.axvline(
        spot,
        color=palette.text,
        linewidth=0.9,
        linestyle=":",
        label=drawn(f"Spot {price_text(spot)}"),
    )
    for price in analysis.break_evens:
        axes.plot(
            [float(price)],
            [0.0],
            marker="o",
            markersize=5,
            color=palette.text,
            markeredgecolor=palette.panel,
            linestyle="none",
        )
    axes.set_xlim(prices[0], prices[-1])
    money_axis(axes)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _position: drawn(price_tick(value))))
    axes.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    axes.set_xlabel(f"{spec.underlying} price (USD)")
    axes.set_ylabel("P&L (USD)")
    legend = axes.legend(
        loc="best",
        fontsize=TICK_SIZE,
        facecolor=palette.panel,
        edgecolor=palette.grid,
        framealpha=0.9,
        labelcolor=palette.text,
    )
    legend.get_frame().set_linewidth(0.6)
    notes = note_lines(" · ".join(spec.notes)) if spec.notes else []
    bottom = BOTTOM_IN + note_in(len(notes))
    place(axes, left=left_in(y_tick_labels(axes)), bottom=bottom, width_share=1 - PANEL_WIDTH)
    width, height = figure.get_size_inches()
    panel = figure.add_axes(
        ((1 - PANEL_WIDTH) + PANEL_GAP_IN / width, bottom / height,
         PANEL_WIDTH - (PANEL_GAP_IN + EDGE_IN) / width, 1 - (TOP_IN + bottom) / height)
    )  # fmt: skip
    _draw_panel(panel, spec, analysis, palette)
    title = (spec.title or "Payoff")[:MAX_TITLE_CHARS]
    set_titles(
        axes,
        palette,
        f"{title} · {spec.underlying}",
        f"as of {spec.now:%Y-%m-%d %H:%M} UTC · spot {price_text(spot)} · IV "
        f"{float(spec.volatility):.0%} · rate {float(spec.rate):.2%}",
    )
    if notes:
        add_note(figure, palette, notes, EDGE_IN)
    approx = "" if analysis.exact else "about "
    break_evens = ", ".join(price_text(float(price)) for price in analysis.break_evens) or "none"
    when = f"at {analysis.expiration} expiration" if analysis.expiration else "now"
    return (
        f"{title} on {spec.underlying} {when}: max profit {approx}"
        f"{_limit(analysis.max_profit)}, max loss {approx}"
        f"{_limit(analysis.max_loss)}, break-even {break_evens}; spot "
        f"{price_text(spot)}, P&L today {signed_dollars(analysis.pnl_now)}; entry "
        f"{_entry(analysis)}."
    )


def render_payoff(spec: PayoffSpec, *, theme: Theme = Theme.DARK) -> RenderedChart:
    """The payoff diagram of ``spec`` (a strategy group's open legs or a proposed order)."""
    with new_figure(theme) as figure:
        summary = draw_payoff(figure, spec, palette_of(theme))
        png = png_bytes(figure)
    expiration = next((str(leg.expiration) for leg in spec.legs if leg.expiration), "")
    return RenderedChart(png, summary, filename("payoff", spec.underlying, expiration))
