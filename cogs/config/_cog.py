"""`/config`: a server's order channels, trading roles and escalation channel.

Only members with the Manage Server permission may use it, and only in a server (a DM has no
server to configure); everyone else is told so and nothing changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from cogs._common import reply
from cogs.config._views import config_embed
from services.errors import ValidationError
from services.guild_config import (
    GuildSettings,
    guild_settings,
    set_escalation_channel,
    set_order_channel,
    set_trading_role,
)

if TYPE_CHECKING:
    from bot.bot import Tastybot

Switch = Literal["on", "off"]


class Config(commands.Cog, name="Config"):
    """Server settings for orders (Manage Server only)."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot

    async def cog_check(self, ctx: commands.Context[Any]) -> bool:
        if ctx.guild is None:
            raise commands.NoPrivateMessage()
        author = ctx.author
        if not isinstance(author, discord.Member) or not author.guild_permissions.manage_guild:
            raise commands.MissingPermissions(["manage_guild"])
        return True

    async def _answer(
        self, ctx: commands.Context[Any], settings: GuildSettings, note: str | None = None
    ) -> None:
        assert ctx.guild is not None  # cog_check
        await reply(ctx, note, embed=config_embed(settings, ctx.guild.name))

    def _own_channel(self, ctx: commands.Context[Any], channel: discord.abc.GuildChannel) -> int:
        if ctx.guild is None or channel.guild.id != ctx.guild.id:
            raise ValidationError("Pick a channel of this server.")
        return channel.id

    @commands.hybrid_group(  # type: ignore[arg-type]  # discord.py typing vs mypy
        name="config", fallback="show", invoke_without_command=True, ignore_extra=False
    )
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def config_show(self, ctx: commands.Context[Any]) -> None:
        """Show this server's order settings: order channels, trading roles, escalations."""
        assert ctx.guild is not None  # cog_check
        await self._answer(ctx, await guild_settings(ctx.guild.id))

    @config_show.command(name="orders-channel", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(
        channel="the text channel", switch="on: read orders typed there (default); off: stop"
    )
    async def config_orders_channel(
        self, ctx: commands.Context[Any], channel: discord.TextChannel, switch: Switch = "on"
    ) -> None:
        """Read plain messages in a channel as orders (on), or stop (off)."""
        assert ctx.guild is not None
        channel_id = self._own_channel(ctx, channel)
        settings = await set_order_channel(ctx.guild.id, channel_id, switch == "on")
        note = (
            f"{channel.mention} is an order channel: messages there are read as orders."
            if switch == "on"
            else f"{channel.mention} is no longer an order channel."
        )
        await self._answer(ctx, settings, note)

    @config_show.command(name="trading-role", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(
        role="the role", switch="on: members with it may trade (default); off: remove it"
    )
    async def config_trading_role(
        self, ctx: commands.Context[Any], role: discord.Role, switch: Switch = "on"
    ) -> None:
        """Let only members with the trading roles trade in this server (off removes a role)."""
        assert ctx.guild is not None
        if role.guild.id != ctx.guild.id:
            raise ValidationError("Pick a role of this server.")
        if role.is_default():
            raise ValidationError(
                "Everyone may trade while no trading role is set; to let everyone trade, "
                "remove the trading roles instead."
            )
        settings = await set_trading_role(ctx.guild.id, role.id, switch == "on")
        if switch == "off":
            note = f"{role.mention} is no longer a trading role."
        else:
            note = f"Members with {role.mention} may trade here."
            if len(settings.trading_role_ids) == 1:
                note += " Members without a trading role may no longer trade in this server."
        await self._answer(ctx, settings, note)

    @config_show.command(name="escalation-channel", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(channel="where escalated orders are reported (empty: stop)")
    async def config_escalation_channel(
        self, ctx: commands.Context[Any], channel: discord.TextChannel | None = None
    ) -> None:
        """Report orders that need a person in this channel (without a channel: stop)."""
        assert ctx.guild is not None
        channel_id = None if channel is None else self._own_channel(ctx, channel)
        settings = await set_escalation_channel(ctx.guild.id, channel_id)
        note = (
            "Escalated orders are no longer reported in a channel (traders still get a DM)."
            if channel is None
            else f"Escalated orders will be reported in {channel.mention}."
        )
        await self._answer(ctx, settings, note)
