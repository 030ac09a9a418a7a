"""P&L reads for the acting trader: realized today / month / year to date and unrealized for
the dashboard, closed lots for ``/trades``, and ``/pnl`` grouped by underlying or month.

The figures come from ``services.pnl.account_reports``: the engine's report per account (so
account numbers never mix across environments), computed off the event loop from the trader's
stored transactions and latest synced marks.

Scope (``services.pnl.pnl_accounts``): one account when asked; otherwise the production
accounts, or the sandbox ones when the trader has only sandbox accounts (sandbox money is never
added to real money).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.environment import Environment
from services.errors import NotFoundError, ValidationError
from services.pnl import ClosedLot, PnLReport, account_reports, month_key
from services.portfolio._accounts import NOT_LINKED, clean_account
from services.portfolio._model import Page, RealizedFigures
from services.portfolio.periods import Period, parse_period

TRADES_PER_PAGE = 8
MAX_GROUPS = 20  # /pnl lists this many groups, the rest summed as "others"
STRATEGY_LATER = (
    "P&L by strategy is not available yet: grouping trades into strategies comes with a later "
    "release. Use `by underlying` or `by month` meanwhile."
)


class Grouping(StrEnum):
    UNDERLYING = "underlying"
    MONTH = "month"
    STRATEGY = "strategy"


def parse_grouping(text: str | None) -> Grouping:
    cleaned = (text or "underlying").strip().lower().removeprefix("by ").strip()
    try:
        grouping = Grouping(cleaned)
    except ValueError:
        raise ValidationError("Group by `underlying`, `month` or `strategy`.") from None
    if grouping is Grouping.STRATEGY:
        raise ValidationError(STRATEGY_LATER)
    return grouping


@dataclass(frozen=True)
class Scope:
    """Which accounts a P&L answer covers, for its title."""

    environment: Environment
    account_numbers: tuple[str, ...]


@dataclass(frozen=True)
class TradeList:
    """Every lot closed in ``period`` (newest close first) in ``scope``."""

    period: Period
    scope: Scope
    lots: tuple[ClosedLot, ...]
    realized: Decimal

    def page(self, number: int) -> Page[ClosedLot]:
        pages = max(1, -(-len(self.lots) // TRADES_PER_PAGE))
        if not 1 <= number <= pages:
            raise ValidationError(f"Choose a page from 1 to {pages}.")
        offset = (number - 1) * TRADES_PER_PAGE
        items = self.lots[offset : offset + TRADES_PER_PAGE]
        return Page(items, number, pages, len(self.lots), TRADES_PER_PAGE)


@dataclass(frozen=True)
class PnLSummary:
    """``/pnl``: realized P&L of ``period`` net of fees, grouped, plus what is not trade P&L."""

    period: Period
    scope: Scope
    grouping: Grouping
    realized: Decimal
    fees: Decimal  # trade fees charged inside the period (on opening and closing fills)
    closed_lots: int
    winners: int
    losers: int
    groups: tuple[tuple[str, Decimal], ...]  # largest gain or loss first (months: in order)
    other_groups: Decimal | None  # the sum of groups beyond MAX_GROUPS
    unrealized: Decimal
    unmarked_symbols: tuple[str, ...]
    dividends: Decimal
    interest: Decimal
    anomalies: int  # rows the engine could not match (e.g. history before the first sync)


def figures_of(report: PnLReport, today: date) -> RealizedFigures:
    """Realized today / month to date / year to date (by closing date) and unrealized."""
    month = month_key(today)
    return RealizedFigures(
        today=report.realized_by_day.get(today, Decimal(0)),
        month_to_date=sum(
            (
                amount
                for day, amount in report.realized_by_day.items()
                if month_key(day) == month and day <= today
            ),
            start=Decimal(0),
        ),
        year_to_date=sum(
            (
                amount
                for day, amount in report.realized_by_day.items()
                if day.year == today.year and day <= today
            ),
            start=Decimal(0),
        ),
        unrealized=report.unrealized if report.open_lots else Decimal(0),
        unmarked_symbols=tuple(report.unmarked_symbols),
    )


async def realized_figures(
    discord_id: int, environments: Iterable[Environment], today: date
) -> dict[tuple[Environment, str], RealizedFigures]:
    """The dashboard's P&L figures per (environment, account number), for every account of
    the trader's in ``environments``."""
    figures: dict[tuple[Environment, str], RealizedFigures] = {}
    for environment in environments:
        for item in await account_reports(discord_id, environment=environment):
            figures[(item.environment, item.account_number)] = figures_of(item.report, today)
    return figures


