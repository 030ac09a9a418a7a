"""The dashboard: each account's balances, day change, P&L, largest positions and latest
transactions, and totals per environment (sandbox money is never added to real money).

Day change compares an account's latest balance snapshot with the last one taken before
today's New York date began; with no such snapshot it is None ("n/a"), never a guess.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

from services.db.models import BalanceSnapshot, BrokerAccount
from services.environment import Environment
from services.parsing import EXCHANGE_TZ, exchange_today
from services.portfolio._accounts import current_positions, trader_accounts
from services.portfolio._model import (
    AccountSummary,
    Dashboard,
    RealizedFigures,
    Totals,
)
from services.portfolio.pnl import realized_figures
from services.portfolio.reads import recent_transactions

LARGEST_POSITIONS = 5
RECENT_TRANSACTIONS = 5


def start_of_exchange_day(day: date) -> datetime:
    """Midnight in New York on ``day``, in UTC."""
    return datetime.combine(day, time(0), tzinfo=EXCHANGE_TZ).astimezone(UTC)


def _buying_power(snapshot: BalanceSnapshot) -> Decimal | None:
    # Options buying power is what Tastytrade shows first for margin accounts; cash
    # accounts may only report equity buying power.
    if snapshot.derivative_buying_power is not None:
        return snapshot.derivative_buying_power
    return snapshot.equity_buying_power


async def _account_summary(
    account: BrokerAccount, day_start: datetime, pnl: RealizedFigures | None
) -> AccountSummary:
    latest = await BalanceSnapshot.filter(account_id=account.id).order_by("-as_of").first()
    before = (
        await BalanceSnapshot.filter(account_id=account.id, as_of__lt=day_start)
        .order_by("-as_of")
        .first()
    )
    day_change = None
    if latest is not None and before is not None:
        day_change = latest.net_liquidating_value - before.net_liquidating_value
    return AccountSummary(
        account_number=account.account_number,
        environment=account.environment,
        nickname=account.nickname,
        is_closed=account.is_closed,
        net_liquidating_value=latest.net_liquidating_value if latest else None,
        buying_power=_buying_power(latest) if latest else None,
        day_change=day_change,
        balance_as_of=latest.as_of if latest else None,
        last_synced_at=account.last_synced_at,
        pnl=pnl,
    )


def _sum_pnl(figures: list[RealizedFigures | None]) -> RealizedFigures | None:
    known = [item for item in figures if item is not None]
    if not known:
        return None
    unrealized = [item.unrealized for item in known if item.unrealized is not None]
    return RealizedFigures(
        today=sum((item.today for item in known), start=Decimal(0)),
        month_to_date=sum((item.month_to_date for item in known), start=Decimal(0)),
        year_to_date=sum((item.year_to_date for item in known), start=Decimal(0)),
        unrealized=sum(unrealized, start=Decimal(0)) if unrealized else None,
    )


def _totals(summaries: list[AccountSummary]) -> tuple[Totals, ...]:
    totals: list[Totals] = []
    for environment in (Environment.PRODUCTION, Environment.SANDBOX):
        mine = [item for item in summaries if item.environment is environment]
        if not mine:
            continue
        changes = [item.day_change for item in mine if item.day_change is not None]
        totals.append(
            Totals(
                environment=environment,
                accounts=len(mine),
                net_liquidating_value=sum(
                    (item.net_liquidating_value or Decimal(0) for item in mine), start=Decimal(0)
                ),
                buying_power=sum(
                    (item.buying_power or Decimal(0) for item in mine), start=Decimal(0)
                ),
                day_change=sum(changes, start=Decimal(0)) if changes else None,
                pnl=_sum_pnl([item.pnl for item in mine]),
            )
        )
    return tuple(totals)


async def dashboard(discord_id: int, *, now: datetime | None = None) -> Dashboard:
    """The acting trader's dashboard as of ``now`` (the clock when None)."""
    moment = now or datetime.now(UTC)
    today = exchange_today(moment)
    accounts = await trader_accounts(discord_id)
    positions = await current_positions(accounts)
    figures = await realized_figures(
        discord_id, {account.environment for account in accounts}, today
    )
    day_start = start_of_exchange_day(today)
    summaries = [
        await _account_summary(
            account, day_start, figures.get((account.environment, account.account_number))
        )
        for account in accounts
    ]
    largest = sorted(
        (line for line in positions if line.market_value is not None),
        key=lambda line: -abs(line.market_value or Decimal(0)),
    )[:LARGEST_POSITIONS]
    synced = [account.last_synced_at for account in accounts if account.last_synced_at]
    return Dashboard(
        today=today,
        accounts=tuple(summaries),
        totals=_totals(summaries),
        largest_positions=tuple(largest),
        recent_transactions=tuple(await recent_transactions(accounts, RECENT_TRANSACTIONS)),
        last_synced_at=max(synced) if synced else None,
    )
