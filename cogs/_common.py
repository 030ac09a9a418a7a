"""Rendering helpers shared by the cogs."""

from __future__ import annotations

from typing import Any

import discord
from discord.ext import commands

BRAND_COLOUR = discord.Colour.from_rgb(230, 80, 40)
ERROR_COLOUR = discord.Colour.from_rgb(200, 40, 40)
MAX_ARGUMENT_CHARS = 1_000


def brand_embed(title: str, description: str | None = None) -> discord.Embed:
    return discord.Embed(title=title, description=description, colour=BRAND_COLOUR)


async def reply(ctx: commands.Context[Any], content: str | None = None, **kwargs: object) -> None:
    """Answer the invoker; slash invocations get an ephemeral reply (private by default)."""
    if ctx.interaction is not None:
        kwargs.setdefault("ephemeral", True)
    await ctx.send(content, **kwargs)  # type: ignore[call-overload]


def usage(ctx: commands.Context[Any]) -> str:
    command = ctx.command
    if command is None:
        return ""
    signature = f" {command.signature}" if command.signature else ""
    return f"`{ctx.clean_prefix}{command.qualified_name}{signature}`"
