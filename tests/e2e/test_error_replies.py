"""The one error map: every failure becomes a short reply; unexpected ones get a reference."""

from __future__ import annotations

import logging
import re

import pytest
from discord.ext import commands

from bot.discord_sim import SimulatedDiscord
from services.errors import NotFoundError


class Broken(commands.Cog):
    """Commands that fail on purpose, added only in these tests."""

    @commands.command(name="boom")
    async def boom(self, ctx: commands.Context[commands.Bot]) -> None:
        """Fail with an unexpected error."""
        raise RuntimeError("refresh_token=abc123 leaked into an exception")

    @commands.command(name="missing")
    async def missing(self, ctx: commands.Context[commands.Bot]) -> None:
        """Fail with a domain error."""
        raise NotFoundError("No account called `X` is linked.")

    @commands.command(name="count")
    async def count(self, ctx: commands.Context[commands.Bot], number: int) -> None:
        """Take an integer."""
        await ctx.send(str(number))

    @commands.command(name="guildonly")
    @commands.guild_only()
    @commands.has_permissions(manage_guild=True)
    async def guild_only(self, ctx: commands.Context[commands.Bot]) -> None:
        """Need Manage Server."""
        await ctx.send("ok")


@pytest.fixture
async def broken_sim(discord_sim: SimulatedDiscord) -> SimulatedDiscord:
    await discord_sim.bot.add_cog(Broken())
    return discord_sim


async def test_unknown_command_points_to_help(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!nonsense")

    assert exchange.replies[0].content == (
        "I don't know that command. Type `!help` to see what I can do."
    )


async def test_missing_argument_shows_usage(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!parse")

    assert exchange.replies[0].content == "Missing `text`. Usage: `!parse <text>`"


async def test_bad_argument_shows_usage(broken_sim: SimulatedDiscord) -> None:
    exchange = await broken_sim.send("!count twelve")

    assert exchange.replies[0].content == "That input doesn't look right. Usage: `!count <number>`"


async def test_domain_error_is_explained(broken_sim: SimulatedDiscord) -> None:
    exchange = await broken_sim.send("!missing")

    assert exchange.replies[0].content == "No account called `X` is linked."


async def test_unexpected_error_is_logged_with_a_reference_and_no_secret(
    broken_sim: SimulatedDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="cogs.errors._cog"):
        exchange = await broken_sim.send("!boom")

    reply = exchange.replies[0].content
    match = re.search(r"reference `([0-9a-f]{8})`", reply)
    assert match, reply
    assert "abc123" not in reply
    assert any(match.group(1) in record.getMessage() for record in caplog.records)
    assert broken_sim.bot.status_board.snapshot().last_error_at is not None  # type: ignore[attr-defined]


async def test_permission_check_failure_is_explained(broken_sim: SimulatedDiscord) -> None:
    exchange = await broken_sim.send("!guildonly")

    assert exchange.replies[0].content == "You need the Manage Server permission for that."
