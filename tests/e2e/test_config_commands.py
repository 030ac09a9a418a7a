"""/config end to end: a member with Manage Server sets order channels, trading roles and the
escalation channel; members without it and DMs are refused and change nothing; the service
answers the orders cog's questions (is this an order channel, may this member trade here,
where do escalations go) and keeps every change when two admins change lists at once."""

from __future__ import annotations

import asyncio

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext.test import backend

from bot.discord_sim import Exchange, SimulatedDiscord
from services.errors import ValidationError
from services.guild_config import (
    MAX_ORDER_CHANNELS,
    GuildSettings,
    escalation_channel,
    guild_settings,
    order_channel_policy,
    set_order_channel,
    set_trading_role,
)

ADMIN, MEMBER = 0, 1
MANAGE_GUILD = discord.Permissions(manage_guild=True).value


@pytest.fixture
async def admin(discord_sim: SimulatedDiscord) -> discord.Role:
    """Member 0 holds a role with Manage Server; member 1 does not."""
    guild = discord_sim.channel.guild
    role = backend.make_role("Admins", guild, permissions=MANAGE_GUILD)
    await dpytest.add_role(discord_sim.member(ADMIN), role)
    return role


@pytest.fixture
def guild(discord_sim: SimulatedDiscord) -> discord.Guild:
    return discord_sim.channel.guild


def fields_of(exchange: Exchange) -> dict[str, str]:
    return {str(f.name): str(f.value) for f in exchange.replies[0].embeds[0].fields}


async def settings_of(guild: discord.Guild) -> GuildSettings:
    return await guild_settings(guild.id)


# --- commands ---------------------------------------------------------------------------


async def test_show_lists_nothing_for_a_new_server(
    discord_sim: SimulatedDiscord, admin: discord.Role
) -> None:
    exchange = await discord_sim.send("!config")

    shown = fields_of(exchange)
    assert shown["Order channels"].startswith("none")
    assert shown["Trading roles"] == "none: every member may trade"
    assert shown["Escalation channel"].startswith("none")


async def test_an_admin_makes_a_channel_an_order_channel_and_back(
    discord_sim: SimulatedDiscord, admin: discord.Role, guild: discord.Guild
) -> None:
    channel = discord_sim.channel

    on = await discord_sim.send(f"!config orders-channel {channel.mention}")
    assert (await settings_of(guild)).order_channel_ids == (channel.id,)
    assert on.replies[0].content == (
        f"{channel.mention} is an order channel: messages there are read as orders."
    )
    assert fields_of(on)["Order channels"] == channel.mention

    off = await discord_sim.send(f"!config orders-channel {channel.mention} off")
    assert (await settings_of(guild)).order_channel_ids == ()
    assert off.replies[0].content == f"{channel.mention} is no longer an order channel."


async def test_turning_a_channel_on_twice_lists_it_once(
    discord_sim: SimulatedDiscord, admin: discord.Role, guild: discord.Guild
) -> None:
    await discord_sim.send(f"!config orders-channel {discord_sim.channel.mention} on")
    await discord_sim.send(f"!config orders-channel {discord_sim.channel.mention} on")

    assert (await settings_of(guild)).order_channel_ids == (discord_sim.channel.id,)


async def test_an_admin_sets_and_removes_a_trading_role(
    discord_sim: SimulatedDiscord, admin: discord.Role, guild: discord.Guild
) -> None:
    traders = backend.make_role("Traders", guild)

    on = await discord_sim.send(f"!config trading-role {traders.mention}")
    assert (await settings_of(guild)).trading_role_ids == (traders.id,)
    assert "Members without a trading role may no longer trade" in on.replies[0].content
    assert fields_of(on)["Trading roles"] == traders.mention

    await discord_sim.send(f"!config trading-role {traders.mention} off")
    assert (await settings_of(guild)).trading_role_ids == ()


async def test_everyone_cannot_be_a_trading_role(
    discord_sim: SimulatedDiscord, admin: discord.Role, guild: discord.Guild
) -> None:
    exchange = await discord_sim.send(f"!config trading-role {guild.default_role.id}")

    assert "Everyone may trade while no trading role is set" in exchange.replies[0].content
    assert (await settings_of(guild)).trading_role_ids == ()


async def test_an_admin_sets_and_clears_the_escalation_channel(
    discord_sim: SimulatedDiscord, admin: discord.Role, guild: discord.Guild
) -> None:
    alerts = backend.make_text_channel("alerts", guild)

    await discord_sim.send(f"!config escalation-channel {alerts.mention}")
    assert await escalation_channel(guild.id) == alerts.id

    cleared = await discord_sim.send("!config escalation-channel")
    assert await escalation_channel(guild.id) is None
    assert "no longer reported in a channel" in cleared.replies[0].content


