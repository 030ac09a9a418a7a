"""Malformed, missing, hostile and oversized input to the simulator's REST routes gets a clear
4xx in Tastytrade's error envelope, never a 500, and changes nothing."""

from __future__ import annotations

import io
import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from simulator.app import SimConfig, Simulation

Client = Callable[..., Awaitable[TestClient[Any, Any]]]


@pytest.fixture
def simulation() -> Simulation:
    return Simulation(SimConfig(seed=3, market_tick=0, history=False))


async def _bearer(
    client: TestClient[Any, Any], simulation: Simulation, env: str = "production"
) -> dict[str, str]:
    creds = simulation.credentials("")[env]
    prefix = "/sandbox" if env == "sandbox" else ""
    resp = await client.post(
        f"{prefix}/oauth/token",
        json={
            "grant_type": "refresh_token",
            "refresh_token": creds["refresh_token"],
            "client_secret": creds["client_secret"],
        },
    )
    return {"Authorization": f"Bearer {(await resp.json())['access_token']}"}


@pytest.fixture
async def api(
    aiohttp_client: Client, simulation: Simulation
) -> tuple[TestClient[Any, Any], dict[str, str], str]:
    client = await aiohttp_client(simulation.app)
    headers = await _bearer(client, simulation)
    number = next(iter(simulation.production.users["demo"].accounts))
    return client, headers, number


def _order(**overrides: Any) -> dict[str, Any]:
    order: dict[str, Any] = {
        "time-in-force": "Day",
        "order-type": "Limit",
        "price": "1.00",
        "price-effect": "Debit",
        "legs": [
            {"instrument-type": "Equity", "symbol": "AAPL", "action": "Buy to Open", "quantity": 1}
        ],
    }
    order.update(overrides)
    return order


BAD_ORDER_BODIES: list[tuple[str, str | bytes]] = [
    ("not json", "{this is not json"),
    ("json array", "[]"),
    ("json string", '"buy"'),
    ("empty", ""),
    ("no legs", json.dumps(_order(legs=[]))),
    ("legs not a list", json.dumps(_order(legs="AAPL"))),
    ("five legs", json.dumps(_order(legs=_order()["legs"] * 5))),
    ("negative quantity", json.dumps(_order(legs=[{**_order()["legs"][0], "quantity": -5}]))),
    ("text quantity", json.dumps(_order(legs=[{**_order()["legs"][0], "quantity": "lots"}]))),
    ("huge quantity", json.dumps(_order(legs=[{**_order()["legs"][0], "quantity": "1e309"}]))),
    ("nan price", json.dumps(_order(price="NaN"))),
    ("negative price", json.dumps(_order(price="-3"))),
    ("unknown action", json.dumps(_order(legs=[{**_order()["legs"][0], "action": "Yolo"}]))),
    ("unknown order type", json.dumps(_order(**{"order-type": "Moon"}))),
    ("unknown symbol", json.dumps(_order(legs=[{**_order()["legs"][0], "symbol": "ZZZZZZ"}]))),
    ("script symbol", json.dumps(_order(legs=[{**_order()["legs"][0], "symbol": "<script>"}]))),
    (
        "bad occ",
        json.dumps(
            _order(
                legs=[
                    {
                        **_order()["legs"][0],
                        "instrument-type": "Equity Option",
                        "symbol": "SPY   991318C00450000",
                    }
                ]
            )
        ),
    ),
]


@pytest.mark.parametrize(("name", "body"), BAD_ORDER_BODIES, ids=[n for n, _ in BAD_ORDER_BODIES])
@pytest.mark.parametrize("path", ["orders", "orders/dry-run"])
async def test_bad_order_bodies_are_refused_and_place_nothing(
    api: tuple[TestClient[Any, Any], dict[str, str], str],
    simulation: Simulation,
    name: str,
    body: str,
    path: str,
) -> None:
    client, headers, number = api

    resp = await client.post(
        f"/accounts/{number}/{path}",
        data=body,
        headers={**headers, "Content-Type": "application/json"},
    )

    assert 400 <= resp.status < 500, (name, resp.status, await resp.text())
    assert "error" in await resp.json()
    assert simulation.production.users["demo"].accounts[number].orders == {}


