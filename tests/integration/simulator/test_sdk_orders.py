"""Orders and complex orders through the unmodified SDK (dry-run, place, replace, cancel...)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import aiohttp
import pytest
from support.sdk import equity_leg
from tastytrade import Account, Session
from tastytrade.order import (
    AdvancedInstructions,
    FillBehavior,
    InstrumentType,
    Leg,
    LimitOrder,
    MarketOrder,
    NotionalOrder,
    OCOOrder,
    OrderAction,
    OrderStatus,
    OrderTimeInForce,
    OTOCOOrder,
    OTOOrder,
    PlacedOrder,
    StopOrder,
)
from tastytrade.utils import TastytradeError

from simulator.clock import ManualClock
from simulator.orders import order_deadline
from simulator.server import RunningSimulator
from simulator.symbols import occ_symbol

Wait = Callable[..., Awaitable[Any]]
EQ = InstrumentType.EQUITY
OPT = InstrumentType.EQUITY_OPTION
BTO, STO = OrderAction.BUY_TO_OPEN, OrderAction.SELL_TO_OPEN
BTC, STC = OrderAction.BUY_TO_CLOSE, OrderAction.SELL_TO_CLOSE


def option(sim: RunningSimulator, kind: str = "C", index: int = 2, offset: int = 0) -> str:
    market = sim.market
    exp = market.expirations("SPY")[index]
    strikes = market.strikes("SPY", exp.date)
    spot = market.spot("SPY")
    atm = min(range(len(strikes)), key=lambda i: abs(strikes[i] - spot))
    return occ_symbol(exp.root, exp.date, kind, strikes[atm + offset])


async def status_of(session: Session, account: Account, order_id: int) -> str:
    return str((await account.get_order(session, order_id)).status.value)


async def wait_status(
    wait_until: Wait, session: Session, account: Account, order_id: int, status: str
) -> PlacedOrder:
    async def check() -> PlacedOrder | None:
        order = await account.get_order(session, order_id)
        return order if order.status.value == status else None

    result: PlacedOrder = await wait_until(check)
    return result


# dry runs ----------------------------------------------------------------------------------
async def test_dry_run_has_no_side_effects(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account
) -> None:
    order = LimitOrder(legs=[equity_leg(BTO, 10)], price=Decimal("-2.5"))
    resp = await sandbox_account.place_order(sandbox_session, order, dry_run=True)
    assert resp.order.status == OrderStatus.RECEIVED
    assert getattr(resp.order, "id", None) is None
    assert resp.buying_power_effect.change_in_buying_power < 0
    assert resp.fee_calculation is not None and resp.fee_calculation.clearing_fees < 0
    bp = await sandbox_account.get_order_buying_power_effect(sandbox_session, order)
    assert bp.impact > 0
    assert sim.state()["environments"]["sandbox"]["counts"]["orders"] == 0
    assert await sandbox_account.get_live_orders(sandbox_session) == []


# legacy fill model (sandbox default) -----------------------------------------------------------
async def test_legacy_fills(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account, wait_until: Wait
) -> None:
    assert sim.sandbox.fill_model == "legacy"
    cheap = await sandbox_account.place_order(
        sandbox_session,
        LimitOrder(legs=[equity_leg(BTO, 10)], price=Decimal("-2"), external_identifier="ext-1"),
        dry_run=False,
    )
    assert cheap.order.status == OrderStatus.ROUTED
    assert cheap.order.external_identifier == "ext-1"
    filled = await wait_status(
        wait_until, sandbox_session, sandbox_account, cheap.order.id, "Filled"
    )
    assert filled.legs[0].fills and filled.legs[0].fills[0].fill_price == Decimal(2)
    assert filled.average_fill_price() == Decimal(2)  # the SDK counts buys positive
    market = await sandbox_account.place_order(
        sandbox_session, MarketOrder(legs=[equity_leg(BTO, 5, "SPY")]), dry_run=False
    )
    done = await wait_status(
        wait_until, sandbox_session, sandbox_account, market.order.id, "Filled"
    )
    assert done.legs[0].fills and done.legs[0].fills[0].fill_price == Decimal(1)
    dear = await sandbox_account.place_order(
        sandbox_session, LimitOrder(legs=[equity_leg(BTO, 1)], price=Decimal("-3.5")), dry_run=False
    )
    await wait_status(wait_until, sandbox_session, sandbox_account, dear.order.id, "Live")
    live = await sandbox_account.get_live_orders(sandbox_session)
    assert dear.order.id in {o.id for o in live}
    # the fill went through the ledger: position, trade transaction with fees, cash
    positions = {p.symbol: p for p in await sandbox_account.get_positions(sandbox_session)}
    assert positions["AAPL"].quantity == 10 and positions["SPY"].quantity == 5
    trades = await sandbox_account.get_history(sandbox_session, type="Trade")
    assert {t.order_id for t in trades} == {cheap.order.id, market.order.id}
    assert any(t.clearing_fees is not None and t.clearing_fees < 0 for t in trades)
    # ground truth carries ids and external identifiers
    state = sim.state()["environments"]["sandbox"]["accounts"][sandbox_account.account_number]
    assert {o["external-identifier"] for o in state["orders"]} >= {"ext-1"}
    history = await sandbox_account.get_order_history(sandbox_session, page_offset=None)
    assert {cheap.order.id, market.order.id, dear.order.id} <= {o.id for o in history}
    filtered = await sandbox_account.get_order_history(
        sandbox_session, statuses=[OrderStatus.FILLED], underlying_symbol="AAPL"
    )
    assert [o.id for o in filtered] == [cheap.order.id]


async def test_replace_and_cancel(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account, wait_until: Wait
) -> None:
    placed = await sandbox_account.place_order(
        sandbox_session, LimitOrder(legs=[equity_leg(BTO, 3)], price=Decimal("-4")), dry_run=False
    )
    await wait_status(wait_until, sandbox_session, sandbox_account, placed.order.id, "Live")
    new = await sandbox_account.replace_order(
        sandbox_session, placed.order.id, LimitOrder(legs=[equity_leg(BTO, 3)], price=Decimal("-5"))
    )
    assert new.replaces_order_id == placed.order.id and new.id != placed.order.id
    old = await sandbox_account.get_order(sandbox_session, placed.order.id)
    assert old.status == OrderStatus.CANCELLED and old.replacing_order_id == new.id
    await wait_status(wait_until, sandbox_session, sandbox_account, new.id, "Live")
    await sandbox_account.delete_order(sandbox_session, new.id)
    assert await status_of(sandbox_session, sandbox_account, new.id) == "Cancelled"
    with pytest.raises(TastytradeError, match="order_not_cancellable"):
        await sandbox_account.delete_order(sandbox_session, new.id)
    with pytest.raises(TastytradeError, match="record_not_found"):
        await sandbox_account.get_order(sandbox_session, 987654321)
    # replacing into a marketable price fills it
    again = await sandbox_account.place_order(
        sandbox_session, LimitOrder(legs=[equity_leg(BTO, 1)], price=Decimal("-9")), dry_run=False
    )
    await wait_status(wait_until, sandbox_session, sandbox_account, again.order.id, "Live")
    cheaper = await sandbox_account.replace_order(
        sandbox_session, again.order.id, LimitOrder(legs=[equity_leg(BTO, 1)], price=Decimal("-1"))
    )
    await wait_status(wait_until, sandbox_session, sandbox_account, cheaper.id, "Filled")


# rejections --------------------------------------------------------------------------------
async def test_rejections(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account
) -> None:
    async def rejected(order: Any, match: str) -> None:
        with pytest.raises(TastytradeError, match=match):
            await sandbox_account.place_order(sandbox_session, order, dry_run=False)

    await rejected(
        LimitOrder(legs=[equity_leg(BTO, 1, "NOPE")], price=Decimal(-1)), "invalid_symbol"
    )
    spy_call = option(sim)
    bad_strike = spy_call[:-8] + "00000500"
    await rejected(
        LimitOrder(
            legs=[Leg(instrument_type=OPT, symbol=bad_strike, action=BTO, quantity=1)],
            price=Decimal(-1),
        ),
        "not listed",
    )
    await rejected(
        LimitOrder(legs=[equity_leg(BTO, 1_000_000, "SPY")], price=Decimal("-3")),
        "insufficient_buying_power",
    )
    await rejected(LimitOrder(legs=[equity_leg(BTO, 0)], price=Decimal(-1)), "invalid_quantity")
    creds = sim.credentials()["sandbox"]
    await sandbox_session.refresh()
    token = sandbox_session.session_token
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {token}"}) as http:
        body = {
            "order-type": "Limit",
            "price": "abc",
            "price-effect": "Debit",
            "legs": [
                {
                    "instrument-type": "Equity",
                    "symbol": "AAPL",
                    "action": "Buy to Open",
                    "quantity": 1,
                }
            ],
        }
        url = f"{creds['base_url']}/accounts/{sandbox_account.account_number}/orders"
        async with http.post(url, json=body) as resp:
            assert resp.status == 422
            assert (await resp.json())["error"]["code"] == "invalid_price"
    legs = [
        Leg(instrument_type=OPT, symbol=option(sim, k, 2, off), action=BTO, quantity=1)
        for k in "CP"
        for off in (0, 1, 2)
    ]
    await rejected(LimitOrder(legs=legs[:5], price=Decimal(-1)), "too_many_legs")
    await rejected(
        LimitOrder(
            legs=[equity_leg(STC, 1, "MSFT")],
            price=Decimal(1),
            advanced_instructions=AdvancedInstructions(strict_position_effect_validation=True),
        ),
        "closing_with_no_position",
    )
    # without strict validation it is a warning and the order opens a position
    dry = await sandbox_account.place_order(
        sandbox_session,
        LimitOrder(legs=[equity_leg(STC, 1, "MSFT")], price=Decimal(1)),
        dry_run=True,
    )
    assert dry.warnings and dry.warnings[0].code == "closing_with_no_position"
    assert sim.state()["environments"]["sandbox"]["counts"]["orders"] == 0


# behaviours ------------------------------------------------------------------------------------
async def test_behaviors(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account, wait_until: Wait
) -> None:
    def order(behavior: FillBehavior, **kw: Any) -> LimitOrder:
        return LimitOrder(legs=[equity_leg(BTO, 4)], price=Decimal("-1"), behavior=behavior, **kw)

    never = await sandbox_account.place_order(
        sandbox_session, order(FillBehavior.NEVER), dry_run=False
    )
    reject = await sandbox_account.place_order(
        sandbox_session, order(FillBehavior.REJECT), dry_run=False
    )
    delayed = await sandbox_account.place_order(
        sandbox_session, order(FillBehavior.DELAYED, delay=timedelta(hours=1)), dry_run=False
    )
    soon = await sandbox_account.place_order(
        sandbox_session, order(FillBehavior.DELAYED, delay=timedelta(seconds=0.3)), dry_run=False
    )
    partial = await sandbox_account.place_order(
        sandbox_session, order(FillBehavior.PARTIAL), dry_run=False
    )
    rejected = await wait_status(
        wait_until, sandbox_session, sandbox_account, reject.order.id, "Rejected"
    )
    assert rejected.reject_reason
    # half now, the rest a second later: two fills of 2 (no race with the second one)
    filled = await wait_status(
        wait_until, sandbox_session, sandbox_account, partial.order.id, "Filled"
    )
    assert [f.quantity for f in filled.legs[0].fills or []] == [Decimal(2), Decimal(2)]
    await wait_status(wait_until, sandbox_session, sandbox_account, soon.order.id, "Filled")
    # by now (over a second in) an order delayed by an hour is still working
    assert await status_of(sandbox_session, sandbox_account, delayed.order.id) == "Live"
    assert await status_of(sandbox_session, sandbox_account, never.order.id) == "Live"


# quote fill model (production default) ---------------------------------------------------------
@pytest.fixture
async def funded(sim: RunningSimulator, prod_account: Account) -> Account:
    """The production margin account with plenty of fresh cash."""
    found = sim.production.account(prod_account.account_number)
    assert found is not None
    sim.production.ledger.cash(
        found[1],
        sub_type="Deposit",
        amount=Decimal(1_000_000),
        executed_at=datetime.now(UTC),
        description="TEST DEPOSIT",
    )
    return prod_account


async def test_quote_model_equity(
    sim: RunningSimulator, prod_session: Session, funded: Account, wait_until: Wait
) -> None:
    prod_account = funded
    assert sim.production.fill_model == "quote"
    quote = sim.market.quote("AAPL")
    below = (quote.bid * Decimal("0.9")).quantize(Decimal("0.01"))
    resting = await prod_account.place_order(
        prod_session, LimitOrder(legs=[equity_leg(BTO, 2)], price=-below), dry_run=False
    )
    await wait_status(wait_until, prod_session, prod_account, resting.order.id, "Live")
    marketable = await prod_account.place_order(
        prod_session, MarketOrder(legs=[equity_leg(BTO, 2)]), dry_run=False
    )
    filled = await wait_status(
        wait_until, prod_session, prod_account, marketable.order.id, "Filled"
    )
    fills = filled.legs[0].fills or []
    assert fills and fills[0].fill_price == sim.market.quote("AAPL").ask
    # replace the resting order to a marketable limit: it fills at the ask, not the limit
    limit = (quote.ask * Decimal("1.1")).quantize(Decimal("0.01"))
    new = await prod_account.replace_order(
        prod_session, resting.order.id, LimitOrder(legs=[equity_leg(BTO, 2)], price=-limit)
    )
    done = await wait_status(wait_until, prod_session, prod_account, new.id, "Filled")
    ask = sim.market.quote("AAPL").ask  # the ticker is off: the quote has not moved
    assert ask < limit
    assert [f.fill_price for f in done.legs[0].fills or []] == [ask]
    notional = await prod_account.place_order(
        prod_session,
        NotionalOrder(
            legs=[Leg(instrument_type=EQ, symbol="AAPL", action=BTO)], value=Decimal("-500")
        ),
        dry_run=False,
    )
    await wait_status(wait_until, prod_session, prod_account, notional.order.id, "Filled")


async def test_quote_model_spread_and_market_step(
    sim: RunningSimulator, prod_session: Session, funded: Account, wait_until: Wait
) -> None:
    prod_account = funded
    long_call, short_call = option(sim, "C", 3, 0), option(sim, "C", 3, 2)
    legs = [
        Leg(instrument_type=OPT, symbol=long_call, action=BTO, quantity=1),
        Leg(instrument_type=OPT, symbol=short_call, action=STO, quantity=1),
    ]
    q1, q2 = sim.market.quote(long_call), sim.market.quote(short_call)
    net = q1.ask - q2.bid  # debit at the quotes
    resp = await prod_account.place_order(
        prod_session, LimitOrder(legs=legs, price=-(net + Decimal("0.05"))), dry_run=False
    )
    filled = await wait_status(wait_until, prod_session, prod_account, resp.order.id, "Filled")
    assert filled.average_fill_price() == net
    positions = {p.symbol for p in await prod_account.get_positions(prod_session)}
    assert {long_call, short_call} <= positions
    # a resting order re-checks when the market steps (a stop far away never triggers)
    stop = await prod_account.place_order(
        prod_session,
        StopOrder(legs=[equity_leg(BTO, 1, "MSFT")], stop_trigger=sim.market.spot("MSFT") * 2),
        dry_run=False,
    )
    await wait_status(wait_until, prod_session, prod_account, stop.order.id, "Live")
    await sim.step_market(3)
    assert await status_of(prod_session, prod_account, stop.order.id) == "Live"


# complex orders ------------------------------------------------------------------------------
async def test_complex_orders(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account, wait_until: Wait
) -> None:
    oto = OTOOrder(
        trigger_order=LimitOrder(legs=[equity_leg(BTO, 10)], price=Decimal("-2")),
        orders=[LimitOrder(legs=[equity_leg(STC, 10)], price=Decimal("50"))],
    )
    dry = await sandbox_account.place_complex_order(sandbox_session, oto, dry_run=True)
    assert dry.complex_order.trigger_order is not None
    placed = await sandbox_account.place_complex_order(sandbox_session, oto, dry_run=False)
    cid = placed.complex_order.id
    child = placed.complex_order.orders[0]
    assert child.status == OrderStatus.CONTINGENT
    await wait_status(wait_until, sandbox_session, sandbox_account, child.id, "Live")
    got = await sandbox_account.get_complex_order(sandbox_session, cid)
    assert got.trigger_order is not None and got.trigger_order.status == OrderStatus.FILLED

    oco = OCOOrder(
        take_profit=LimitOrder(legs=[equity_leg(STC, 10)], price=Decimal("2")),
        stop_loss=StopOrder(legs=[equity_leg(STC, 10)], stop_trigger=Decimal("0.5")),
    )
    oco_placed = await sandbox_account.place_complex_order(sandbox_session, oco, dry_run=False)
    tp = oco_placed.complex_order.take_profit
    sl = oco_placed.complex_order.stop_loss
    await wait_status(wait_until, sandbox_session, sandbox_account, tp.id, "Filled")
    await wait_status(wait_until, sandbox_session, sandbox_account, sl.id, "Cancelled")

    otoco = OTOCOOrder(
        trigger_order=LimitOrder(legs=[equity_leg(BTO, 5, "SPY")], price=Decimal("-4")),
        take_profit=LimitOrder(legs=[equity_leg(STC, 5, "SPY")], price=Decimal("9")),
        stop_loss=StopOrder(legs=[equity_leg(STC, 5, "SPY")], stop_trigger=Decimal("1")),
    )
    otoco_placed = await sandbox_account.place_complex_order(sandbox_session, otoco, dry_run=False)
    otoco_id = otoco_placed.complex_order.id
    live = await sandbox_account.get_live_complex_orders(sandbox_session)
    assert {otoco_id, cid} <= {c.id for c in live}
    history = await sandbox_account.get_complex_order_history(sandbox_session, page_offset=None)
    assert {cid, oco_placed.complex_order.id, otoco_id} <= {c.id for c in history}
    await sandbox_account.delete_complex_order(sandbox_session, otoco_id)
    cancelled = await sandbox_account.get_complex_order(sandbox_session, otoco_id)
    assert all(o.status == OrderStatus.CANCELLED for o in cancelled.orders)
    assert cancelled.trigger_order is not None
    assert cancelled.trigger_order.status == OrderStatus.CANCELLED
    assert otoco_id not in {
        c.id for c in await sandbox_account.get_live_complex_orders(sandbox_session)
    }


async def test_orders_other_users_account(sim: RunningSimulator, prod_session: Session) -> None:
    users = list(sim.production.users.values())
    foreign = Account.model_construct(account_number=next(iter(users[1].accounts)))
    with pytest.raises(TastytradeError, match="not_permitted"):
        await foreign.get_live_orders(prod_session)
    async with aiohttp.ClientSession() as http, http.get(f"{sim.url}/_sim/state") as resp:
        assert (await resp.json())["environments"]["production"]["counts"]["orders"] == 0


# expiry at the close ------------------------------------------------------------------------
MONDAY_MORNING = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # 10:00 in New York


@pytest.mark.parametrize(
    "sim_config",
    [{"seed": 7, "market_tick": 0, "today": MONDAY_MORNING.date(), "clock": "manual"}],
    indirect=True,
)
async def test_day_order_expires_at_the_close_and_gtc_keeps_working(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account
) -> None:
    clock = sim.simulation.clock
    assert isinstance(clock, ManualClock)
    day = await sandbox_account.place_order(
        sandbox_session, LimitOrder(legs=[equity_leg(BTO, 1)], price=Decimal("-3.5")), dry_run=False
    )
    gtc = await sandbox_account.place_order(
        sandbox_session,
        LimitOrder(
            legs=[equity_leg(BTO, 1)], price=Decimal("-3.6"), time_in_force=OrderTimeInForce.GTC
        ),
        dry_run=False,
    )
    assert await status_of(sandbox_session, sandbox_account, day.order.id) == "Routed"
    await clock.advance(1)  # routing waits on the simulator's clock
    assert await status_of(sandbox_session, sandbox_account, day.order.id) == "Live"
    assert await status_of(sandbox_session, sandbox_account, gtc.order.id) == "Live"
    deadline = order_deadline({"time-in-force": "Day", "received-at": MONDAY_MORNING.isoformat()})
    assert deadline == datetime(2026, 11, 23, 21, 0, tzinfo=UTC)

    await clock.advance_to(deadline - timedelta(seconds=1))
    await sim.step_market()
    assert await status_of(sandbox_session, sandbox_account, day.order.id) == "Live"
    await clock.advance(2)
    await sim.step_market()

    expired = await sandbox_account.get_order(sandbox_session, day.order.id)
    assert expired.status == OrderStatus.EXPIRED
    assert expired.terminal_at == deadline + timedelta(seconds=1)
    assert await status_of(sandbox_session, sandbox_account, gtc.order.id) == "Live"
