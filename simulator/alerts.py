"""The account streamer (``/alerts``; the SDK's ``AlertStreamer``).

Client frames: ``{"auth-token": "Bearer ..", "action": .., "request-id": n, "value"?: ..}``.
Every action is acknowledged with ``{status, action, web-socket-session-id, value?, request-id}``
(no ``type``). Pushes are ``{"type": T, "data": {...}, "timestamp": ms}`` and go only to sockets
that subscribed to the account with ``connect``. Missing heartbeats never disconnect a client.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import time
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from aiohttp import WSMsgType, web

from simulator import wire
from simulator.oauth import user_for_access_token
from simulator.state import ENV_KEY, Environment, User

ACTIONS = {
    "connect",
    "heartbeat",
    "public-watchlists-subscribe",
    "quote-alerts-subscribe",
    "user-message-subscribe",
    "account-subscribe",
}


class AlertClient:
    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.session_id = secrets.token_hex(4)
        self.user: User | None = None
        self.accounts: set[str] = set()
        self.connected = False
        self.lock = asyncio.Lock()

    async def send(self, payload: dict[str, Any]) -> None:
        if self.ws.closed:
            return
        async with self.lock:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.ws.send_str(wire.dumps(payload))


class AlertHub:
    """Open account-streamer sockets of one environment and the pushes sent to them."""

    def __init__(self) -> None:
        self.clients: set[AlertClient] = set()
        self.pushed = 0

    def subscribers(self, account_number: str) -> list[AlertClient]:
        return [c for c in self.clients if account_number in c.accounts]

    async def publish(
        self, account_number: str, type_: str, data: dict[str, Any], *, at: datetime | None = None
    ) -> int:
        """Push ``data`` as ``type_`` to every socket subscribed to ``account_number``, stamped
        ``at`` (the order engine's clock) or now."""
        targets = self.subscribers(account_number)
        if not targets:
            return 0
        stamp = int(at.timestamp() * 1000) if at is not None else int(time.time() * 1000)
        payload = {"type": type_, "data": data, "timestamp": stamp}
        await asyncio.gather(*(c.send(payload) for c in targets))
        self.pushed += len(targets)
        return len(targets)

    async def publish_many(self, account_number: str, events: Iterable[tuple[str, Any]]) -> None:
        for type_, data in events:
            await self.publish(account_number, type_, data)

    async def close_all(self) -> None:
        for client in list(self.clients):
            with contextlib.suppress(Exception):
                await client.ws.close()


def _ack(client: AlertClient, action: str, request_id: Any, value: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "status": "ok",
        "action": action,
        "web-socket-session-id": client.session_id,
    }
    if value is not None:
        out["value"] = value
    out["request-id"] = request_id
    return out


def _err(action: str, request_id: Any, message: str) -> dict[str, Any]:
    return {"status": "error", "action": action, "message": message, "request-id": request_id}


async def _handle(env: Environment, client: AlertClient, msg: dict[str, Any]) -> dict[str, Any]:
    action = str(msg.get("action", ""))
    request_id = msg.get("request-id")
    user = user_for_access_token(env, str(msg.get("auth-token") or ""))
    if user is None:
        return _err(action, request_id, "invalid auth-token")
    if client.user is not None and client.user.username != user.username:
        return _err(action, request_id, "auth-token belongs to another user")
    client.user = user
    if action == "heartbeat":
        return _ack(client, action, request_id)
    if action == "connect":
        value = msg.get("value") or []
        if isinstance(value, str):
            value = [value]
        numbers = [str(v) for v in value]
        foreign = [n for n in numbers if n not in user.accounts]
        if foreign:
            return _err(action, request_id, f"not authorized for account(s) {', '.join(foreign)}")
        client.accounts.update(numbers)
        client.connected = True
        return _ack(client, action, request_id, numbers)
    if action in ACTIONS:
        if not client.connected:
            return _err(action, request_id, "connect-not-completed")
        return _ack(client, action, request_id, msg.get("value"))
    return _err(action, request_id, f"unknown action {action!r}")


async def alerts_handler(request: web.Request) -> web.StreamResponse:
    env = request.app[ENV_KEY]
    hub = env.alerts
    if hub is None:
        return wire.api_error(404, "not_found", "this environment has no account streamer")
    ws = web.WebSocketResponse(autoping=True, heartbeat=None, max_msg_size=1 << 20)
    await ws.prepare(request)
    client = AlertClient(ws)
    hub.clients.add(client)
    try:
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                if message.type == WSMsgType.ERROR:
                    break
                continue
            try:
                payload = json.loads(message.data)
            except ValueError:
                await client.send({"status": "error", "message": "invalid JSON"})
                continue
            if not isinstance(payload, dict):
                await client.send({"status": "error", "message": "expected a JSON object"})
                continue
            await client.send(await _handle(env, client, payload))
    finally:
        hub.clients.discard(client)
    return ws


def add_alert_routes(app: web.Application) -> None:
    app.router.add_get("/alerts", alerts_handler)
