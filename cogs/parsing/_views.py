"""The "Did you mean ...?" choice on `/parse`: one button per reading, disabled on timeout."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import discord

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


class ReadingChoice(discord.ui.View):
    """Buttons for the readings of an ambiguous message; only the trader who asked may pick."""

    def __init__(
        self, readings: tuple[Reading, ...], *, author_id: int, embed_for: EmbedFor
    ) -> None:
        super().__init__(timeout=CHOICE_TIMEOUT_SECONDS)
        self.author_id = author_id
        self.embed_for = embed_for
        self.message: discord.Message | None = None
        self.chosen: Reading | None = None
        for number, reading in enumerate(readings, start=1):
            self.add_item(ReadingButton(number, reading))

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.author_id:
            return True
        await interaction.response.send_message(
            "Only the trader who asked can pick a reading.", ephemeral=True
        )
        return False

    def disable_all(self) -> None:
        """Grey out every button (after a choice, or when the choice expires)."""
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True

    async def choose(self, interaction: discord.Interaction[Any], reading: Reading) -> None:
        """Show ``reading`` as the order and close the choice."""
        self.chosen = reading
        self.disable_all()
        await interaction.response.edit_message(embed=self.embed_for(reading), view=self)
        self.stop()

    async def on_timeout(self) -> None:
        self.disable_all()
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException:  # the message was deleted: nothing left to disable
                return
