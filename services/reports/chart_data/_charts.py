"""Load and render in one call: the cog's entry points (rendering runs in a worker thread)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from services.reports.chart_data._history import (
    breakdown_data,
    calendar_data,
    cumulative_pnl_data,
    equity_curve_data,
)
from services.reports.chart_data._payoff import (
    QuoteSource,
    payoff_spec,
    position_spec,
    resolved_position,
)
from services.reports.charts import (
    RenderedChart,
    Theme,
    render_async,
    render_breakdown,
    render_calendar,
    render_cumulative_pnl,
    render_equity_curve,
    render_payoff,
)

if TYPE_CHECKING:
    from services.orders._model import ResolvedOrder


async def pnl_chart(
    discord_id: int,
    period_text: str | None,
    *,
    today: date,
    account: str | None = None,
    theme: Theme = Theme.DARK,
) -> RenderedChart:
    """Cumulative realized P&L of the period, per account and total."""
    data = await cumulative_pnl_data(discord_id, period_text, today=today, account=account)
    return await render_async(render_cumulative_pnl, data, theme=theme)


async def equity_chart(
    discord_id: int,
    period_text: str | None,
    *,
    today: date,
    account: str | None = None,
    theme: Theme = Theme.DARK,
) -> RenderedChart:
    """The equity curve (net liquidating value) of the period."""
    data = await equity_curve_data(discord_id, period_text, today=today, account=account)
    return await render_async(render_equity_curve, data, theme=theme)


async def breakdown_chart(
    discord_id: int,
    period_text: str | None,
    by: str | None = None,
    *,
    today: date,
    account: str | None = None,
    theme: Theme = Theme.DARK,
) -> RenderedChart:
    """Realized P&L of the period by underlying, as bars."""
    data = await breakdown_data(discord_id, period_text, by, today=today, account=account)
    return await render_async(render_breakdown, data, theme=theme)


async def calendar_chart(
    discord_id: int,
    year_text: str | None,
    *,
    today: date,
    account: str | None = None,
    theme: Theme = Theme.DARK,
) -> RenderedChart:
    """A year of daily realized P&L as a calendar heatmap."""
    data = await calendar_data(discord_id, year_text, today=today, account=account)
    return await render_async(render_calendar, data, theme=theme)


async def payoff_chart(
    discord_id: int,
    order_text: str,
    *,
    quotes: QuoteSource | None,
    now: datetime,
    spot: str | None = None,
    volatility: str | None = None,
    rate: str | None = None,
    theme: Theme = Theme.DARK,
) -> RenderedChart:
    """The payoff diagram of a typed order (nothing is placed)."""
    spec = await payoff_spec(
        discord_id, order_text, quotes=quotes, now=now, spot=spot, volatility=volatility, rate=rate
    )
    return await render_async(render_payoff, spec, theme=theme)


async def order_payoff_chart(
    discord_id: int,
    order: ResolvedOrder,
    *,
    quotes: QuoteSource | None,
    now: datetime,
    theme: Theme = Theme.DARK,
) -> RenderedChart | None:
    """The payoff diagram of a resolved order (the preview's), priced at its limit and valued
    in the trader's market data; ``None`` for an order that closes a position. Raises
    ValidationError when the underlying has no price to draw around."""
    position = resolved_position(order)
    if position is None:
        return None
    spec = await position_spec(discord_id, position, quotes=quotes, now=now)
    return await render_async(render_payoff, spec, theme=theme)
