"""`/email`: the address notices may be emailed to (set, which sends a link to confirm it;
show; remove)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from cogs._common import brand_embed
from cogs._private import hide_invocation, send_private
from services.notify.addresses import (
    EmailStatus,
    email_status,
    remove_email,
    request_verification,
)

if TYPE_CHECKING:
    from bot.bot import Tastybot

NOT_CONFIGURED = (
    "Email is not configured on this Tastybot (the operator has not set SMTP_URL): notices "
    "reach you by DM and in /inbox."
)


def _shown(address: str) -> str:
    return discord.utils.escape_markdown(address)


def email_embed(status: EmailStatus, *, configured: bool) -> discord.Embed:
    embed = brand_embed("Your email for notices")
    if status.address and status.verified:
        embed.add_field(name="Verified address", value=_shown(status.address), inline=False)
    else:
        embed.add_field(name="Verified address", value="none", inline=False)
    if status.pending:
        expires = (
            discord.utils.format_dt(status.pending_expires_at, "R")
            if status.pending_expires_at
            else "soon"
        )
        embed.add_field(
            name="Waiting for confirmation",
            value=f"{_shown(status.pending)} (open the link I emailed; it expires {expires})",
            inline=False,
        )
    if not configured:
        embed.add_field(name="Note", value=NOT_CONFIGURED, inline=False)
    embed.set_footer(text="Choose which notices are emailed with /settings.")
    return embed


class Email(commands.Cog, name="Email"):
    """Your email address for notices (only a verified address receives email)."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot

    @commands.hybrid_group(  # type: ignore[arg-type]  # discord.py typing vs mypy
        name="email", fallback="show", invoke_without_command=True, ignore_extra=False
    )
    async def email_show(self, ctx: commands.Context[Any]) -> None:
        """Show your email address for notices and whether it is verified."""
        await self._show(ctx)

    async def _show(self, ctx: commands.Context[Any]) -> None:
        status = await email_status(ctx.author.id)
        await send_private(ctx, embed=email_embed(status, configured=self.bot.mailer is not None))

    @email_show.command(  # type: ignore[arg-type]
        name="view", aliases=["show"], with_app_command=False, ignore_extra=False
    )
    async def email_show_prefix(self, ctx: commands.Context[Any]) -> None:
        """Show your email address for notices and whether it is verified."""
        await self._show(ctx)

    @email_show.command(name="set")  # type: ignore[arg-type]
    @discord.app_commands.describe(address="the address to email notices to")
    async def email_set(self, ctx: commands.Context[Any], *, address: str) -> None:
        """Set your address: I email it a link to confirm it (valid for 24 hours)."""
        await hide_invocation(ctx)
        if self.bot.mailer is None:
            await send_private(ctx, NOT_CONFIGURED)
            return
        if ctx.interaction is not None:
            await ctx.defer(ephemeral=True)  # an SMTP round trip can take a few seconds
        pending = await request_verification(
            ctx.author.id,
            address,
            mailer=self.bot.mailer,
            base_url=self.bot.settings.web_base_url,
        )
        await send_private(
            ctx,
            f"I emailed a confirmation link to {_shown(pending.address)}. Open it within 24 hours "
            f"(until {discord.utils.format_dt(pending.expires_at, 'f')}); until then, email "
            "notices go to your previous verified address, if any.",
        )

    @email_show.command(name="remove", ignore_extra=False)  # type: ignore[arg-type]
    async def email_remove(self, ctx: commands.Context[Any]) -> None:
        """Forget your email address; nothing more is emailed to you."""
        removed = await remove_email(ctx.author.id)
        await send_private(
            ctx,
            "Your email address is forgotten; notices reach you by DM and in /inbox."
            if removed
            else "You have no email address set.",
        )
