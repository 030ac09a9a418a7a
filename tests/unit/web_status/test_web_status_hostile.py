"""Hostile or malformed requests get a clean 4xx, never a 500 or a reflected payload."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import pytest
from aiohttp import web

from services.status import StatusBoard
from web_status import create_app
from web_status._app import CLIENT_MAX_SIZE

if TYPE_CHECKING:
    from conftest import Client, FakeDb


async def test_unknown_route_is_a_plain_html_404(client: Client) -> None:
    response = await client.get("/admin")
    assert response.status == 404
    assert response.content_type == "text/html"
    page = await response.text()
    assert "404 Not Found" in page
    assert "<script" not in page


async def test_404_does_not_reflect_the_requested_path(client: Client) -> None:
    response = await client.get("/%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status == 404
    page = await response.text()
    assert "alert" not in page
    assert "script&gt;" not in page


async def test_unknown_json_route_gets_a_json_404(client: Client) -> None:
    response = await client.get("/missing.json")
    assert response.status == 404
    assert response.content_type == "application/json"
    assert await response.json() == {
        "error": "Not Found",
        "status": 404,
        "message": "There is nothing at this address.",
    }


async def test_json_client_gets_a_json_404(client: Client) -> None:
    response = await client.get("/nowhere", headers={"Accept": "application/json"})
    assert response.status == 404
    assert (await response.json())["status"] == 404


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"])
async def test_other_methods_are_405_with_allow(client: Client, method: str) -> None:
    response = await client.request(method, "/")
    assert response.status == 405
    assert set(response.headers["Allow"].split(",")) == {"GET", "HEAD"}
    assert response.content_type == "text/html"


async def test_post_to_healthz_is_a_json_405(client: Client, db: FakeDb) -> None:
    response = await client.post("/healthz")
    assert response.status == 405
    assert response.content_type == "application/json"
    assert (await response.json())["status"] == 405
    assert db.calls == 0


async def test_post_with_big_body_is_refused_not_crashed(client: Client) -> None:
    # a file-like body: aiohttp warns (ResourceWarning) that a raw 4 MB bytes body blocks the loop
    response = await client.post("/", data=io.BytesIO(b"x" * (4 * 1024 * 1024)))
    assert response.status == 405


async def test_body_over_the_limit_is_413(
    aiohttp_client: Callable[..., Awaitable[Client]], board: StatusBoard, db: FakeDb
) -> None:
    # No real route reads a body; mount one to prove the app-wide limit is in force.
    app = create_app(board, db_check=db)

    async def echo(request: web.Request) -> web.Response:
        return web.Response(text=str(len(await request.read())))

    app.router.add_post("/test-echo", echo)
    client = await aiohttp_client(app)
    small = await client.post("/test-echo", data=b"x" * 1024)
    assert small.status == 200
    big = await client.post("/test-echo", data=b"x" * (CLIENT_MAX_SIZE + 1))
    assert big.status == 413
    assert big.headers["X-Content-Type-Options"] == "nosniff"


async def test_very_long_path_is_a_4xx(client: Client) -> None:
    response = await client.get("/" + "a" * 20_000)
    assert 400 <= response.status < 500


async def test_very_long_query_is_a_4xx(client: Client) -> None:
    response = await client.get("/?q=" + "b" * 20_000)
    assert 400 <= response.status < 500


async def test_oversized_header_is_a_4xx(client: Client) -> None:
    response = await client.get("/", headers={"X-Junk": "c" * 20_000})
    assert 400 <= response.status < 500


async def test_too_many_headers_is_a_4xx(client: Client) -> None:
    headers = {f"X-H{i}": "v" for i in range(200)}
    response = await client.get("/", headers=headers)
    assert 400 <= response.status < 500


async def test_server_still_answers_after_malformed_requests(client: Client) -> None:
    await client.get("/" + "a" * 20_000)
    await client.get("/", headers={"X-Junk": "c" * 20_000})
    assert (await client.get("/healthz")).status == 200


@pytest.mark.parametrize(
    "path",
    ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fpyproject.toml"],
)
async def test_path_traversal_finds_nothing(client: Client, path: str) -> None:
    response = await client.get(path)
    assert response.status in (400, 404)
    body = await response.text()
    assert "root:" not in body
    assert "[project]" not in body


async def test_query_string_on_a_real_route_is_ignored(client: Client) -> None:
    response = await client.get("/?<script>=1")
    assert response.status == 200
    assert "<script>" not in await response.text()


async def test_unexpected_error_on_json_route_is_json(
    aiohttp_client: Callable[..., Awaitable[Client]], db: FakeDb
) -> None:
    class BrokenBoard(StatusBoard):
        def snapshot(self) -> object:  # type: ignore[override]
            raise RuntimeError("nope")

    broken = BrokenBoard(version="1", environment="demo", database_kind="sqlite")
    client = await aiohttp_client(create_app(broken, db_check=db))
    response = await client.get("/status.json")
    assert response.status == 500
    payload = await response.json()
    assert payload["status"] == 500
    assert len(payload["reference"]) == 8
