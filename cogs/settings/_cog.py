"""`/settings`: sync on launch, which events reach you by DM or email, expiry warning days."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from discord import app_commands
from discord.ext import commands

from cogs._private import send_private
from cogs.settings._views import NO_VERIFIED_EMAIL, SettingsPanel, settings_embed
from services.notify.events import Event
from services.preferences import (
    MAX_EXPIRY_WARNING_DAYS,
    Channel,
    preferences_of,
    set_channel,
    set_expiry_warning_days,
    set_sync_on_launch,
)

if TYPE_CHECKING:
    from bot.bot import Tastybot

# The event names as command choices (a test keeps this in step with Event).
EventName = Literal[
    "sync_failed",
    "sync_recovered",
    "credentials_rejected",
    "options_expiring",
    "assignment",
    "linked",
]
ChannelName = Literal["dm", "email"]
Switch = Literal["on", "off"]


class Settings(commands.Cog, name="Settings"):
    """Your preferences: sync on launch, notification channels, expiry warnings."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot

    @property
    def email_configured(self) -> bool:
        return self.bot.mailer is not None

    async def _show(self, ctx: commands.Context[Any], note: str | None = None) -> None:
        preferences = await preferences_of(ctx.author.id)
        panel = SettingsPanel(ctx.author.id, preferences, email_configured=self.email_configured)
        panel.message = await send_private(
            ctx,
            note,
            embed=settings_embed(preferences, email_configured=self.email_configured),
            view=panel,
        )

    @commands.hybrid_group(  # type: ignore[arg-type]  # discord.py typing vs mypy
        name="settings", fallback="show", invoke_without_command=True, ignore_extra=False
    )
    async def settings_show(self, ctx: commands.Context[Any]) -> None:
        """Show your settings, with controls to change them (only you see them)."""
        await self._show(ctx)

    @settings_show.command(  # type: ignore[arg-type]
        name="view", aliases=["show"], with_app_command=False, ignore_extra=False
    )
    async def settings_show_prefix(self, ctx: commands.Context[Any]) -> None:
        """Show your settings, with controls to change them."""
        await self._show(ctx)

    @settings_show.command(name="sync", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(switch="sync your accounts when Tastybot starts: on or off")
    async def settings_sync(self, ctx: commands.Context[Any], switch: Switch) -> None:
        """Turn sync on launch on or off."""
        await set_sync_on_launch(ctx.author.id, switch == "on")
        await self._show(ctx, f"Sync on launch is {switch}.")

    @settings_show.command(name="notify", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(
        event="which notice", channel="dm or email (the inbox keeps everything)", switch="on or off"
    )
    async def settings_notify(
        self, ctx: commands.Context[Any], event: EventName, channel: ChannelName, switch: Switch
    ) -> None:
        """Choose whether one kind of notice reaches you by DM or by email."""
        await set_channel(ctx.author.id, Event(event), Channel(channel), switch == "on")
        note = f"`{event}` by {channel}: {switch}."
        if channel == "email" and switch == "on":
            preferences = await preferences_of(ctx.author.id)
            if not self.email_configured:
                note += " Email is not configured on this Tastybot, so nothing will be emailed."
            elif not (preferences.email_verified and preferences.email):
                note += f" But you have {NO_VERIFIED_EMAIL}."
        await self._show(ctx, note)

    @settings_show.command(name="expiry", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(
        days=f"warn this many days before options expire (0 to {MAX_EXPIRY_WARNING_DAYS}, 0 = off)"
    )
    async def settings_expiry(
        self, ctx: commands.Context[Any], days: commands.Range[int, 0, MAX_EXPIRY_WARNING_DAYS]
    ) -> None:
        """Set how many days before expiry you are warned about options you hold."""
        await set_expiry_warning_days(ctx.author.id, days)
        await self._show(ctx, f"Expiry warnings: {days} day{'s' if days != 1 else ''} before.")
