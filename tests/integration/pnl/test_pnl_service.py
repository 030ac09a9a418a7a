"""The P&L service on a simulator-seeded trader after a real sync: the engine's open lots are
the synced positions, the cash adds up to the simulator's ground truth, and a second trader
gets nothing of the first's."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest
from support.sync_world import sim_state

from services.db.models import BrokerAccount, Position
from services.environment import Environment
from services.errors import NotFoundError
from services.pnl import CloseReason, PnLReport, pnl_for_trader
from simulator.server import RunningSimulator

from .conftest import OTHER, TRADER


def open_quantities(report: PnLReport) -> dict[tuple[str, str], Decimal]:
    signed: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for lot in report.open_lots:
        signed[(lot.account, lot.symbol)] += lot.signed_quantity
    return {key: quantity for key, quantity in signed.items() if quantity}


async def synced_positions(environment: Environment) -> dict[tuple[str, str], Decimal]:
    positions: dict[tuple[str, str], Decimal] = {}
    for account in await BrokerAccount.filter(trader__discord_id=TRADER, environment=environment):
        for row in await Position.filter(account_id=account.id, as_of=account.last_synced_at):
            positions[(account.account_number, row.symbol)] = row.quantity
    return positions


async def test_open_lots_are_the_synced_positions(synced: int) -> None:
    report = await pnl_for_trader(synced, environment=Environment.PRODUCTION)

    positions = await synced_positions(Environment.PRODUCTION)
    assert len(positions) > 5  # the seeded history holds stock and options
    assert open_quantities(report) == positions
    assert report.anomalies == ()
    # a year of seeded trading closes lots every way Tastytrade books them
    assert {lot.close_reason for lot in report.closed_lots} == set(CloseReason)
    # every open position was marked by the sync
    assert report.unmarked_symbols == ()


async def test_realized_and_open_cash_add_up_to_the_simulators_cash(
    synced: int, sim: RunningSimulator
) -> None:
    """Every row's net cash is either realized (closed lots), still in an open lot's basis,
    or a non-trade item; so per account they add up to the simulator's own cash balance."""
    report = await pnl_for_trader(synced, environment=Environment.PRODUCTION)
    truth = (await sim_state(sim))["environments"]["production"]["accounts"]

    numbers = {
        row.account_number
        for row in await BrokerAccount.filter(
            trader__discord_id=TRADER, environment=Environment.PRODUCTION
        )
    }
    assert len(numbers) == 3 and numbers <= set(truth)
    assert set(report.by_account) <= numbers
    for number in sorted(numbers):
        account = truth[number]
        mine = report.for_account(number)
        books = (
            mine.realized
            + sum((lot.net_open_cash_flow for lot in mine.open_lots), start=Decimal(0))
            + sum((item.amount for item in mine.cash_items), start=Decimal(0))
        )
        assert books == Decimal(account["cash"]), number
        # the seeded history has deposits and dividends or interest: reported apart
        assert mine.money_movements > 0


async def test_the_default_scope_is_production_and_one_account_can_be_asked(
    synced: int,
) -> None:
    everything = await pnl_for_trader(synced)
    one = await pnl_for_trader(synced, account="5wt00001")
    window = await pnl_for_trader(
        synced, account="5WT00001", start=everything.closed_lots[-1].close_date
    )

    assert everything == await pnl_for_trader(synced, environment=Environment.PRODUCTION)
    assert {lot.account for lot in one.closed_lots} == {"5WT00001"}
    assert one.realized == everything.by_account["5WT00001"]
    assert all(
        lot.close_date >= everything.closed_lots[-1].close_date for lot in window.closed_lots
    )


async def test_another_trader_gets_nothing_of_the_first(synced: int) -> None:
    mine = await pnl_for_trader(synced)
    theirs = await pnl_for_trader(OTHER)

    assert mine.closed_lots and mine.open_lots
    assert theirs.closed_lots == theirs.open_lots == theirs.cash_items == ()
    assert theirs.realized == theirs.unrealized == Decimal(0)
    with pytest.raises(NotFoundError):
        await pnl_for_trader(OTHER, account="5WT00001")
    assert TRADER != OTHER
