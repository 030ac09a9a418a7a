"""Grouping after a real sync of exact histories (``histories``): orders, a covered call
written in a second order, a roll chain, a wheel campaign with two assignments and a partial
call-away, and a trader's edit surviving a later sync."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from integration.strategies.conftest import sync
from integration.strategies.histories import (
    COVERED_CALL,
    COVERED_STOCK,
    MSFT_CALL,
    ROLL_FIRST,
    ROLL_OPEN,
    ROLL_SECOND,
    TODAY,
)
from unit.strategies.grouping_world import ACCOUNT, Wire, at, row

from services.db.models import GroupMember, GroupOrigin, GroupStatus, StrategyGroup
from services.pnl import pnl_for_trader
from services.strategies.grouping import refresh_groups
from services.strategies.reports import group_detail
from services.strategies.wheel import campaigns
from services.vault import Vault
from simulator.server import RunningSimulator

CAMPAIGN = "wheel-5WT00001-AAPL-1"


async def group_of(discord_id: int, tastytrade_id: int) -> StrategyGroup:
    member = await GroupMember.get(
        opening_transaction__tastytrade_id=tastytrade_id,
        group__trader__discord_id=discord_id,
    ).prefetch_related("group")
    return member.group


async def lots_of(group: StrategyGroup) -> set[int]:
    ids: list[int] = await GroupMember.filter(group_id=group.id).values_list(
        "opening_transaction__tastytrade_id", flat=True
    )  # type: ignore[assignment]
    return set(ids)


def add_rows(sim: RunningSimulator, rows: list[Wire]) -> None:
    """New transactions at Tastytrade (the simulator books them like fills)."""
    account = sim.production.users["demo"].accounts[ACCOUNT]
    ledger = sim.production.ledger
    assert ledger is not None
    for item in rows:
        ledger.record(account, item)


async def test_the_legs_of_one_order_are_one_group_closed_by_another(exact: int) -> None:
    condor = await group_of(exact, 301)

    assert await lots_of(condor) == {301, 302, 303, 304}
    assert (condor.strategy_key, condor.status, condor.underlying) == (
        "iron_condor",
        GroupStatus.CLOSED,
        "QQQ",
    )


async def test_a_covered_call_opened_in_two_orders_is_one_group(exact: int) -> None:
    stock, call = await group_of(exact, COVERED_STOCK), await group_of(exact, COVERED_CALL)

    assert stock.id == call.id
    assert (stock.strategy_key, stock.status, stock.origin) == (
        "covered_call",
        GroupStatus.OPEN,
        GroupOrigin.SYSTEM,
    )


async def test_rolls_chain_the_groups_a_position_rolled_through(exact: int) -> None:
    """Sold @ 3.00, rolled (1.00 back, 3.50 in), rolled (2.00 back, 3.20 in), bought back @
    0.50; 1.14 of fees per put sold: 198.86 + 148.86 + 268.86 = 616.58 over the chain."""
    first = await group_of(exact, ROLL_OPEN)
    second = await group_of(exact, ROLL_FIRST)
    third = await group_of(exact, ROLL_SECOND)

    assert len({first.id, second.id, third.id}) == 3
    assert (first.rolled_from_id, second.rolled_from_id, third.rolled_from_id) == (  # type: ignore[attr-defined]
        None,
        first.id,
        second.id,
    )
    detail = await group_detail(exact, second.id)
    assert [link.id for link in detail.rolled_from] == [first.id]
    assert [link.id for link in detail.rolled_into] == [third.id]
    assert detail.group.realized == Decimal("148.86")
    assert detail.chain_realized == Decimal("616.58")


async def test_the_wheel_is_one_campaign_with_its_cost_basis_and_pnl_so_far(exact: int) -> None:
    """The figures are worked out in ``test_grouping_wheel``; here they come through a real
    sync, and the open lots are marked at the simulator's quotes."""
    (campaign,) = await campaigns(exact)

    groups = {(await group_of(exact, lot)).id for lot in (1, 3, 4, 14)}
    assert campaign.id == CAMPAIGN and set(campaign.group_ids) == groups
    assert (await group_of(exact, 20)).campaign is None  # expired before the first assignment
    assert campaign.put_assignments == 2
    assert (campaign.shares_assigned, campaign.shares_called_away) == (200, 100)
    assert campaign.shares_held == 100
    assert campaign.premiums_kept == Decimal("742.96")
    assert campaign.cost_basis_per_share == Decimal("167.5712")
    assert campaign.realized == Decimal("1742.27")
    engine = await pnl_for_trader(exact)
    marked = [lot.unrealized for lot in engine.open_lots if lot.underlying == "AAPL"]
    assert len(marked) == 2 and None not in marked  # the shares and the last put
    assert campaign.unrealized == sum((value for value in marked if value), start=Decimal(0))
    assert campaign.pnl == campaign.realized + campaign.unrealized
    assert campaign.active


async def test_a_trader_edited_group_survives_a_later_sync(
    exact: int, exact_sim: RunningSimulator, vault: Vault
) -> None:
    """What an edit leaves behind (the group marked edited, retyped and named, a lot of
    origin user) stays; a later fill of the same order and more shares, which would have
    joined the group, go to new groups instead."""
    edited = await group_of(exact, COVERED_STOCK)
    await StrategyGroup.filter(id=edited.id).update(
        user_edited=True, strategy_key="custom", name="My MSFT"
    )
    await GroupMember.filter(opening_transaction__tastytrade_id=COVERED_CALL).update(
        origin=GroupOrigin.USER
    )
    add_rows(
        exact_sim,
        [
            row(501, at(TODAY, 15), MSFT_CALL, "Sell to Open", 1, 2, order=702),
            row(502, at(TODAY, 16), "MSFT", "Buy to Open", 100, 395, order=703),
        ],
    )

    result = await sync(vault, exact_sim)

    assert result.new == 2
    after = await StrategyGroup.get(id=edited.id)
    assert (after.user_edited, after.strategy_key, after.name) == (True, "custom", "My MSFT")
    assert await lots_of(after) == {COVERED_STOCK, COVERED_CALL}
    late_fill, more_shares = await group_of(exact, 501), await group_of(exact, 502)
    assert edited.id not in {late_fill.id, more_shares.id}
    assert late_fill.strategy_key == "short_call" and more_shares.strategy_key == "long_stock"


async def test_a_refresh_with_nothing_new_changes_nothing(exact: int) -> None:
    before = await StrategyGroup.all().order_by("id").values()
    members = await GroupMember.all().order_by("id").values()

    report = await refresh_groups(exact)

    assert not report.changed
    assert report.lots == len(members) == 18
    assert await StrategyGroup.all().order_by("id").values() == before
    assert await GroupMember.all().order_by("id").values() == members


async def test_two_refreshes_at_once_group_every_lot_once(exact: int) -> None:
    """Each refresh locks the trader's row: the second one finds the first one's groups."""
    await StrategyGroup.filter(trader__discord_id=exact).delete()

    first, second = await asyncio.gather(refresh_groups(exact), refresh_groups(exact))

    assert sorted((first.lots_grouped, second.lots_grouped)) == [0, 18]
    lots = await GroupMember.all().values_list("opening_transaction_id", flat=True)
    assert len(lots) == len(set(lots)) == 18
