"""Preferences: defaults without a row, per-event channels, sync on launch, bounded days,
the chart theme."""

from __future__ import annotations

import pytest

from services.db.models import SyncOnLaunch, Trader
from services.errors import ValidationError
from services.notify.events import Event
from services.preferences import (
    Channel,
    chart_theme_of,
    preferences_of,
    set_channel,
    set_chart_theme,
    set_expiry_warning_days,
    set_sync_on_launch,
)

pytestmark = pytest.mark.db


async def test_a_stranger_gets_defaults_and_no_row(database: str) -> None:
    prefs = await preferences_of(1)

    assert prefs.sync_on_launch is SyncOnLaunch.UNASKED
    assert prefs.wants(Event.SYNC_FAILED, Channel.DM)
    assert not prefs.wants(Event.SYNC_FAILED, Channel.EMAIL)
    assert await Trader.all().count() == 0


async def test_choices_are_stored_per_trader(database: str) -> None:
    await set_sync_on_launch(1, True)
    await set_channel(1, Event.ASSIGNMENT, Channel.EMAIL, True)
    await set_channel(1, Event.ASSIGNMENT, Channel.DM, False)
    await set_expiry_warning_days(1, 7)

    mine, theirs = await preferences_of(1), await preferences_of(2)

    assert mine.sync_on_launch is SyncOnLaunch.YES
    assert mine.wants(Event.ASSIGNMENT, Channel.EMAIL)
    assert not mine.wants(Event.ASSIGNMENT, Channel.DM)
    assert mine.wants(Event.SYNC_FAILED, Channel.DM)  # other events keep their defaults
    assert mine.expiry_warning_days == 7
    assert theirs.sync_on_launch is SyncOnLaunch.UNASKED
    assert not theirs.wants(Event.ASSIGNMENT, Channel.EMAIL)


@pytest.mark.parametrize("days", [-1, 31, 10_000])
async def test_expiry_warning_days_are_bounded(database: str, days: int) -> None:
    with pytest.raises(ValidationError):
        await set_expiry_warning_days(1, days)


async def test_the_inbox_cannot_be_turned_off(database: str) -> None:
    with pytest.raises(ValidationError):
        await set_channel(1, Event.SYNC_FAILED, Channel.INBOX, False)


async def test_the_chart_theme_is_dark_until_the_trader_chooses(database: str) -> None:
    assert await chart_theme_of(1) == "dark"
    assert (await preferences_of(1)).chart_theme == "dark"

    await set_chart_theme(1, " Light ")

    assert await chart_theme_of(1) == "light"
    assert (await preferences_of(1)).chart_theme == "light"
    assert await chart_theme_of(2) == "dark"


@pytest.mark.parametrize("theme", ["neon", "", "dark" * 100, "light; DROP TABLE trader"])
async def test_a_theme_that_is_not_dark_or_light_is_refused(database: str, theme: str) -> None:
    with pytest.raises(ValidationError, match="`dark` or `light`"):
        await set_chart_theme(1, theme)
    assert await Trader.all().count() == 0
