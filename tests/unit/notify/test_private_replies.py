"""Where private answers go (slash: ephemeral; prefix in a server: DM), and the DM adapter's
answer when Discord refuses (closed DMs, unknown user)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import discord

from bot.notify_dm import DiscordDirectMessenger
from cogs._private import DMS_CLOSED, SENT_TO_DMS, send_private


class _Response:
    status = 403
    reason = "Forbidden"


@dataclass
class _Author:
    refuse: bool = False
    sent: list[dict[str, Any]] = field(default_factory=list)

    async def send(self, **kwargs: Any) -> object:
        if self.refuse:
            raise discord.Forbidden(_Response(), "Cannot send messages to this user")  # type: ignore[arg-type]
        self.sent.append(kwargs)
        return object()


@dataclass
class _Context:
    interaction: object | None
    guild: object | None
    author: _Author = field(default_factory=_Author)
    sent: list[dict[str, Any]] = field(default_factory=list)

    async def send(self, content: str | None = None, **kwargs: Any) -> object:
        self.sent.append({"content": content, **kwargs})
        return object()


async def test_slash_answers_are_ephemeral() -> None:
    ctx = _Context(interaction=object(), guild=object())

    await send_private(ctx, "secret")  # type: ignore[arg-type]

    assert ctx.sent == [{"content": "secret", "ephemeral": True}]
    assert ctx.author.sent == []


async def test_prefix_in_a_server_answers_in_dm_with_a_pointer() -> None:
    ctx = _Context(interaction=None, guild=object())

    await send_private(ctx, "secret")  # type: ignore[arg-type]

    assert ctx.author.sent == [{"content": "secret"}]
    assert ctx.sent == [{"content": SENT_TO_DMS}]


async def test_closed_dms_point_to_the_slash_command_and_leak_nothing() -> None:
    ctx = _Context(interaction=None, guild=object(), author=_Author(refuse=True))

    assert await send_private(ctx, "secret") is None  # type: ignore[arg-type]

    assert ctx.sent == [{"content": DMS_CLOSED}]


async def test_prefix_in_dms_answers_in_place() -> None:
    ctx = _Context(interaction=None, guild=None)

    await send_private(ctx, "secret")  # type: ignore[arg-type]

    assert ctx.sent == [{"content": "secret"}]


class _Client:
    def __init__(self, error: Exception | None = None, user: object | None = None) -> None:
        self.error = error
        self.user = user

    def get_user(self, discord_id: int) -> object | None:
        return None

    async def fetch_user(self, discord_id: int) -> object:
        if self.error is not None:
            raise self.error
        return self.user


async def test_an_unknown_user_is_not_delivered() -> None:
    missing = discord.NotFound(_Response(), "Unknown User")  # type: ignore[arg-type]
    messenger = DiscordDirectMessenger(_Client(error=missing))  # type: ignore[arg-type]

    assert await messenger.send_dm(1, "title", "body") is False


async def test_closed_dms_are_not_delivered() -> None:
    messenger = DiscordDirectMessenger(_Client(user=_Author(refuse=True)))  # type: ignore[arg-type]

    assert await messenger.send_dm(1, "title", "body") is False


async def test_a_delivered_dm_is_an_embed_with_the_notice() -> None:
    user = _Author()
    messenger = DiscordDirectMessenger(_Client(user=user))  # type: ignore[arg-type]

    assert await messenger.send_dm(1, "Sync failed", "HTTP 503") is True
    embed = user.sent[0]["embed"]
    assert (embed.title, embed.description) == ("Sync failed", "HTTP 503")
