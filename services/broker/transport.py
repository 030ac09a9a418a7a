"""Route the unmodified tastytrade SDK to a local API server (the simulator) over loopback.

The SDK builds its HTTP client as ``httpx2.AsyncClient(base_url=API_URL|CERT_URL,
**client_kwargs)`` and every streamer builds ``AsyncClient(**session.client_kwargs)``, so a custom
transport passed in ``client_kwargs`` sees every REST call and every WebSocket handshake.
:class:`LoopbackTransport` rewrites the Tastytrade hosts to the local server:

==================================  ===========================================
``https://api.tastyworks.com``       ``{api_url}``
``https://api.cert.tastyworks.com``  ``{cert_url}`` (default ``{api_url}/sandbox``)
``wss://streamer.tastyworks.com``    ``{api_url}/alerts`` (``ws://``)
``wss://streamer.cert.tastyworks.com``  ``{cert_url}/alerts`` (``ws://``)
==================================  ===========================================

Any other URL (e.g. the ``dxlink-url`` the simulator hands out, already ``ws://127.0.0.1``)
passes through unchanged.

Usage::

    session = sdk_session(creds["sandbox"]["base_url"], secret, refresh)
    async with session:
        ...
    await close_sdk_session(session)
"""

from __future__ import annotations

import ipaddress
import ssl
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import httpx2
from tastytrade import Session

from services.broker.http import AiohttpTransport

API_HOST = "api.tastyworks.com"
CERT_HOST = "api.cert.tastyworks.com"
STREAMER_HOST = "streamer.tastyworks.com"
CERT_STREAMER_HOST = "streamer.cert.tastyworks.com"
SANDBOX_PREFIX = "/sandbox"

_SCHEMES = {"https": "http", "wss": "ws", "http": "http", "ws": "ws"}


def is_loopback_url(url: str) -> bool:
    """True for an ``http(s)://`` URL whose host is ``localhost`` or a loopback IP address."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@cache
def shared_ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every SDK session: building one loads the CA bundle
    (about 0.1 s of CPU on the event loop), which each new session would otherwise repeat."""
    return ssl.create_default_context()


REWRITES_KEPT = 512  # rewritten URLs a loopback transport remembers (the oldest go first)


class _Target:
    __slots__ = ("host", "port", "prefix", "secure")

    def __init__(self, url: str, suffix: str = "") -> None:
        parsed = httpx2.URL(url)
        if parsed.scheme not in ("http", "https"):
            raise ValueError(f"expected an http(s) URL, got {url!r}")
        if not is_loopback_url(url):
            raise ValueError("a loopback transport only sends to loopback addresses")
        self.secure = parsed.scheme == "https"
        self.host = parsed.host
        self.port = parsed.port
        self.prefix = (parsed.raw_path.rstrip(b"/") + suffix.encode()) or b""


class SessionTransport(httpx2.AsyncBaseTransport):
    """The one transport of an SDK session: its requests go out through ``inner`` (by default
    an :class:`~services.broker.http.AiohttpTransport`), counted in ``requests``.

    ``aclose()`` is a no-op because the SDK shares one transport instance between the session
    client and every streamer client, and each ``AsyncClient.__aexit__`` closes its transport.
    Call :meth:`really_close` (or :func:`close_sdk_session`) once at the end.
    """

    def __init__(self, inner: httpx2.AsyncBaseTransport | None = None) -> None:
        self._inner = inner or AiohttpTransport(verify=shared_ssl_context())
        self.requests = 0

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        self.requests += 1
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        """Deliberately does nothing; see the class docstring."""

    async def really_close(self) -> None:
        await self._inner.aclose()


class LoopbackTransport(SessionTransport):
    """A session transport that sends Tastytrade API/streamer traffic to a local server."""

    def __init__(
        self,
        api_url: str,
        cert_url: str | None = None,
        *,
        inner: httpx2.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(inner)
        api_url = api_url.rstrip("/")
        cert_url = (cert_url or api_url + SANDBOX_PREFIX).rstrip("/")
        self.api_url = api_url
        self.cert_url = cert_url
        self._routes: dict[str, _Target] = {
            API_HOST: _Target(api_url),
            CERT_HOST: _Target(cert_url),
            STREAMER_HOST: _Target(api_url, "/alerts"),
            CERT_STREAMER_HOST: _Target(cert_url, "/alerts"),
        }
        self._rewritten: dict[tuple[str, str, bytes], httpx2.URL] = {}

    def rewrite(self, url: httpx2.URL) -> httpx2.URL:
        """The URL a request to ``url`` is actually sent to."""
        target = self._routes.get(url.host)
        if target is None:
            return url
        # building a URL parses it again: a session sends the same few URLs over and over
        key = (url.scheme, url.host, url.raw_path)
        found = self._rewritten.get(key)
        if found is None:
            found = self._rewritten[key] = self._rewrite(url, target)
            while len(self._rewritten) > REWRITES_KEPT:
                del self._rewritten[next(iter(self._rewritten))]
        return found

    @staticmethod
    def _rewrite(url: httpx2.URL, target: _Target) -> httpx2.URL:
        raw_path = url.raw_path
        if target.prefix:
            path, sep, query = raw_path.partition(b"?")
            path = target.prefix + (b"" if path == b"/" else path)
            raw_path = path + sep + query
        scheme = _SCHEMES.get(url.scheme, url.scheme)
        if target.secure:
            scheme = {"http": "https", "ws": "wss"}.get(scheme, scheme)
        return url.copy_with(scheme=scheme, host=target.host, port=target.port, raw_path=raw_path)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        new_url = self.rewrite(request.url)
        if new_url is not request.url:
            request.url = new_url
            request.headers["Host"] = (
                new_url.host if new_url.port is None else f"{new_url.host}:{new_url.port}"
            )
        return await super().handle_async_request(request)


def sdk_session(
    base_url: str,
    provider_secret: str,
    refresh_token: str,
    *,
    is_test: bool | None = None,
    **client_kwargs: Any,
) -> Session:
    """An unmodified ``tastytrade.Session`` whose traffic goes to ``base_url``.

    ``base_url`` is the root an SDK session of that environment must be routed to, as the
    simulator's ``/_sim/credentials`` reports it: ``http://127.0.0.1:PORT`` for production and
    ``http://127.0.0.1:PORT/sandbox`` for the sandbox. ``is_test`` defaults to whether the URL
    ends in ``/sandbox``. Extra keyword arguments go to ``httpx2.AsyncClient`` (e.g. ``timeout``).
    """
    base_url = base_url.rstrip("/")
    if is_test is None:
        is_test = base_url.endswith(SANDBOX_PREFIX)
    if is_test:
        api_url = (
            base_url.removesuffix(SANDBOX_PREFIX)
            if base_url.endswith(SANDBOX_PREFIX)
            else (base_url)
        )
        transport = LoopbackTransport(api_url, cert_url=base_url)
    else:
        transport = LoopbackTransport(base_url)
    return Session(
        provider_secret, refresh_token, is_test=is_test, transport=transport, **client_kwargs
    )


def session_transport(session: Session) -> SessionTransport | None:
    transport = session.client_kwargs.get("transport")
    return transport if isinstance(transport, SessionTransport) else None


async def close_sdk_session(session: Session) -> None:
    """Close the session's HTTP client and its shared transport."""
    await session._client.aclose()
    transport = session_transport(session)
    if transport is not None:
        await transport.really_close()
