"""The `/settings` panel: toggle sync on launch, pick an event and toggle its DM and email,
pick the expiry warning days. Every change goes through ``services.preferences``.

`/settings risk` shows the trader's order limits; turning production trading on waits for a
button (``ProductionConfirm``) that expires after a minute."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import discord

from cogs._views import ConfirmView, OwnedView
from services.notify.events import Event
from services.orders.limits import RiskSettings, risk_settings, set_production_trading
from services.preferences import (
    Channel,
    Preferences,
    preferences_of,
    set_channel,
    set_expiry_warning_days,
    set_sync_on_launch,
)

PANEL_TIMEOUT_SECONDS = 300.0
PRODUCTION_CONFIRM_SECONDS = 60.0
FIELD_LIMIT = 1024
EXPIRY_DAY_CHOICES = (0, 1, 2, 3, 5, 7, 10, 14, 21, 30)
SETTINGS_COLOUR = discord.Colour.from_rgb(230, 80, 40)

EVENT_LABELS: dict[Event, str] = {
    Event.SYNC_FAILED: "Sync failed",
    Event.SYNC_RECOVERED: "Sync healthy again",
    Event.CREDENTIALS_REJECTED: "Credentials rejected or revoked",
    Event.OPTIONS_EXPIRING: "Options expiring soon",
    Event.ASSIGNMENT: "Assignment or exercise",
    Event.LINKED: "Account linked",
    Event.ORDER_FILLED: "Order filled",
    Event.ORDER_UPDATE: "Order partly filled, rejected, cancelled or expired",
    Event.ORDER_ESCALATED: "Order needs a person (outcome unproven)",
    Event.SIGNAL_FIRED: "Signal rule fired",
}
NO_VERIFIED_EMAIL = "no verified address: set one with /email set, until then email is skipped"


def _on(flag: bool) -> str:
    return "on" if flag else "off"


def settings_embed(preferences: Preferences, *, email_configured: bool) -> discord.Embed:
    """The trader's settings: sync on launch, per-event channels, expiry warning days, chart
    theme, email."""
    embed = discord.Embed(title="Your settings", colour=SETTINGS_COLOUR)
    embed.add_field(
        name="Sync on launch",
        value={"yes": "on", "no": "off"}.get(preferences.sync_on_launch.value, "not chosen yet"),
        inline=True,
    )
    days = preferences.expiry_warning_days
    embed.add_field(
        name="Expiry warning",
        value="off" if days == 0 else f"{days} day{'s' if days != 1 else ''} before",
        inline=True,
    )
    embed.add_field(name="Chart theme", value=preferences.chart_theme, inline=True)
    if not email_configured:
        email = "email is not configured on this Tastybot (no SMTP_URL)"
    elif preferences.email_verified and preferences.email:
        email = discord.utils.escape_markdown(preferences.email)
    else:
        email = NO_VERIFIED_EMAIL
    embed.add_field(name="Email", value=email, inline=False)
    lines = [
        f"**{EVENT_LABELS[event]}** (`{event.value}`): inbox always · "
        f"DM {_on(preferences.wants(event, Channel.DM))} · "
        f"email {_on(preferences.wants(event, Channel.EMAIL))}"
        for event in Event
    ]
    embed.add_field(name="Notifications", value="\n".join(lines)[:1024], inline=False)
    embed.set_footer(
        text="Change them with the controls below or /settings notify|sync|expiry|chart-theme. "
        "Order limits: /settings risk."
    )
    return embed


class SettingsPanel(OwnedView):
    """Controls under `/settings`; they change the asking trader's settings only."""

    refusal = "These are someone else's settings; see yours with /settings."

    def __init__(self, owner_id: int, preferences: Preferences, *, email_configured: bool) -> None:
        super().__init__(owner_id, timeout=PANEL_TIMEOUT_SECONDS)
        self.preferences = preferences
        self.email_configured = email_configured
        self.event = Event.SYNC_FAILED
        self.event_select = EventSelect()
        self.days_select = DaysSelect()
        self.add_item(self.event_select)
        self.add_item(self.days_select)
        self._sync_controls()

    def _sync_controls(self) -> None:
        preferences = self.preferences
        self.event_select.options = [
            discord.SelectOption(label=label, value=event.value, default=event is self.event)
            for event, label in EVENT_LABELS.items()
        ]
        self.days_select.options = [
            discord.SelectOption(
                label="off" if days == 0 else f"{days} days",
                value=str(days),
                default=days == preferences.expiry_warning_days,
            )
            for days in EXPIRY_DAY_CHOICES
        ]
        self.toggle_sync.label = f"Sync on launch: {_on(preferences.sync_on_launch.value == 'yes')}"
        label = EVENT_LABELS[self.event]
        self.toggle_dm.label = f"{label}: DM {_on(preferences.wants(self.event, Channel.DM))}"[:80]
        self.toggle_email.label = (
            f"{label}: email {_on(preferences.wants(self.event, Channel.EMAIL))}"[:80]
        )

    async def rerender(
        self, interaction: discord.Interaction[Any], note: str | None = None
    ) -> None:
        self.preferences = await preferences_of(self.owner_id)
        self._sync_controls()
        await interaction.response.edit_message(
            content=note,
            embed=settings_embed(self.preferences, email_configured=self.email_configured),
            view=self,
        )

    @discord.ui.button(style=discord.ButtonStyle.secondary, row=1)
    async def toggle_dm(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[SettingsPanel]
    ) -> None:
        enabled = not self.preferences.wants(self.event, Channel.DM)
        await set_channel(self.owner_id, self.event, Channel.DM, enabled)
        await self.rerender(interaction)

    @discord.ui.button(style=discord.ButtonStyle.secondary, row=1)
    async def toggle_email(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[SettingsPanel]
    ) -> None:
        enabled = not self.preferences.wants(self.event, Channel.EMAIL)
        await set_channel(self.owner_id, self.event, Channel.EMAIL, enabled)
        note = None
        if enabled and not self.email_configured:
            note = "Saved, but email is not configured on this Tastybot: nothing will be emailed."
        elif enabled and not (self.preferences.email_verified and self.preferences.email):
            note = f"Saved, but you have {NO_VERIFIED_EMAIL}."
        await self.rerender(interaction, note)

    @discord.ui.button(style=discord.ButtonStyle.primary, row=2)
    async def toggle_sync(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[SettingsPanel]
    ) -> None:
        await set_sync_on_launch(self.owner_id, self.preferences.sync_on_launch.value != "yes")
        await self.rerender(interaction)

    async def choose_event(self, interaction: discord.Interaction[Any], value: str) -> None:
        self.event = Event(value)
        await self.rerender(interaction)

    async def choose_days(self, interaction: discord.Interaction[Any], value: str) -> None:
        await set_expiry_warning_days(self.owner_id, int(value))
        await self.rerender(interaction)


