"""Order and complex-order routes (``/accounts/{n}/orders``, ``/accounts/{n}/complex-orders``)."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from simulator import wire
from simulator.orders import WORKING, OrderEngine, order_history_filter
from simulator.routes_accounts import ApiError, owned_account


def _engine(request: web.Request) -> OrderEngine:
    env = owned_account(request)[0]
    engine: OrderEngine = env.engine
    return engine


async def _body(request: web.Request) -> Any:
    text = await request.text()
    try:
        return json.loads(text) if text else {}
    except ValueError as exc:
        raise ApiError(400, "invalid_json", "request body is not valid JSON") from exc


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
        or o["status"] in ("Cancel Requested", "Replace Requested")
        or str(o.get("terminal-at", ""))[:10] == today
    ]
    rows.sort(key=lambda o: o["id"], reverse=True)
    return wire.items(request, rows)


async def order_history(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    engine = _engine(request)
    rows = order_history_filter(
        list(acct.orders.values()),
        request.query,
        wire.query_list(request, "status"),
        wire.query_list(request, "underlying-symbol"),
    )
    return wire.paginated(request, [engine.public(o) for o in rows], default_per_page=50)


async def get_order(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    engine = _engine(request)
    return wire.ok(request, engine.public(engine.get_order(acct, _id(request))))


async def place_order(request: web.Request) -> web.Response:
    _, user, acct = owned_account(request)
    body = await _body(request)
    return wire.ok(request, await _engine(request).place(user, acct, body))


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
        engine.public_complex(acct, c)
        for c in acct.complex_orders.values()
        if engine.complex_is_live(acct, c)
    ]
    rows.sort(key=lambda c: c["id"], reverse=True)
    return wire.items(request, rows)


async def complex_history(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    engine = _engine(request)
    rows = [engine.public_complex(acct, c) for c in acct.complex_orders.values()]
    rows.sort(key=lambda c: c["id"], reverse=True)
    return wire.paginated(request, rows, default_per_page=50)


async def get_complex(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    engine = _engine(request)
    return wire.ok(request, engine.public_complex(acct, engine.get_complex(acct, _id(request))))


async def place_complex(request: web.Request) -> web.Response:
    _, user, acct = owned_account(request)
    body = await _body(request)
    return wire.ok(request, await _engine(request).place_complex(user, acct, body))


async def dry_run_complex(request: web.Request) -> web.Response:
    _, user, acct = owned_account(request)
    body = await _body(request)
    return wire.ok(request, _engine(request).dry_run_complex(user, acct, body))


async def cancel_complex(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    engine = _engine(request)
    complex_order = await engine.cancel_complex(acct, _id(request))
    return wire.ok(request, engine.public_complex(acct, complex_order))


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
