"""Typed application state shared by the factory and the route modules."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from services.status import DbCheck, StatusBoard


@dataclass(frozen=True, slots=True)
class WebConfig:
    """Options fixed when the app is built."""

    hsts: bool
    health_timeout: float


BOARD_KEY = web.AppKey("status_board", StatusBoard)
DB_CHECK_KEY: web.AppKey[DbCheck] = web.AppKey("db_check")
CONFIG_KEY = web.AppKey("web_config", WebConfig)

# Set on each routed request by the error-pages middleware: the matched route's template
# (``/download/{token}``), which logs show instead of a path that may carry a token.
ROUTE_TEMPLATE: web.RequestKey[str | None] = web.RequestKey("route_template")
