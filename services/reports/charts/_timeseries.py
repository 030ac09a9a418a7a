"""Charts over time: cumulative realized P&L (per account and total, drawdowns shaded) and
the equity curve (net liquidating value from the balance snapshots)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal

from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure

from services.errors import NotFoundError
from services.parsing import EXCHANGE_TZ
from services.reports.charts._layout import left_in, place, y_tick_labels
from services.reports.charts._model import CumulativePnL, EquityCurve, RenderedChart, Theme
from services.reports.charts._style import (
    LABEL_SIZE,
    TICK_SIZE,
    Palette,
    dollars,
    filename,
    money_axis,
    new_figure,
    palette_of,
    png_bytes,
    set_titles,
    signed_dollars,
    style_axes,
)

ZERO = Decimal(0)
MAX_ACCOUNT_LINES = 6  # more accounts than this: only the total is drawn
SYNC_WINDOW = timedelta(minutes=5)  # one sync reads every account's balance within this
MARKER_LIMIT = 60  # fewer points than this: each is marked


@dataclass(frozen=True)
class Drawdown:
    """The largest fall from a running high: ``amount`` <= 0, from ``peak`` to ``trough``
    (indexes into the series)."""

    amount: Decimal
    peak: int
    trough: int


def span(first: date, last: date) -> str:
    """``2026-01-02 to 2026-03-31``, or one date."""
    return f"{first:%Y-%m-%d}" if first == last else f"{first:%Y-%m-%d} to {last:%Y-%m-%d}"


def largest_drawdown(values: Sequence[Decimal]) -> Drawdown:
    """The largest fall from a running high of ``values`` (0 when it never falls)."""
    best = Drawdown(ZERO, 0, 0)
    peak_index = 0
    for index, value in enumerate(values):
        if value > values[peak_index]:
            peak_index = index
        fall = value - values[peak_index]
        if fall < best.amount:
            best = Drawdown(fall, peak_index, index)
    return best


def _running_peak(values: Sequence[float]) -> list[float]:
    peaks: list[float] = []
    high = float("-inf")
    for value in values:
        high = max(high, value)
        peaks.append(high)
    return peaks


def _date_axis(axes: Axes, *, timezone: tzinfo | None = None) -> None:
    locator = AutoDateLocator(minticks=3, maxticks=8, tz=timezone)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator, tz=timezone))
    axes.xaxis.get_offset_text().set_color(axes.yaxis.label.get_color())
    axes.xaxis.get_offset_text().set_fontsize(TICK_SIZE)


def _legend(axes: Axes, palette: Palette) -> None:
    legend = axes.legend(
        loc="upper left",
        fontsize=TICK_SIZE,
        frameon=True,
        facecolor=palette.panel,
        edgecolor=palette.grid,
        framealpha=0.9,
        labelcolor=palette.text,
    )
    legend.get_frame().set_linewidth(0.6)


def _cumulative(days: Sequence[date], daily: Mapping[date, Decimal]) -> list[Decimal]:
    running, values = ZERO, []
    for day in days:
        running += daily.get(day, ZERO)
        values.append(running)
    return values


def draw_cumulative_pnl(figure: Figure, data: CumulativePnL, palette: Palette) -> str:
    """Draw the chart on ``figure``; return its one-line summary."""
    closing_days = sorted({day for daily in data.daily_by_account.values() for day in daily})
    if not closing_days:
        raise NotFoundError(f"No closed trades in {data.scope.period_label}: nothing to chart.")
    start = data.start or closing_days[0] - timedelta(days=1)
    days = [start, *(day for day in closing_days if day > start)]
    if data.end > days[-1]:
        days.append(data.end)  # the curve runs flat to the end of the period
    total: dict[date, Decimal] = {}
    for daily in data.daily_by_account.values():
        for day, amount in daily.items():
            total[day] = total.get(day, ZERO) + amount
    totals = _cumulative(days, total)
    floats = [float(value) for value in totals]

    axes = figure.add_subplot()
    style_axes(axes, palette)
    xs = date2num(days)
    accounts = sorted(data.daily_by_account)
    if 1 < len(accounts) <= MAX_ACCOUNT_LINES:
        for colour, account in zip(palette.series, accounts, strict=False):
            values = _cumulative(days, data.daily_by_account[account])
            axes.step(
                xs,
                [float(v) for v in values],
                where="post",
                color=colour,
                linewidth=1.1,
                alpha=0.9,
                label=account,
            )
    total_label = "Total" if len(accounts) > 1 else accounts[0]
    axes.step(xs, floats, where="post", color=palette.accent, linewidth=2.2, label=total_label)
    peaks = _running_peak(floats)
    below = [value < peak for value, peak in zip(floats, peaks, strict=True)]
    axes.fill_between(
        xs,
        floats,
        peaks,
        where=below,
        step="post",
        color=palette.loss,
        alpha=0.28,
        linewidth=0,
        label="Drawdown from high" if any(below) else None,
    )
    axes.axhline(0, color=palette.muted, linewidth=0.8)
    money_axis(axes)
    _date_axis(axes)
    axes.set_xlim(xs[0], xs[-1])
    axes.set_ylabel("Realized P&L after fees (USD)")
    axes.set_xlabel("Closing date", fontsize=LABEL_SIZE)
    _legend(axes, palette)
    place(axes, left=left_in(y_tick_labels(axes)))
    set_titles(
        axes,
        palette,
        f"Cumulative realized P&L · {data.scope.period_label}",
        f"{data.scope.accounts_label} · {span(days[0], days[-1])}",
    )
    best_day = max(closing_days, key=lambda day: (total.get(day, ZERO), day))
    worst_day = min(closing_days, key=lambda day: (total.get(day, ZERO), day))
    fall = largest_drawdown(totals)
    drawdown = (
        f"largest drawdown {signed_dollars(fall.amount)} "
        f"({days[fall.peak]:%Y-%m-%d} to {days[fall.trough]:%Y-%m-%d})"
        if fall.amount < 0
        else "no drawdown"
    )
    return (
        f"Cumulative realized P&L, {data.scope.period_label} ({data.scope.accounts_label}): "
        f"{signed_dollars(totals[-1])} over {len(closing_days)} closing days; best day "
        f"{signed_dollars(total[best_day])} ({best_day:%Y-%m-%d}), worst day "
        f"{signed_dollars(total[worst_day])} ({worst_day:%Y-%m-%d}); {drawdown}."
    )


def render_cumulative_pnl(data: CumulativePnL, *, theme: Theme = Theme.DARK) -> RenderedChart:
    """Cumulative realized P&L over the period, per account and total, with drawdowns from
    the running high shaded."""
    with new_figure(theme) as figure:
        summary = draw_cumulative_pnl(figure, data, palette_of(theme))
        png = png_bytes(figure)
    return RenderedChart(png, summary, filename("pnl", data.scope.period_label))


def total_equity(
    series: Mapping[str, Sequence[tuple[datetime, Decimal]]],
) -> list[tuple[datetime, Decimal]]:
    """The sum over accounts after each sync, each account at its latest snapshot by then.

    A sync takes every account's snapshot within moments of the others, so snapshots are
    taken together while they fall within ``SYNC_WINDOW`` of the first and no account comes
    twice (a second snapshot of an account is the next sync's); the total is summed once per
    sync, at its last snapshot, rather than half-way through.
    """
    events = sorted(
        (moment, account, value) for account, points in series.items() for moment, value in points
    )
    latest: dict[str, Decimal] = {}
    totals: list[tuple[datetime, Decimal]] = []
    start: datetime | None = None
    seen: set[str] = set()
    for index, (moment, account, value) in enumerate(events):
        if start is None or account in seen or moment - start > SYNC_WINDOW:
            start, seen = moment, set()
        seen.add(account)
        latest[account] = value
        following = events[index + 1] if index + 1 < len(events) else None
        if following is None or following[1] in seen or following[0] - start > SYNC_WINDOW:
            totals.append((moment, sum(latest.values(), start=ZERO)))
    return totals


def draw_equity_curve(figure: Figure, data: EquityCurve, palette: Palette) -> str:
    """Draw the chart on ``figure``; return its one-line summary."""
    series = {account: points for account, points in data.by_account.items() if points}
    totals = total_equity(series)
    if len(totals) < 2:
        raise NotFoundError(
            f"Fewer than two balances in {data.scope.period_label} (each /sync records one): "
            "nothing to chart yet."
        )
    axes = figure.add_subplot()
    style_axes(axes, palette)
    marker = "o" if len(totals) < MARKER_LIMIT else None
    accounts = sorted(series)
    if 1 < len(accounts) <= MAX_ACCOUNT_LINES:
        for colour, account in zip(palette.series, accounts, strict=False):
            points = sorted(series[account])
            axes.plot(
                date2num([at for at, _ in points]),
                [float(v) for _, v in points],
                color=colour,
                linewidth=1.1,
                alpha=0.9,
                marker=marker,
                markersize=2.5,
                label=account,
            )
    moments = date2num([at for at, _ in totals])
    values = [float(value) for _, value in totals]
    label = "Total" if len(accounts) > 1 else accounts[0]
    axes.plot(
        moments,
        values,
        color=palette.accent,
        linewidth=2.2,
        marker=marker,
        markersize=3.5,
        label=label,
    )
    peaks = _running_peak(values)
    below = [value < peak for value, peak in zip(values, peaks, strict=True)]
    axes.fill_between(
        moments,
        values,
        peaks,
        where=below,
        interpolate=True,
        color=palette.loss,
        alpha=0.25,
        linewidth=0,
        label="Below the running high" if any(below) else None,
    )
    money_axis(axes)
    _date_axis(axes, timezone=EXCHANGE_TZ)
    axes.set_ylabel("Net liquidating value (USD)")
    axes.set_xlabel("Balance date (New York)", fontsize=LABEL_SIZE)
    _legend(axes, palette)
    place(axes, left=left_in(y_tick_labels(axes)))
    first_day = totals[0][0].astimezone(EXCHANGE_TZ).date()
    last_day = totals[-1][0].astimezone(EXCHANGE_TZ).date()
    set_titles(
        axes,
        palette,
        f"Equity curve · {data.scope.period_label}",
        f"{data.scope.accounts_label} · {span(first_day, last_day)} · "
        "deposits and withdrawals included",
    )
    first, last = totals[0][1], totals[-1][1]
    change = last - first
    percent = f" ({change / first:+.1%})" if first > 0 else ""
    high = max(value for _, value in totals)
    fall = largest_drawdown([value for _, value in totals])
    return (
        f"Equity curve, {data.scope.period_label} ({data.scope.accounts_label}): net liq "
        f"{dollars(last)} on {last_day:%Y-%m-%d}, {signed_dollars(change)}{percent} since "
        f"{first_day:%Y-%m-%d}; high {dollars(high)}, largest drop from a high "
        f"{signed_dollars(fall.amount)}."
    )


def render_equity_curve(data: EquityCurve, *, theme: Theme = Theme.DARK) -> RenderedChart:
    """Net liquidating value over the period, per account and total."""
    with new_figure(theme) as figure:
        summary = draw_equity_curve(figure, data, palette_of(theme))
        png = png_bytes(figure)
    return RenderedChart(png, summary, filename("equity", data.scope.period_label))
