"""The routes: /healthz, / and /status.json."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.status import StatusBoard

if TYPE_CHECKING:
    from conftest import Client, ClientFactory, FakeClock, FakeDb


async def test_healthz_ok_when_database_reachable(client: Client) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    assert response.content_type == "application/json"
    assert await response.json() == {"status": "ok", "database": "ok"}


async def test_healthz_503_when_database_down(client: Client, db: FakeDb) -> None:
    db.reachable = False
    response = await client.get("/healthz")
    assert response.status == 503
    assert await response.json() == {"status": "unavailable", "database": "unreachable"}


async def test_healthz_503_when_database_check_times_out(
    make_client: ClientFactory, db: FakeDb
) -> None:
    client = await make_client(health_timeout=0.05)
    db.hang = True
    response = await client.get("/healthz")
    assert response.status == 503
    assert await response.json() == {"status": "unavailable", "database": "unreachable"}


async def test_healthz_503_when_database_check_raises(make_client: ClientFactory) -> None:
    async def broken() -> bool:
        raise ConnectionError("gone")

    client = await make_client(db_check=broken)
    response = await client.get("/healthz")
    assert response.status == 503
    assert (await response.json())["database"] == "unreachable"


async def test_healthz_checks_the_database_on_every_request(client: Client, db: FakeDb) -> None:
    await client.get("/healthz")
    db.reachable = False
    assert (await client.get("/healthz")).status == 503
    assert db.calls == 2


async def test_head_healthz_has_status_and_no_body(client: Client, db: FakeDb) -> None:
    response = await client.head("/healthz")
    assert response.status == 200
    assert await response.read() == b""
    db.reachable = False
    assert (await client.head("/healthz")).status == 503


async def test_status_page_shows_version_uptime_and_state(
    client: Client, board: StatusBoard, clock: FakeClock
) -> None:
    board.mark_connected(True)
    clock.advance(days=1, hours=2, minutes=3)
    response = await client.get("/")
    assert response.status == 200
    assert response.content_type == "text/html"
    assert response.charset == "utf-8"
    page = await response.text()
    assert '<dd id="version">1.4.2</dd>' in page
    assert '<dd id="uptime">1 day, 2 hours</dd>' in page
    assert '<dd id="bot-connected" data-connected="true">yes</dd>' in page
    assert '<dd id="last-error">none</dd>' in page
    assert "Operational" in page


async def test_status_page_shows_disconnected_bot(client: Client) -> None:
    page = await (await client.get("/")).text()
    assert '<dd id="bot-connected" data-connected="false">no</dd>' in page
    assert "Bot disconnected" in page


async def test_status_page_shows_last_error_time(
    client: Client, board: StatusBoard, clock: FakeClock
) -> None:
    clock.advance(minutes=5)
    board.record_error()
    page = await (await client.get("/")).text()
    assert '<time datetime="2026-11-23T14:35:00+00:00">2026-11-23 14:35:00 UTC</time>' in page


async def test_status_page_escapes_the_version(client: Client, board: StatusBoard) -> None:
    board.version = '1.0<script>alert("x")</script>&'
    page = await (await client.get("/")).text()
    assert "<script>" not in page
    assert '<dd id="version">1.0&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;</dd>' in page


async def test_status_page_has_no_external_assets(client: Client) -> None:
    page = await (await client.get("/")).text()
    assert "http://" not in page
    assert "https://" not in page
    assert "<script" not in page
    assert "<link" not in page


async def test_status_json_returns_the_snapshot(
    client: Client, board: StatusBoard, clock: FakeClock
) -> None:
    board.mark_connected(True)
    clock.advance(seconds=42)
    board.record_error()
    response = await client.get("/status.json")
    assert response.status == 200
    assert response.content_type == "application/json"
    assert await response.json() == {
        "version": "1.4.2",
        "environment": "demo",
        "uptime_seconds": 42,
        "bot_connected": True,
        "last_error_at": "2026-11-23T14:30:42+00:00",
        "database_kind": "sqlite",
    }


async def test_status_json_last_error_is_null_without_errors(client: Client) -> None:
    assert (await (await client.get("/status.json")).json())["last_error_at"] is None


async def test_head_status_page_has_no_body(client: Client) -> None:
    response = await client.head("/")
    assert response.status == 200
    assert response.content_type == "text/html"
    assert await response.read() == b""
