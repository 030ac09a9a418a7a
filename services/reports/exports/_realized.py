"""Realized P&L for exports: the pure engine ``services.pnl.compute_pnl`` over stored rows.

Scope (the same rule as the P&L views): the trader's production accounts, or the sandbox
ones when the trader has only sandbox accounts, so simulated money is never added to real
money. The engine runs one account at a time (lots are matched per account, and account
numbers never mix across environments), off the event loop, over every transaction up to the
period's last day (lots closed in the period may have opened years before); the report is then
restricted to the period.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tastytrade.account import Transaction as SdkTransaction

from services.db.models import BrokerAccount, Transaction
from services.environment import Environment
from services.errors import NotFoundError
from services.pnl import ClosedLot, PnLReport, compute_pnl
from services.reports.exports._periods import Period

FETCH_ROWS = 2_000
NOT_SYNCED = "You have no synced accounts yet. Link one with /link, then run /sync."


@dataclass(frozen=True)
class RealizedData:
    """Per account, the engine's report restricted to the period."""

    environment: Environment
    reports: tuple[tuple[str, PnLReport], ...]  # (account number, report), account order

    @property
    def closed_lots(self) -> tuple[ClosedLot, ...]:
        """Every lot closed in the period, by close time, then account and symbol."""
        lots = [lot for _, report in self.reports for lot in report.closed_lots]
        lots.sort(key=lambda lot: (lot.closed_at, lot.account, lot.symbol, lot.open_transaction_id))
        return tuple(lots)


async def reported_accounts(discord_id: int) -> tuple[Environment, list[str]]:
    """The environment and account numbers realized P&L exports cover."""
    rows = await BrokerAccount.filter(trader__discord_id=discord_id).values_list(
        "environment", "account_number"
    )
    if not rows:
        raise NotFoundError(NOT_SYNCED)
    environments = {Environment(environment) for environment, _ in rows}
    chosen = (
        Environment.PRODUCTION if Environment.PRODUCTION in environments else Environment.SANDBOX
    )
    return chosen, sorted(
        number for environment, number in rows if Environment(environment) is chosen
    )


async def _sdk_transactions(
    discord_id: int, environment: Environment, account_number: str, until: date
) -> list[SdkTransaction]:
    """The account's transactions up to ``until`` as SDK models (read in pages by id)."""
    scoped = Transaction.filter(
        account__trader__discord_id=discord_id,
        account__environment=environment,
        account__account_number=account_number,
        transaction_date__lte=until,
    )
    models: list[SdkTransaction] = []
    last_id = 0
    while True:
        page: Sequence[tuple[int, Any]] = (
            await scoped.filter(id__gt=last_id)
            .order_by("id")
            .limit(FETCH_ROWS)
            .values_list("id", "payload")
        )
        models.extend(SdkTransaction.model_validate(payload) for _, payload in page)
        if len(page) < FETCH_ROWS:
            return models
        last_id = page[-1][0]


async def realized_data(discord_id: int, period: Period) -> RealizedData:
    """The engine's figures for the trader's reported accounts, restricted to ``period``."""
    environment, accounts = await reported_accounts(discord_id)
    reports: list[tuple[str, PnLReport]] = []
    for account_number in accounts:
        transactions = await _sdk_transactions(discord_id, environment, account_number, period.end)
        report = await asyncio.to_thread(_compute, transactions, period)
        reports.append((account_number, report))
    return RealizedData(environment, tuple(reports))


def _compute(transactions: list[SdkTransaction], period: Period) -> PnLReport:
    return compute_pnl(transactions).for_period(period.start, period.end)
