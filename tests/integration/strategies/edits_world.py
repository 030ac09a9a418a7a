"""Strategy groups built directly with the ORM for the edit tests: opening fills stored exactly
as a sync stores them, groups and members as the grouping engine makes them, and a snapshot of
a trader's whole grouping to compare before and after edits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from integration.portfolio.rows import account_of, store, wire_trade

from services.db.models import (
    BrokerAccount,
    GroupMember,
    GroupStatus,
    StrategyGroup,
    Transaction,
    UserStrategyType,
)
from services.environment import Environment

OPENED = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
EXPIRY = "261218"

_next_id = iter(range(10_000_000, 2**40))


def occ(root: str, right: str, strike: int, expiry: str = EXPIRY) -> str:
    return f"{root:<6}{expiry}{right}{strike * 1000:08d}"


async def fill(
    account: BrokerAccount,
    action: str,
    symbol: str,
    quantity: int,
    *,
    underlying: str,
    minutes: int = 0,
) -> Transaction:
    """One opening fill of ``account`` (options when ``symbol`` is an OCC symbol)."""
    option = len(symbol) > 10
    tastytrade_id = next(_next_id)
    await store(
        account,
        wire_trade(
            tastytrade_id,
            account.account_number,
            action,
            symbol,
            str(quantity),
            "1.50" if option else "100.00",
            OPENED + timedelta(minutes=minutes),
            multiplier=100 if option else 1,
            underlying=underlying,
        ),
    )
    return await Transaction.get(account=account, tastytrade_id=tastytrade_id)


async def group(
    trader_id: int,
    account: BrokerAccount,
    key: str,
    fills: list[Transaction],
    *,
    name: str = "",
    status: GroupStatus = GroupStatus.OPEN,
) -> StrategyGroup:
    """A system group holding ``fills`` (as the grouping engine makes one)."""
    made = await StrategyGroup.create(
        trader_id=trader_id,
        account=account,
        underlying=fills[0].underlying_symbol,
        strategy_key=key,
        name=name,
        status=status,
        opened_at=min(row.executed_at for row in fills),
    )
    for row in fills:
        await GroupMember.create(group=made, opening_transaction=row)
    return made


@dataclass
class World:
    """One trader's groups: an SPY iron condor (4 lots), an SPY short put bought back (closed),
    an SPY covered call (stock, then a call), a QQQ long call, and an SPY long call in a second
    account."""

    discord_id: int
    account: BrokerAccount
    other_account: BrokerAccount
    condor: StrategyGroup
    put: StrategyGroup
    covered: StrategyGroup
    qqq: StrategyGroup
    elsewhere: StrategyGroup

    async def lots(self, of: StrategyGroup) -> list[int]:
        """The lot numbers (GroupMember ids) of a group, in order."""
        return await members_of(of.id)


async def build_world(discord_id: int, account_number: str = "5WT00001") -> World:
    account = await account_of(discord_id, account_number, Environment.PRODUCTION)
    other = await account_of(discord_id, f"{account_number}X", Environment.PRODUCTION)
    trader_id: int = account.trader_id
    condor = await group(
        trader_id,
        account,
        "iron_condor",
        [
            await fill(account, "Buy to Open", occ("SPY", "P", 400), 1, underlying="SPY"),
            await fill(account, "Sell to Open", occ("SPY", "P", 410), 1, underlying="SPY"),
            await fill(account, "Sell to Open", occ("SPY", "C", 450), 1, underlying="SPY"),
            await fill(account, "Buy to Open", occ("SPY", "C", 460), 1, underlying="SPY"),
        ],
    )
    put = await group(
        trader_id,
        account,
        "short_put",
        [await fill(account, "Sell to Open", occ("SPY", "P", 380), 1, underlying="SPY", minutes=5)],
        status=GroupStatus.CLOSED,
    )
    # bought back: the put's lot is closed (a closing fill is in no group)
    await fill(account, "Buy to Close", occ("SPY", "P", 380), 1, underlying="SPY", minutes=6)
    covered = await group(
        trader_id,
        account,
        "covered_call",
        [
            await fill(account, "Buy to Open", "SPY", 100, underlying="SPY", minutes=10),
            await fill(
                account, "Sell to Open", occ("SPY", "C", 470), 1, underlying="SPY", minutes=11
            ),
        ],
        name="Covered SPY",
    )
    qqq = await group(
        trader_id,
        account,
        "long_call",
        [await fill(account, "Buy to Open", occ("QQQ", "C", 500), 2, underlying="QQQ", minutes=20)],
    )
    elsewhere = await group(
        trader_id,
        other,
        "long_call",
        [await fill(other, "Buy to Open", occ("SPY", "C", 455), 1, underlying="SPY", minutes=30)],
    )
    return World(discord_id, account, other, condor, put, covered, qqq, elsewhere)


async def snapshot(discord_id: int) -> dict[str, Any]:
    """Everything an edit may change for one trader: every group's fields, which group holds
    each lot (and how it got there) and the trader's own strategy types."""
    groups = await StrategyGroup.filter(trader__discord_id=discord_id).order_by("id")
    members = await GroupMember.filter(group__trader__discord_id=discord_id).order_by("id")
    types = await UserStrategyType.filter(trader__discord_id=discord_id).order_by("id")
    return {
        "groups": {
            row.id: (
                row.name,
                row.strategy_key,
                row.user_type_id,  # type: ignore[attr-defined]
                row.archived,
                row.user_edited,
                row.origin,
                row.status,
                row.rolled_from_id,  # type: ignore[attr-defined]
                row.campaign,
                row.closed_at,
                row.opened_at,
            )
            for row in groups
        },
        "members": {
            row.opening_transaction_id: (row.id, row.group_id, row.origin)  # type: ignore[attr-defined]
            for row in members
        },
        "types": {row.id: (row.name, row.name_key) for row in types},
    }


async def restored(discord_id: int, before: dict[str, Any]) -> bool:
    """Whether the trader's grouping is ``before`` again: the same groups with the same fields,
    the same lots in them and the same types. Groups made since may remain only archived and
    empty (kept so that a redo brings back the same group)."""
    now = await snapshot(discord_id)
    made_since = set(now["groups"]) - set(before["groups"])
    held = {group_id for _member, group_id, _origin in now["members"].values()}
    leftovers_archived = all(now["groups"][group_id][3] for group_id in made_since)
    return (
        leftovers_archived
        and not made_since & held
        and {k: v for k, v in now["groups"].items() if k in before["groups"]} == before["groups"]
        and now["members"] == before["members"]
        and now["types"] == before["types"]
    )


async def live_groups(discord_id: int) -> list[StrategyGroup]:
    return await StrategyGroup.filter(trader__discord_id=discord_id, archived=False).order_by("id")


async def members_of(group_id: int) -> list[int]:
    return [member.id for member in await GroupMember.filter(group_id=group_id).order_by("id")]
