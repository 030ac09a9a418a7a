"""Reading a trader's strategy groups with their lots, for the read models (``reports``,
``wheel``). Scoped by the trader: a group of another trader is never read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from services.db.models import BrokerAccount, GroupMember, GroupOrigin, StrategyGroup, Trader
from services.environment import Environment
from services.pnl import pnl_accounts
from services.strategies._grouping_lots import Opening
from services.strategies._grouping_plan import GroupState
from services.strategies._grouping_store import (
    GROUP_COLUMNS,
    AccountBook,
    group_state,
    load_books,
)


@dataclass(frozen=True, slots=True)
class MemberLot:
    """A lot in a group and who put it there (the engine, or the trader's edit)."""

    opening: Opening
    origin: GroupOrigin


@dataclass(frozen=True)
class GroupLots:
    """A stored (not archived) group with the lots it holds in the accounts read."""

    state: GroupState
    name: str
    user_type: str | None
    account_number: str | None
    environment: Environment | None
    lots: tuple[MemberLot, ...]

    @property
    def openings(self) -> tuple[Opening, ...]:
        return tuple(lot.opening for lot in self.lots)


@dataclass(frozen=True)
class TraderStrategies:
    """A trader's groups (by id) and the lots of the accounts read that are in no group yet."""

    books: tuple[AccountBook, ...]
    groups: dict[int, GroupLots]
    ungrouped: tuple[Opening, ...]


async def scoped_accounts(
    discord_id: int, environment: Environment | None = None
) -> list[BrokerAccount]:
    """The accounts a P&L of the trader covers (production, or sandbox when there is no
    other; ``environment`` picks one), so strategies never mix sandbox and real money."""
    return await pnl_accounts(discord_id, environment=environment)


async def read_strategies(discord_id: int, accounts: Sequence[BrokerAccount]) -> TraderStrategies:
    """The trader's groups holding lots of ``accounts`` (or stored on one of them)."""
    books = tuple(await load_books(discord_id, accounts))
    trader = await Trader.get_or_none(discord_id=discord_id)
    if trader is None:
        return TraderStrategies(books, {}, ())
    openings = {opening.pk: opening for book in books for opening in book.openings}
    numbers = {account.id: (account.account_number, account.environment) for account in accounts}
    rows: Sequence[dict[str, Any]] = (
        await StrategyGroup.filter(trader_id=trader.id, archived=False)
        .order_by("id")
        .values(*GROUP_COLUMNS, "name", "user_type__name")
    )
    members: Sequence[tuple[int, int, str]] = await GroupMember.filter(
        group__trader_id=trader.id, group__archived=False
    ).values_list("opening_transaction_id", "group_id", "origin")
    lots: dict[int, list[MemberLot]] = {}
    grouped: set[int] = set()
    for pk, group_id, origin in members:
        grouped.add(pk)
        opening = openings.get(pk)
        if opening is not None:
            lots.setdefault(group_id, []).append(MemberLot(opening, GroupOrigin(origin)))
    groups: dict[int, GroupLots] = {}
    for row in rows:
        held = sorted(
            lots.get(row["id"], ()),
            key=lambda lot: (lot.opening.executed_at, lot.opening.tastytrade_id),
        )
        if row["account_id"] not in numbers and not held:
            continue
        account_pk = row["account_id"] if row["account_id"] in numbers else None
        if account_pk is None and held:
            account_pk = held[0].opening.account_pk
        number, environment = numbers.get(account_pk or 0, (None, None))
        groups[row["id"]] = GroupLots(
            state=group_state(row),
            name=row["name"],
            user_type=row["user_type__name"],
            account_number=number,
            environment=environment,
            lots=tuple(held),
        )
    ungrouped = tuple(opening for pk, opening in openings.items() if pk not in grouped)
    return TraderStrategies(books, groups, ungrouped)
