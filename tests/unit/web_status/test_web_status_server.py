"""WebServer: runs the app on the current loop, reports the port it really bound."""

from __future__ import annotations

import asyncio
import logging
import socket
from typing import TYPE_CHECKING

import aiohttp
import pytest
from aiohttp import web

from services.status import StatusBoard
from web_status import WebServer, create_app, start_web

if TYPE_CHECKING:
    from conftest import FakeDb


@pytest.fixture
def app(board: StatusBoard, db: FakeDb) -> web.Application:
    return create_app(board, db_check=db)


async def test_port_zero_binds_a_real_port_and_serves(app: web.Application) -> None:
    server = WebServer(app, host="127.0.0.1", port=0)
    await server.start()
    try:
        assert server.port > 0
        assert str(server.url) == f"http://127.0.0.1:{server.port}/"
        async with aiohttp.ClientSession() as session, session.get(server.url / "healthz") as r:
            assert r.status == 200
            assert await r.json() == {"status": "ok", "database": "ok"}
    finally:
        await server.stop()


async def test_serves_on_the_current_event_loop(board: StatusBoard, db: FakeDb) -> None:
    app = create_app(board, db_check=db)
    seen: list[asyncio.AbstractEventLoop] = []

    async def which_loop(request: web.Request) -> web.Response:
        seen.append(asyncio.get_running_loop())
        return web.Response(text="ok")

    app.router.add_get("/test-loop", which_loop)
    async with (
        WebServer(app) as server,
        aiohttp.ClientSession() as session,
        session.get(server.url / "test-loop") as response,
    ):
        assert response.status == 200
    assert seen == [asyncio.get_running_loop()]


async def test_stop_closes_the_port(app: web.Application) -> None:
    server = await start_web(app, "127.0.0.1", 0)
    port = server.port
    await server.stop()
    assert not server.started
    with pytest.raises(OSError):
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.close()


async def test_stop_twice_is_harmless(app: web.Application) -> None:
    server = await start_web(app, "127.0.0.1", 0)
    await server.stop()
    await server.stop()


async def test_start_twice_is_an_error(app: web.Application) -> None:
    async with WebServer(app) as server:
        with pytest.raises(RuntimeError, match="already started"):
            await server.start()


async def test_url_before_start_is_an_error(app: web.Application) -> None:
    with pytest.raises(RuntimeError, match="not started"):
        _ = WebServer(app).url


async def test_port_in_use_raises_and_leaves_nothing_running(
    board: StatusBoard, db: FakeDb
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = WebServer(create_app(board, db_check=db), host="127.0.0.1", port=port)
        with pytest.raises(OSError):
            await server.start()
        assert not server.started


async def test_access_log_and_oversized_requests_never_write_the_query_or_headers(
    app: web.Application, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.logging_setup import QuietBadRequests

    server_logger = logging.getLogger("aiohttp.server")
    server_logger.addFilter(QuietBadRequests())
    caplog.set_level(logging.INFO, logger="aiohttp.access")
    caplog.set_level(logging.INFO, logger="aiohttp.server")
    server = WebServer(app, host="127.0.0.1", port=0)
    await server.start()
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(server.url / "healthz" % {"code": "query-secret-1"}) as r:
                assert r.status == 200
            long_header = {"Authorization": "header-secret-2" + "x" * 9000}
            async with session.get(server.url / "healthz", headers=long_header) as r:
                assert r.status == 400
            long_line = "/oauth/tastytrade/callback?code=line-secret-3" + "y" * 9000
            async with session.get(str(server.url)[:-1] + long_line) as r:
                assert r.status in (400, 414)
    finally:
        await server.stop()
        server_logger.removeFilter(server_logger.filters[-1])

    text = "\n".join(record.getMessage() for record in caplog.records)
    assert any("GET /healthz 200" in record.getMessage() for record in caplog.records)
    assert "rejected a malformed HTTP request" in text
    for secret in ("query-secret-1", "header-secret-2", "line-secret-3", "code="):
        assert secret not in text
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []


async def test_the_access_log_shows_route_templates_not_path_tokens(
    board: StatusBoard, db: FakeDb, caplog: pytest.LogCaptureFixture
) -> None:
    async def download(request: web.Request) -> web.Response:
        return web.Response(text="file")

    def add_download(app: web.Application) -> None:
        app.router.add_get("/download/{token}", download)

    caplog.set_level(logging.INFO, logger="aiohttp.access")
    server = WebServer(create_app(board, db_check=db, features=[add_download]), port=0)
    await server.start()
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(server.url / "download" / "path-secret-token-1") as r:
                assert r.status == 200
            async with session.get(server.url / ("x" * 500)) as r:
                assert r.status == 404
    finally:
        await server.stop()

    lines = [record.getMessage() for record in caplog.records if record.name == "aiohttp.access"]
    assert any("GET /download/{token} 200" in line for line in lines)
    assert not any("path-secret-token-1" in line for line in lines)
    assert not any("x" * 100 in line for line in lines)
