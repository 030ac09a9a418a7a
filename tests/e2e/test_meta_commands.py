"""`help` and `about` through simulated Discord with the real bot and cogs."""

from __future__ import annotations

from bot.discord_sim import SimulatedDiscord


async def test_help_lists_every_visible_command_with_its_docstring(
    discord_sim: SimulatedDiscord,
) -> None:
    exchange = await discord_sim.send("!help")

    embed = exchange.replies[0].embeds[0]
    listed = "\n".join(str(field.value) for field in embed.fields)
    for command in discord_sim.bot.commands:
        assert f"`{command.qualified_name}`" in listed
    assert "Show Tastybot's version" in listed


async def test_help_for_one_command_shows_usage(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!help parse")

    embed = exchange.replies[0].embeds[0]
    assert embed.title == "!parse"
    assert embed.fields[0].value == "`!parse <text>`"


async def test_help_for_unknown_command_says_so(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("!help frobnicate")

    assert "No command called `frobnicate`" in exchange.replies[0].content


async def test_help_with_hostile_name_is_escaped_and_truncated(
    discord_sim: SimulatedDiscord,
) -> None:
    exchange = await discord_sim.send("!help **@everyone**" + "x" * 1500)

    content = exchange.replies[0].content
    assert "That is not a command name." in content or "No command called" in content
    assert len(content) < 300
    assert "**@everyone**" not in content


async def test_about_shows_version_environment_and_database(
    discord_sim: SimulatedDiscord,
) -> None:
    exchange = await discord_sim.send("!about")

    fields = {field.name: field.value for field in exchange.replies[0].embeds[0].fields}
    assert fields["Version"]
    assert fields["Environment"] == "demo (simulated Tastytrade)"
    assert fields["Database"] in {"sqlite", "postgres"}
    assert fields["Uptime"].endswith("s") or fields["Uptime"].endswith("m")


async def test_commands_answer_to_a_mention_prefix(discord_sim: SimulatedDiscord) -> None:
    bot_id = discord_sim.bot.user.id if discord_sim.bot.user else 0
    exchange = await discord_sim.send(f"<@{bot_id}> about")

    assert exchange.replies[0].embeds[0].title == "About Tastybot"


async def test_plain_chatter_gets_no_reply(discord_sim: SimulatedDiscord) -> None:
    exchange = await discord_sim.send("good morning everyone")

    assert exchange.replies == []
