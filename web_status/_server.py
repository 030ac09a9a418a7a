"""Serving the app on the event loop that is already running (the bot's, from setup_hook)."""

from __future__ import annotations

import logging
from types import TracebackType

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from yarl import URL

from services.redaction import redact
from web_status._keys import ROUTE_TEMPLATE

log = logging.getLogger(__name__)


MAX_LOGGED_PATH = 80


def logged_path(request: web.BaseRequest) -> str:
    """The path as the access log may show it: a matched route's template (``/download/{token}``,
    never the token itself), else the raw path without its query, cut short and redacted."""
    template = request.get(ROUTE_TEMPLATE)
    if isinstance(template, str):
        return template
    return redact(request.rel_url.path[:MAX_LOGGED_PATH])


class PathOnlyAccessLogger(AbstractAccessLogger):
    """One access-log line per request without the query string or path parameters: the
    OAuth callback carries its one-time ``code`` in the query, and download links their
    signed token in the path."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info(
            "%s %s %s %d %.1fms",
            request.remote,
            request.method,
            logged_path(request),
            response.status,
            time * 1000,
        )


class WebServer:
    """Start and stop an aiohttp app on the current loop; ``port=0`` picks a free port.

    Use ``await server.start()`` / ``await server.stop()`` or ``async with WebServer(...)``.
    ``url`` reports the address actually bound.
    """

    def __init__(
        self,
        app: web.Application,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        shutdown_timeout: float = 5.0,
    ) -> None:
        self._app = app
        self._host = host
        self._port = port
        self._shutdown_timeout = shutdown_timeout
        self._runner: web.AppRunner | None = None
        self._bound: tuple[str, int] | None = None

    @property
    def started(self) -> bool:
        return self._bound is not None

    @property
    def host(self) -> str:
        return self._require_bound()[0]

    @property
    def port(self) -> int:
        return self._require_bound()[1]

    @property
    def url(self) -> URL:
        """Base URL of the running server, e.g. ``http://127.0.0.1:43117/``."""
        host, port = self._require_bound()
        return URL.build(scheme="http", host=host, port=port, path="/")

    def _require_bound(self) -> tuple[str, int]:
        if self._bound is None:
            raise RuntimeError("WebServer is not started")
        return self._bound

    async def start(self) -> None:
        """Bind and start serving; a second call is an error."""
        if self._runner is not None:
            raise RuntimeError("WebServer is already started")
        runner = web.AppRunner(
            self._app,
            shutdown_timeout=self._shutdown_timeout,
            access_log_class=PathOnlyAccessLogger,
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, self._host, self._port)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        address = runner.addresses[0]  # (host, port) for IPv4, (host, port, flow, scope) for v6
        self._bound = (str(address[0]), int(address[1]))
        log.info("web status page listening on %s", self.url)

    async def stop(self) -> None:
        """Stop serving and run the app's cleanup; safe to call twice."""
        runner, self._runner, self._bound = self._runner, None, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> WebServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()


async def start_web(app: web.Application, host: str, port: int) -> WebServer:
    """Start ``app`` on ``host:port`` (0 for any free port) and return the running server."""
    server = WebServer(app, host=host, port=port)
    await server.start()
    return server
