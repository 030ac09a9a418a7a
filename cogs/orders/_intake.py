"""Typed orders in DMs, in messages that mention the bot, and in a server's order channels.

Each such message is claimed (``services.orders.chat.claim_message``) before anything else:
a message Discord delivers twice makes one order, in any number of bot processes. Commands
(`!order ...`, `@Tastybot orders`) answer for themselves, and a message that looks like a
secret is left to the secret guard. In a server that set trading roles, a member without one
who types an order gets a one-line refusal; their chatter gets nothing. Chatter gets no reply
in a channel and a one-line hint in a DM.

A server message is answered in the author's DMs with a one-line public pointer naming only
the order number (none when the parser was unsure the message is an order: the author alone is
asked); domain errors (not linked, an outage) go to the DMs too. Anything
unexpected goes through the error cog, which logs it with a reference id.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from cogs.orders._delivery import delivered, order_id_of, send_rendered, withdraw
from cogs.orders._embeds import CHATTER_HINT
from cogs.orders._views import Desk, render_outcome
from services.errors import TastybotError
from services.guild_config import ChannelPolicy, order_channel_policy
from services.linking import looks_like_secret
from services.orders.chat import (
    MAX_ORDER_CHARS,
    ChatOutcome,
    claim_message,
    clean_text,
    looks_like_order,
    settle_message,
)

if TYPE_CHECKING:
    from bot.bot import Tastybot
    from services.orders.pipeline import SubmitOutcome

MAY_NOT_TRADE = (
    "{mention} only members with a trading role may trade in this server. Nothing was placed."
)
ANSWERED_IN_DM = "{mention} order #{order_id}: I answered in your DMs (orders are private)."
DM_CLOSED_PUBLIC = (
    "{mention} orders are private and I cannot DM you: open your DMs to me, or use "
    "`/order place` (only you see its answer). Nothing was placed."
)
TOO_LONG = (
    f"That message is too long to be an order ({{chars:,}} characters; the limit is "
    f"{MAX_ORDER_CHARS:,}). Nothing was placed."
)


class Source(StrEnum):
    """Why a plain message is read as an order."""

    DM = "dm"
    MENTION = "mention"
    ORDER_CHANNEL = "order_channel"


async def channel_policy(guild: discord.Guild, channel_id: int, member: Any) -> ChannelPolicy:
    """What the server allows ``member`` in ``channel_id`` (order channel, may trade)."""
    roles = [role.id for role in getattr(member, "roles", ())]
    return await order_channel_policy(guild.id, channel_id, roles)


async def submit_and_settle(
    desk: Desk, discord_id: int, text: str, message_id: int | None, *, by_command: bool
) -> SubmitOutcome:
    """Submit ``text`` to the pipeline and settle the claimed message (if any) with what came
    of it: chatter, an order, or a failure. ``by_command``: sent with the order command (only
    then may auto-confirm skip the Confirm button)."""
    from services.orders.pipeline import Chatter  # loads the parser

    try:
        outcome = await desk.orders().submit(discord_id, text, by_command=by_command)
    except Exception:
        if message_id is not None:
            await settle_message(message_id, ChatOutcome.FAILED)
        raise
    if message_id is not None:
        chatter = isinstance(outcome, Chatter)
        await settle_message(
            message_id,
            ChatOutcome.CHATTER if chatter else ChatOutcome.ORDER,
            order_id_of(outcome),
        )
    return outcome


TYPED_ORDER_COMMAND = re.compile(r"\A/order\s+", re.IGNORECASE)


class ChatIntake:
    """Reads plain messages as orders (see the module docstring)."""

    def __init__(self, bot: Tastybot, desk: Desk) -> None:
        self.bot = bot
        self.desk = desk

    async def handle(self, message: discord.Message) -> None:
        if message.author.bot or not message.content or self.bot.user is None:
            return
        source, policy = await self._source(message)
        if source is None:
            return
        claimed = await claim_message(
            message.id,
            message.channel.id,
            message.guild.id if message.guild else None,
            message.author.id,
            message.content,
            message.created_at,
        )
        if not claimed:
            return  # redelivered: the first delivery is answered (or being answered)
        mention = re.compile(rf"<@!?{self.bot.user.id}>")
        # "/order buy ..." sent as text (the Discord client did not make it a command) is the
        # order: the parser reads a message opening with a bot command as another bot's
        text = clean_text(mention.sub(" ", message.content))
        typed_command = TYPED_ORDER_COMMAND.match(text) is not None
        text = TYPED_ORDER_COMMAND.sub("", text)
        try:
            await self._take(message, source, policy, text, by_command=typed_command)
        except TastybotError as error:
            await settle_message(message.id, ChatOutcome.FAILED)
            await self._tell_privately(message, error.user_message)
        except Exception as error:
            await settle_message(message.id, ChatOutcome.FAILED)
            context = await self.bot.get_context(message)
            self.bot.dispatch("command_error", context, commands.CommandInvokeError(error))

    async def _source(self, message: discord.Message) -> tuple[Source | None, ChannelPolicy | None]:
        context = await self.bot.get_context(message)
        if context.valid:
            return None, None  # a command: it answers for itself
        mentioned = self.bot.user is not None and self.bot.user in message.mentions
        if context.prefix is not None and not mentioned:
            return None, None  # `!something` unknown: the error cog answers
        if looks_like_secret(message.content):
            return None, None  # the secret guard deletes it; never read a secret as an order
        if message.guild is None:
            return Source.DM, None
        policy = await channel_policy(message.guild, message.channel.id, message.author)
        if mentioned:
            return Source.MENTION, policy
        return (Source.ORDER_CHANNEL, policy) if policy.is_order_channel else (None, None)

    async def _take(
        self,
        message: discord.Message,
        source: Source,
        policy: ChannelPolicy | None,
        text: str,
        *,
        by_command: bool,
    ) -> None:
        from services.orders.pipeline import Asked, Chatter

        author = message.author
        if policy is not None and not policy.may_trade:
            if by_command or looks_like_order(text):
                await settle_message(message.id, ChatOutcome.REFUSED)
                await message.channel.send(MAY_NOT_TRADE.format(mention=author.mention))
            else:
                await settle_message(message.id, ChatOutcome.CHATTER)
            return
        if not text or len(text) > MAX_ORDER_CHARS:
            await settle_message(message.id, ChatOutcome.REFUSED)
            if text and source is not Source.ORDER_CHANNEL:  # a long post there is talk
                await self._tell_privately(message, TOO_LONG.format(chars=len(text)))
            return
        outcome = await submit_and_settle(
            self.desk, author.id, text, message.id, by_command=by_command
        )
        if isinstance(outcome, Chatter):
            if source is Source.DM:
                await message.channel.send(CHATTER_HINT)
            return
        guild_id = message.guild.id if message.guild else None
        rendered = render_outcome(outcome, owner_id=author.id, desk=self.desk, guild_id=guild_id)
        if source is Source.DM:
            sent = await send_rendered(message.channel, rendered)
        else:
            # a message that may be talk is asked about in the author's DMs alone: the channel
            # hears nothing of it, as of chatter
            quiet = isinstance(outcome, Asked) and outcome.whether_an_order
            try:
                sent = await send_rendered(author, rendered)
            except discord.Forbidden:
                await withdraw(self.desk, author.id, outcome)
                if not quiet:
                    await message.channel.send(DM_CLOSED_PUBLIC.format(mention=author.mention))
                return
            if not quiet:
                await message.channel.send(
                    ANSWERED_IN_DM.format(mention=author.mention, order_id=order_id_of(outcome))
                )
        await delivered(self.desk, author.id, outcome, rendered, sent, guild_id)

    async def _tell_privately(self, message: discord.Message, text: str) -> None:
        """In the DM, or in the author's DMs for a server message (a public pointer only when
        their DMs are closed)."""
        if message.guild is None:
            await message.channel.send(text)
            return
        try:
            await message.author.send(text)
        except discord.Forbidden:
            await message.channel.send(DM_CLOSED_PUBLIC.format(mention=message.author.mention))
