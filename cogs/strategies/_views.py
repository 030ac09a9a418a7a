"""The button under an edit's answer: *Undo*, then *Redo* once undone, and so on. Only the
trader who made the edit may press it; it greys out after a while. It undoes exactly that edit:
if a newer edit was made since, the press is refused (``/undo`` steps one edit at a time)."""

from __future__ import annotations

import logging
import secrets
from typing import Any

import discord

from cogs._views import OwnedView
from cogs.strategies._embeds import step_text
from services.errors import TastybotError
from services.strategies.edits import redo, undo

log = logging.getLogger(__name__)

UNDO_TIMEOUT_SECONDS = 600.0


class UndoButton(OwnedView):
    """Undo (or, once undone, redo) edit ``seq`` of ``owner_id``."""

    refusal = "Only the trader who made this edit can undo it."

    def __init__(self, owner_id: int, seq: int, *, undone: bool = False) -> None:
        super().__init__(owner_id, timeout=UNDO_TIMEOUT_SECONDS)
        self.seq = seq
        self.undone = undone
        self.button: discord.ui.Button[UndoButton] = discord.ui.Button()
        self.button.callback = self._pressed  # type: ignore[method-assign]
        self.add_item(self.button)
        self._label()

    def _label(self) -> None:
        self.button.label = "Redo" if self.undone else "Undo"
        self.button.emoji = "↪️" if self.undone else "↩️"
        self.button.style = (
            discord.ButtonStyle.primary if self.undone else discord.ButtonStyle.secondary
        )

    async def _pressed(self, interaction: discord.Interaction[Any]) -> None:
        step = redo if self.undone else undo
        try:
            outcome = await step(self.owner_id, expected_seq=self.seq)
        except TastybotError as error:
            await interaction.response.send_message(error.user_message, ephemeral=True)
            return
        self.undone = not self.undone
        self._label()
        await interaction.response.edit_message(
            content=step_text(outcome, undone=self.undone), view=self
        )

    async def on_error(
        self,
        interaction: discord.Interaction[Any],
        error: Exception,
        item: discord.ui.Item[Any],
    ) -> None:
        reference = secrets.token_hex(4)
        log.error("undo button failed (ref %s)", reference, exc_info=error)
        message = f"Sorry, something went wrong on our side (reference `{reference}`)."
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True)
        else:
            await interaction.response.send_message(message, ephemeral=True)
