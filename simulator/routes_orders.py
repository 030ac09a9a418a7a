"""Order and complex-order routes (``/accounts/{n}/orders``, ``/accounts/{n}/complex-orders``).

Placement (``POST /accounts/{n}/orders``) is where the seeded placement-fault plan acts
(``simulator/placement_faults.py``): a fault before acceptance answers 5xx/429 and places
nothing; a fault after acceptance places the order and then drops or hangs the connection.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from simulator import wire
from simulator.faults import drop_connection, error_response
from simulator.orders import OrderEngine, OrderRejected, order_history_filter
from simulator.orders.terms import EDIT_REQUESTED, WORKING
from simulator.placement_faults import DROP_AFTER_ACCEPT, HANG_AFTER_ACCEPT, PlacementAttempt
from simulator.routes_accounts import ApiError, owned_account
from simulator.state import Environment


def _engine(request: web.Request) -> OrderEngine:
    env = owned_account(request)[0]
    if env.engine is None:
        raise ApiError(503, "orders_unavailable", "this environment takes no orders")
    return env.engine


def _parse(text: str) -> Any:
    try:
        return json.loads(text) if text else {}
    except ValueError as exc:
        raise ApiError(400, "invalid_json", "request body is not valid JSON") from exc


async def _body(request: web.Request) -> Any:
    return _parse(await request.text())


def _id(request: web.Request, key: str = "id") -> int:
    raw = request.match_info[key]
    if not raw.isdigit():
        raise ApiError(404, "record_not_found", f"Order {raw} not found")
    return int(raw)


async def live_orders(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    engine = _engine(request)
    today = engine.now().date().isoformat()
    rows = [
        engine.public(o)
        for o in acct.orders.values()
        if o["status"] in WORKING
        or o["status"] in EDIT_REQUESTED
        or str(o.get("terminal-at", ""))[:10] == today
    ]
    rows.sort(key=lambda o: o["id"], reverse=True)
    return wire.items(request, rows)


async def order_history(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    engine = _engine(request)
    try:
        rows = order_history_filter(
            acct.orders.values(),
            request.query,
            wire.query_list(request, "status"),
            wire.query_list(request, "underlying-symbol"),
        )
    except ValueError as exc:
        raise ApiError(400, "invalid_parameter", "dates must be ISO-8601") from exc
    return wire.paginated(request, [engine.public(o) for o in rows], default_per_page=50)


async def get_order(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    engine = _engine(request)
    return wire.ok(request, engine.public(engine.get_order(acct, _id(request))))


async def place_order(request: web.Request) -> web.Response:
    env, user, acct = owned_account(request)
    text = await request.text()
    body = _parse(text)
    fault = _placement_fault(env, acct.number, body, text)
    if fault is not None and fault.status is not None and fault.before_acceptance:
        return error_response(fault.status)
    try:
        placed = await _engine(request).place(user, acct, body)
    except OrderRejected:
        if fault is not None:
            fault.outcome = "rejected"
        raise
    response = wire.ok(request, placed)
    if fault is None:
        return response
    fault.outcome = "accepted"
    fault.order_id = int(placed["order"]["id"])
    if fault.fault == HANG_AFTER_ACCEPT and env.faults is not None:
        await env.faults.hold(fault.hang_seconds)
    if fault.fault in (DROP_AFTER_ACCEPT, HANG_AFTER_ACCEPT):
        drop_connection(request)  # the order exists; the client never hears so
    return response


def _placement_fault(
    env: Environment, account_number: str, body: Any, text: str
) -> PlacementAttempt | None:
    if env.faults is None:
        return None
    attempt: PlacementAttempt | None = env.faults.placement.decide(
        env.name, account_number, body, text
    )
    return attempt


async def dry_run(request: web.Request) -> web.Response:
    _, user, acct = owned_account(request)
    body = await _body(request)
    # a buying-power shortfall is reported in ``errors`` (200); invalid orders are 422s
    return wire.ok(request, _engine(request).dry_run(user, acct, body))


async def replace_order(request: web.Request) -> web.Response:
    _, user, acct = owned_account(request)
    body = await _body(request)
    engine = _engine(request)
    new = await engine.replace(user, acct, _id(request), body)
    return wire.ok(request, engine.public(new))


async def cancel_order(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    engine = _engine(request)
    order = await engine.cancel(acct, _id(request))
    return wire.ok(request, engine.public(order))


async def live_complex(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    engine = _engine(request)
    rows = [
        engine.complex.public(acct, state)
        for state in engine.complex.of_account(acct)
        if engine.complex.is_live(acct, state)
    ]
    return wire.items(request, rows)


async def complex_history(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    engine = _engine(request)
    rows = [engine.complex.public(acct, state) for state in engine.complex.of_account(acct)]
    return wire.paginated(request, rows, default_per_page=50)


async def get_complex(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    engine = _engine(request)
    return wire.ok(request, engine.complex.public(acct, engine.complex.get(acct, _id(request))))


async def place_complex(request: web.Request) -> web.Response:
    _, user, acct = owned_account(request)
    body = await _body(request)
    return wire.ok(request, await _engine(request).complex.place(user, acct, body))


async def dry_run_complex(request: web.Request) -> web.Response:
    _, user, acct = owned_account(request)
    body = await _body(request)
    return wire.ok(request, _engine(request).complex.dry_run(user, acct, body))


async def cancel_complex(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    engine = _engine(request)
    state = await engine.complex.cancel(acct, _id(request))
    return wire.ok(request, engine.complex.public(acct, state))


def add_order_routes(app: web.Application) -> None:
    r = app.router
    r.add_get("/accounts/{account}/orders/live", live_orders)
    r.add_post("/accounts/{account}/orders/dry-run", dry_run)
    r.add_get("/accounts/{account}/orders", order_history)
    r.add_post("/accounts/{account}/orders", place_order)
    r.add_get("/accounts/{account}/orders/{id}", get_order)
    r.add_put("/accounts/{account}/orders/{id}", replace_order)
    r.add_patch("/accounts/{account}/orders/{id}", replace_order)
    r.add_delete("/accounts/{account}/orders/{id}", cancel_order)
    r.add_get("/accounts/{account}/complex-orders/live", live_complex)
    r.add_post("/accounts/{account}/complex-orders/dry-run", dry_run_complex)
    r.add_get("/accounts/{account}/complex-orders", complex_history)
    r.add_post("/accounts/{account}/complex-orders", place_complex)
    r.add_get("/accounts/{account}/complex-orders/{id}", get_complex)
    r.add_delete("/accounts/{account}/complex-orders/{id}", cancel_complex)
