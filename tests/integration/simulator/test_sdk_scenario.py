"""A ``--scenario`` file's pinned option chain, read through the unmodified SDK."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import aiohttp
import pytest
from tastytrade import Account, Session
from tastytrade.instruments import NestedOptionChain, Option, get_option_chain
from tastytrade.order import InstrumentType, Leg, LimitOrder, OrderAction
from tastytrade.utils import TastytradeError

from simulator.scenario import SCENARIO_DIR
from simulator.server import RunningSimulator

SMALL = SCENARIO_DIR / "small.json"
PINNED: list[dict[str, Any]] = json.loads(SMALL.read_text())["chains"]["SPY"]
PINNED_EXPIRATIONS = PINNED[0]["expirations"]
PINNED_SYMBOLS = {
    row[kind] for exp in PINNED_EXPIRATIONS for row in exp["strikes"] for kind in ("call", "put")
}
UNPINNED = "SPY   300118C00650000"  # a listed expiration, an unlisted strike

pytestmark = pytest.mark.parametrize(
    "sim_config", [{"scenario": str(SMALL), "seed": 7, "market_tick": 0}], indirect=True
)


def option_order(symbol: str) -> LimitOrder:
    leg = Leg(
        instrument_type=InstrumentType.EQUITY_OPTION,
        symbol=symbol,
        action=OrderAction.BUY_TO_OPEN,
        quantity=1,
    )
    return LimitOrder(legs=[leg], price=Decimal("-1.00"))


async def test_sdk_reads_exactly_the_pinned_chain(
    sim: RunningSimulator, prod_session: Session, sandbox_session: Session
) -> None:
    chains = await NestedOptionChain.get(prod_session, "SPY")
    assert [(c.underlying_symbol, c.root_symbol) for c in chains] == [("SPY", "SPY")]
    got = [
        {
            "expiration-type": e.expiration_type,
            "expiration-date": e.expiration_date.isoformat(),
            "settlement-type": e.settlement_type,
            "strikes": [
                {
                    "strike-price": f"{s.strike_price:.1f}",
                    "call": s.call,
                    "call-streamer-symbol": s.call_streamer_symbol,
                    "put": s.put,
                    "put-streamer-symbol": s.put_streamer_symbol,
                }
                for s in e.strikes
            ],
        }
        for e in chains[0].expirations
    ]
    want = [{k: v for k, v in e.items() if k != "days-to-expiration"} for e in PINNED_EXPIRATIONS]
    assert got == want
    today = sim.production.market.today
    assert [e.days_to_expiration for e in chains[0].expirations] == [
        (date.fromisoformat(e["expiration-date"]) - today).days for e in PINNED_EXPIRATIONS
    ]

    chain = await get_option_chain(prod_session, "SPY")
    assert sorted(chain) == [date.fromisoformat(e["expiration-date"]) for e in PINNED_EXPIRATIONS]
    options = [o for day in chain.values() for o in day]
    assert {o.symbol for o in options} == PINNED_SYMBOLS and len(options) == len(PINNED_SYMBOLS)
    assert {o.streamer_symbol for o in options} == {
        row[f"{kind}-streamer-symbol"]
        for exp in PINNED_EXPIRATIONS
        for row in exp["strikes"]
        for kind in ("call", "put")
    }

    one = await Option.get(prod_session, "SPY   300118P00500000")
    assert one.strike_price == 500 and one.expiration_date == date(2030, 1, 18)
    with pytest.raises(TastytradeError, match="record_not_found"):
        await Option.get(prod_session, UNPINNED)
    # the sandbox shares the production market, so it lists the same chain
    assert await NestedOptionChain.get(sandbox_session, "SPY") == chains
    # other underlyings keep the model's chain
    assert len(await get_option_chain(prod_session, "QQQ")) > 10


async def test_orders_on_unpinned_contracts_are_rejected(
    sim: RunningSimulator, prod_session: Session, prod_account: Account
) -> None:
    assert prod_account.account_number == "5WT00001"
    dry = await prod_account.place_order(
        prod_session, option_order("SPY   300118C00550000"), dry_run=True
    )
    assert dry.order.legs[0].symbol == "SPY   300118C00550000"
    with pytest.raises(TastytradeError, match="not listed"):
        await prod_account.place_order(prod_session, option_order(UNPINNED), dry_run=False)
    with pytest.raises(TastytradeError, match="not listed"):
        await prod_account.place_order(prod_session, option_order(UNPINNED), dry_run=True)
    await prod_session.refresh()
    headers = {"Authorization": f"Bearer {prod_session.session_token}"}
    body = {
        "order-type": "Limit",
        "time-in-force": "Day",
        "price": "1.00",
        "price-effect": "Debit",
        "legs": [
            {
                "instrument-type": "Equity Option",
                "symbol": UNPINNED,
                "action": "Buy to Open",
                "quantity": 1,
            }
        ],
    }
    url = f"{sim.credentials()['production']['base_url']}/accounts/5WT00001/orders"
    async with aiohttp.ClientSession(headers=headers) as http, http.post(url, json=body) as resp:
        assert resp.status == 422
        assert (await resp.json())["error"]["code"] == "invalid_symbol"
    assert await prod_account.get_live_orders(prod_session) == []
