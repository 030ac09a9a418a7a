"""/settings end to end: it shows the trader's own choices, the commands and the panel change
them through services.preferences, and another member sees and changes nothing of them."""

from __future__ import annotations

import typing

import discord
import pytest
from support.discord_ui import FakeInteraction, dm_reply, view_of

from bot.discord_sim import SimulatedDiscord
from cogs.settings._cog import EventName
from cogs.settings._views import SettingsPanel
from services.db.models import SyncOnLaunch
from services.notify.events import Event
from services.preferences import Channel, preferences_of

TRADER, OTHER = 0, 1


def _notifications(message: discord.Message) -> str:
    fields = {f.name: f.value for f in message.embeds[0].fields}
    return str(fields["Notifications"])


def test_command_choices_name_every_event() -> None:
    assert set(typing.get_args(EventName)) == {event.value for event in Event}


async def test_settings_show_the_defaults_privately(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!settings")

    message = dm_reply(exchange)
    fields = {f.name: f.value for f in message.embeds[0].fields}
    assert fields["Sync on launch"] == "not chosen yet"
    assert fields["Expiry warning"] == "3 days before"
    assert fields["Chart theme"] == "dark"
    assert "not configured" in str(fields["Email"])
    assert "**Sync failed** (`sync_failed`): inbox always · DM on · email off" in (
        _notifications(message)
    )
    assert [m.content for m in exchange.replies if m.channel == discord_sim.channel] == [
        "I answered in your DMs (it is private)."
    ]


async def test_prefix_show_is_the_same_panel(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!settings show")

    assert dm_reply(exchange).embeds[0].title == "Your settings"


async def test_commands_change_each_setting(discord_sim: SimulatedDiscord) -> None:
    trader_id = discord_sim.member(TRADER).id

    await discord_sim.send("!settings sync on")
    await discord_sim.send("!settings notify assignment dm off")
    last = await discord_sim.send("!settings expiry 7")

    preferences = await preferences_of(trader_id)
    assert preferences.sync_on_launch is SyncOnLaunch.YES
    assert not preferences.wants(Event.ASSIGNMENT, Channel.DM)
    assert preferences.wants(Event.SYNC_FAILED, Channel.DM)
    assert preferences.expiry_warning_days == 7
    assert dm_reply(last).content == "Expiry warnings: 7 days before."

    themed = await discord_sim.send("!settings chart-theme light")
    assert (await preferences_of(trader_id)).chart_theme == "light"
    assert dm_reply(themed).content == "Your charts are drawn light from now on."
    assert {f.name: f.value for f in dm_reply(themed).embeds[0].fields}["Chart theme"] == "light"


async def test_email_on_without_a_verified_address_says_so(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!settings notify sync_failed email on")

    assert "nothing will be emailed" in dm_reply(exchange).content
    assert (await preferences_of(discord_sim.member(TRADER).id)).wants(
        Event.SYNC_FAILED, Channel.EMAIL
    )


async def test_the_panel_changes_the_owners_settings(discord_sim: SimulatedDiscord) -> None:
    trader_id = discord_sim.member(TRADER).id
    panel = view_of(discord_sim, dm_reply(await discord_sim.send("!settings")), SettingsPanel)
    owner = discord_sim.member(TRADER)

    await panel.choose_event(FakeInteraction(owner), Event.OPTIONS_EXPIRING.value)  # type: ignore[arg-type]
    await panel.toggle_dm.callback(FakeInteraction(owner))  # type: ignore[arg-type]
    await panel.toggle_sync.callback(FakeInteraction(owner))  # type: ignore[arg-type]
    last = FakeInteraction(owner)
    await panel.choose_days(last, "14")  # type: ignore[arg-type]

    preferences = await preferences_of(trader_id)
    assert not preferences.wants(Event.OPTIONS_EXPIRING, Channel.DM)
    assert preferences.wants(Event.SYNC_FAILED, Channel.DM)
    assert preferences.sync_on_launch is SyncOnLaunch.YES
    assert preferences.expiry_warning_days == 14
    assert panel.toggle_dm.label == "Options expiring soon: DM off"
    assert last.response.edited is not None
    shown = {f.name: f.value for f in last.response.edited["embed"].fields}
    assert shown["Expiry warning"] == "14 days before"


async def test_another_member_sees_and_changes_nothing(discord_sim: SimulatedDiscord) -> None:
    trader_id = discord_sim.member(TRADER).id
    await discord_sim.send("!settings notify sync_failed dm off")
    await discord_sim.send("!settings expiry 10")
    traders_panel = view_of(
        discord_sim, dm_reply(await discord_sim.send("!settings")), SettingsPanel
    )
    before = await preferences_of(trader_id)

    others = await discord_sim.send("!settings", member=OTHER)
    await discord_sim.send("!settings notify sync_failed dm on", member=OTHER)
    await discord_sim.send("!settings expiry 1", member=OTHER)
    stranger = FakeInteraction(discord_sim.member(OTHER))
    allowed = await traders_panel.interaction_check(stranger)  # type: ignore[arg-type]

    shown = {f.name: f.value for f in dm_reply(others).embeds[0].fields}
    assert shown["Expiry warning"] == "3 days before"
    assert "(`sync_failed`): inbox always · DM on" in str(shown["Notifications"])
    assert not allowed and stranger.response.sent is not None
    assert "someone else's settings" in stranger.response.sent
    assert await preferences_of(trader_id) == before
    assert (await preferences_of(discord_sim.member(OTHER).id)).expiry_warning_days == 1


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("!settings notify bogus dm on", "That input doesn't look right"),
        ("!settings notify sync_failed inbox off", "That input doesn't look right"),
        ("!settings notify sync_failed dm maybe", "That input doesn't look right"),
        ("!settings notify sync_failed", "Missing `channel`"),
        ("!settings expiry 31", "Choose a number from 0 to 30"),
        ("!settings expiry -1", "Choose a number from 0 to 30"),
        ("!settings expiry 1e9", "That input doesn't look right"),
        ("!settings sync @everyone", "That input doesn't look right"),
        ("!settings sync " + "on" * 900, "That input doesn't look right"),
        ("!settings chart-theme neon", "That input doesn't look right"),
        ("!settings chart-theme", "Missing `theme`"),
        ("!settings chart-theme " + "light" * 400, "That input doesn't look right"),
    ],
)
async def test_malformed_hostile_and_oversized_input_is_refused(
    discord_sim: SimulatedDiscord, command: str, expected: str
) -> None:
    before = await preferences_of(discord_sim.member(TRADER).id)

    exchange = await discord_sim.send(command)

    assert expected in exchange.replies[0].content
    assert await preferences_of(discord_sim.member(TRADER).id) == before


async def test_the_panel_expires_with_its_controls_disabled(discord_sim: SimulatedDiscord) -> None:
    panel = view_of(discord_sim, dm_reply(await discord_sim.send("!settings")), SettingsPanel)

    await panel.on_timeout()

    assert all(getattr(item, "disabled", False) for item in panel.children)