async def test_oversized_body_is_refused(
    api: tuple[TestClient[Any, Any], dict[str, str], str],
) -> None:
    client, headers, number = api

    # a file-like body: aiohttp warns (ResourceWarning) that a raw 5 MB bytes body blocks the loop
    body = io.BytesIO(b"x" * (5 * 1024 * 1024))
    resp = await client.post(f"/accounts/{number}/orders", data=body, headers=headers)

    assert resp.status == 413


@pytest.mark.parametrize(
    "query",
    [
        "per-page=abc",
        "page-offset=-1&per-page=-5",
        "start-date=yesterday",
        "start-at=not-a-time",
        "end-date=2026-13-45",
        "sort=Sideways",
        "per-page=100000000000000000000",
    ],
)
async def test_bad_transaction_filters_get_a_clear_answer(
    api: tuple[TestClient[Any, Any], dict[str, str], str], query: str
) -> None:
    client, headers, number = api

    resp = await client.get(f"/accounts/{number}/transactions?{query}", headers=headers)

    assert resp.status in (200, 400), await resp.text()
    payload = await resp.json()
    assert ("error" in payload) if resp.status == 400 else payload["pagination"]["per-page"] <= 250


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/..%2F..%2Fetc%2Fpasswd/positions",
        "/accounts/5WT99999/positions",
        "/accounts/%3Cscript%3E/balances/USD",
        "/accounts/" + "9" * 5000 + "/orders",
    ],
)
async def test_foreign_or_hostile_account_numbers_are_refused(
    api: tuple[TestClient[Any, Any], dict[str, str], str], path: str
) -> None:
    client, headers, _ = api

    resp = await client.get(path, headers=headers)

    assert resp.status in (403, 404, 414), resp.status
    if resp.status != 414:  # answers are JSON error envelopes, never HTML that could run
        assert resp.content_type == "application/json"
        assert "error" in await resp.json()


async def test_hostile_bearer_tokens_are_401(
    api: tuple[TestClient[Any, Any], dict[str, str], str],
) -> None:
    client, _, _ = api
    for value in ("Bearer ", "Bearer " + "A" * 6000, "Basic abc", "Bearer \u00e9\u00e9"):
        resp = await client.get("/customers/me", headers={"Authorization": value})
        assert resp.status in (400, 401), (value[:20], resp.status)


async def test_market_data_limits_and_odd_symbols(
    api: tuple[TestClient[Any, Any], dict[str, str], str],
) -> None:
    client, headers, _ = api

    too_many = "&".join(f"equity=S{i}" for i in range(150))
    resp = await client.get(f"/market-data/by-type?{too_many}", headers=headers)
    assert resp.status == 400

    resp = await client.get("/symbols/search/" + "A" * 3000, headers=headers)
    assert resp.status in (200, 400, 414)

    resp = await client.get("/instruments/equity-options/%00%00", headers=headers)
    assert resp.status in (400, 404)

    resp = await client.get("/option-chains/%3Cscript%3E/nested", headers=headers)
    assert resp.status == 200 and resp.content_type == "application/json"
    assert (await resp.json())["data"]["items"] == []  # unknown underlyings list nothing


@pytest.mark.parametrize(
    "body",
    ["", "{", "[]", '{"grant_type": "refresh_token"}', '{"grant_type": 5}', "grant_type=password"],
)
async def test_malformed_token_requests_get_oauth_errors(
    api: tuple[TestClient[Any, Any], dict[str, str], str], body: str
) -> None:
    client, _, _ = api
    content_type = (
        "application/x-www-form-urlencoded"
        if "=" in body and "{" not in body
        else "application/json"
    )

    resp = await client.post("/oauth/token", data=body, headers={"Content-Type": content_type})

    assert resp.status in (400, 401)
    payload = await resp.json()
    assert "error_code" in payload and isinstance(payload.get("error_description"), str)


