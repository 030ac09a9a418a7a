"""Chat intake against a real database: a message is claimed once (even by concurrent
claimers), its content is stored cleaned and cut, and it is settled with what it became."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from services.db.models import ChatMessage, OrderRequest
from services.environment import Environment
from services.errors import NotFoundError, ValidationError
from services.orders.chat import (
    MAX_ORDER_CHARS,
    MAX_STORED_CHARS,
    ChatOutcome,
    claim_message,
    looks_like_order,
    order_text,
    remember_preview,
    settle_message,
)
from services.traders import trader_for

pytestmark = pytest.mark.db

AUTHOR, OTHER = 3003, 4004
CHANNEL, GUILD = 555, 777
NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)


async def _claim(message_id: int, content: str = "buy 1 SPY 600c next month @ 1") -> bool:
    return await claim_message(message_id, CHANNEL, GUILD, AUTHOR, content, NOW)


async def _order(discord_id: int) -> OrderRequest:
    return await OrderRequest.create(
        trader=await trader_for(discord_id),
        source="chat",
        raw_text="buy 1 SPY 600c next month @ 1",
        state="received",
        environment=Environment.PRODUCTION,
        external_identifier=f"tb-test-{discord_id}",
    )


async def test_a_message_is_claimed_once(database: str) -> None:
    assert await _claim(1001) is True
    assert await _claim(1001) is False

    [row] = await ChatMessage.all()
    assert (row.discord_message_id, row.author_id, row.guild_id) == (1001, AUTHOR, GUILD)
    assert row.outcome == ChatOutcome.RECEIVED


async def test_concurrent_claims_of_one_message_have_one_winner(database: str) -> None:
    results = await asyncio.gather(*(_claim(2002) for _ in range(8)))

    assert sorted(results) == [False] * 7 + [True]
    assert await ChatMessage.filter(discord_message_id=2002).count() == 1


async def test_a_dm_is_claimed_without_a_server(database: str) -> None:
    assert await claim_message(3003, CHANNEL, None, AUTHOR, "hi", NOW)

    assert (await ChatMessage.get(discord_message_id=3003)).guild_id is None


async def test_stored_content_is_cut_and_loses_control_characters(database: str) -> None:
    hostile = "buy\x00 1 SPY\x1b[31m 600c" + "x" * 5_000

    assert await _claim(4004, hostile)

    stored = (await ChatMessage.get(discord_message_id=4004)).content
    assert len(stored) == MAX_STORED_CHARS
    assert stored.startswith("buy 1 SPY[31m 600c")
    assert "\x00" not in stored and "\x1b" not in stored


@pytest.mark.parametrize("bad", [0, -5, 2**63, True])
async def test_ids_that_are_not_discord_ids_are_refused(database: str, bad: int) -> None:
    with pytest.raises(ValidationError):
        await claim_message(bad, CHANNEL, GUILD, AUTHOR, "x", NOW)
    with pytest.raises(ValidationError):
        await claim_message(5005, CHANNEL, bad, AUTHOR, "x", NOW)
    assert await ChatMessage.all().count() == 0


async def test_a_naive_time_is_refused(database: str) -> None:
    with pytest.raises(ValueError, match="aware"):
        await claim_message(6006, CHANNEL, GUILD, AUTHOR, "x", datetime(2026, 3, 2))


async def test_settling_records_the_outcome_and_the_order(database: str) -> None:
    await _claim(7007)
    order = await _order(AUTHOR)

    await settle_message(7007, ChatOutcome.ORDER, order.id)

    row = await ChatMessage.get(discord_message_id=7007)
    assert row.outcome == "order"
    assert row.order_request_id == order.id  # type: ignore[attr-defined]


async def test_settling_as_chatter_links_no_order(database: str) -> None:
    await _claim(7008, "gm everyone")

    await settle_message(7008, ChatOutcome.CHATTER)

    row = await ChatMessage.get(discord_message_id=7008)
    assert (row.outcome, row.order_request_id) == ("chatter", None)  # type: ignore[attr-defined]


async def test_a_message_cannot_be_settled_with_someone_elses_order(database: str) -> None:
    await _claim(7009)
    theirs = await _order(OTHER)

    with pytest.raises(NotFoundError):
        await settle_message(7009, ChatOutcome.ORDER, theirs.id)
    assert (await ChatMessage.get(discord_message_id=7009)).outcome == "received"


async def test_an_unclaimed_message_cannot_be_settled(database: str) -> None:
    with pytest.raises(NotFoundError):
        await settle_message(8008, ChatOutcome.CHATTER)


async def test_where_a_preview_was_shown_is_remembered_for_its_owner_only(database: str) -> None:
    order = await _order(AUTHOR)

    with pytest.raises(NotFoundError):
        await remember_preview(OTHER, order.id, 11, 12)
    await remember_preview(AUTHOR, order.id, 11, 12)

    await order.refresh_from_db()
    assert (order.preview_channel_id, order.preview_message_id) == (11, 12)


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01"])
def test_an_empty_order_text_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="Give me the order"):
        order_text(text)


def test_an_oversized_order_text_is_refused() -> None:
    with pytest.raises(ValidationError, match="too long"):
        order_text("buy 1 SPY 600c " * (MAX_ORDER_CHARS // 10))


def test_an_order_text_loses_control_characters() -> None:
    assert order_text("  buy 1 SPY\x00 600c @ 1\n ") == "buy 1 SPY 600c @ 1"


def test_orders_and_chatter_are_told_apart() -> None:
    assert looks_like_order("buy 10 calls for SPY at strike 600 expiring next month @ 1.00")
    assert not looks_like_order("anyone buying SPY calls today?")
    # an order with talk around it the parser does not read: maybe chatter, so no refusal
    assert not looks_like_order(
        "buy 10 calls for SPY at strike 600 expiring next month @ 1.00, my cousin swears by it"
    )
    assert not looks_like_order("x" * (MAX_ORDER_CHARS + 1))
