"""The base of every cog's buttons: only the trader who asked may use them, and they grey out
when they expire (Discord keeps showing a view's buttons after the bot stops listening)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

log = logging.getLogger(__name__)

NOT_YOURS = "Only the trader who asked can use these buttons."

ConfirmHandler = Callable[[discord.Interaction[Any]], Awaitable[None]]


class OwnedView(discord.ui.View):
    """A view only ``owner_id`` may use; others get an ephemeral refusal. On timeout its
    controls are disabled in ``message`` (the message it was sent with, set by the sender)."""

    refusal = NOT_YOURS

    def __init__(self, owner_id: int, *, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.message: discord.Message | None = None

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(self.refusal, ephemeral=True)
        return False

    def disable_all(self) -> None:
        """Grey out every button and select; link buttons stay usable (they only open a page)."""
        for item in self.children:
            is_link = isinstance(item, discord.ui.Button) and item.url is not None
            if isinstance(item, discord.ui.Button | discord.ui.Select) and not is_link:
                item.disabled = True

    async def on_timeout(self) -> None:
        self.disable_all()
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException:  # deleted or the interaction expired: nothing to grey
                log.debug("could not disable an expired view")


class ConfirmView(OwnedView):
    """A red button that does something that matters and a Cancel that does nothing: only the
    owner may press; either press greys both out, then Confirm runs ``on_confirm``. Subclasses
    set the labels and answers."""

    confirm_label = "Confirm"
    cancelled_text = "Cancelled: nothing changed."

    def __init__(self, owner_id: int, *, timeout: float, on_confirm: ConfirmHandler) -> None:
        super().__init__(owner_id, timeout=timeout)
        self.on_confirm = on_confirm
        self.confirmed: bool | None = None
        self.confirm.label = self.confirm_label

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.danger)
    async def confirm(
        self, interaction: discord.Interaction[Any], _button: discord.ui.Button[Any]
    ) -> None:
        self.confirmed = True
        self.disable_all()
        self.stop()
        await self.on_confirm(interaction)

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(
        self, interaction: discord.Interaction[Any], _button: discord.ui.Button[Any]
    ) -> None:
        self.confirmed = False
        self.disable_all()
        self.stop()
        await interaction.response.edit_message(content=self.cancelled_text, embed=None, view=self)
