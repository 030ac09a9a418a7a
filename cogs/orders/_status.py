"""Placed orders followed on the messages that show them, and escalations told to the server.

The notifier DMs the trader on every status change; these messages are edited too, so the
preview that placed an order ends showing how it ended. Messages sent in this process are
followed as they are; after a restart, the working orders' remembered messages (a DM or a
channel message; an ephemeral reply cannot be found again) are picked up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from cogs.orders._embeds import status_embed
from services.guild_config import escalation_channel
from services.orders._model import TERMINAL_STATES, OrderState
from services.orders.confirmation import Placement
from services.orders.queries import order_lines, shown_previews

if TYPE_CHECKING:
    from bot.bot import Tastybot

log = logging.getLogger(__name__)

MAX_FOLLOWED = 500  # messages followed at once; the oldest is dropped beyond
WORKING_STATES = (OrderState.PLACED, OrderState.PARTIALLY_FILLED)


@dataclass
class Followed:
    """A message showing a placed order, and the state it shows."""

    owner_id: int
    shown: OrderState
    message: Any  # discord.Message, WebhookMessage or PartialMessage: anything with edit()


class StatusMessages:
    """Edits the messages of placed orders as their status changes."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot
        self.followed: dict[int, Followed] = {}

    def follow(self, order_id: int, owner_id: int, shown: OrderState, message: Any) -> None:
        self.followed[order_id] = Followed(owner_id, shown, message)
        while len(self.followed) > MAX_FOLLOWED:
            del self.followed[next(iter(self.followed))]

    async def after_placement(
        self, placement: Placement, message: Any, owner_id: int, guild_id: int | None
    ) -> None:
        """Follow a working order on its message; report an escalation to the server."""
        if placement.state in WORKING_STATES and message is not None:
            self.follow(placement.order_id, owner_id, placement.state, message)
        if placement.state is OrderState.ESCALATED and guild_id is not None:
            await self.report_escalation(guild_id, owner_id, placement)

    async def report_escalation(self, guild_id: int, owner_id: int, placement: Placement) -> None:
        """Tell the server's escalation channel (if it set one) that an order needs a person;
        the order's content stays private (the trader got it all by DM)."""
        channel_id = await escalation_channel(guild_id)
        channel = self.bot.get_channel(channel_id) if channel_id else None
        if not isinstance(channel, discord.abc.Messageable):
            return
        try:
            await channel.send(
                f"Order #{placement.order_id} of <@{owner_id}> needs a person: its outcome at "
                "Tastytrade could not be proven, and Tastybot will not send it again."
            )
        except discord.HTTPException as error:
            log.warning("could not report escalated order %s: %s", placement.order_id, error.status)

    async def pick_up(self) -> None:
        """Follow the remembered messages of the orders still working (after a restart)."""
        for shown in await shown_previews():
            channel = self.bot.get_partial_messageable(shown.channel_id)
            message = channel.get_partial_message(shown.message_id)
            self.follow(shown.order_id, shown.discord_id, shown.line.state, message)

    async def refresh(self) -> None:
        """Edit every followed message whose order changed; stop following finished ones."""
        by_owner: dict[int, list[int]] = {}
        for order_id, followed in self.followed.items():
            by_owner.setdefault(followed.owner_id, []).append(order_id)
        for owner_id, order_ids in by_owner.items():
            for line in await order_lines(owner_id, order_ids):
                entry = self.followed.get(line.order_id)
                if entry is None or line.state is entry.shown:
                    continue
                entry.shown = line.state
                if line.state in TERMINAL_STATES:
                    del self.followed[line.order_id]
                try:
                    await entry.message.edit(content=None, embed=status_embed(line), view=None)
                except discord.HTTPException as error:
                    log.info("could not edit order %s's message: %s", line.order_id, error.status)
                    self.followed.pop(line.order_id, None)
