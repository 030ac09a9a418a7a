"""Reaching and pressing the buttons of a message the bot sent on simulated Discord.

dpytest drops message components, but discord.py still tracks the view sent with a message:
these helpers find that view and drive it with a stand-in for the interaction Discord sends.
"""

from __future__ import annotations

from typing import TypeVar, cast

import discord

from bot.discord_sim import Exchange, Press, PressResponse, SimulatedDiscord, press

ViewT = TypeVar("ViewT", bound=discord.ui.View)


def _sent_views(discord_sim: SimulatedDiscord) -> dict[int, discord.ui.View]:
    store = discord_sim.bot._connection._view_store
    views: dict[int, discord.ui.View] = store._synced_message_views
    return views


def has_view(discord_sim: SimulatedDiscord, message: discord.Message) -> bool:
    """Whether ``message`` was sent with a view that is still listening."""
    return message.id in _sent_views(discord_sim)


def view_of(
    discord_sim: SimulatedDiscord,
    message: discord.Message,
    kind: type[ViewT] = discord.ui.View,  # type: ignore[assignment]
) -> ViewT:
    """The view sent with ``message``; with ``kind``, checked to be that view class."""
    view = _sent_views(discord_sim)[message.id]
    assert isinstance(view, discord.ui.View)
    if kind is not discord.ui.View:
        # The bot loads each cog as an extension (its own module copy), so compare by name.
        assert type(view).__name__ == kind.__name__
    return cast(ViewT, view)


def dm_reply(exchange: Exchange) -> discord.Message:
    """The one reply the bot sent in the member's DMs."""
    [message] = [m for m in exchange.replies if isinstance(m.channel, discord.DMChannel)]
    return message


# A press stands in for the interaction Discord sends (the demo presses buttons the same way).
FakeResponse = PressResponse
FakeInteraction = Press

__all__ = ["FakeInteraction", "FakeResponse", "dm_reply", "has_view", "press", "view_of"]
