"""Reading one account from Tastytrade: balances, positions with marks, transactions.

Nothing here touches the database: an account is fetched completely first and then stored
in one database transaction, so a failure or cancellation while fetching stores nothing.
Transaction pages are read oldest first (``sort=Asc``: a transaction booked meanwhile lands
on the last page and shifts nothing) and several at a time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial

from tastytrade import Account, Session
from tastytrade.account import AccountBalance, CurrentPosition, Transaction

from services.broker.client import BrokerClient
from services.sync._model import SyncStage

PER_PAGE = 250  # Tastytrade's maximum
PAGE_WINDOW = 8  # pages of one account fetched at once after the first

StageDone = Callable[[SyncStage, int], Awaitable[None]]


@dataclass(frozen=True)
class FetchedAccount:
    """Everything read for one account in one sync."""

    account: Account
    fetched_at: datetime
    balance: AccountBalance
    positions: tuple[CurrentPosition, ...]
    transactions: tuple[Transaction, ...]  # by id, duplicates across pages removed
    pages: int
    since: date | None


async def _balances(account: Account, session: Session) -> AccountBalance:
    return await account.get_balances(session)


async def _positions(account: Account, session: Session) -> list[CurrentPosition]:
    return await account.get_positions(session, include_marks=True)


async def _history_page(
    account: Account, offset: int, since: date | None, session: Session
) -> list[Transaction]:
    return await account.get_history(
        session, per_page=PER_PAGE, page_offset=offset, sort="Asc", start_date=since
    )


def _first_failure(group: BaseExceptionGroup[BaseException]) -> BaseException:
    """The error to report from a window of pages (the first one raised)."""
    leaf: BaseException = group
    while isinstance(leaf, BaseExceptionGroup):
        leaf = leaf.exceptions[0]
    return leaf


async def _pages(
    client: BrokerClient, account: Account, offsets: Sequence[int], since: date | None
) -> list[list[Transaction]]:
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [
                group.create_task(client.call(partial(_history_page, account, offset, since)))
                for offset in offsets
            ]
    except BaseExceptionGroup as failures:
        raise _first_failure(failures) from None
    return [task.result() for task in tasks]


async def fetch_transactions(
    client: BrokerClient,
    account: Account,
    since: date | None,
    on_page: Callable[[int], Awaitable[None]] | None = None,
) -> tuple[tuple[Transaction, ...], int]:
    """Every transaction on or after ``since`` (all of them for ``None``) and the number of
    pages read. A short page is the last one."""
    found: dict[int, Transaction] = {}
    pages = 0
    offset = 0
    window = 1  # one page first: an incremental sync usually needs no more
    while True:
        offsets = range(offset, offset + window)
        results = await _pages(client, account, offsets, since)
        pages += len(results)
        for page in results:
            for transaction in page:
                found[transaction.id] = transaction
        if on_page is not None:
            await on_page(len(results))
        if any(len(page) < PER_PAGE for page in results):
            break
        offset += window
        window = PAGE_WINDOW
    ordered = sorted(found.values(), key=lambda item: (item.executed_at, item.id))
    return tuple(ordered), pages


async def fetch_account(
    client: BrokerClient,
    account: Account,
    since: date | None,
    stage_done: StageDone,
) -> FetchedAccount:
    """Balances, then positions, then transactions of ``account``, reporting each stage."""
    fetched_at = datetime.now(UTC)
    balance = await client.call(partial(_balances, account))
    await stage_done(SyncStage.BALANCES, 0)
    positions = await client.call(partial(_positions, account))
    await stage_done(SyncStage.POSITIONS, 0)

    async def on_page(count: int) -> None:
        await stage_done(SyncStage.TRANSACTIONS, count)

    transactions, pages = await fetch_transactions(client, account, since, on_page)
    return FetchedAccount(
        account=account,
        fetched_at=fetched_at,
        balance=balance,
        positions=tuple(positions),
        transactions=transactions,
        pages=pages,
        since=since,
    )