@pytest.mark.parametrize(
    "body",
    [
        "{",
        '{"seed": "x"}',
        '{"rules": {}}',
        '[{"kind": "latency", "ms": "soon"}]',
        '[{"kind": "latency", "ms": -1}]',
        '[{"kind": "error", "times": true}]',
        '[{"kind": "latency", "path": 5}]',
        "[1, 2]",
    ],
)
async def test_malformed_fault_specs_are_400(
    api: tuple[TestClient[Any, Any], dict[str, str], str], body: str
) -> None:
    client, _, _ = api

    resp = await client.post(
        "/_sim/faults", data=body, headers={"Content-Type": "application/json"}
    )

    assert resp.status == 400, await resp.text()


async def test_sandbox_refuses_accept_version_and_net_liq_history(
    aiohttp_client: Client, simulation: Simulation
) -> None:
    client = await aiohttp_client(simulation.app)
    headers = await _bearer(client, simulation, "sandbox")
    number = next(iter(simulation.sandbox.users["demo-sandbox"].accounts))

    versioned = await client.get(
        "/sandbox/customers/me", headers={**headers, "Accept-Version": "20251101"}
    )
    history = await client.get(f"/sandbox/accounts/{number}/net-liq/history", headers=headers)

    assert versioned.status == 406
    assert (await versioned.json())["error"]["code"] == "unsupported_accept_version"
    assert history.status == 403
    assert (await history.json())["error"]["code"] == "net_liq_history_unavailable"


async def test_an_internal_failure_is_a_json_500_not_a_crash(
    api: tuple[TestClient[Any, Any], dict[str, str], str],
    simulation: Simulation,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client, headers, number = api

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(simulation.production.engine, "dry_run", broken)
    resp = await client.post(f"/accounts/{number}/orders/dry-run", json=_order(), headers=headers)

    assert resp.status == 500
    assert (await resp.json())["error"]["code"] == "internal_error"


# ground truth and placement faults ------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    [
        {"env": "staging"},
        {"env": "x" * 5000},
        {"external-identifier": "y" * 20000},
    ],
)
async def test_a_hostile_ground_truth_query_is_refused_or_empty(
    api: tuple[TestClient[Any, Any], dict[str, str], str], query: dict[str, str]
) -> None:
    client, _, _ = api
    resp = await client.get("/_sim/orders", params=query)
    assert resp.status in (200, 400), resp.status
    if resp.status == 200:
        assert (await resp.json())["orders"] == []


@pytest.mark.parametrize(
    "plan",
    [
        "all of them",
        {"rates": {"rate_limit": 2}},
        {"rates": {"rate_limit": 0.5}, "hang_seconds": "forever"},
        {"rates": {"rate_limit": 0.5}, "error_statuses": [500, "502"]},
        {"rates": {"rate_limit": 0.5}, "faulted_attempts": -3},
    ],
)
async def test_a_hostile_placement_plan_is_a_400_and_changes_nothing(
    api: tuple[TestClient[Any, Any], dict[str, str], str], simulation: Simulation, plan: Any
) -> None:
    client, _, _ = api
    resp = await client.post("/_sim/faults", json={"rules": [], "placement": plan})
    assert resp.status == 400
    assert (await resp.json())["error"]["code"] == "invalid_faults"
    assert simulation.faults.placement.plan is None


async def test_a_malformed_placement_under_a_fault_plan_places_nothing(
    api: tuple[TestClient[Any, Any], dict[str, str], str], simulation: Simulation
) -> None:
    client, headers, number = api
    plan = {"rates": {"drop_after_accept": 1.0}, "faulted_attempts": None}
    assert (await client.post("/_sim/faults", json={"placement": plan})).status == 200

    not_json = await client.post(
        f"/accounts/{number}/orders",
        data="{not json",
        headers={**headers, "Content-Type": "application/json"},
    )
    not_an_order = await client.post(f"/accounts/{number}/orders", json=[1, 2], headers=headers)

    assert not_json.status == 400 and not_an_order.status == 400
    assert simulation.accepted_orders() == []
    assert [a.outcome for a in simulation.faults.placement.attempts] == ["rejected"]
