"""`/order`, `/orders`, and typed orders in DMs, mentions and order channels.

The cog guards and delegates: ``services.orders`` takes an order from text to a preview,
confirms, places, cancels and reprices it; ``_intake`` reads plain messages as orders;
``_delivery`` decides where an answer goes (orders are private: ephemeral, or in DMs with a
one-line public pointer); ``_views`` holds the buttons; ``_status`` edits the messages of
placed orders. A `discord.ext.tasks` loop polls Tastytrade for every working order every
few seconds, the fallback to the account streamer (the notifier DMs each change).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands, tasks

from cogs._private import send_private
from cogs.charts._cog import chart_file
from cogs.orders._delivery import deliver_to_command
from cogs.orders._embeds import detail_embed, line_label
from cogs.orders._intake import ChatIntake, channel_policy, submit_and_settle
from cogs.orders._status import StatusMessages
from cogs.orders._views import OrderPager
from services.errors import PermissionDeniedError, TastybotError
from services.orders._model import Preview
from services.orders.chat import claim_message, order_text
from services.orders.confirmation import Placement
from services.orders.manage import cancel_working, replace_price
from services.orders.queries import (
    SCOPES,
    OrderLine,
    list_orders,
    order_choices,
    order_detail,
    parse_order_id,
    parse_scope,
)
from services.orders.tracking import poll_working_orders
from services.preferences import chart_theme_of
from services.reports.chart_data import order_payoff_chart
from services.reports.charts import parse_theme

if TYPE_CHECKING:
    from bot.bot import Tastybot
    from services.orders import OrderContext
    from services.orders.workers import OrderSteps
    from services.portfolio import Page

log = logging.getLogger(__name__)

POLL_SECONDS = 5.0
PAYOFF_SECONDS = 10.0  # drawing the preview's payoff chart, market data read included
UNLOAD_WAIT_SECONDS = 5.0
ORDER_HELP = "the order, e.g. buy 10 SPY 600 calls next month @ 1.00"
MAY_NOT_TRADE_HERE = "Only members with a trading role may trade in this server."
Choices = list[app_commands.Choice[str]]


def _choices(lines: tuple[OrderLine, ...]) -> Choices:
    return [
        app_commands.Choice(name=line_label(line)[:100], value=str(line.order_id)) for line in lines
    ]


class Orders(commands.Cog, name="Trading"):
    """Place orders from chat: sandbox rehearsal, a preview you confirm, status until filled."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot
        self.status = StatusMessages(bot)
        self.intake = ChatIntake(bot, self)

    async def cog_load(self) -> None:
        self.poll_statuses.start()

    async def cog_unload(self) -> None:
        self.poll_statuses.cancel()
        task = self.poll_statuses.get_task()
        if task is not None and not task.done():  # let a poll close its broker session
            await asyncio.wait({task}, timeout=UNLOAD_WAIT_SECONDS)

    # --- what the views and the intake need (cogs.orders._views.Desk) ---------------------
    def order_context(self) -> OrderContext:
        return self.bot.order_context()

    def orders(self) -> OrderSteps:
        return self.bot.orders()

    def record_error(self) -> None:
        self.bot.status_board.record_error()

    async def after_placement(
        self, placement: Placement, message: Any, owner_id: int, guild_id: int | None
    ) -> None:
        await self.status.after_placement(placement, message, owner_id, guild_id)

    async def show_payoff(self, preview: Preview, message: discord.Message, owner_id: int) -> None:
        """Add the order's payoff diagram to its preview message (after the preview is out, so
        drawing it delays nothing); a chart that cannot be drawn in time is left out."""
        quotes = self.bot.broker_quotes()
        try:
            async with asyncio.timeout(PAYOFF_SECONDS):
                chart = await order_payoff_chart(
                    owner_id,
                    preview.order,
                    quotes=quotes,
                    now=datetime.now(UTC),
                    theme=parse_theme(await chart_theme_of(owner_id)),
                )
            if chart is not None:  # named for the order: /chart payoff names it for the day
                named = replace(chart, filename=f"order-{preview.order_id}-payoff.png")
                await message.add_files(chart_file(named))
        except (TastybotError, TimeoutError, discord.HTTPException) as error:
            log.info("no payoff chart on order %s's preview: %s", preview.order_id, error)

    async def _may_trade_here(self, ctx: commands.Context[Any]) -> None:
        if ctx.guild is not None:
            policy = await channel_policy(ctx.guild, ctx.channel.id, ctx.author)
            if not policy.may_trade:
                raise PermissionDeniedError(MAY_NOT_TRADE_HERE)

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
    async def pick_up_messages(self) -> None:
        try:
            await self.status.pick_up()
        except Exception:
            log.exception("could not load the working orders' messages")

    async def poll_once(self) -> int:
        """Poll Tastytrade for every working order, then edit the messages that show them;
        how many orders changed."""
        if self.bot.vault is None:  # orders need the vault; a bot built without has none
            return 0
        changed = await poll_working_orders(self.order_context())
        await self.status.refresh()
        return changed

    # --- /order ----------------------------------------------------------------------------
    @commands.hybrid_group(  # type: ignore[arg-type]  # discord.py typing vs mypy
        name="order", fallback="place", invoke_without_command=True
    )
    @app_commands.describe(text=ORDER_HELP)
    async def order_place(self, ctx: commands.Context[Any], *, text: str) -> None:
        """Send an order: rehearsed in your sandbox, then a private preview to confirm.

        Type it as in chat: `order buy 10 SPY 600 calls next month @ 1.00`.
        Nothing reaches Tastytrade before you press Confirm, unless it is under the
        auto-confirm threshold you set (`/settings risk auto-confirm`)."""
        cleaned = order_text(text)
        await self._may_trade_here(ctx)
        message_id = None
        if ctx.interaction is None:  # a prefix command is a message: claimed like any other
            message_id = ctx.message.id
            if not await claim_message(
                message_id,
                ctx.channel.id,
                ctx.guild.id if ctx.guild else None,
                ctx.author.id,
                ctx.message.content,
                ctx.message.created_at,
            ):
                return  # redelivered: the first delivery answers
        else:
            await ctx.defer(ephemeral=True)
        outcome = await submit_and_settle(self, ctx.author.id, cleaned, message_id, by_command=True)
        await deliver_to_command(ctx, outcome, self)

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
        await self._may_trade_here(ctx)
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
        return _choices(await order_choices(interaction.user.id, current))

    @order_replace.autocomplete("order")
    async def working_order_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        """The asking trader's working orders."""
        return _choices(await order_choices(interaction.user.id, current, working_only=True))

    # --- /orders ---------------------------------------------------------------------------
    @commands.hybrid_command(name="orders")  # type: ignore[arg-type]
    @app_commands.describe(scope="live (waiting or working, the default), today or recent")
    async def orders_list(self, ctx: commands.Context[Any], scope: str | None = None) -> None:
        """List your orders: `live` (waiting or working), `today` or `recent`."""
        chosen = parse_scope(scope)
        owner = ctx.author.id

        async def load(number: int) -> Page[OrderLine]:
            return await list_orders(owner, chosen, page=number)

        view = OrderPager(owner, await load(1), load=load, scope=chosen)
        view.message = await send_private(ctx, embed=view.embed(), view=view)

    @orders_list.autocomplete("scope")
    async def scope_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        typed = current.strip().lower()
        return [
            app_commands.Choice(name=name, value=name) for name in SCOPES if name.startswith(typed)
        ]

    # --- typed orders ------------------------------------------------------------------------
    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Read a DM, a mention of the bot or an order channel's message as an order."""
        await self.intake.handle(message)
