"""alerts.py: acknowledgements and per-account pushes over a real WebSocket."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp.test_utils import TestClient

from simulator.alerts import AlertHub
from simulator.app import SimConfig, Simulation
from simulator.oauth import issue_access_token

Client = Callable[..., Awaitable[TestClient[Any, Any]]]


async def test_hub_without_clients() -> None:
    hub = AlertHub()
    assert await hub.publish("5WT1", "Order", {"id": 1}) == 0


async def test_ack_and_push(aiohttp_client: Client) -> None:
    sim = Simulation(SimConfig(seed=3, market_tick=0, history=False))
    client = await aiohttp_client(sim.app)
    env = sim.production
    user = next(iter(env.users.values()))
    number = next(iter(user.accounts))
    tok, _ = issue_access_token(env, user)
    async with client.ws_connect("/alerts") as ws:
        await ws.send_json(
            {
                "auth-token": f"Bearer {tok}",
                "action": "connect",
                "request-id": "7",
                "value": [number],
            }
        )
        ack = await ws.receive_json()
        assert ack["status"] == "ok" and ack["request-id"] == "7" and "type" not in ack
        await ws.send_str("not json")
        assert (await ws.receive_json())["status"] == "error"
        await ws.send_json({"auth-token": f"Bearer {tok}", "action": "dance", "request-id": 8})
        assert (await ws.receive_json())["status"] == "error"
        assert await env.alerts.publish(number, "AccountBalance", {"x": 1}) == 1
        push = await ws.receive_json()
        assert push["type"] == "AccountBalance" and push["data"] == {"x": 1}
        # the sandbox hub is separate
        assert await sim.sandbox.alerts.publish(number, "Order", {}) == 0
