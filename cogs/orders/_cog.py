"""Orders from chat: `/order`, `/orders`, and typed orders in DMs, mentions and order channels.

Where orders come from: `/order place <text>` (`!order <text>`), a DM to the bot, a message
that mentions the bot, and any message in a server's order channels (`/config`). A message is
claimed (``services.orders.chat``) before anything else, so one redelivered by Discord makes
no second order. In a server, a member may trade only with a trading role when the server set
any; others get a short refusal (their chatter gets nothing).

**Privacy.** Orders are private. A slash command answers ephemerally; anything typed in a
server channel (prefix, mention or order channel) is answered in the trader's DMs, with a
short public acknowledgement that names no more than the order number; when the trader's
DMs are closed the order is cancelled and they are told, publicly, only how to open them.
Chatter gets no reply in a channel and a short hint in a DM.

Status: the account streamer's notices reach the trader by DM through the notifier; this cog
also polls working orders every few seconds (the fallback) and edits the preview message
that placed an order as its status changes.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands, tasks

from cogs._private import DMS_CLOSED, SENT_TO_DMS, send_private
from cogs.orders._embeds import CHATTER_HINT, detail_embed, line_label, status_embed
from cogs.orders._views import OrderPager, Rendered, render_outcome
from services.errors import PermissionDeniedError, TastybotError
from services.guild_config import ChannelPolicy, escalation_channel, order_channel_policy
from services.linking import looks_like_secret
from services.orders._model import TERMINAL_STATES, OrderState
from services.orders.chat import (
    MAX_ORDER_CHARS,
    ChatOutcome,
    claim_message,
    clean_text,
    looks_like_order,
    order_text,
    remember_preview,
    settle_message,
)
from services.orders.confirmation import AlreadyHandledError, Placement, cancel_preview
from services.orders.manage import cancel_working, replace_price
from services.orders.queries import (
    list_orders,
    order_choices,
    order_detail,
    order_lines,
    parse_order_id,
    parse_scope,
    shown_previews,
)
from services.orders.tracking import poll_working_orders

if TYPE_CHECKING:
    from bot.bot import Tastybot
    from services.orders import OrderContext
    from services.orders.pipeline import SubmitOutcome

log = logging.getLogger(__name__)

POLL_SECONDS = 5.0
UNLOAD_WAIT_SECONDS = 5.0
MAX_TRACKED = 500  # preview messages followed at once; the oldest is dropped beyond
WORKING_STATES = (OrderState.PLACED, OrderState.PARTIALLY_FILLED)
ScopeName = Literal["live", "today", "recent"]
Choices = list[app_commands.Choice[str]]
MAY_NOT_TRADE = (
    "{mention} only members with a trading role may trade in this server. Nothing was placed."
)
ANSWERED_IN_DM = "{mention} order #{order_id}: I answered in your DMs (orders are private)."
DM_CLOSED_PUBLIC = (
    "{mention} orders are private and I cannot DM you: open your DMs to me, or use "
    "`/order place` (only you see its answer). Nothing was placed."
)
MAY_NOT_TRADE_HERE = "Only members with a trading role may trade in this server."
TOO_LONG = (
    f"That message is too long to be an order ({{chars:,}} characters; the limit is "
    f"{MAX_ORDER_CHARS:,}). Nothing was placed."
)
ORDER_HELP = "the order, e.g. buy 10 SPY 600 calls next month @ 1.00"


class Source(StrEnum):
    """Why a plain message is read as an order."""

    DM = "dm"
    MENTION = "mention"
    ORDER_CHANNEL = "order_channel"


@dataclass
class Tracked:
    """A message showing a placed order, edited as its status changes."""

    owner_id: int
    shown: OrderState
    message: Any  # discord.Message, WebhookMessage or PartialMessage: anything with edit()


def _mention_pattern(bot_id: int) -> re.Pattern[str]:
    return re.compile(rf"<@!?{bot_id}>")


class Orders(commands.Cog, name="Trading"):
    """Place orders from chat: sandbox rehearsal, a preview you confirm, status until filled."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot
        self.tracked: dict[int, Tracked] = {}

    async def cog_load(self) -> None:
        self.poll_statuses.start()

    async def cog_unload(self) -> None:
        self.poll_statuses.cancel()
        task = self.poll_statuses.get_task()
        if task is not None and not task.done():  # let a poll close its broker session
            await asyncio.wait({task}, timeout=UNLOAD_WAIT_SECONDS)

    # --- what the views need (cogs.orders._views.Desk) ------------------------------------
    def order_context(self) -> OrderContext:
        return self.bot.order_context()

    def record_error(self) -> None:
        self.bot.status_board.record_error()

    async def after_placement(
        self, placement: Placement, message: Any, owner_id: int, guild_id: int | None
    ) -> None:
        """Follow a working order on its message; report an escalation to the server."""
        if placement.state in WORKING_STATES and message is not None:
            self.track(placement.order_id, owner_id, placement.state, message)
        if placement.state is OrderState.ESCALATED and guild_id is not None:
            await self.report_escalation(guild_id, owner_id, placement)

    def track(self, order_id: int, owner_id: int, shown: OrderState, message: Any) -> None:
        self.tracked[order_id] = Tracked(owner_id, shown, message)
        while len(self.tracked) > MAX_TRACKED:
            del self.tracked[next(iter(self.tracked))]

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

    # --- status fallback -------------------------------------------------------------------
    @tasks.loop(seconds=POLL_SECONDS)
    async def poll_statuses(self) -> None:
        try:
            await self.poll_once()
        except TastybotError as error:
            log.warning("order status poll failed: %s", type(error).__name__)
        except Exception:
            log.exception("order status poll failed")
            self.record_error()

    @poll_statuses.before_loop
    async def seed_tracked(self) -> None:
        """Pick up the preview messages of orders still working (after a restart)."""
        try:
            for shown in await shown_previews():
                channel = self.bot.get_partial_messageable(shown.channel_id)
                message = channel.get_partial_message(shown.message_id)
                self.track(shown.order_id, shown.discord_id, shown.line.state, message)
        except Exception:
            log.exception("could not load the working orders' messages")

    async def poll_once(self) -> int:
        """Poll Tastytrade for every working order, then refresh the messages that show
        them; how many orders changed."""
        if self.bot.vault is None:  # orders need the vault; a bot built without has none
            return 0
        changed = await poll_working_orders(self.order_context())
        await self.refresh_tracked()
        return changed

    async def refresh_tracked(self) -> None:
        by_owner: dict[int, list[int]] = {}
        for order_id, entry in self.tracked.items():
            by_owner.setdefault(entry.owner_id, []).append(order_id)
        for owner_id, order_ids in by_owner.items():
            for line in await order_lines(owner_id, order_ids):
                following = self.tracked.get(line.order_id)
                if following is None or line.state is following.shown:
                    continue
                following.shown = line.state
                if line.state in TERMINAL_STATES:
                    del self.tracked[line.order_id]
                try:
                    await following.message.edit(content=None, embed=status_embed(line), view=None)
                except discord.HTTPException as error:
                    log.info("could not edit order %s's message: %s", line.order_id, error.status)
                    self.tracked.pop(line.order_id, None)

    # --- delivering answers -----------------------------------------------------------------
    async def _deliver(
        self, ctx: commands.Context[Any], outcome: SubmitOutcome
    ) -> discord.Message | None:
        """Show a command's outcome privately: ephemeral (slash), in place (DM), or in the
        author's DMs with a pointer (prefix in a server)."""
        guild_id = ctx.guild.id if ctx.guild else None
        rendered = render_outcome(outcome, owner_id=ctx.author.id, desk=self, guild_id=guild_id)
        if ctx.interaction is not None:
            message = await self._send(ctx, rendered, ephemeral=True)
        elif ctx.guild is None:
            message = await self._send(ctx.channel, rendered)
        else:
            try:
                message = await self._send(ctx.author, rendered)
            except discord.Forbidden:
                await _withdraw(self, ctx.author.id, outcome)
                await ctx.send(DMS_CLOSED)
                return None
            await ctx.send(SENT_TO_DMS)
        await self._after_sending(ctx.author.id, outcome, rendered, message, guild_id)
        return message

    async def _send(
        self, target: Any, rendered: Rendered, *, ephemeral: bool = False
    ) -> discord.Message:
        kwargs: dict[str, Any] = {"content": rendered.content}
        if rendered.embeds:
            kwargs["embeds"] = rendered.embeds
        if rendered.view is not None:
            kwargs["view"] = rendered.view
        if ephemeral:
            kwargs["ephemeral"] = True
        message: discord.Message = await target.send(**kwargs)
        if rendered.view is not None:
            rendered.view.message = message
        return message

    async def _after_sending(
        self,
        owner_id: int,
        outcome: SubmitOutcome,
        rendered: Rendered,
        message: Any,
        guild_id: int | None,
    ) -> None:
        order_id = getattr(outcome, "order_id", None) or getattr(
            getattr(outcome, "preview", None), "order_id", None
        )
        ephemeral = not isinstance(message, discord.Message) or message.flags.ephemeral
        if order_id is not None and message is not None and not ephemeral:
            await remember_preview(owner_id, order_id, message.channel.id, message.id)
        if rendered.placement is not None:
            await self.after_placement(rendered.placement, message, owner_id, guild_id)

    async def _policy(self, guild: discord.Guild, channel_id: int, author: Any) -> ChannelPolicy:
        roles = [role.id for role in getattr(author, "roles", ())]
        return await order_channel_policy(guild.id, channel_id, roles)

    # --- /order ----------------------------------------------------------------------------
    @commands.hybrid_group(  # type: ignore[arg-type]  # discord.py typing vs mypy
        name="order", fallback="place", invoke_without_command=True
    )
    @app_commands.describe(text=ORDER_HELP)
    async def order_place(self, ctx: commands.Context[Any], *, text: str) -> None:
        """Send an order: rehearsed in your sandbox, then a private preview to confirm.

        Type it as in chat: `order buy 10 SPY 600 calls next month @ 1.00`.
        Nothing reaches Tastytrade before you press Confirm."""
        from services.orders.pipeline import submit_order

        cleaned = order_text(text)
        if (
            ctx.guild is not None
            and not (await self._policy(ctx.guild, ctx.channel.id, ctx.author)).may_trade
        ):
            raise PermissionDeniedError(MAY_NOT_TRADE_HERE)
        claimed = ctx.interaction is not None or await claim_message(
            ctx.message.id,
            ctx.channel.id,
            ctx.guild.id if ctx.guild else None,
            ctx.author.id,
            ctx.message.content,
            ctx.message.created_at,
        )
        if not claimed:
            return  # a redelivered `!order`: the first delivery answers
        if ctx.interaction is not None:
            await ctx.defer(ephemeral=True)
        outcome = await self._submit(
            ctx.author.id, cleaned, None if ctx.interaction else ctx.message.id, submit_order
        )
        await self._deliver(ctx, outcome)

    async def _submit(
        self, discord_id: int, text: str, message_id: int | None, submit: Any
    ) -> SubmitOutcome:
        """Submit and settle the claimed message with what came of it."""
        from services.orders.pipeline import Chatter

        try:
            outcome: SubmitOutcome = await submit(self.order_context(), discord_id, text)
        except Exception:
            if message_id is not None:
                await settle_message(message_id, ChatOutcome.FAILED)
            raise
        if message_id is not None:
            order_id = _order_id(outcome)
            chatter = isinstance(outcome, Chatter)
            await settle_message(
                message_id, ChatOutcome.CHATTER if chatter else ChatOutcome.ORDER, order_id
            )
        return outcome

    @order_place.command(name="show")  # type: ignore[arg-type]
    @app_commands.describe(order="the order's number (see /orders)")
    async def order_show(self, ctx: commands.Context[Any], order: str) -> None:
        """Show one of your orders: state, legs, price, fills and its audit trail."""
        detail = await order_detail(ctx.author.id, parse_order_id(order))
        await send_private(ctx, embed=detail_embed(detail))

    @order_place.command(name="cancel")  # type: ignore[arg-type]
    @app_commands.describe(order="the order's number (see /orders live)")
    async def order_cancel(self, ctx: commands.Context[Any], order: str) -> None:
        """Cancel one of your orders: a preview, or an order working at Tastytrade."""
        order_id = parse_order_id(order)
        if ctx.interaction is not None:
            await ctx.defer(ephemeral=True)
        result = await cancel_working(self.order_context(), ctx.author.id, order_id)
        await send_private(ctx, result.message)

    @order_place.command(name="replace")  # type: ignore[arg-type]
    @app_commands.describe(
        order="the order's number (see /orders live)", price="the new limit price, like 1.05"
    )
    async def order_replace(self, ctx: commands.Context[Any], order: str, price: str) -> None:
        """Change the limit price of one of your working orders (checked like a new one)."""
        order_id = parse_order_id(order)
        if (
            ctx.guild is not None
            and not (await self._policy(ctx.guild, ctx.channel.id, ctx.author)).may_trade
        ):
            raise PermissionDeniedError(MAY_NOT_TRADE_HERE)
        if ctx.interaction is not None:
            await ctx.defer(ephemeral=True)
        result = await replace_price(self.order_context(), ctx.author.id, order_id, price)
        await send_private(ctx, result.message)

    @order_show.autocomplete("order")
    @order_cancel.autocomplete("order")
    async def any_order_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        """The asking trader's newest orders."""
        lines = await order_choices(interaction.user.id, current)
        return [
            app_commands.Choice(name=line_label(line)[:100], value=str(line.order_id))
            for line in lines
        ]

    @order_replace.autocomplete("order")
    async def working_order_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        """The asking trader's working orders."""
        lines = await order_choices(interaction.user.id, current, working_only=True)
        return [
            app_commands.Choice(name=line_label(line)[:100], value=str(line.order_id))
            for line in lines
        ]

    # --- /orders ---------------------------------------------------------------------------
    @commands.hybrid_command(name="orders")  # type: ignore[arg-type]
    @app_commands.describe(scope="live (waiting or working, the default), today or recent")
    async def orders_list(self, ctx: commands.Context[Any], scope: str | None = None) -> None:
        """List your orders: `live` (waiting or working), `today` or `recent`."""
        chosen = parse_scope(scope)
        owner = ctx.author.id

        async def load(number: int) -> Any:
            return await list_orders(owner, chosen, page=number)

        page = await load(1)
        view = OrderPager(owner, page, load=load, scope=chosen)
        view.message = await send_private(ctx, embed=view.embed(), view=view)

    @orders_list.autocomplete("scope")
    async def scope_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        return [
            app_commands.Choice(name=name, value=name)
            for name in ("live", "today", "recent")
            if name.startswith(current.strip().lower())
        ]

    # --- typed orders in DMs, mentions and order channels ----------------------------------
    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Read a DM, a mention of the bot or an order channel's message as an order."""
        if message.author.bot or not message.content or self.bot.user is None:
            return
        source, policy = await self._source(message)
        if source is None:
            return
        guild_id = message.guild.id if message.guild else None
        if not await claim_message(
            message.id,
            message.channel.id,
            guild_id,
            message.author.id,
            message.content,
            message.created_at,
        ):
            return  # redelivered: the first delivery is answered (or being answered)
        text = clean_text(_mention_pattern(self.bot.user.id).sub(" ", message.content))
        try:
            await self._take(message, source, policy, text)
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
        policy = await self._policy(message.guild, message.channel.id, message.author)
        if mentioned:
            return Source.MENTION, policy
        return (Source.ORDER_CHANNEL, policy) if policy.is_order_channel else (None, None)

    async def _take(
        self,
        message: discord.Message,
        source: Source,
        policy: ChannelPolicy | None,
        text: str,
    ) -> None:
        from services.orders.pipeline import Chatter, submit_order

        in_channel = source is not Source.DM
        if policy is not None and not policy.may_trade:
            if looks_like_order(text):
                await settle_message(message.id, ChatOutcome.REFUSED)
                await message.channel.send(MAY_NOT_TRADE.format(mention=message.author.mention))
            else:
                await settle_message(message.id, ChatOutcome.CHATTER)
            return
        if not text or len(text) > MAX_ORDER_CHARS:
            await settle_message(message.id, ChatOutcome.REFUSED)
            if text and source is not Source.ORDER_CHANNEL:  # a long post there is talk
                await self._tell_privately(message, TOO_LONG.format(chars=len(text)))
            return
        outcome = await self._submit(message.author.id, text, message.id, submit_order)
        if isinstance(outcome, Chatter):
            if not in_channel:
                await message.channel.send(CHATTER_HINT)
            return
        guild_id = message.guild.id if message.guild else None
        rendered = render_outcome(outcome, owner_id=message.author.id, desk=self, guild_id=guild_id)
        if not in_channel:
            sent = await self._send(message.channel, rendered)
        else:
            try:
                sent = await self._send(message.author, rendered)
            except discord.Forbidden:
                await _withdraw(self, message.author.id, outcome)
                await message.channel.send(DM_CLOSED_PUBLIC.format(mention=message.author.mention))
                return
            await message.channel.send(
                ANSWERED_IN_DM.format(mention=message.author.mention, order_id=_order_id(outcome))
            )
        await self._after_sending(message.author.id, outcome, rendered, sent, guild_id)

    async def _tell_privately(self, message: discord.Message, text: str) -> None:
        """An error about a typed order: in the DM, or in the author's DMs for a server
        message (a short public pointer only when DMs are closed)."""
        if message.guild is None:
            await message.channel.send(text)
            return
        try:
            await message.author.send(text)
        except discord.Forbidden:
            await message.channel.send(DM_CLOSED_PUBLIC.format(mention=message.author.mention))


def _order_id(outcome: SubmitOutcome) -> int | None:
    preview = getattr(outcome, "preview", None)
    if preview is not None:
        return int(preview.order_id)
    order_id = getattr(outcome, "order_id", None)
    return None if order_id is None else int(order_id)


async def _withdraw(cog: Orders, owner_id: int, outcome: SubmitOutcome) -> None:
    """The trader cannot see their order: end it, so nothing waits for an answer they never
    got (an auto-confirmed order was already sent and stays)."""
    order_id = _order_id(outcome)
    if order_id is None or getattr(outcome, "placement", None) is not None:
        return
    try:
        await cancel_preview(cog.order_context(), owner_id, order_id)
    except AlreadyHandledError:
        log.debug("order %s had already ended", order_id)
