"""`/help`'s one line per command: the first sentence of its docstring, whole."""

from __future__ import annotations

from typing import Any

import pytest
from discord.ext import commands

from cogs.meta._cog import summary


def _command(doc: str | None) -> Any:
    async def callback(ctx: commands.Context[Any]) -> None:
        await ctx.send("ok")

    callback.__doc__ = doc
    return commands.Command(callback, name="sample")


@pytest.mark.parametrize(
    ("doc", "line"),
    [
        # a first sentence wrapped over two lines is joined, not cut at the wrap
        (
            "Link a Tastytrade account. In a DM with me: `link sandbox <client secret> <refresh\n"
            "token>`.",
            "Link a Tastytrade account.",
        ),
        # "e.g." does not end the sentence
        (
            "Show how I read a message, e.g. `parse BTO SPY\n12/18 450C @ 2.15`.\n\nMore.",
            "Show how I read a message, e.g. `parse BTO SPY 12/18 450C @ 2.15`.",
        ),
        (
            "Your accounts at a glance: balances,\nday change and P&L",
            "Your accounts at a glance: balances, day change and P&L",
        ),
        (None, "No description."),
        ("", "No description."),
    ],
)
def test_the_help_line_is_the_first_sentence(doc: str | None, line: str) -> None:
    assert summary(_command(doc)) == line