async def test_a_member_without_manage_server_is_refused(
    discord_sim: SimulatedDiscord, admin: discord.Role, guild: discord.Guild
) -> None:
    traders = backend.make_role("Traders", guild)
    channel = discord_sim.channel

    replies = [
        (await discord_sim.send(command, member=MEMBER)).replies[0].content
        for command in (
            "!config",
            f"!config orders-channel {channel.mention}",
            f"!config trading-role {traders.mention}",
            f"!config escalation-channel {channel.mention}",
        )
    ]

    assert replies == ["You need the Manage Server permission for that."] * 4
    assert await settings_of(guild) == GuildSettings(guild.id)


async def test_config_in_a_dm_is_refused(
    discord_sim: SimulatedDiscord, admin: discord.Role, guild: discord.Guild
) -> None:
    exchange = await discord_sim.send(f"!config orders-channel {discord_sim.channel.id}", dm=True)

    assert exchange.replies[0].content == "That command only works in a server."
    assert await settings_of(guild) == GuildSettings(guild.id)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("!config orders-channel", "Missing `channel`"),
        ("!config orders-channel #nowhere", "That input doesn't look right"),
        ("!config orders-channel <#12345>", "That input doesn't look right"),
        ("!config orders-channel {channel} maybe", "That input doesn't look right"),
        ("!config orders-channel {channel} on extra", "Too many arguments"),
        ("!config orders-channel " + "<#1>" * 400, "That input doesn't look right"),
        ("!config trading-role @nobody", "That input doesn't look right"),
        ("!config trading-role", "Missing `role`"),
        ("!config escalation-channel @everyone", "Too many arguments"),
        ("!config bogus", "Too many arguments"),
    ],
)
async def test_malformed_hostile_and_oversized_input_is_refused(
    discord_sim: SimulatedDiscord,
    admin: discord.Role,
    guild: discord.Guild,
    command: str,
    expected: str,
) -> None:
    exchange = await discord_sim.send(command.format(channel=discord_sim.channel.mention))

    assert expected in exchange.replies[0].content
    assert len(exchange.replies[0].content) < 500
    assert await settings_of(guild) == GuildSettings(guild.id)


# --- what the orders cog asks ---------------------------------------------------------------


async def test_every_member_may_trade_while_no_trading_role_is_set(
    discord_sim: SimulatedDiscord, guild: discord.Guild
) -> None:
    policy = await order_channel_policy(guild.id, discord_sim.channel.id, [])

    assert not policy.is_order_channel
    assert policy.may_trade and policy.required_role_ids == ()


async def test_only_members_with_a_trading_role_may_trade(
    discord_sim: SimulatedDiscord, guild: discord.Guild
) -> None:
    channel = discord_sim.channel.id
    await set_order_channel(guild.id, channel, True)
    await set_trading_role(guild.id, 777, True)
    await set_trading_role(guild.id, 888, True)

    with_role = await order_channel_policy(guild.id, channel, [111, 888])
    without = await order_channel_policy(guild.id, channel, [111])
    elsewhere = await order_channel_policy(guild.id, channel + 1, [777])

    assert with_role.is_order_channel and with_role.may_trade
    assert without.is_order_channel and not without.may_trade
    assert without.required_role_ids == (777, 888)
    assert not elsewhere.is_order_channel and elsewhere.may_trade


async def test_another_servers_settings_do_not_leak(
    discord_sim: SimulatedDiscord, guild: discord.Guild
) -> None:
    await set_order_channel(guild.id + 1, discord_sim.channel.id, True)
    await set_trading_role(guild.id + 1, 777, True)

    policy = await order_channel_policy(guild.id, discord_sim.channel.id, [])

    assert not policy.is_order_channel and policy.may_trade
    assert await escalation_channel(guild.id) is None


async def test_two_admins_changing_lists_at_once_lose_nothing(
    discord_sim: SimulatedDiscord, guild: discord.Guild
) -> None:
    await asyncio.gather(
        *(set_order_channel(guild.id, 1000 + n, True) for n in range(10)),
        *(set_trading_role(guild.id, 2000 + n, True) for n in range(10)),
    )

    settings = await settings_of(guild)
    assert sorted(settings.order_channel_ids) == [1000 + n for n in range(10)]
    assert sorted(settings.trading_role_ids) == [2000 + n for n in range(10)]


async def test_a_server_has_at_most_so_many_order_channels(
    discord_sim: SimulatedDiscord, guild: discord.Guild
) -> None:
    for n in range(MAX_ORDER_CHANNELS):
        await set_order_channel(guild.id, 5000 + n, True)

    with pytest.raises(ValidationError, match="at most 50 order channels"):
        await set_order_channel(guild.id, 9999, True)
    assert len((await settings_of(guild)).order_channel_ids) == MAX_ORDER_CHANNELS


@pytest.mark.parametrize("bad_id", [0, -5, 2**63, True])
async def test_an_id_that_is_not_a_snowflake_is_refused(
    discord_sim: SimulatedDiscord, guild: discord.Guild, bad_id: int
) -> None:
    with pytest.raises(ValidationError, match="not a Discord channel"):
        await set_order_channel(guild.id, bad_id, True)