class EventSelect(discord.ui.Select[SettingsPanel]):
    """Which event the DM and email buttons change."""

    def __init__(self) -> None:
        super().__init__(placeholder="Event to change", row=0)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if self.view is not None:
            await self.view.choose_event(interaction, self.values[0])


class DaysSelect(discord.ui.Select[SettingsPanel]):
    """How many days before expiry the trader is warned."""

    def __init__(self) -> None:
        super().__init__(placeholder="Expiry warning days", row=3)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if self.view is not None:
            await self.view.choose_days(interaction, self.values[0])


# --- /settings risk ---------------------------------------------------------------------------


def value_text(value: int | Decimal) -> str:
    """A limit as shown: dollars for amounts, a plain count otherwise."""
    if isinstance(value, Decimal):
        return f"${value:,.2f}"
    return f"{value:,}"


def _limit(value: int | Decimal | None) -> str:
    return "no limit" if value is None else value_text(value)


def _underlyings(allowed: frozenset[str] | None) -> str:
    if allowed is None:
        return "any"
    text = ", ".join(sorted(allowed))
    if len(text) <= FIELD_LIMIT:
        return text
    cut = text[: FIELD_LIMIT - 20].rsplit(", ", 1)[0]
    return f"{cut} and {len(allowed) - len(cut.split(', '))} more"


def risk_embed(settings: RiskSettings) -> discord.Embed:
    """The trader's order limits, switches and default account."""
    limits = settings.limits
    embed = discord.Embed(title="Your order limits", colour=SETTINGS_COLOUR)
    embed.add_field(
        name="Production trading",
        value="on" if limits.production_trading_enabled else "off (orders stop before Tastytrade)",
        inline=False,
    )
    embed.add_field(name="Max contracts", value=_limit(limits.max_contracts), inline=True)
    embed.add_field(name="Max notional", value=_limit(limits.max_notional), inline=True)
    embed.add_field(name="Max loss per order", value=_limit(limits.max_loss_per_order), inline=True)
    embed.add_field(name="Max orders per day", value=_limit(limits.max_orders_per_day), inline=True)
    embed.add_field(
        name="Naked short options",
        value="allowed" if limits.naked_options_allowed else "refused",
        inline=True,
    )
    threshold = limits.auto_confirm_threshold
    embed.add_field(
        name="Auto-confirm",
        value="off" if threshold is None else f"up to {value_text(threshold)} notional",
        inline=True,
    )
    embed.add_field(
        name="Allowed underlyings", value=_underlyings(limits.allowed_underlyings), inline=False
    )
    embed.add_field(
        name="Default account",
        value=settings.default_account_number or "none: you are asked for each order",
        inline=False,
    )
    embed.set_footer(
        text="Change one with /settings risk <max-contracts|max-notional|max-loss|max-orders|"
        "underlyings|naked|auto-confirm|production|account> <value>; none clears a limit."
    )
    return embed


def production_warning_embed() -> discord.Embed:
    """What turning production trading on means, above its Confirm button."""
    return discord.Embed(
        title="Turn production trading on?",
        description=(
            "Orders you confirm will be sent to your real Tastytrade account and can lose "
            "real money. Each order is still rehearsed in the sandbox and shown to you first, "
            "and your limits still apply. Turn it off any time with "
            "`/settings risk production off`. This button expires in a minute."
        ),
        colour=SETTINGS_COLOUR,
    )


class ProductionConfirm(ConfirmView):
    """Confirm or cancel turning production trading on; only the asking trader may press."""

    refusal = "This confirmation is someone else's; use /settings risk production on."
    confirm_label = "Turn production trading on"
    cancelled_text = "Production trading stays off."

    def __init__(self, owner_id: int) -> None:
        super().__init__(owner_id, timeout=PRODUCTION_CONFIRM_SECONDS, on_confirm=self._turn_on)

    async def _turn_on(self, interaction: discord.Interaction[Any]) -> None:
        await set_production_trading(self.owner_id, True)
        await interaction.response.edit_message(
            content="Production trading is on.",
            embed=risk_embed(await risk_settings(self.owner_id)),
            view=self,
        )
