"""A trader's preferences: sync on launch, which events reach them by which channel, expiry
warnings, and the theme of their charts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from services.db.models import SyncOnLaunch
from services.errors import ValidationError
from services.notify.events import Event
from services.traders import existing_trader, trader_for

MAX_EXPIRY_WARNING_DAYS = 30
CHART_THEMES = ("dark", "light")  # services.reports.charts.Theme's values (dark the default)
DEFAULT_CHART_THEME = "dark"


class Channel(StrEnum):
    INBOX = "inbox"  # always on: the inbox is the record
    DM = "dm"
    EMAIL = "email"


# Every event goes to the inbox and by DM unless the trader turns it off; email is opt-in.
DEFAULT_CHANNELS: dict[Channel, bool] = {
    Channel.INBOX: True,
    Channel.DM: True,
    Channel.EMAIL: False,
}


@dataclass(frozen=True)
class Preferences:
    sync_on_launch: SyncOnLaunch
    channels: dict[Event, dict[Channel, bool]]
    expiry_warning_days: int
    email: str | None
    email_verified: bool
    chart_theme: str = DEFAULT_CHART_THEME

    def wants(self, event: Event, channel: Channel) -> bool:
        return self.channels[event][channel]


def _channels(stored: dict[str, dict[str, bool]]) -> dict[Event, dict[Channel, bool]]:
    result = {}
    for event in Event:
        chosen = stored.get(event.value, {})
        result[event] = {
            channel: channel is Channel.INBOX or bool(chosen.get(channel.value, default))
            for channel, default in DEFAULT_CHANNELS.items()
        }
    return result


async def preferences_of(discord_id: int) -> Preferences:
    """The trader's preferences (defaults for a trader Tastybot has not seen; no row made)."""
    trader = await existing_trader(discord_id)
    if trader is None:
        return Preferences(SyncOnLaunch.UNASKED, _channels({}), 3, None, False, DEFAULT_CHART_THEME)
    return Preferences(
        sync_on_launch=trader.sync_on_launch,
        channels=_channels(trader.notification_prefs or {}),
        expiry_warning_days=trader.expiry_warning_days,
        email=trader.email,
        email_verified=trader.email_verified,
        chart_theme=_theme(trader.chart_theme),
    )


def _theme(stored: str | None) -> str:
    return stored if stored in CHART_THEMES else DEFAULT_CHART_THEME


async def chart_theme_of(discord_id: int) -> str:
    """The theme the trader's charts are drawn in when they do not name one."""
    trader = await existing_trader(discord_id)
    return DEFAULT_CHART_THEME if trader is None else _theme(trader.chart_theme)


async def set_chart_theme(discord_id: int, theme: str) -> None:
    cleaned = theme.strip().lower() if isinstance(theme, str) else ""
    if cleaned not in CHART_THEMES:
        raise ValidationError("The theme is `dark` or `light`.")
    trader = await trader_for(discord_id)
    trader.chart_theme = cleaned
    await trader.save(update_fields=["chart_theme"])


async def set_sync_on_launch(discord_id: int, enabled: bool) -> None:
    trader = await trader_for(discord_id)
    trader.sync_on_launch = SyncOnLaunch.YES if enabled else SyncOnLaunch.NO
    await trader.save(update_fields=["sync_on_launch"])


async def set_channel(discord_id: int, event: Event, channel: Channel, enabled: bool) -> None:
    """Turn one event's delivery by one channel on or off (the inbox cannot be turned off)."""
    if channel is Channel.INBOX:
        raise ValidationError("The inbox keeps every notification; it cannot be turned off.")
    trader = await trader_for(discord_id)
    stored = dict(trader.notification_prefs or {})
    stored[event.value] = {**stored.get(event.value, {}), channel.value: enabled}
    trader.notification_prefs = stored
    await trader.save(update_fields=["notification_prefs"])


async def set_expiry_warning_days(discord_id: int, days: int) -> None:
    if not 0 <= days <= MAX_EXPIRY_WARNING_DAYS:
        raise ValidationError(f"Choose between 0 and {MAX_EXPIRY_WARNING_DAYS} days.")
    trader = await trader_for(discord_id)
    trader.expiry_warning_days = days
    await trader.save(update_fields=["expiry_warning_days"])
