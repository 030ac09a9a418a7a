"""Charts as PNG images, from plain service results (pure: no database, broker or clock).

Every ``render_*`` function takes frozen values (``CumulativePnL``, ``EquityCurve``,
``Breakdown``, ``CalendarYear``, ``PayoffSpec``) and a ``Theme`` and returns a
``RenderedChart``: the PNG bytes, a one-line text summary to send with it, and a file name.
Rendering is CPU-bound: call it through ``render_async`` (a worker thread) from async code.

Figures are ``matplotlib.figure.Figure`` objects on the Agg canvas, never pyplot's, styled
artist by artist without touching the global ``rcParams`` (nothing leaks between threads),
cleared when the render ends, and saved without metadata: the same data gives the same bytes.
Empty data raises ``NotFoundError`` ("nothing to chart"), never an empty picture.

The payoff diagram prices options with Black-Scholes-Merton (``black_scholes_price``,
``black_scholes_greeks``); ``analyze_payoff`` gives its break-evens and extremes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ParamSpec

from services.reports.charts._breakdown import MAX_BARS, render_breakdown
from services.reports.charts._calendar import render_calendar
from services.reports.charts._model import (
    Breakdown,
    CalendarYear,
    ChartScope,
    CumulativePnL,
    EquityCurve,
    PayoffSpec,
    RenderedChart,
    Theme,
    parse_theme,
)
from services.reports.charts._payoff import render_payoff
from services.reports.charts._payoff_math import PayoffAnalysis, analyze_payoff
from services.reports.charts._pricing import (
    Greeks,
    black_scholes_greeks,
    black_scholes_price,
    years_until,
)
from services.reports.charts._timeseries import render_cumulative_pnl, render_equity_curve

P = ParamSpec("P")

__all__ = [
    "MAX_BARS",
    "Breakdown",
    "CalendarYear",
    "ChartScope",
    "CumulativePnL",
    "EquityCurve",
    "Greeks",
    "PayoffAnalysis",
    "PayoffSpec",
    "RenderedChart",
    "Theme",
    "analyze_payoff",
    "black_scholes_greeks",
    "black_scholes_price",
    "parse_theme",
    "render_async",
    "render_breakdown",
    "render_calendar",
    "render_cumulative_pnl",
    "render_equity_curve",
    "render_payoff",
    "years_until",
]


async def render_async(
    render: Callable[P, RenderedChart], /, *args: P.args, **kwargs: P.kwargs
) -> RenderedChart:
    """Run ``render(*args, **kwargs)`` in a worker thread, off the event loop."""
    return await asyncio.to_thread(render, *args, **kwargs)
