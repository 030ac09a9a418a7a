"""DXLink protocol details over a raw aiohttp WebSocket client."""

import json
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest
from aiohttp import ClientWebSocketResponse, web
from aiohttp.test_utils import TestClient, TestServer

from simulator import dxlink
from simulator.dxlink import add_dxlink_route
from simulator.market import Market
from simulator.routes_market import quote_tokens
from simulator.state import ENV_KEY, Environment


@pytest.fixture
async def market_ws_client() -> AsyncIterator[TestClient]:
    app = web.Application()
    env = Environment(name="production", market=Market(3, date(2025, 6, 2)))
    quote_tokens(env).add("good")
    app[ENV_KEY] = env
    add_dxlink_route(app)
    async with TestClient(TestServer(app)) as client:
        yield client


async def recv(ws: ClientWebSocketResponse) -> dict[str, Any]:
    msg = await ws.receive(timeout=5)
    assert len(msg.data) < 65536
    data: dict[str, Any] = json.loads(msg.data)
    return data


async def open_feed(ws: ClientWebSocketResponse, channel: int, setup: dict[str, Any]) -> None:
    await ws.send_json({"type": "SETUP", "channel": 0, "version": "test"})
    assert (await recv(ws))["type"] == "SETUP"
    assert (await recv(ws))["state"] == "UNAUTHORIZED"
    await ws.send_json({"type": "AUTH", "channel": 0, "token": "good"})
    assert (await recv(ws))["state"] == "AUTHORIZED"
    await ws.send_json(
        {
            "type": "CHANNEL_REQUEST",
            "channel": channel,
            "service": "FEED",
            "parameters": {"contract": "AUTO"},
        }
    )
    assert (await recv(ws))["type"] == "CHANNEL_OPENED"
    await ws.send_json({"type": "FEED_SETUP", "channel": channel, **setup})
    config = await recv(ws)
    assert config["type"] == "FEED_CONFIG" and config["channel"] == channel


async def test_auth_errors_and_keepalive(market_ws_client: TestClient) -> None:
    async with market_ws_client.ws_connect("/dxlink") as ws:
        await ws.send_json({"type": "CHANNEL_REQUEST", "channel": 1, "service": "FEED"})
        err = await recv(ws)
        assert err["type"] == "ERROR" and err["error"] == "UNAUTHORIZED"
        await ws.send_json({"type": "AUTH", "channel": 0, "token": "bad"})
        assert (await recv(ws))["type"] == "ERROR"
        await ws.send_json({"type": "KEEPALIVE", "channel": 0})
        assert (await recv(ws))["type"] == "KEEPALIVE"
        assert dxlink.open_dxlink_count() >= 1


async def test_custom_field_order_and_cancel(market_ws_client: TestClient) -> None:
    async with market_ws_client.ws_connect("/dxlink") as ws:
        await open_feed(
            ws,
            7,
            {
                "acceptDataFormat": "COMPACT",
                "acceptEventFields": {"Quote": ["askPrice", "eventSymbol", "bogusField"]},
            },
        )
        await ws.send_json(
            {
                "type": "FEED_SUBSCRIPTION",
                "channel": 7,
                "add": [{"symbol": "SPY", "type": "Quote"}, {"symbol": "NOPE", "type": "Quote"}],
            }
        )
        data = await recv(ws)
        assert data["data"][0] == "Quote"
        values = data["data"][1]
        assert len(values) == 3 and values[1] == "SPY" and values[2] == "NaN"
        assert isinstance(values[0], float)
        await ws.send_json({"type": "CHANNEL_CANCEL", "channel": 7})
        assert await recv(ws) == {"type": "CHANNEL_CLOSED", "channel": 7}


async def test_full_format(market_ws_client: TestClient) -> None:
    async with market_ws_client.ws_connect("/dxlink") as ws:
        await open_feed(ws, 3, {"acceptDataFormat": "FULL"})
        await ws.send_json(
            {
                "type": "FEED_SUBSCRIPTION",
                "channel": 3,
                "add": [{"symbol": ".SPY250620C600", "type": "Greeks"}],
            }
        )
        data = await recv(ws)
        event = data["data"][0]
        assert event["eventType"] == "Greeks" and event["eventSymbol"] == ".SPY250620C600"
        assert 0 < event["delta"] < 1


async def test_frames_stay_under_64k(market_ws_client: TestClient) -> None:
    assert market_ws_client.app is not None
    market = market_ws_client.app[ENV_KEY].market
    symbols = [
        c.streamer_symbol for e in market.expirations("SPX")[:6] for c in market.chain("SPX", e)
    ][:1500]
    async with market_ws_client.ws_connect("/dxlink") as ws:
        await open_feed(ws, 7, {})
        await ws.send_json(
            {
                "type": "FEED_SUBSCRIPTION",
                "channel": 7,
                "add": [{"symbol": s, "type": "Quote"} for s in symbols],
            }
        )
        seen = 0
        frames = 0
        while seen < len(symbols):
            data = await recv(ws)  # asserts < 64 KiB
            assert len(data["data"][1]) % 12 == 0
            seen += len(data["data"][1]) // 12
            frames += 1
        assert frames > 1 and seen == len(symbols)
