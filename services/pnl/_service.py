"""P&L of one trader from what the sync stored: the only part of ``services.pnl`` that reads
the database.

Every query is scoped by the acting trader's Discord id. The report is computed on demand
from the stored transaction payloads (each the SDK model's wire JSON) and the marks of each
account's latest position snapshot; the work runs in a thread, off the event loop. Nothing is
persisted after a sync: ``bench/pnl.py`` shows the engine takes well under a second for
100,000 rows, so there is nothing to keep fresh (``services.sync.refresh_nothing`` stays the
hand-off).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from tastytrade.account import Transaction as SdkTransaction

from services.db.models import BrokerAccount, Position, Transaction
from services.environment import Environment
from services.errors import NotFoundError
from services.pnl._engine import compute_pnl
from services.pnl._model import PnLReport


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
    accounts = await _accounts(discord_id, account, environment)
    payloads: list[Any] = []
    marks: dict[str, Decimal] = {}
    for row in accounts:
        payloads += await Transaction.filter(account_id=row.id).values_list("payload", flat=True)
        marks.update(await latest_marks(row))
    report = await asyncio.to_thread(_compute, payloads, marks)
    if start is None and end is None:
        return report
    return report.for_period(start, end)


async def _accounts(
    discord_id: int, account: str | None, environment: Environment | None
) -> list[BrokerAccount]:
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
