"""The account streamer (``AlertStreamer``) through the unmodified SDK."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal

import aiohttp
import pytest
from support.sdk import alert_streamer, equity_leg
from tastytrade import Account, Session
from tastytrade.account import AccountBalance, CurrentPosition
from tastytrade.order import LimitOrder, OrderAction, PlacedOrder
from tastytrade.utils import TastytradeError

from simulator.server import RunningSimulator


async def test_order_lifecycle_is_pushed(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account
) -> None:
    async with alert_streamer(sandbox_session) as streamer:
        await streamer.subscribe_accounts([sandbox_account])
        await streamer.subscribe_public_watchlists()
        await streamer.subscribe_quote_alerts()
        order = LimitOrder(legs=[equity_leg(OrderAction.BUY_TO_OPEN, 3)], price=Decimal("-1.5"))
        placed = await sandbox_account.place_order(sandbox_session, order, dry_run=False)
        statuses: list[str] = []

        async def orders() -> None:
            async for pushed in streamer.listen(PlacedOrder):
                assert pushed.id == placed.order.id
                statuses.append(pushed.status.value)
                if pushed.status.value == "Filled":
                    return

        await asyncio.wait_for(orders(), 5)
        assert statuses[0] == "Routed" and "Live" in statuses and statuses[-1] == "Filled"
        position = await asyncio.wait_for(anext(streamer.listen(CurrentPosition)), 5)
        assert position.symbol == "AAPL" and position.quantity == 3
        balance = await asyncio.wait_for(anext(streamer.listen(AccountBalance)), 5)
        assert balance.account_number == sandbox_account.account_number


async def test_raw_protocol(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account
) -> None:
    await sandbox_session.refresh()
    token = f"Bearer {sandbox_session.session_token}"
    users = list(sim.sandbox.users.values())
    foreign = next(iter(users[1].accounts))
    async with aiohttp.ClientSession() as http, http.ws_connect(f"{sim.url}/sandbox/alerts") as ws:
        await ws.send_json(
            {
                "auth-token": "Bearer nope",
                "action": "connect",
                "request-id": 1,
                "value": [sandbox_account.account_number],
            }
        )
        err = json.loads((await ws.receive(timeout=5)).data)
        assert err["status"] == "error" and err["request-id"] == 1 and "type" not in err
        await ws.send_json(
            {"auth-token": token, "action": "quote-alerts-subscribe", "request-id": 2}
        )
        assert json.loads((await ws.receive(timeout=5)).data)["message"] == "connect-not-completed"
        await ws.send_json(
            {"auth-token": token, "action": "connect", "request-id": 3, "value": [foreign]}
        )
        assert json.loads((await ws.receive(timeout=5)).data)["status"] == "error"
        await ws.send_json(
            {
                "auth-token": token,
                "action": "connect",
                "request-id": 4,
                "value": [sandbox_account.account_number],
            }
        )
        ack = json.loads((await ws.receive(timeout=5)).data)
        assert ack == {
            "status": "ok",
            "action": "connect",
            "web-socket-session-id": ack["web-socket-session-id"],
            "value": [sandbox_account.account_number],
            "request-id": 4,
        }
        await ws.send_json({"auth-token": token, "action": "heartbeat", "request-id": 5})
        hb = json.loads((await ws.receive(timeout=5)).data)
        assert hb["status"] == "ok" and hb["action"] == "heartbeat"
        # pushes only for subscribed accounts
        hub = sim.sandbox.alerts
        assert await hub.publish(foreign, "Order", {"id": 1}) == 0
        assert await hub.publish(sandbox_account.account_number, "Order", {"id": 2}) == 1
        push = json.loads((await ws.receive(timeout=5)).data)
        assert push["type"] == "Order" and push["data"] == {"id": 2} and push["timestamp"] > 0
        # no disconnect for a missing heartbeat
        await asyncio.sleep(0.2)
        assert not ws.closed


async def test_streamer_bad_token_is_an_error(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account
) -> None:
    await sandbox_session.refresh()
    sandbox_session.session_token = "forged"
    sandbox_session.session_expiration = 10**12
    refused = pytest.RaisesExc(TastytradeError, match="Alert streamer error: invalid auth-token")
    with pytest.RaisesGroup(refused, flatten_subgroups=True):
        async with alert_streamer(sandbox_session) as streamer:
            await streamer.subscribe_accounts([sandbox_account])
