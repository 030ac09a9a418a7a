"""`/help` and `/about`."""

from __future__ import annotations

import inspect
import re
from datetime import timedelta
from typing import Any

import discord
from discord.ext import commands

from cogs._common import MAX_ARGUMENT_CHARS, brand_embed, reply
from services.errors import NotFoundError, ValidationError
from services.status import StatusBoard

# where a docstring's first sentence ends: a full stop before a capital ("e.g. `parse ...`"
# goes on)
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-Z])")


def summary(command: commands.Command[Any, ..., Any]) -> str:
    """The first sentence of a command's docstring (its first paragraph, unwrapped): its
    one-line help. A docstring wraps its lines, so the first line alone can stop mid-phrase."""
    doc = inspect.getdoc(command.callback) or ""
    paragraph = " ".join(doc.split("\n\n", 1)[0].split())
    return _SENTENCE_END.split(paragraph, 1)[0] if paragraph else "No description."


def humanize(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    days, seconds = divmod(seconds, 86_400)
    hours, seconds = divmod(seconds, 3_600)
    minutes, seconds = divmod(seconds, 60)
    parts = [f"{days}d"] if days else []
    if days or hours:
        parts.append(f"{hours}h")
    parts.append(f"{minutes}m" if (days or hours or minutes) else f"{seconds}s")
    return " ".join(parts)


class Meta(commands.Cog, name="General"):
    """Help and information about Tastybot."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @commands.hybrid_command(name="help")  # type: ignore[arg-type]  # discord.py typing vs mypy
    async def help_show(self, ctx: commands.Context[Any], *, command: str | None = None) -> None:
        """List what I can do, or explain one command: `help <command>`."""
        if command is None:
            await reply(ctx, embed=self._overview(ctx))
            return
        name = command.strip().lstrip("/!").lower()
        if len(name) > MAX_ARGUMENT_CHARS:
            raise ValidationError("That is not a command name.")
        found = self.bot.get_command(name)
        if found is None or found.hidden:
            raise NotFoundError(
                f"No command called `{discord.utils.escape_markdown(name[:50])}`. "
                f"Type `{ctx.clean_prefix}help` for the list."
            )
        doc = inspect.getdoc(found.callback) or "No description."
        embed = brand_embed(f"{ctx.clean_prefix}{found.qualified_name}", doc)
        signature = f" {found.signature}" if found.signature else ""
        embed.add_field(
            name="Usage", value=f"`{ctx.clean_prefix}{found.qualified_name}{signature}`"
        )
        await reply(ctx, embed=embed)

    def _overview(self, ctx: commands.Context[Any]) -> discord.Embed:
        embed = brand_embed(
            "Tastybot commands",
            "Use them as slash commands or with the prefix "
            f"`{ctx.clean_prefix}`. `{ctx.clean_prefix}help <command>` explains one.",
        )
        for cog_name, cog in sorted(self.bot.cogs.items()):
            visible = sorted(
                (c for c in cog.get_commands() if not c.hidden), key=lambda c: c.qualified_name
            )
            if not visible:
                continue
            lines = [f"`{c.qualified_name}` {summary(c)}" for c in visible]
            embed.add_field(name=cog_name, value="\n".join(lines), inline=False)
        return embed

    @commands.hybrid_command(name="about")  # type: ignore[arg-type]  # discord.py typing vs mypy
    async def about_show(self, ctx: commands.Context[Any]) -> None:
        """Show Tastybot's version, environment, database and uptime."""
        status: StatusBoard = self.bot.status_board  # type: ignore[attr-defined]
        snapshot = status.snapshot()
        embed = brand_embed("About Tastybot", "Your Tastytrade companion on Discord.")
        embed.add_field(name="Version", value=snapshot.version)
        embed.add_field(
            name="Environment",
            value="demo (simulated Tastytrade)" if snapshot.environment == "demo" else "real",
        )
        embed.add_field(name="Database", value=snapshot.database_kind)
        embed.add_field(name="Uptime", value=humanize(status.uptime()))
        await reply(ctx, embed=embed)
