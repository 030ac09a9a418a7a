"""Market hours through the unmodified SDK: "open" keeps the session open and orders working
at any time; "wall" follows the simulation's clock through the day. Also the issue's example
contract (SPY 450 calls next month) resolves and can be ordered."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from support.sdk import equity_leg
from tastytrade import Account, Session
from tastytrade.instruments import NestedOptionChain
from tastytrade.market_sessions import ExchangeType, MarketStatus, get_market_sessions
from tastytrade.order import (
    InstrumentType,
    Leg,
    LimitOrder,
    MarketOrder,
    OrderAction,
    OrderStatus,
    OrderTimeInForce,
)

from simulator import calendar as cal
from simulator.clock import ManualClock
from simulator.orders import order_deadline
from simulator.server import RunningSimulator

SATURDAY = date(2026, 11, 28)
MONDAY = date(2026, 11, 23)


def at(day: date, hour: int) -> datetime:
    return cal.at_eastern(day, time(hour, 0))


async def states(session: Session) -> list[MarketStatus]:
    sessions = await get_market_sessions(session, [ExchangeType.NYSE, ExchangeType.CME])
    return [s.status for s in sessions]


@pytest.mark.parametrize(
    "sim_config",
    [
        {
            "seed": 7,
            "market_tick": 0,
            "today": SATURDAY,
            "clock": ManualClock(at(SATURDAY, 3)),
            "market_hours": "open",
        }
    ],
    indirect=True,
)
async def test_open_hours_keep_the_session_open_and_day_orders_working(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account
) -> None:
    clock = sim.simulation.clock
    assert isinstance(clock, ManualClock)
    assert await states(sandbox_session) == [MarketStatus.OPEN, MarketStatus.OPEN]
    placed = await sandbox_account.place_order(
        sandbox_session,
        LimitOrder(legs=[equity_leg(OrderAction.BUY_TO_OPEN, 1)], price=Decimal("-3.5")),
        dry_run=False,
    )
    await clock.advance(1)
    order = await sandbox_account.get_order(sandbox_session, placed.order.id)
    assert order.status == OrderStatus.LIVE
    deadline = order_deadline({"time-in-force": "Day", "received-at": order.received_at})
    assert deadline is not None

    await clock.advance_to(deadline + timedelta(days=2, hours=5))
    await sim.step_market()

    assert await states(sandbox_session) == [MarketStatus.OPEN, MarketStatus.OPEN]
    order = await sandbox_account.get_order(sandbox_session, placed.order.id)
    assert order.status == OrderStatus.LIVE and order.terminal_at is None


@pytest.mark.parametrize(
    "sim_config",
    [{"seed": 7, "market_tick": 0, "today": MONDAY, "clock": ManualClock(at(MONDAY, 10))}],
    indirect=True,
)
async def test_wall_hours_follow_the_simulation_clock(
    sim: RunningSimulator, prod_session: Session
) -> None:
    clock = sim.simulation.clock
    assert isinstance(clock, ManualClock)
    assert (await states(prod_session))[0] == MarketStatus.OPEN
    await clock.advance_to(at(MONDAY, 17))
    assert await states(prod_session) == [MarketStatus.EXTENDED, MarketStatus.CLOSED]
    await clock.advance_to(at(MONDAY, 21))
    assert (await states(prod_session))[0] == MarketStatus.CLOSED


@pytest.mark.parametrize(
    "sim_config", [{"seed": 7, "market_tick": 0, "today": date(2025, 6, 2)}], indirect=True
)
async def test_next_month_spy_450_calls_are_listed_and_can_be_ordered(
    sandbox_session: Session, sandbox_account: Account
) -> None:
    chain = await NestedOptionChain.get(sandbox_session, "SPY")
    july = next(
        e
        for e in chain[0].expirations
        if e.expiration_type == "Regular" and e.expiration_date.month == 7
    )
    strike = next(s for s in july.strikes if s.strike_price == Decimal(450))

    def buy(quantity: int) -> MarketOrder:
        leg = Leg(
            instrument_type=InstrumentType.EQUITY_OPTION,
            symbol=strike.call,
            action=OrderAction.BUY_TO_OPEN,
            quantity=Decimal(quantity),
        )
        return MarketOrder(time_in_force=OrderTimeInForce.DAY, legs=[leg])

    ten = await sandbox_account.place_order(sandbox_session, buy(10), dry_run=True)
    one = await sandbox_account.place_order(sandbox_session, buy(1), dry_run=True)

    assert one.order.legs[0].symbol == strike.call and not one.errors
    # ten deep in-the-money calls (~$165 each) are priced, and only the money is short
    assert [e.code for e in ten.errors or []] == ["insufficient_buying_power"]
