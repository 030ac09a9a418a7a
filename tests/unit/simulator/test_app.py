"""app.py: wiring, middleware, control routes and the sandbox reset (history off, fast)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from simulator.app import SimConfig, Simulation, reset_sandbox
from simulator.server import build_parser, config_from_args

Client = Callable[..., Awaitable[TestClient[Any, Any]]]


@pytest.fixture
def simulation() -> Simulation:
    return Simulation(SimConfig(seed=3, market_tick=0, history=False))


async def token(client: TestClient[Any, Any], sim: Simulation, env: str = "production") -> str:
    creds = sim.credentials("")[env]
    prefix = "/sandbox" if env == "sandbox" else ""
    resp = await client.post(
        f"{prefix}/oauth/token",
        json={
            "grant_type": "refresh_token",
            "refresh_token": creds["refresh_token"],
            "client_secret": creds["client_secret"],
        },
    )
    assert resp.status == 200
    access: str = (await resp.json())["access_token"]
    return access


def test_config_validation() -> None:
    with pytest.raises(ValueError, match="fill model"):
        SimConfig(fill_model="magic")
    assert SimConfig(faults='[{"kind": "latency"}]').faults == [{"kind": "latency"}]


def test_cli_parsing() -> None:
    args = build_parser().parse_args(
        [
            "--port",
            "8701",
            "--seed",
            "9",
            "--fill-model",
            "legacy",
            "--today",
            "2025-06-02",
            "--redirect-uri",
            "http://x/cb",
            "--faults",
            '[{"kind":"hang"}]',
        ]
    )
    config = config_from_args(args)
    assert config["port"] == 8701 and config["fill_model"] == "legacy"
    assert config["redirect_uris"] == ["http://x/cb"] and config["faults"] == [{"kind": "hang"}]
    assert str(config["today"]) == "2025-06-02"


def test_environments(simulation: Simulation) -> None:
    prod, sandbox = simulation.environments
    assert prod.fill_model == "quote" and sandbox.fill_model == "legacy"
    assert prod.market is sandbox.market and prod.faults is sandbox.faults
    assert not set(prod.users) & set(sandbox.users)
    prod_numbers = {a.number for _, a in prod.all_accounts()}
    sandbox_numbers = {a.number for _, a in sandbox.all_accounts()}
    assert all(n.startswith("5WT") for n in prod_numbers)
    assert all(n.startswith("5WZ") for n in sandbox_numbers)
    creds = simulation.credentials("http://h:1")
    assert creds["sandbox"]["base_url"] == "http://h:1/sandbox"
    assert creds["production"]["refresh_token"] in next(iter(prod.users.values())).refresh_tokens


async def test_middleware_and_routes(aiohttp_client: Client, simulation: Simulation) -> None:
    client = await aiohttp_client(simulation.app)
    resp = await client.get("/customers/me")
    assert resp.status == 401 and (await resp.json())["error"]["code"] == "token_invalid"
    access = await token(client, simulation)
    headers = {"Authorization": f"Bearer {access}"}
    assert (await client.get("/customers/me", headers=headers)).status == 200
    # a production token is not valid in the sandbox
    assert (await client.get("/sandbox/customers/me", headers=headers)).status == 401
    missing = await client.get("/no/such/route", headers=headers)
    assert missing.status == 404 and (await missing.json())["error"]["code"] == "not_found"
    state = await (await client.get("/_sim/state")).json()
    assert set(state["environments"]) == {"production", "sandbox"}
    faults = await client.post("/_sim/faults", json=[{"kind": "error", "status": 502}])
    assert faults.status == 200
    assert (await client.get("/customers/me", headers=headers)).status == 502
    assert (await client.delete("/_sim/faults")).status == 200
    bad = await client.post("/_sim/faults", json=[{"kind": "nope"}])
    assert bad.status == 400
    step = await (await client.post("/_sim/market/step?steps=2")).json()
    assert step["steps"] == 2


async def test_reset_sandbox(simulation: Simulation) -> None:
    env = simulation.sandbox
    _, acct = next(env.all_accounts())
    deposit = acct.cash
    acct.orders[1] = {"id": 1}
    acct.positions["AAPL"] = {"quantity": "1"}
    counts = reset_sandbox(env)
    assert counts["orders"] == 1 and counts["positions"] == 1
    assert acct.orders == {} and acct.positions == {} and acct.cash == deposit
    assert [t["transaction-sub-type"] for t in acct.transactions] == ["Deposit"]
