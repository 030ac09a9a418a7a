"""A trader's history as the charts take it: realized P&L per closing day (from the P&L
engine, per account) and net liquidating value over time (from the balance snapshots)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from services.db.models import BalanceSnapshot, BrokerAccount
from services.errors import NotFoundError, ValidationError
from services.parsing import EXCHANGE_TZ
from services.pnl import NOT_SYNCED, AccountPnL, account_reports, pnl_accounts
from services.portfolio import Period, clean_account
from services.portfolio.dashboard import start_of_exchange_day
from services.reports.chart_data._periods import accounts_label, chart_period, chart_year
from services.reports.charts import Breakdown, CalendarYear, ChartScope, CumulativePnL, EquityCurve
from services.strategies.reports import pnl_by_strategy

ZERO = Decimal(0)
MAX_POINTS_PER_ACCOUNT = 1_000  # more balance snapshots than this: the last of each day
BREAKDOWNS = ("underlying", "strategy")
STRATEGY_ACCOUNTS = (
    "P&L by strategy covers all your accounts (as /strategies does): leave out `account`, "
    "or break it down by underlying."
)


def nothing_closed(label: str) -> NotFoundError:
    return NotFoundError(f"No closed trades in {label} yet: nothing to chart.")


async def _reports(
    discord_id: int, account: str | None, until: date | None
) -> tuple[AccountPnL, ...]:
    chosen = clean_account(account) if account is not None else None
    reports = await account_reports(discord_id, account=chosen, until=until)
    if not reports:
        raise NotFoundError(NOT_SYNCED)
    return reports


def _label(reports: Sequence[AccountPnL]) -> str:
    return accounts_label(reports[0].environment, [item.account_number for item in reports])


async def cumulative_pnl_data(
    discord_id: int, period_text: str | None, *, today: date, account: str | None = None
) -> CumulativePnL:
    """Realized P&L per closing day and account in the period."""
    period = chart_period(period_text, today)
    reports = await _reports(discord_id, account, period.end)
    daily = {}
    for item in reports:
        inside = item.report.for_period(period.start, period.end)
        if inside.realized_by_day:
            daily[item.account_number] = dict(inside.realized_by_day)
    if not daily:
        raise nothing_closed(period.label)
    return CumulativePnL(ChartScope(period.label, _label(reports)), period.start, period.end, daily)


def breakdown_kind(text: str | None) -> str:
    """``underlying`` (the default) or ``strategy``; ``by underlying`` reads the same."""
    what = (text or "underlying").strip().lower()[:40].removeprefix("by ").strip()
    if what not in BREAKDOWNS:
        raise ValidationError("Break P&L down by `underlying` or `strategy`.")
    return what


async def breakdown_data(
    discord_id: int,
    period_text: str | None,
    by: str | None = None,
    *,
    today: date,
    account: str | None = None,
) -> Breakdown:
    """Realized P&L in the period per underlying, or per strategy (a catalog strategy or the
    trader's own type, lots not grouped yet as one row) over the accounts a P&L covers."""
    if breakdown_kind(by) == "strategy":
        if account is not None:
            raise ValidationError(STRATEGY_ACCOUNTS)
        return await _strategy_breakdown(discord_id, chart_period(period_text, today))
    period = chart_period(period_text, today)
    reports = await _reports(discord_id, account, period.end)
    rows: list[tuple[str, Decimal]] = []
    for item in reports:
        rows += item.report.for_period(period.start, period.end).by_underlying.items()
    if not rows:
        raise nothing_closed(period.label)
    return Breakdown(ChartScope(period.label, _label(reports)), "underlying", tuple(rows))


async def _strategy_breakdown(discord_id: int, period: Period) -> Breakdown:
    accounts = await pnl_accounts(discord_id)
    if not accounts:
        raise NotFoundError(NOT_SYNCED)
    found = await pnl_by_strategy(discord_id, start=period.start, end=period.end)
    rows = tuple((row.name, row.realized) for row in found if row.groups or row.realized)
    if not rows:
        raise nothing_closed(period.label)
    label = accounts_label(accounts[0].environment, [row.account_number for row in accounts])
    return Breakdown(ChartScope(period.label, label), "strategy", rows)


async def calendar_data(
    discord_id: int, year_text: str | None, *, today: date, account: str | None = None
) -> CalendarYear:
    """Realized P&L per closing day of one year."""
    year = chart_year(year_text, today)
    end = min(date(year, 12, 31), today)
    reports = await _reports(discord_id, account, end)
    daily: dict[date, Decimal] = {}
    for item in reports:
        for day, amount in item.report.for_period(date(year, 1, 1), end).realized_by_day.items():
            daily[day] = daily.get(day, ZERO) + amount
    if not daily:
        raise nothing_closed(str(year))
    return CalendarYear(year, _label(reports), daily, today)


def _last_of_each_day(points: list[tuple[datetime, Decimal]]) -> list[tuple[datetime, Decimal]]:
    by_day: dict[date, tuple[datetime, Decimal]] = {}
    for moment, value in points:
        by_day[moment.astimezone(EXCHANGE_TZ).date()] = (moment, value)
    return sorted(by_day.values())


async def equity_curve_data(
    discord_id: int, period_text: str | None, *, today: date, account: str | None = None
) -> EquityCurve:
    """Net liquidating value from each account's balance snapshots in the period (New York
    dates); past ``MAX_POINTS_PER_ACCOUNT`` snapshots, each day's last."""
    period = chart_period(period_text, today)
    chosen = clean_account(account) if account is not None else None
    accounts: list[BrokerAccount] = await pnl_accounts(discord_id, account=chosen)
    if not accounts:
        raise NotFoundError(NOT_SYNCED)
    query = BalanceSnapshot.filter(
        account_id__in=[row.id for row in accounts],
        account__trader__discord_id=discord_id,
        as_of__lt=start_of_exchange_day(period.end + timedelta(days=1)),
    )
    if period.start is not None:
        query = query.filter(as_of__gte=start_of_exchange_day(period.start))
    rows: Sequence[tuple[int, datetime, Decimal]] = await query.order_by("as_of").values_list(
        "account_id", "as_of", "net_liquidating_value"
    )
    numbers = {row.id: row.account_number for row in accounts}
    series: dict[str, list[tuple[datetime, Decimal]]] = {}
    for account_id, as_of, value in rows:
        moment = as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC)
        series.setdefault(numbers[account_id], []).append((moment, value))
    by_account = {
        number: tuple(_last_of_each_day(points) if len(points) > MAX_POINTS_PER_ACCOUNT else points)
        for number, points in series.items()
    }
    if sum(len(points) for points in by_account.values()) < 2:
        raise NotFoundError(
            f"Fewer than two balances in {period.label} (each /sync records one): nothing to "
            "chart yet. Sync again another day."
        )
    label = accounts_label(accounts[0].environment, [row.account_number for row in accounts])
    return EquityCurve(ChartScope(period.label, label), by_account)
