"""Where an order's answer goes, and what is remembered once it is there.

Orders are private: a slash command answers ephemerally, a DM in the DM, and anything typed
in a server channel in the trader's DMs, with a short public pointer. When the trader's DMs
are closed the order is withdrawn, so nothing waits for an answer they never saw.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from cogs._private import DMS_CLOSED, SENT_TO_DMS
from cogs.orders._views import Desk, Rendered, render_outcome
from services.orders.chat import remember_preview
from services.orders.confirmation import AlreadyHandledError, cancel_preview

if TYPE_CHECKING:
    from services.orders.pipeline import SubmitOutcome

log = logging.getLogger(__name__)


def order_id_of(outcome: SubmitOutcome) -> int | None:
    """The order an outcome is about (chatter is about none)."""
    preview = getattr(outcome, "preview", None)
    if preview is not None:
        return int(preview.order_id)
    order_id = getattr(outcome, "order_id", None)
    return None if order_id is None else int(order_id)


async def send_rendered(
    target: Any, rendered: Rendered, *, ephemeral: bool = False
) -> discord.Message:
    """Send ``rendered`` to ``target`` (a channel, a user or a command context); its view
    learns the message it is on."""
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


async def delivered(
    desk: Desk,
    owner_id: int,
    outcome: SubmitOutcome,
    rendered: Rendered,
    message: Any,
    guild_id: int | None,
) -> None:
    """Remember where the order is shown (a message status changes can edit later; an
    ephemeral reply cannot be found again) and follow an auto-confirmed placement."""
    order_id = order_id_of(outcome)
    ephemeral = not isinstance(message, discord.Message) or message.flags.ephemeral
    if order_id is not None and message is not None and not ephemeral:
        await remember_preview(owner_id, order_id, message.channel.id, message.id)
    if rendered.placement is not None:
        await desk.after_placement(rendered.placement, message, owner_id, guild_id)
    preview = getattr(outcome, "preview", None)
    if preview is not None and isinstance(message, discord.Message):
        await desk.show_payoff(preview, message, owner_id)


async def withdraw(desk: Desk, owner_id: int, outcome: SubmitOutcome) -> None:
    """The trader cannot see their order: end it (an auto-confirmed order was already sent
    and stays)."""
    order_id = order_id_of(outcome)
    if order_id is None or getattr(outcome, "placement", None) is not None:
        return
    try:
        await cancel_preview(desk.order_context(), owner_id, order_id)
    except AlreadyHandledError:
        log.debug("order %s had already ended", order_id)


async def deliver_to_command(
    ctx: commands.Context[Any], outcome: SubmitOutcome, desk: Desk
) -> discord.Message | None:
    """A command's outcome, privately: ephemeral (slash), in place (DM), or in the author's
    DMs with a pointer (prefix in a server)."""
    guild_id = ctx.guild.id if ctx.guild else None
    rendered = render_outcome(outcome, owner_id=ctx.author.id, desk=desk, guild_id=guild_id)
    if ctx.interaction is not None:
        message = await send_rendered(ctx, rendered, ephemeral=True)
    elif ctx.guild is None:
        message = await send_rendered(ctx.channel, rendered)
    else:
        try:
            message = await send_rendered(ctx.author, rendered)
        except discord.Forbidden:
            await withdraw(desk, ctx.author.id, outcome)
            await ctx.send(DMS_CLOSED)
            return None
        await ctx.send(SENT_TO_DMS)
    await delivered(desk, ctx.author.id, outcome, rendered, message, guild_id)
    return message
