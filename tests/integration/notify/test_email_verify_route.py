"""GET /email/verify: missing, malformed, hostile and oversized tokens get a clear page that
echoes nothing, and verify nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from services.db.models import Trader
from services.notify.addresses import hash_token

if TYPE_CHECKING:
    from conftest import Client

pytestmark = pytest.mark.usefixtures("database")

PENDING_TOKEN = "P" * 43


@pytest.fixture
async def pending_trader(database: str) -> Trader:
    from datetime import UTC, datetime, timedelta

    return await Trader.create(
        discord_id=77,
        email_pending="pending@example.com",
        email_token_hash=hash_token(PENDING_TOKEN),
        email_token_expires_at=datetime.now(UTC) + timedelta(hours=1),
    )


async def _nothing_verified() -> bool:
    return not await Trader.filter(email_verified=True).exists()


async def test_missing_token_explains_the_link_is_incomplete(client: Client) -> None:
    for path in ("/email/verify", "/email/verify?token=", "/email/verify?token=%20%20"):
        response = await client.get(path)
        assert response.status == 400
        assert "no token" in await response.text()


@pytest.mark.parametrize(
    "query",
    [
        "token=short",
        "token=" + "A" * 42 + "%3D",
        "token=%3Cscript%3Ealert(1)%3C/script%3E" + "A" * 20,
        "token=" + "A" * 40 + "%00%0d%0aSet-Cookie:x=1",
        "token=' OR 1=1 --" + "A" * 30,
        "token=" + "é" * 43,
        "token=" + "A" * 65,
        f"token={PENDING_TOKEN}&token={PENDING_TOKEN}",
    ],
)
async def test_malformed_and_hostile_tokens_are_unknown_links(
    client: Client, pending_trader: Trader, query: str
) -> None:
    response = await client.get(f"/email/verify?{query}")

    text = await response.text()
    assert response.status == 404
    assert "Unknown link" in text
    assert "script" not in text.lower().replace("<script", "")
    assert "Set-Cookie" not in response.headers
    assert await _nothing_verified()


async def test_a_wellformed_but_unknown_token_is_an_unknown_link(client: Client) -> None:
    response = await client.get("/email/verify?token=" + "Z" * 43)

    assert response.status == 404
    assert "Ask for a new one with /email set" in await response.text()


async def test_an_oversized_token_is_refused_before_any_lookup(
    client: Client, pending_trader: Trader
) -> None:
    medium = await client.get("/email/verify?token=" + "A" * 4_000)
    huge = await client.get("/email/verify?token=" + "A" * 20_000)

    assert medium.status == 404
    assert huge.status in (400, 414)  # aiohttp's parser refuses the request line itself
    assert await _nothing_verified()


async def test_head_does_not_verify(client: Client, pending_trader: Trader) -> None:
    response = await client.head(f"/email/verify?token={PENDING_TOKEN}")

    assert response.status == 405
    assert await _nothing_verified()


async def test_post_is_refused(client: Client, pending_trader: Trader) -> None:
    response = await client.post(f"/email/verify?token={PENDING_TOKEN}", data=b"x")

    assert response.status == 405
    assert await _nothing_verified()


async def test_the_page_carries_the_security_headers_and_no_token(
    client: Client, pending_trader: Trader
) -> None:
    response = await client.get(f"/email/verify?token={PENDING_TOKEN}")

    text = await response.text()
    assert response.status == 200
    assert PENDING_TOKEN not in text and "pending@example.com" not in text
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.content_type == "text/html"
    assert await Trader.filter(discord_id=77, email_verified=True).exists()
