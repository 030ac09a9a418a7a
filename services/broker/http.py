"""An httpx2 transport that sends the SDK's HTTP requests with aiohttp.

The SDK talks through ``httpx2``, whose default transport (httpcore2 over anyio) probes every
idle pooled connection's socket each time a request is queued or a response closed: with the
tens of connections a burst of orders keeps open, that probing costs more CPU than the requests
themselves (measured with ``bench/orders.py``). aiohttp, which the web page already uses, keeps
its own pool without probing and parses HTTP in C. Requests and responses stay httpx2 objects,
so the SDK, its event hooks and our error mapping see no difference: aiohttp's failures are
raised as the httpx2 exceptions the default transport raises for the same failure.

WebSocket handshakes (the SDK's streamers) need the raw stream httpcore2 hands over, so they go
to ``websocket``, an httpcore2 transport. Nothing is ever re-sent by the transport itself:
retrying is :class:`~services.broker.client.BrokerClient`'s decision alone.
"""

from __future__ import annotations

import ssl
from typing import Any

import aiohttp
import httpx2

POOL_LIMIT = 100  # connections per transport (httpx2's default limit)
KEEPALIVE_S = 5.0  # httpx2's default keep-alive expiry


def _is_websocket(request: httpx2.Request) -> bool:
    return request.url.scheme in ("ws", "wss") or (
        request.headers.get("upgrade", "").lower() == "websocket"
    )


def _timeout(request: httpx2.Request) -> aiohttp.ClientTimeout:
    """httpx2's per-request timeouts (connect, read, write, pool) as aiohttp's."""
    given: dict[str, float | None] = request.extensions.get("timeout", {})
    connect, read, pool = given.get("connect"), given.get("read"), given.get("pool")
    waiting = None if connect is None or pool is None else connect + pool
    return aiohttp.ClientTimeout(total=None, connect=waiting, sock_connect=connect, sock_read=read)


class AiohttpTransport(httpx2.AsyncBaseTransport):
    """httpx2 requests sent by one aiohttp session (see the module docstring)."""

    def __init__(self, verify: ssl.SSLContext | bool = True, *, limit: int = POOL_LIMIT) -> None:
        self._verify = verify
        self._limit = limit
        self._session: aiohttp.ClientSession | None = None
        self.websocket = httpx2.AsyncHTTPTransport(verify=verify)

    def _client(self) -> aiohttp.ClientSession:
        # built on first use: an aiohttp session belongs to the running event loop
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                limit=self._limit, ssl=self._verify, keepalive_timeout=KEEPALIVE_S
            )
            session = aiohttp.ClientSession(
                connector=connector,
                auto_decompress=False,  # httpx2 decodes the body as its headers say
                skip_auto_headers=("User-Agent", "Accept-Encoding", "Content-Type"),
            )
            # aiohttp silently sends a GET, PUT or DELETE again when a kept-alive connection
            # turns out closed; a PUT replaces an order and must never go twice unasked (our
            # BrokerClient decides every retry). There is no public switch: this is the one
            # aiohttp's own test client uses, and a test fails if it stops working.
            if not hasattr(session, "_retry_connection"):
                raise RuntimeError("aiohttp no longer has _retry_connection: review http.py")
            session._retry_connection = False
            self._session = session
        return self._session

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if _is_websocket(request):
            return await self.websocket.handle_async_request(request)
        body = await request.aread()
        try:
            async with self._client().request(
                request.method,
                str(request.url),
                headers=list(request.headers.multi_items()),
                data=body or None,
                allow_redirects=False,  # httpx2 follows redirects itself when asked to
                timeout=_timeout(request),
            ) as answer:
                content = await answer.read()
                headers = list(answer.raw_headers)
                status, reason = answer.status, answer.reason or ""
        except aiohttp.ClientError as error:
            raise _as_httpx(error, request) from error
        except TimeoutError as error:  # a read (sock_read) that took too long
            raise httpx2.ReadTimeout("no answer in time", request=request) from error
        return httpx2.Response(
            status,
            headers=headers,
            content=content,
            extensions={"http_version": b"HTTP/1.1", "reason_phrase": reason.encode()},
        )

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
        await self.websocket.aclose()


def _as_httpx(error: aiohttp.ClientError, request: httpx2.Request) -> Exception:
    """The httpx2 exception the default transport raises for the same failure."""
    message = type(error).__name__
    kinds: list[tuple[type[BaseException], Any]] = [
        (aiohttp.ConnectionTimeoutError, httpx2.ConnectTimeout),
        (aiohttp.SocketTimeoutError, httpx2.ReadTimeout),
        (aiohttp.ServerTimeoutError, httpx2.ReadTimeout),
        (aiohttp.ClientConnectorError, httpx2.ConnectError),
        (aiohttp.ServerDisconnectedError, httpx2.RemoteProtocolError),
        (aiohttp.ClientPayloadError, httpx2.RemoteProtocolError),
        (aiohttp.ClientResponseError, httpx2.RemoteProtocolError),
        (aiohttp.ClientOSError, httpx2.ReadError),
    ]
    for kind, mapped in kinds:
        if isinstance(error, kind):
            return mapped(message, request=request)
    return httpx2.NetworkError(message, request=request)
