"""The "Did you mean ...?" choice on `/parse`: one button per reading, disabled on timeout."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import discord

from cogs._views import OwnedView
from services.parsing import Reading

CHOICE_TIMEOUT_SECONDS = 120.0
_LABEL_CHARS = 80  # Discord's limit for a button label

EmbedFor = Callable[[Reading], discord.Embed]


class ReadingButton(discord.ui.Button["ReadingChoice"]):
    """One reading of the message; clicking it shows that reading and closes the choice."""

    def __init__(self, number: int, reading: Reading) -> None:
        label = f"{number}. {reading.summary}"
        if len(label) > _LABEL_CHARS:
            label = label[: _LABEL_CHARS - 1] + "…"
        style = discord.ButtonStyle.primary if number == 1 else discord.ButtonStyle.secondary
        super().__init__(label=label, style=style)
        self.reading = reading

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        view = self.view
        if view is not None:
            await view.choose(interaction, self.reading)


class ReadingChoice(OwnedView):
    """Buttons for the readings of an ambiguous message; only the trader who asked may pick."""

    def __init__(
        self, readings: tuple[Reading, ...], *, owner_id: int, embed_for: EmbedFor
    ) -> None:
        super().__init__(owner_id, timeout=CHOICE_TIMEOUT_SECONDS)
        self.embed_for = embed_for
        self.chosen: Reading | None = None
        for number, reading in enumerate(readings, start=1):
            self.add_item(ReadingButton(number, reading))

    async def choose(self, interaction: discord.Interaction[Any], reading: Reading) -> None:
        """Show ``reading`` as the order and close the choice."""
        self.chosen = reading
        self.disable_all()
        await interaction.response.edit_message(embed=self.embed_for(reading), view=self)
        self.stop()
