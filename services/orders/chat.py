"""Chat intake: every message the bot reads as a possible order is claimed once, stored as a
ChatMessage, and settled with what it became.

**Claimed once, across processes.** Discord may deliver a message twice (a gateway resume, two
shards overlapping during a restart). ``claim_message`` inserts the row keyed by the unique
Discord message id; only the caller whose insert succeeds may act on the message, so a
redelivered message never makes a second order. The database enforces it, not process memory.

The stored content is cut to :data:`MAX_STORED_CHARS` (Discord's own message limit for most
users) with control characters removed: a NUL cannot reach a Postgres text column, and a
message longer than an order could be is still recorded, as refused.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum

from tortoise.exceptions import IntegrityError

from services.db.models import ChatMessage, OrderRequest
from services.errors import NotFoundError, ValidationError

MAX_STORED_CHARS = 2_000
MAX_ORDER_CHARS = 2_000  # an order is a line or two; anything longer is not one
MAX_SNOWFLAKE = 2**63 - 1  # Discord ids are positive 64-bit integers
# C0 and C1 control characters but tab and newline (kept: orders may span lines)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class ChatOutcome(StrEnum):
    """What a claimed message became."""

    RECEIVED = "received"  # claimed, not settled yet (or the process stopped meanwhile)
    CHATTER = "chatter"  # not an order: nothing was created
    ORDER = "order"  # it became an OrderRequest (previewed, asked, stopped or placed)
    REFUSED = "refused"  # not read as an order: the member may not trade here, or too long
    FAILED = "failed"  # an error stopped it before an order existed (not linked, outage)


def clean_text(text: str) -> str:
    """``text`` without control characters (tab and newline kept) and outer whitespace."""
    return _CONTROL.sub("", text).strip()


def order_text(text: str) -> str:
    """The text of a typed order, cleaned; refused when empty or longer than an order can be."""
    cleaned = clean_text(text)
    if not cleaned:
        raise ValidationError(
            "Give me the order, e.g. `buy 10 SPY 600 calls next month @ 1.00` or "
            "`BTO SPY 12/18 450C @ 2.15`."
        )
    if len(cleaned) > MAX_ORDER_CHARS:
        raise ValidationError(
            f"That message is too long to be an order ({len(cleaned):,} characters; the "
            f"limit is {MAX_ORDER_CHARS:,}). Nothing was placed."
        )
    return cleaned


def looks_like_order(text: str) -> bool:
    """Whether the parser reads ``text`` as an order and is sure of it (chatter, questions and
    recaps are not, nor talk around an order that the parser does not read). Used where a
    member may not trade: an order gets a refusal, chatter (and what may be chatter) silence."""
    import nlp  # spaCy loads on first use
    from services.parsing import exchange_today

    cleaned = clean_text(text)
    if not cleaned or len(cleaned) > MAX_ORDER_CHARS:
        return False
    parsed = nlp.parse_order(cleaned, today=exchange_today())
    return parsed.kind == "order" and parsed.sure


def _snowflake(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_SNOWFLAKE:
        raise ValidationError(f"That is not a Discord {what} id.")
    return value


async def claim_message(
    discord_message_id: int,
    channel_id: int,
    guild_id: int | None,
    author_id: int,
    content: str,
    received_at: datetime,
) -> bool:
    """Store the message as received; False when it was already claimed (by this process or
    another), in which case the caller must not act on it."""
    if received_at.tzinfo is None:
        raise ValueError("received_at must be timezone-aware")
    _snowflake(discord_message_id, "message")
    _snowflake(channel_id, "channel")
    _snowflake(author_id, "user")
    if guild_id is not None:
        _snowflake(guild_id, "server")
    if await ChatMessage.exists(discord_message_id=discord_message_id):
        return False  # the common redelivery, answered without a failed insert
    try:
        await ChatMessage.create(
            discord_message_id=discord_message_id,
            channel_id=channel_id,
            guild_id=guild_id,
            author_id=author_id,
            content=clean_text(content)[:MAX_STORED_CHARS],
            received_at=received_at,
            outcome=ChatOutcome.RECEIVED.value,
        )
    except IntegrityError:
        return False  # another process inserted it between the check and the insert
    return True


async def settle_message(
    discord_message_id: int, outcome: ChatOutcome, order_id: int | None = None
) -> None:
    """Record what the claimed message became (and the order it made, which must be the
    message author's)."""
    message = await ChatMessage.get_or_none(discord_message_id=discord_message_id)
    if message is None:
        raise NotFoundError("That message was never claimed.")
    if order_id is not None:
        owned = await OrderRequest.exists(id=order_id, trader__discord_id=message.author_id)
        if not owned:
            raise NotFoundError(f"No order #{order_id} of the message's author.")
    await ChatMessage.filter(id=message.id).update(
        outcome=ChatOutcome(outcome).value, order_request_id=order_id
    )


async def remember_preview(
    discord_id: int, order_id: int, channel_id: int, message_id: int
) -> None:
    """Where the trader's preview of ``order_id`` was shown, so status changes can edit it."""
    _snowflake(channel_id, "channel")
    _snowflake(message_id, "message")
    request = await OrderRequest.get_or_none(id=order_id, trader__discord_id=discord_id)
    if request is None:
        raise NotFoundError(f"No order #{order_id} of yours.")
    await OrderRequest.filter(id=request.id).update(
        preview_channel_id=channel_id, preview_message_id=message_id
    )
