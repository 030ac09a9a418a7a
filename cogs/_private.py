"""Private answers: ephemeral for slash commands, in DM for prefix commands in a server.

An inbox, an email address and notification settings are the trader's own business, so a
prefix command typed in a server channel is answered in the trader's DMs, with a short pointer
in the channel (or, when DMs are closed, a pointer to the slash command, whose answer only the
trader sees).
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord.ext import commands

log = logging.getLogger(__name__)

SENT_TO_DMS = "I answered in your DMs (it is private)."
DMS_CLOSED = (
    "That is private, and I cannot DM you (your DMs are closed to me). Use the slash "
    "command instead: only you see its answer."
)


async def send_private(
    ctx: commands.Context[Any],
    content: str | None = None,
    *,
    embed: discord.Embed | None = None,
    view: discord.ui.View | None = None,
) -> discord.Message | None:
    """Send the answer where only the invoker sees it; returns the message (None if refused)."""
    kwargs: dict[str, Any] = {"content": content}
    if embed is not None:
        kwargs["embed"] = embed
    if view is not None:
        kwargs["view"] = view
    if ctx.interaction is not None:
        return await ctx.send(ephemeral=True, **kwargs)
    if ctx.guild is None:
        return await ctx.send(**kwargs)
    try:
        message = await ctx.author.send(**kwargs)
    except discord.Forbidden:
        await ctx.send(DMS_CLOSED)
        return None
    await ctx.send(SENT_TO_DMS)
    return message


async def hide_invocation(ctx: commands.Context[Any]) -> None:
    """Delete a prefix command typed in a server channel when it carried private data (an
    email address); without the Manage Messages permission the message stays, and we say so
    in the log only."""
    if ctx.interaction is not None or ctx.guild is None:
        return
    try:
        await ctx.message.delete()
    except discord.HTTPException as exc:
        log.info("could not delete a private command message: %s", type(exc).__name__)
