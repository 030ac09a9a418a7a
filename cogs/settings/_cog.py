"""`/settings`: sync on launch, which events reach you by DM or email, expiry warning days,
your charts' theme;
`/settings risk`: your order limits, naked options, production trading and default account."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from cogs._private import send_private
from cogs.settings._views import (
    NO_VERIFIED_EMAIL,
    ProductionConfirm,
    SettingsPanel,
    production_warning_embed,
    risk_embed,
    settings_embed,
    value_text,
)
from services.notify.events import Event
from services.orders.limits import (
    LABELS,
    default_account_choices,
    risk_settings,
    set_default_account,
    set_production_trading,
    update_limits,
)
from services.preferences import (
    MAX_EXPIRY_WARNING_DAYS,
    Channel,
    preferences_of,
    set_channel,
    set_chart_theme,
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
    "order_filled",
    "order_update",
    "order_escalated",
    "signal_fired",
]
ChannelName = Literal["dm", "email"]
Switch = Literal["on", "off"]
ThemeName = Literal["dark", "light"]
Choices = list[app_commands.Choice[str]]
VALUE_HELP = "a number, or none to clear the limit"
AMOUNT_HELP = "dollars (like 5000, $2,500 or 10k), or none to clear the limit"


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

    @settings_show.command(name="chart-theme", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(theme="dark (Discord's dark mode) or light (light mode and print)")
    async def settings_chart_theme(self, ctx: commands.Context[Any], theme: ThemeName) -> None:
        """Choose the theme your charts are drawn in (a chart's `theme:` still wins)."""
        await set_chart_theme(ctx.author.id, theme)
        await self._show(ctx, f"Your charts are drawn {theme} from now on.")

    # --- /settings risk -------------------------------------------------------------------------

    async def _show_risk(self, ctx: commands.Context[Any], note: str | None = None) -> None:
        await send_private(ctx, note, embed=risk_embed(await risk_settings(ctx.author.id)))

    async def _set_limit(self, ctx: commands.Context[Any], name: str, value: str) -> None:
        limits = await update_limits(ctx.author.id, **{name: value})
        now = getattr(limits, name)
        shown = "no limit" if now is None else value_text(now)
        await self._show_risk(ctx, f"{LABELS[name]}: {shown}.")

    @settings_show.group(  # type: ignore[arg-type]
        name="risk", fallback="show", invoke_without_command=True, ignore_extra=False
    )
    async def settings_risk(self, ctx: commands.Context[Any]) -> None:
        """Show your order limits and trading switches (only you see them)."""
        await self._show_risk(ctx)

    @settings_risk.command(  # type: ignore[arg-type]
        name="view", aliases=["show"], with_app_command=False, ignore_extra=False
    )
    async def settings_risk_prefix(self, ctx: commands.Context[Any]) -> None:
        """Show your order limits and trading switches."""
        await self._show_risk(ctx)

    @settings_risk.command(name="max-contracts", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(value=VALUE_HELP)
    async def settings_risk_max_contracts(self, ctx: commands.Context[Any], value: str) -> None:
        """Limit the option contracts in one order (none: no limit)."""
        await self._set_limit(ctx, "max_contracts", value)

    @settings_risk.command(name="max-notional", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(value=AMOUNT_HELP)
    async def settings_risk_max_notional(self, ctx: commands.Context[Any], value: str) -> None:
        """Limit the money one order moves: premium x 100, or shares x price (none: no limit)."""
        await self._set_limit(ctx, "max_notional", value)

    @settings_risk.command(name="max-loss", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(value=AMOUNT_HELP)
    async def settings_risk_max_loss(self, ctx: commands.Context[Any], value: str) -> None:
        """Limit what one order can lose at expiration; an unbounded loss always breaks it."""
        await self._set_limit(ctx, "max_loss_per_order", value)

    @settings_risk.command(name="max-orders", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(value=VALUE_HELP)
    async def settings_risk_max_orders(self, ctx: commands.Context[Any], value: str) -> None:
        """Limit the orders you send to production per exchange day (none: no limit)."""
        await self._set_limit(ctx, "max_orders_per_day", value)

    @settings_risk.command(name="underlyings", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(tickers="tickers like SPY QQQ IWM, or none to allow every underlying")
    async def settings_risk_underlyings(self, ctx: commands.Context[Any], *, tickers: str) -> None:
        """Trade only these underlyings (none: every underlying)."""
        limits = await update_limits(ctx.author.id, allowed_underlyings=tickers)
        allowed = limits.allowed_underlyings
        note = (
            "You may trade every underlying."
            if allowed is None
            else f"You may trade {len(allowed)} underlying{'s' if len(allowed) != 1 else ''}."
        )
        await self._show_risk(ctx, note)

    @settings_risk.command(name="naked", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(switch="on: allow short options nothing covers; off: refuse them")
    async def settings_risk_naked(self, ctx: commands.Context[Any], switch: Switch) -> None:
        """Allow or refuse naked short options (a short option no leg or position covers)."""
        await update_limits(ctx.author.id, naked_options_allowed=switch)
        await self._show_risk(
            ctx, f"Naked short options: {'allowed' if switch == 'on' else 'refused'}."
        )

    @settings_risk.command(name="auto-confirm", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(value="confirm orders up to this notional for you, or none (off)")
    async def settings_risk_auto_confirm(self, ctx: commands.Context[Any], value: str) -> None:
        """Skip the Confirm button for orders up to this notional inside every limit (none: off)."""
        limits = await update_limits(ctx.author.id, auto_confirm_threshold=value)
        threshold = limits.auto_confirm_threshold
        note = (
            "Auto-confirm is off: every order waits for your Confirm."
            if threshold is None
            else f"Orders up to {value_text(threshold)} notional with a bounded loss and no "
            "breached limit that you send with `/order` are confirmed for you; an order typed "
            "in a DM, a mention or an order channel still waits for your Confirm."
        )
        await self._show_risk(ctx, note)

    @settings_risk.command(name="production", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(switch="on: your confirmed orders go to Tastytrade (asks first); off")
    async def settings_risk_production(self, ctx: commands.Context[Any], switch: Switch) -> None:
        """Turn production trading on (after a confirmation) or off."""
        if switch == "off":
            await set_production_trading(ctx.author.id, False)
            await self._show_risk(
                ctx, "Production trading is off: no order of yours reaches Tastytrade."
            )
            return
        if (await risk_settings(ctx.author.id)).limits.production_trading_enabled:
            await self._show_risk(ctx, "Production trading is already on.")
            return
        view = ProductionConfirm(ctx.author.id)
        view.message = await send_private(ctx, embed=production_warning_embed(), view=view)

    @settings_risk.command(name="account", ignore_extra=False)  # type: ignore[arg-type]
    @app_commands.describe(account="one of your production accounts, or none to be asked")
    async def settings_risk_account(self, ctx: commands.Context[Any], account: str) -> None:
        """Choose the production account your orders go to (none: you are asked each time)."""
        chosen = await set_default_account(ctx.author.id, account)
        note = (
            "No default account: you will be asked which account an order is for."
            if chosen is None
            else f"Orders go to account {chosen} unless you name another."
        )
        await self._show_risk(ctx, note)

    @settings_risk_account.autocomplete("account")
    async def account_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> Choices:
        choices = await default_account_choices(interaction.user.id, current)
        return [
            app_commands.Choice(
                name=f"{choice.account_number} {choice.nickname}".strip()[:100],
                value=choice.account_number,
            )
            for choice in choices
        ]
