"""The GEX-by-strike chart of ``/gex``: dealer gamma exposure per strike as bars (positive
above the line, negative below), the spot, the zero-gamma flip and the call and put walls
marked, in the charts' dark or light theme, with a one-line summary.

Drawn with the chart package's style (one visual identity, no pyplot, no global state); render
it through :func:`render_gex_async` (a worker thread) from async code.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from services.errors import NotFoundError
from services.market.gex import GexLevels
from services.market.levels import LevelsSnapshot
from services.reports.charts import RenderedChart, Theme, render_async
from services.reports.charts._layout import left_in, place, y_tick_labels
from services.reports.charts._style import (
    TICK_SIZE,
    Palette,
    drawn,
    filename,
    new_figure,
    palette_of,
    png_bytes,
    price_text,
    price_tick,
    set_titles,
    style_axes,
)

WINDOW = 0.06  # strikes within 6% of spot are drawn, widened to show the walls and the flip
MAX_WINDOW = 0.20  # ... but never past 20% (the flip search's own range)
MAX_BARS = 160  # beyond this the window narrows around spot (a bar stays a few pixels wide)
BAR_SHARE = 0.8  # of the gap between neighbouring strikes


@dataclass(frozen=True)
class _Marker:
    label: str
    value: float
    colour: str
    style: str


def gex_money(value: float) -> str:
    """Dollars per 1% move, short: ``$1.23B``, ``-$456.7M``, ``$12.3K``, ``$950``."""
    sign = "-" if value < 0 else ""
    size = abs(value)
    for threshold, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if size >= threshold:
            scaled = size / threshold
            digits = 2 if scaled < 10 else 1
            return f"{sign}${scaled:,.{digits}f}{suffix}"
    return f"{sign}${size:,.0f}"


def gex_tick(value: float) -> str:
    """An axis label: :func:`gex_money` without trailing zeros (``$5B``, ``-$2.5B``)."""
    text = gex_money(value)
    number, suffix = (text[:-1], text[-1]) if text[-1] in "BMK" else (text, "")
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return number + suffix


def signed_gex_money(value: float) -> str:
    return gex_money(value) if value <= 0 else "+" + gex_money(value)


def shown_strikes(levels: GexLevels) -> list[Decimal]:
    """The strikes drawn: near spot, widened to include the walls and the flip (within
    ``MAX_WINDOW``), then the ``MAX_BARS`` nearest to spot when that is too many."""
    spot = levels.spot
    low, high = spot * (1 - WINDOW), spot * (1 + WINDOW)
    for level in (levels.call_wall, levels.put_wall, levels.zero_gamma):
        if level is not None and abs(float(level) / spot - 1) <= MAX_WINDOW:
            low, high = min(low, float(level)), max(high, float(level))
    strikes = [strike for strike in levels.by_strike if low <= float(strike) <= high]
    if len(strikes) > MAX_BARS:
        nearest = sorted(strikes, key=lambda strike: (abs(float(strike) - spot), strike))
        strikes = sorted(nearest[:MAX_BARS])
    return strikes


def _markers(levels: GexLevels, palette: Palette) -> list[_Marker]:
    markers = [_Marker(f"Spot {price_text(levels.spot)}", levels.spot, palette.text, "-")]
    if levels.zero_gamma is not None:
        markers.append(
            _Marker(
                f"Gamma flip {price_text(levels.zero_gamma)}",
                levels.zero_gamma,
                palette.accent,
                "--",
            )
        )
    if levels.call_wall is not None:
        wall = float(levels.call_wall)
        markers.append(_Marker(f"Call wall {price_text(wall)}", wall, palette.gain, ":"))
    if levels.put_wall is not None:
        wall = float(levels.put_wall)
        markers.append(_Marker(f"Put wall {price_text(wall)}", wall, palette.loss, ":"))
    return markers


def _bar_width(strikes: list[Decimal]) -> float:
    gaps = [float(b - a) for a, b in itertools.pairwise(strikes) if b > a]
    return BAR_SHARE * (min(gaps) if gaps else max(float(strikes[0]) * 0.005, 0.5))


def _draw_bars(axes: Axes, levels: GexLevels, strikes: list[Decimal], palette: Palette) -> None:
    values = [levels.by_strike[strike] for strike in strikes]
    axes.bar(
        [float(strike) for strike in strikes],
        values,
        width=_bar_width(strikes),
        color=[palette.gain if value >= 0 else palette.loss for value in values],
        linewidth=0,
    )
    axes.axhline(0, color=palette.muted, linewidth=0.8)


def _draw_markers(axes: Axes, markers: list[_Marker], palette: Palette) -> None:
    for marker in markers:
        axes.axvline(
            marker.value,
            color=marker.colour,
            linestyle=marker.style,
            linewidth=1.2,
            label=drawn(marker.label),
        )
    legend = axes.legend(
        loc="upper left",
        fontsize=TICK_SIZE,
        frameon=True,
        facecolor=palette.panel,
        edgecolor=palette.grid,
        labelcolor=palette.text,
    )
    legend.get_frame().set_alpha(0.9)


def draw_gex(figure: Figure, snapshot: LevelsSnapshot, palette: Palette) -> str:
    """Draw the chart on ``figure``; return its one-line summary."""
    levels = snapshot.levels
    if levels is None or not levels.by_strike:
        raise NotFoundError(
            f"No option of {snapshot.underlying} had Greeks and open interest: nothing to chart."
        )
    strikes = shown_strikes(levels)
    if not strikes:  # every strike is far from spot: show the nearest ones
        strikes = sorted(sorted(levels.by_strike, key=lambda s: abs(float(s) - levels.spot))[:9])
    markers = _markers(levels, palette)
    axes = figure.add_subplot()
    style_axes(axes, palette, grid_axis="y")
    _draw_bars(axes, levels, strikes, palette)
    shown = [float(strike) for strike in strikes] + [
        m.value for m in markers if abs(m.value / levels.spot - 1) <= MAX_WINDOW
    ]
    pad = _bar_width(strikes)
    axes.set_xlim(min(shown) - pad, max(shown) + pad)
    _draw_markers(axes, markers, palette)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: drawn(price_tick(value))))
    axes.xaxis.set_major_locator(MaxNLocator(nbins=10, steps=[1, 2, 2.5, 5, 10]))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: drawn(gex_tick(value))))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]))
    axes.margins(y=0.12)
    axes.set_xlabel("Strike")
    axes.set_ylabel("Dealer gamma exposure ($ per 1% move)")
    place(axes, left=left_in(y_tick_labels(axes)))
    as_of = snapshot.as_of.strftime("%Y-%m-%d %H:%M UTC")
    set_titles(
        axes,
        palette,
        f"{snapshot.underlying} gamma exposure by strike",
        f"Total {signed_gex_money(levels.total_gex)} per 1% move · "
        f"{levels.contracts:,} contracts · as of {as_of}",
    )
    return summary_line(snapshot)


def summary_line(snapshot: LevelsSnapshot) -> str:
    """One line saying what the chart shows (also the image's alt text)."""
    levels = snapshot.levels
    as_of = snapshot.as_of.strftime("%Y-%m-%d %H:%M UTC")
    spot = price_text(float(snapshot.spot))
    if levels is None:
        return f"{snapshot.underlying} at {spot}: no option GEX to show, as of {as_of}."
    dealers = "dealers long gamma" if levels.total_gex >= 0 else "dealers short gamma"
    flip = (
        f"gamma flip {price_text(levels.zero_gamma)}"
        if levels.zero_gamma is not None
        else "no gamma flip within 20%"
    )
    walls = ", ".join(
        f"{name} {price_text(float(strike))}"
        for name, strike in (("call wall", levels.call_wall), ("put wall", levels.put_wall))
        if strike is not None
    )
    return (
        f"{snapshot.underlying} GEX {signed_gex_money(levels.total_gex)} per 1% move at spot "
        f"{spot} ({dealers}); {flip}"
        + (f"; {walls}" if walls else "")
        + f"; {levels.contracts:,} contracts; as of {as_of}."
    )


def render_gex(snapshot: LevelsSnapshot, *, theme: Theme = Theme.DARK) -> RenderedChart:
    """The GEX-by-strike chart of ``snapshot`` as a PNG with its summary."""
    with new_figure(theme) as figure:
        summary = draw_gex(figure, snapshot, palette_of(theme))
        png = png_bytes(figure)
    return RenderedChart(
        png, summary, filename("gex", snapshot.underlying, snapshot.as_of.strftime("%Y-%m-%d"))
    )


async def render_gex_async(snapshot: LevelsSnapshot, *, theme: Theme = Theme.DARK) -> RenderedChart:
    """:func:`render_gex` in a worker thread, off the event loop."""
    return await render_async(render_gex, snapshot, theme=theme)
