"""Writing what a sync read, one account per database transaction.

Rows are keyed on Tastytrade's own ids: accounts on (trader, environment, account number),
transactions on (account, Tastytrade id). A transaction seen again is updated only when its
content changed, so any number of re-runs never duplicates a row. Positions and balances are
snapshots: each sync adds one snapshot per account, and ``BrokerAccount.last_synced_at`` (set
in the same transaction) names the snapshot that is current.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from tastytrade import Account
from tastytrade.account import CurrentPosition, Transaction
from tortoise.transactions import in_transaction

from services.db.models import (
    BalanceSnapshot,
    BrokerAccount,
    Position,
    SyncRun,
    Trader,
)
from services.db.models import Transaction as TransactionRow
from services.environment import Environment
from services.sync._fetch import FetchedAccount

T = TypeVar("T")

# Re-read this many days before the newest stored transaction: Tastytrade may book or
# correct a transaction with an earlier date after a sync has run.
OVERLAP_DAYS = 3
INSERT_BATCH = 500
LOOKUP_BATCH = 1_000  # ids per IN (...) list: well under SQLite and asyncpg parameter limits
SHORT = "Short"
FEE_FIELDS = ("commission", "clearing_fees", "regulatory_fees", "proprietary_index_option_fees")


async def uninterrupted(write: Coroutine[Any, Any, T]) -> T:
    """Run one database transaction to its end even if the sync is cancelled meanwhile.

    A cancellation landing inside the ORM's transaction set-up (BEGIN) would skip its exit and
    keep the connection (SQLite: the connection lock; Postgres: a pooled connection with an
    open transaction) forever. So a cancelled sync waits for the write in progress (one
    account, well under a second), which commits or rolls back as a whole, then stops."""
    task = asyncio.ensure_future(write)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        await asyncio.wait([task])
        raise


@dataclass(frozen=True)
class StoredCounts:
    positions: int
    new: int
    updated: int
    new_ids: tuple[int, ...]  # Tastytrade ids of the transactions stored for the first time


async def upsert_accounts(
    trader: Trader, environment: Environment, accounts: list[Account]
) -> dict[str, BrokerAccount]:
    """The trader's account rows for ``environment``, created or refreshed from Tastytrade;
    accounts Tastytrade no longer lists are marked closed (their history stays)."""
    rows: dict[str, BrokerAccount] = {}
    async with in_transaction() as connection:
        existing = {
            row.account_number: row
            for row in await BrokerAccount.filter(trader=trader, environment=environment).using_db(
                connection
            )
        }
        for account in accounts:
            values = {
                "nickname": account.nickname[:200],
                "account_type": account.account_type_name[:100],
                "margin_or_cash": account.margin_or_cash[:20],
                "is_closed": bool(account.is_closed),
            }
            row = existing.get(account.account_number)
            if row is None:
                row = await BrokerAccount.create(
                    trader=trader,
                    environment=environment,
                    account_number=account.account_number,
                    using_db=connection,
                    **values,
                )
            elif any(getattr(row, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(row, key, value)
                await row.save(using_db=connection, update_fields=list(values))
            rows[account.account_number] = row
        listed = {account.account_number for account in accounts}
        gone = [number for number, row in existing.items() if number not in listed]
        if gone:
            await (
                BrokerAccount.filter(
                    trader=trader, environment=environment, account_number__in=gone
                )
                .using_db(connection)
                .update(is_closed=True)
            )
    return rows


async def transactions_since(account: BrokerAccount) -> date | None:
    """Where an incremental sync starts: the newest stored transaction date minus the
    overlap window; None (the full history) when nothing is stored yet."""
    newest = await (
        TransactionRow.filter(account=account)
        .order_by("-transaction_date")
        .first()
        .values_list("transaction_date", flat=True)
    )
    if not isinstance(newest, date):
        return None
    return newest - timedelta(days=OVERLAP_DAYS)


def _payload(model: Any) -> dict[str, Any]:
    data: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    return data


def _fees(transaction: Transaction) -> Decimal:
    """Every fee of the transaction, signed as the SDK reads them (a charge is negative)."""
    return sum(
        (getattr(transaction, name) or Decimal(0) for name in FEE_FIELDS), start=Decimal(0)
    ) + (transaction.other_charge or Decimal(0))


def transaction_values(transaction: Transaction) -> dict[str, Any]:
    return {
        "transaction_type": transaction.transaction_type[:64],
        "transaction_sub_type": transaction.transaction_sub_type[:64],
        "action": transaction.action.value if transaction.action else None,
        "symbol": transaction.symbol,
        "underlying_symbol": transaction.underlying_symbol,
        "instrument_type": (
            transaction.instrument_type.value if transaction.instrument_type else None
        ),
        "quantity": transaction.quantity,
        "price": transaction.price,
        "value": transaction.value,
        "net_value": transaction.net_value,
        "fees": _fees(transaction),
        "order_id": transaction.order_id,
        "executed_at": transaction.executed_at.astimezone(UTC),
        "transaction_date": transaction.transaction_date,
        "description": transaction.description,
        "payload": _payload(transaction),
    }


def position_values(position: CurrentPosition) -> dict[str, Any]:
    """A position with its quantity signed (short positions are negative)."""
    quantity = position.quantity
    if position.quantity_direction == SHORT:
        quantity = -abs(quantity)
    mark = position.mark if position.mark is not None else position.mark_price
    return {
        "symbol": position.symbol[:64],
        "underlying_symbol": position.underlying_symbol[:32],
        "instrument_type": position.instrument_type.value,
        "quantity": quantity,
        "average_open_price": position.average_open_price,
        "close_price": position.close_price,
        "mark": mark,
        "multiplier": int(position.multiplier),
        "expires_at": position.expires_at,
        "payload": _payload(position),
    }


async def store_account(row: BrokerAccount, fetched: FetchedAccount, run: SyncRun) -> StoredCounts:
    """Write one account's balances, positions and transactions in ONE database transaction,
    and mark the account synced; an interruption anywhere leaves none of it."""
    as_of = fetched.fetched_at
    balance = fetched.balance
    async with in_transaction() as connection:
        await BalanceSnapshot.create(
            account=row,
            as_of=as_of,
            cash_balance=balance.cash_balance,
            net_liquidating_value=balance.net_liquidating_value,
            equity_buying_power=balance.equity_buying_power,
            derivative_buying_power=balance.derivative_buying_power,
            maintenance_requirement=balance.maintenance_requirement,
            payload=_payload(balance),
            using_db=connection,
        )
        await Position.bulk_create(
            [
                Position(account=row, sync_run=run, as_of=as_of, **position_values(position))
                for position in fetched.positions
            ],
            batch_size=INSERT_BATCH,
            using_db=connection,
        )
        new_ids, updated = await _upsert_transactions(row, fetched, connection)
        await (
            BrokerAccount.filter(id=row.id)
            .using_db(connection)
            .update(last_synced_at=as_of, last_sync_status="succeeded", last_sync_error=None)
        )
    return StoredCounts(len(fetched.positions), len(new_ids), updated, tuple(new_ids))


async def _upsert_transactions(
    row: BrokerAccount, fetched: FetchedAccount, connection: Any
) -> tuple[list[int], int]:
    if not fetched.transactions:
        return [], 0
    ids = [transaction.id for transaction in fetched.transactions]
    stored: dict[int, tuple[int, Any]] = {}
    for start in range(0, len(ids), LOOKUP_BATCH):
        chunk = ids[start : start + LOOKUP_BATCH]
        for pk, tastytrade_id, payload in (
            await TransactionRow.filter(account=row, tastytrade_id__in=chunk)
            .using_db(connection)
            .values_list("id", "tastytrade_id", "payload")
        ):
            stored[tastytrade_id] = (pk, payload)
    fresh: list[TransactionRow] = []
    updated = 0
    for transaction in fetched.transactions:
        values = transaction_values(transaction)
        known = stored.get(transaction.id)
        if known is None:
            fresh.append(TransactionRow(account=row, tastytrade_id=transaction.id, **values))
        elif known[1] != values["payload"]:
            await TransactionRow.filter(id=known[0]).using_db(connection).update(**values)
            updated += 1
    await TransactionRow.bulk_create(fresh, batch_size=INSERT_BATCH, using_db=connection)
    return [item.tastytrade_id for item in fresh], updated


async def mark_account_failed(row: BrokerAccount, message: str) -> None:
    row.last_sync_status = "failed"
    row.last_sync_error = message
    await row.save(update_fields=["last_sync_status", "last_sync_error"])


def utcnow() -> datetime:
    return datetime.now(UTC)
