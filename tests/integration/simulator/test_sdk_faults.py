"""Every fault kind, observed through the unmodified SDK (or a raw client where the SDK can't)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import aiohttp
import httpx2
import pytest
from httpx2.websockets import WebSocketDisconnect
from support.sdk import dxlink_streamer, equity_leg
from tastytrade import Account, Session
from tastytrade.dxfeed import Quote
from tastytrade.order import LimitOrder, OrderAction
from tastytrade.utils import TastytradeError

from simulator.server import RunningSimulator


async def set_faults(sim: RunningSimulator, spec: Any) -> dict[str, Any]:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{sim.url}/_sim/faults", json=spec) as resp:
            assert resp.status == 200, await resp.text()
            result: dict[str, Any] = await resp.json()
        async with http.get(f"{sim.url}/_sim/faults") as resp:
            shown = await resp.json()
    assert len(shown["rules"]) == len(result["rules"])
    return result


async def test_latency_holds_matching_requests(
    sim: RunningSimulator, prod_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # how long the delay takes on a real clock is measured by bench/simulator_speed.py
    await prod_session.get_customer()
    await set_faults(sim, [{"kind": "latency", "path": "/customers/*", "ms": 150, "jitter_ms": 50}])
    delays: list[float] = []
    entered, release = asyncio.Event(), asyncio.Event()

    async def held(seconds: float) -> None:
        delays.append(seconds)
        entered.set()
        await release.wait()

    monkeypatch.setattr(sim.faults, "sleep", held)
    call = asyncio.create_task(prod_session.get_customer())
    await asyncio.wait_for(entered.wait(), 5)
    await asyncio.sleep(0.05)  # the response would arrive now if the fault did not hold it
    assert not call.done()
    release.set()
    assert (await asyncio.wait_for(call, 5)).email
    account = next(iter(next(iter(sim.production.users.values())).accounts))
    await asyncio.wait_for(Account.get(prod_session, account), 5)
    assert len(delays) == 2  # /customers/me/accounts/{n} matches too
    assert all(0.15 <= delay <= 0.2 for delay in delays)
    assert [t["path"] for t in sim.faults.triggered] == [
        "/customers/me",
        f"/customers/me/accounts/{account}",
    ]


@pytest.mark.parametrize("status", [429, 500, 502])
async def test_error_statuses(sim: RunningSimulator, prod_session: Session, status: int) -> None:
    await set_faults(sim, [{"kind": "error", "status": status, "path": "/customers/me"}])
    with pytest.raises(TastytradeError):
        await prod_session.get_customer()
    async with aiohttp.ClientSession() as http, http.get(f"{sim.url}/customers/me") as resp:
        assert resp.status == status
        assert "Retry-After" not in resp.headers
        assert not any(h.lower().startswith("x-ratelimit") for h in resp.headers)


async def test_error_rate_is_seeded(sim: RunningSimulator) -> None:
    async def run() -> list[int]:
        await set_faults(
            sim,
            {
                "seed": 11,
                "rules": [{"kind": "error", "status": 500, "rate": 0.5, "path": "/customers/me"}],
            },
        )
        out = []
        async with aiohttp.ClientSession() as http:
            for _ in range(20):
                async with http.get(f"{sim.url}/customers/me") as resp:
                    out.append(resp.status)
        return out

    first, second = await run(), await run()
    assert first == second and 500 in first and 401 in first


async def test_hang_past_client_timeout(
    sim: RunningSimulator, session_factory: Callable[..., Session]
) -> None:
    session = session_factory("production", timeout=0.3)
    await session.get_customer()
    await set_faults(sim, [{"kind": "hang", "seconds": 1.0, "path": "/customers/me"}])
    with pytest.raises(httpx2.TimeoutException):
        await session.get_customer()


async def test_drop_after_order_accepted(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account
) -> None:
    await sandbox_session.refresh()
    await set_faults(
        sim,
        [
            {
                "kind": "drop",
                "method": "POST",
                "path": "/accounts/*/orders",
                "times": 1,
                "env": "sandbox",
            }
        ],
    )
    order = LimitOrder(
        legs=[equity_leg(OrderAction.BUY_TO_OPEN, 1)],
        price=Decimal("-1"),
        external_identifier="dropped-1",
    )
    with pytest.raises(httpx2.TransportError):
        await sandbox_account.place_order(sandbox_session, order, dry_run=False)
    state = sim.state()["environments"]["sandbox"]["accounts"][sandbox_account.account_number]
    assert [o["external-identifier"] for o in state["orders"]] == ["dropped-1"]
    # the connection is gone but the order is real: it is listed afterwards
    orders = await sandbox_account.get_order_history(sandbox_session)
    assert [o.external_identifier for o in orders] == ["dropped-1"]


async def test_page_fails_mid_pagination(
    sim: RunningSimulator, prod_session: Session, prod_account: Account
) -> None:
    first = await prod_account.get_history(prod_session, per_page=20)
    await set_faults(
        sim, [{"kind": "page_fail", "path": "/accounts/*/transactions", "from_page": 2}]
    )
    assert [t.id for t in await prod_account.get_history(prod_session, per_page=20)] == [
        t.id for t in first
    ]
    with pytest.raises(TastytradeError, match="internal_server_error"):
        await prod_account.get_history(prod_session, per_page=20, page_offset=None)


async def test_tokens_expire_early(sim: RunningSimulator, prod_session: Session) -> None:
    await set_faults(sim, [{"kind": "token_expiry", "seconds": 0.2}])
    await prod_session.get_customer()  # a fresh token that the server kills after 0.2 s
    await asyncio.sleep(0.3)
    with pytest.raises(TastytradeError, match="token_invalid"):
        await prod_session.get_customer()


async def test_dxlink_disconnect(sim: RunningSimulator, prod_session: Session) -> None:
    from simulator import dxlink

    closed = pytest.RaisesExc(WebSocketDisconnect, check=lambda exc: exc.code == 1011)
    with pytest.RaisesGroup(closed, flatten_subgroups=True):
        async with dxlink_streamer(prod_session) as streamer:
            await streamer.subscribe(Quote, ["SPY"])
            await asyncio.wait_for(streamer.get_event(Quote), 5)
            assert dxlink.open_dxlink_count(sim.production) == 1
            # the socket is closed while this request runs, which cancels this block
            await set_faults(sim, [{"kind": "dxlink_disconnect"}])
            await asyncio.sleep(5)  # only the deadline: the disconnect cancels it at once
    assert dxlink.open_dxlink_count(sim.production) == 0
