"""The unmodified SDK in tests: streamers that leave nothing unclosed, the quote token, and
stock order legs.

tastytrade 13.2 creates anyio memory streams for its event queues (``DXLinkStreamer`` one pair
per event type in ``__init__``, ``AlertStreamer`` one per alert type on first use) and never
closes them, so every streamer a test opens warns ``ResourceWarning: Unclosed
<MemoryObjectSendStream ...>`` when it is collected, and the suite runs with ResourceWarnings
as errors. The SDK has no public way to close them: these context managers close them on exit,
after the SDK's own context manager has closed the socket.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
from tastytrade import AlertStreamer, DXLinkStreamer, Session
from tastytrade.order import InstrumentType, Leg, OrderAction


@asynccontextmanager
async def dxlink_streamer(session: Session) -> AsyncIterator[DXLinkStreamer]:
    """``async with DXLinkStreamer(session)``, with its event streams closed afterwards."""
    streamer = DXLinkStreamer(session)
    try:
        async with streamer:
            yield streamer
    finally:
        for send in streamer._send.values():
            send.close()
        for receive in streamer._recv.values():
            receive.close()


@asynccontextmanager
async def alert_streamer(session: Session) -> AsyncIterator[AlertStreamer]:
    """``async with AlertStreamer(session)``, with its alert queues closed afterwards."""
    streamer = AlertStreamer(session)
    try:
        async with streamer:
            yield streamer
    finally:
        for queue in streamer._queues.values():
            await queue.aclose()


async def quote_token(session: Session, base_url: str) -> dict[str, Any]:
    """``GET /api-quote-tokens`` as the session's user: what ``DXLinkStreamer`` asks first."""
    await session.refresh()
    headers = {"Authorization": f"Bearer {session.session_token}"}
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{base_url}/api-quote-tokens", headers=headers) as resp,
    ):
        assert resp.status == 200, await resp.text()
        data: dict[str, Any] = (await resp.json())["data"]
        return data


def equity_leg(action: OrderAction, quantity: int = 1, symbol: str = "AAPL") -> Leg:
    """One stock leg of an order (``quantity`` shares of ``symbol``)."""
    return Leg(
        instrument_type=InstrumentType.EQUITY, symbol=symbol, action=action, quantity=quantity
    )
