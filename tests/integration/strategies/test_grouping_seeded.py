"""Grouping on a seeded year of simulated trading (every kind of position the simulator
trades, with rolls, assignments and expirations), synced with grouping as the after-sync hook."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from integration.strategies.conftest import OTHER

from services.db.models import GroupMember, StrategyGroup
from services.environment import Environment
from services.pnl import account_reports, pnl_for_trader
from services.strategies import grouping
from services.strategies.grouping import refresh_groups
from services.strategies.reports import list_groups, pnl_by_strategy
from services.sync import AccountOutcome, AccountStatus


async def every_lot(discord_id: int) -> set[tuple[str, int]]:
    """(account, Tastytrade id of the opening fill) of every lot the P&L engine matched."""
    lots: set[tuple[str, int]] = set()
    for environment in Environment:
        for found in await account_reports(discord_id, environment=environment):
            report = found.report
            lots |= {(lot.account, lot.open_transaction_id) for lot in report.closed_lots}
            lots |= {(lot.account, lot.open_transaction_id) for lot in report.open_lots}
    return lots


async def memberships(discord_id: int) -> list[tuple[str, int]]:
    rows = await GroupMember.filter(group__trader__discord_id=discord_id).values_list(
        "opening_transaction__account__account_number", "opening_transaction__tastytrade_id"
    )
    return [(str(number), int(tastytrade_id)) for number, tastytrade_id in rows]


async def test_every_opening_transaction_lands_in_exactly_one_group(seeded: int) -> None:
    lots = await every_lot(seeded)
    members = await memberships(seeded)

    assert len(lots) > 300
    assert len(members) == len(set(members))
    assert set(members) == lots


async def test_a_second_refresh_changes_nothing(seeded: int) -> None:
    groups = await StrategyGroup.all().order_by("id").values()

    report = await refresh_groups(seeded)

    assert not report.changed
    assert report.lots == len(await every_lot(seeded))
    assert await StrategyGroup.all().order_by("id").values() == groups


async def test_rolls_chain_groups_on_the_same_account_and_underlying(seeded: int) -> None:
    groups = {group.id: group for group in await StrategyGroup.filter(trader__discord_id=seeded)}
    rolled = [group for group in groups.values() if group.rolled_from_id is not None]  # type: ignore[attr-defined]

    assert rolled  # the seeded history rolls short puts and strangles
    for group in rolled:
        parent = groups[group.rolled_from_id]  # type: ignore[attr-defined]
        assert parent.account_id == group.account_id  # type: ignore[attr-defined]
        assert parent.underlying == group.underlying
        assert parent.opened_at is not None and group.opened_at is not None
        assert parent.opened_at < group.opened_at
        assert parent.closed_at is not None and parent.closed_at <= group.opened_at


async def test_stock_and_calls_written_on_it_in_other_orders_are_found(seeded: int) -> None:
    rows = await GroupMember.filter(group__trader__discord_id=seeded).values_list(
        "group_id",
        "opening_transaction__order_id",
        "opening_transaction__instrument_type",
        "opening_transaction__action",
    )
    orders: dict[int, set[int | None]] = {}
    kinds: dict[int, set[tuple[str, str]]] = {}
    for group_id, order_id, instrument, action in rows:
        orders.setdefault(group_id, set()).add(order_id)
        kinds.setdefault(group_id, set()).add((instrument, action))
    covered = [
        group_id
        for group_id, found in kinds.items()
        if ("Equity", "Buy to Open") in found
        and ("Equity Option", "Sell to Open") in found
        and len(orders[group_id]) > 1
    ]

    assert covered
    keys = {group.strategy_key for group in await StrategyGroup.filter(id__in=covered)}
    assert "covered_call" in keys


async def test_the_keys_name_what_the_simulator_traded(seeded: int) -> None:
    keys = Counter(group.strategy_key for group in await list_groups(seeded))

    assert {
        "iron_condor",
        "bull_put_spread",
        "bear_call_spread",
        "short_strangle",
        "long_call_butterfly",
        "call_calendar",
        "covered_call",
        "long_stock",
    } <= set(keys)
    # the simulator trades catalog shapes only: a custom group means a grouping mistake (a
    # few stock groups holding calls and odd lots of shares aside)
    assert keys["custom"] <= sum(keys.values()) * 0.02


async def test_pnl_by_strategy_adds_up_to_the_engines_realized_total(seeded: int) -> None:
    rows = await pnl_by_strategy(seeded)
    engine = await pnl_for_trader(seeded)

    assert sum((row.realized for row in rows), start=Decimal(0)) == engine.realized
    assert "ungrouped" not in {row.strategy_key for row in rows}
    trades = sum(row.trades for row in rows)
    closed = len([group for group in await list_groups(seeded, status="closed")])
    assert trades == closed
    assert all(row.win_rate is None or 0 <= row.win_rate <= 1 for row in rows)


async def test_another_trader_of_the_server_sees_no_group(seeded: int) -> None:
    assert await list_groups(seeded)
    assert await list_groups(OTHER) == ()
    assert await pnl_by_strategy(OTHER) == ()


async def test_a_sync_that_changed_no_transaction_leaves_the_groups_unread(
    seeded: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    regrouped: list[int] = []

    async def counted(discord_id: int) -> object:
        regrouped.append(discord_id)
        return None

    monkeypatch.setattr(grouping, "refresh_groups", counted)
    unchanged = AccountOutcome(Environment.PRODUCTION, "5WT00001", AccountStatus.SUCCEEDED)
    changed = AccountOutcome(Environment.PRODUCTION, "5WT00001", AccountStatus.SUCCEEDED, new=1)

    await grouping.refresh_after_sync(seeded, (unchanged,))
    assert regrouped == []  # the trader has groups and nothing new came
    await grouping.refresh_after_sync(seeded, (unchanged, changed))
    assert regrouped == [seeded]
    await grouping.refresh_after_sync(OTHER, (unchanged,))  # no group yet: grouped anyway
    assert regrouped == [seeded, OTHER]


async def test_a_deleted_groups_id_is_never_handed_out_again(seeded: int) -> None:
    # an undo may still name a deleted group: new groups take ids after every id ever used
    last = await StrategyGroup.filter(trader__discord_id=seeded).order_by("-id").first()
    assert last is not None
    await last.delete()  # its lots are in no group now

    report = await refresh_groups(seeded)

    assert report.groups_created >= 1
    newest = await StrategyGroup.filter(trader__discord_id=seeded).order_by("-id").first()
    assert newest is not None and newest.id > last.id
    assert len(await memberships(seeded)) == len(set(await memberships(seeded)))
