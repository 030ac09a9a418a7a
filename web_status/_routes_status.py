"""Health check and public status page. Handlers read the board and call services only."""

from __future__ import annotations

from aiohttp import web

from services.status import check_health
from web_status._keys import BOARD_KEY, CONFIG_KEY, DB_CHECK_KEY
from web_status._pages import render_status_page

routes = web.RouteTableDef()


@routes.get("/healthz")
async def healthz(request: web.Request) -> web.Response:
    """200 when the database answers in time, 503 otherwise (for load balancers and Docker)."""
    app = request.app
    report = await check_health(app[DB_CHECK_KEY], timeout=app[CONFIG_KEY].health_timeout)
    return web.json_response(report.as_dict(), status=200 if report.ok else 503)


@routes.get("/")
async def status_page(request: web.Request) -> web.Response:
    """The human-readable status page."""
    snapshot = request.app[BOARD_KEY].snapshot()
    return web.Response(
        text=render_status_page(snapshot), content_type="text/html", charset="utf-8"
    )


@routes.get("/status.json")
async def status_json(request: web.Request) -> web.Response:
    """The same snapshot as JSON."""
    return web.json_response(request.app[BOARD_KEY].snapshot().as_dict())
