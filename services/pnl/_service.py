"""P&L of one trader from what the sync stored: the only part of the code base that reads a
trader's transactions and marks for the P&L engine.

Every query is scoped by the acting trader's Discord id. The report is computed on demand
from the stored transaction payloads (each the SDK model's wire JSON) and the marks of each
account's latest position snapshot; parsing and computing run in a thread, off the event
loop. Nothing is persisted after a sync: ``bench/pnl.py`` shows the engine takes well under a
second for 100,000 rows, so there is nothing to keep fresh after a sync (the sync's hand-off
goes to strategy grouping only).

Scope: one account when asked (production first when the number exists in both
environments), else the accounts of ``environment``, else the production accounts, or the
sandbox ones when the trader has no others. Sandbox money never mixes with real money.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tastytrade.account import Transaction as SdkTransaction

from services.db.models import BrokerAccount, Position, Transaction
from services.environment import Environment
from services.errors import NotFoundError
from services.pnl._engine import compute_pnl
from services.pnl._model import PnLReport

NOT_SYNCED = "You have no synced accounts yet. Link one with /link, then run /sync."
FETCH_ROWS = 2_000  # transaction payloads read per query


async def pnl_for_trader(
    discord_id: int,
    *,
    account: str | None = None,
    start: date | None = None,
    end: date | None = None,
    environment: Environment | None = None,
) -> PnLReport:
    """The trader's P&L: realized in ``[start, end]`` (closing dates, inclusive; open-ended
    when ``None``), unrealized at the latest synced marks.

    ``account`` limits it to one account number (``NotFoundError`` when the trader has no such
    account). Sandbox money never mixes with real money: ``environment`` picks one; without
    it, the production accounts are used, or the sandbox ones when there are no others.
    """
    accounts = await pnl_accounts(discord_id, account=account, environment=environment)
    payloads: list[Any] = []
    marks: dict[str, Decimal] = {}
    for row in accounts:
        payloads += await _payloads(discord_id, row)
        marks.update(await latest_marks(row))
    report = await asyncio.to_thread(_compute, payloads, marks)
    if start is None and end is None:
        return report
    return report.for_period(start, end)


@dataclass(frozen=True)
class AccountPnL:
    """One account's P&L report (lots are matched per account, never across accounts)."""

    environment: Environment
    account_number: str
    report: PnLReport


async def account_reports(
    discord_id: int,
    *,
    account: str | None = None,
    environment: Environment | None = None,
    until: date | None = None,
) -> tuple[AccountPnL, ...]:
    """One report per account in scope (see ``pnl_accounts``), in account-number order, each
    with the account's own latest marks. ``until`` leaves out transactions dated after it
    (lots closed by then may have opened years before, so nothing earlier is cut)."""
    reports: list[AccountPnL] = []
    for row in await pnl_accounts(discord_id, account=account, environment=environment):
        payloads = await _payloads(discord_id, row, until)
        report = await asyncio.to_thread(_compute, payloads, await latest_marks(row))
        reports.append(AccountPnL(row.environment, row.account_number, report))
    return tuple(reports)


async def pnl_accounts(
    discord_id: int, *, account: str | None = None, environment: Environment | None = None
) -> list[BrokerAccount]:
    """The trader's accounts a P&L covers, in account-number order (empty when the trader has
    none); ``NotFoundError`` when ``account`` is not one of theirs."""
    query = BrokerAccount.filter(trader__discord_id=discord_id)
    if account is not None:
        query = query.filter(account_number=account.strip().upper())
    if environment is not None:
        query = query.filter(environment=environment)
    rows = await query.order_by("account_number")
    if account is not None and not rows:
        raise NotFoundError(f"You have no synced account {account.strip().upper()}.")
    if environment is None:
        production = [row for row in rows if row.environment is Environment.PRODUCTION]
        rows = production or rows
    return rows


async def _payloads(
    discord_id: int, account: BrokerAccount, until: date | None = None
) -> list[Any]:
    """The account's stored transaction payloads (dated up to ``until``), read in pages by id."""
    scoped = Transaction.filter(account_id=account.id, account__trader__discord_id=discord_id)
    if until is not None:
        scoped = scoped.filter(transaction_date__lte=until)
    payloads: list[Any] = []
    last_id = 0
    while True:
        page: Sequence[tuple[int, Any]] = (
            await scoped.filter(id__gt=last_id)
            .order_by("id")
            .limit(FETCH_ROWS)
            .values_list("id", "payload")
        )
        payloads += [payload for _, payload in page]
        if len(page) < FETCH_ROWS:
            return payloads
        last_id = page[-1][0]


async def latest_marks(account: BrokerAccount) -> dict[str, Decimal]:
    """Symbol -> mark of the account's latest position snapshot (the close price when the
    snapshot has no mark)."""
    if account.last_synced_at is None:
        return {}
    rows: Sequence[Position] = await Position.filter(
        account_id=account.id, as_of=account.last_synced_at
    )
    marks: dict[str, Decimal] = {}
    for row in rows:
        mark = row.mark if row.mark is not None else row.close_price
        if mark is not None:
            marks[row.symbol] = mark
    return marks


def _compute(payloads: list[Any], marks: dict[str, Decimal]) -> PnLReport:
    models = [SdkTransaction.model_validate(payload) for payload in payloads]
    return compute_pnl(models, marks)
