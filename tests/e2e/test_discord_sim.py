"""The simulated-Discord harness used by the demo: rendering and saving attachments."""

from __future__ import annotations

import io
from pathlib import Path

import discord
from discord.ext import commands

from bot.discord_sim import SimulatedDiscord, render_embed, render_message, save_attachments


class Files(commands.Cog):
    @commands.command(name="file")
    async def send_file(self, ctx: commands.Context[commands.Bot]) -> None:
        """Send a small file."""
        await ctx.send("here", file=discord.File(io.BytesIO(b"PNG-bytes"), filename="chart.png"))


async def test_attachments_are_saved_to_the_output_directory(
    discord_sim: SimulatedDiscord, tmp_path: Path
) -> None:
    await discord_sim.bot.add_cog(Files())

    exchange = await discord_sim.send("!file")
    saved = await save_attachments(exchange.replies[0], tmp_path / "out")

    assert [path.name for path in saved] == ["chart.png"]
    assert saved[0].read_bytes() == b"PNG-bytes"
    assert "[attachment: chart.png]" in render_message(exchange.replies[0])


def test_embeds_render_as_readable_blocks() -> None:
    embed = discord.Embed(title="P&L", description="line one\nline two")
    embed.add_field(name="Total", value="$1,234.56")
    embed.set_footer(text="as of today")

    text = render_embed(embed, width=40)

    lines = text.splitlines()
    assert lines[0] == "+" + "-" * 38 + "+"
    assert "| == P&L ==" in lines
    assert "|     $1,234.56" in lines
    assert "| (as of today)" in lines