async def _scope_reports(
    discord_id: int, account_number: str | None
) -> tuple[Scope, list[PnLReport]]:
    account = clean_account(account_number) if account_number is not None else None
    reports = await account_reports(discord_id, account=account)
    if not reports:
        raise NotFoundError(NOT_LINKED)
    # every report is of one environment: production, or sandbox when there is nothing else
    scope = Scope(reports[0].environment, tuple(item.account_number for item in reports))
    return scope, [item.report for item in reports]


async def closed_trades(
    discord_id: int, period_text: str | None, *, today: date, account: str | None = None
) -> TradeList:
    """The lots the trader closed in the period, newest close first."""
    period = parse_period(period_text, today)
    scope, reports = await _scope_reports(discord_id, account)
    lots: list[ClosedLot] = []
    realized = Decimal(0)
    for report in reports:
        inside = report.for_period(period.start, period.end)
        lots += inside.closed_lots
        realized += inside.realized
    lots.sort(key=lambda lot: (lot.closed_at, lot.close_transaction_id), reverse=True)
    return TradeList(period, scope, tuple(lots), realized)


def _add(into: dict[str, Decimal], items: Iterable[tuple[str, Decimal]]) -> None:
    for key, amount in items:
        into[key] = into.get(key, Decimal(0)) + amount


async def pnl_summary(
    discord_id: int,
    period_text: str | None,
    grouping_text: str | None = None,
    *,
    today: date,
    account: str | None = None,
) -> PnLSummary:
    """Realized P&L of the period, grouped by underlying or by month."""
    period = parse_period(period_text, today)
    grouping = parse_grouping(grouping_text)
    scope, reports = await _scope_reports(discord_id, account)
    groups: dict[str, Decimal] = {}
    totals = {"realized": Decimal(0), "fees": Decimal(0), "unrealized": Decimal(0)}
    cash = {"dividends": Decimal(0), "interest": Decimal(0)}
    lots: list[ClosedLot] = []
    unmarked: set[str] = set()
    anomalies = 0
    for report in reports:
        inside = report.for_period(period.start, period.end)
        totals["realized"] += inside.realized
        totals["fees"] += inside.fees
        totals["unrealized"] += report.unrealized
        cash["dividends"] += inside.dividends
        cash["interest"] += inside.interest
        lots += inside.closed_lots
        unmarked.update(report.unmarked_symbols)
        anomalies += len(inside.anomalies)
        if grouping is Grouping.UNDERLYING:
            _add(groups, inside.by_underlying.items())
        else:
            _add(groups, inside.realized_by_month.items())
    if grouping is Grouping.MONTH:
        ordered = sorted(groups.items())
    else:
        ordered = sorted(groups.items(), key=lambda item: (-abs(item[1]), item[0]))
    shown, rest = ordered[:MAX_GROUPS], ordered[MAX_GROUPS:]
    return PnLSummary(
        period=period,
        scope=scope,
        grouping=grouping,
        realized=totals["realized"],
        fees=totals["fees"],
        closed_lots=len(lots),
        winners=sum(1 for lot in lots if lot.realized > 0),
        losers=sum(1 for lot in lots if lot.realized < 0),
        groups=tuple(shown),
        other_groups=sum((amount for _, amount in rest), start=Decimal(0)) if rest else None,
        unrealized=totals["unrealized"],
        unmarked_symbols=tuple(sorted(unmarked)),
        dividends=cash["dividends"],
        interest=cash["interest"],
        anomalies=anomalies,
    )
