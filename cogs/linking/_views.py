"""The buttons and modal of /link and /forget, and the sync-on-launch question."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from cogs._views import ConfirmHandler, ConfirmView, OwnedView
from services.environment import Environment
from services.errors import TastybotError
from services.preferences import set_sync_on_launch

log = logging.getLogger(__name__)

PANEL_TIMEOUT_SECONDS = 600.0  # as long as the start link lives
CONFIRM_TIMEOUT_SECONDS = 60.0
QUESTION_TIMEOUT_SECONDS = 900.0
MAX_SECRET_INPUT = 4000  # Discord's limit for a text input

GrantHandler = Callable[[discord.Interaction[Any], Environment, str, str], Awaitable[None]]


class PersonalGrantModal(discord.ui.Modal):
    """Asks for a personal grant's client secret and refresh token (never shown to others)."""

    client_secret: discord.ui.TextInput[PersonalGrantModal] = discord.ui.TextInput(
        label="Client secret",
        placeholder="From my.tastytrade.com > API > OAuth Applications",
        min_length=8,
        max_length=MAX_SECRET_INPUT,
    )
    refresh_token: discord.ui.TextInput[PersonalGrantModal] = discord.ui.TextInput(
        label="Refresh token",
        placeholder="From Manage > Create Grant",
        style=discord.TextStyle.paragraph,
        min_length=8,
        max_length=MAX_SECRET_INPUT,
    )

    def __init__(self, environment: Environment, on_grant: GrantHandler) -> None:
        super().__init__(title=f"Link a {environment.value} personal grant")
        self.environment = environment
        self.on_grant = on_grant

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        await self.on_grant(
            interaction, self.environment, self.client_secret.value, self.refresh_token.value
        )

    async def on_error(  # type: ignore[override]  # a modal has no item argument
        self, interaction: discord.Interaction[Any], error: Exception
    ) -> None:
        reference = secrets.token_hex(4)
        log.error("personal grant modal failed (ref %s)", reference, exc_info=error)
        message = (
            error.user_message
            if isinstance(error, TastybotError)
            else f"Sorry, something went wrong on our side (reference `{reference}`)."
        )
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True)
        else:
            await interaction.response.send_message(message, ephemeral=True)


class PersonalGrantButton(discord.ui.Button["LinkPanel"]):
    def __init__(self, environment: Environment, on_grant: GrantHandler) -> None:
        super().__init__(
            label=f"Personal grant ({environment.value})", style=discord.ButtonStyle.secondary
        )
        self.environment = environment
        self.on_grant = on_grant

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.send_modal(PersonalGrantModal(self.environment, self.on_grant))


class LinkPanel(OwnedView):
    """/link's answer: a link button per environment with an OAuth client, and a button per
    environment that opens the personal-grant modal."""

    def __init__(
        self,
        *,
        owner_id: int,
        start_links: dict[Environment, str],
        environments: list[Environment],
        on_grant: GrantHandler,
    ) -> None:
        super().__init__(owner_id, timeout=PANEL_TIMEOUT_SECONDS)
        for environment in environments:
            if environment in start_links:
                self.add_item(
                    discord.ui.Button(
                        label=f"Sign in to Tastytrade ({environment.value})",
                        url=start_links[environment],
                    )
                )
            self.add_item(PersonalGrantButton(environment, on_grant))


class SyncOnLaunchChoice(OwnedView):
    """Asked once, after the first link: sync this trader's accounts when the bot starts?"""

    def __init__(self, *, owner_id: int) -> None:
        super().__init__(owner_id, timeout=QUESTION_TIMEOUT_SECONDS)
        self.answer: bool | None = None

    async def _choose(self, interaction: discord.Interaction[Any], enabled: bool) -> None:
        await set_sync_on_launch(self.owner_id, enabled)
        self.answer = enabled
        self.disable_all()
        text = (
            "Your accounts will sync each time Tastybot starts."
            if enabled
            else "Your accounts will sync only when you run /sync."
        )
        await interaction.response.edit_message(
            content=f"{text} You can change this any time in /settings.", view=self
        )
        self.stop()

    @discord.ui.button(label="Yes, sync on launch", style=discord.ButtonStyle.primary)
    async def sync_yes(
        self, interaction: discord.Interaction[Any], _button: discord.ui.Button[Any]
    ) -> None:
        await self._choose(interaction, True)

    @discord.ui.button(label="No, only when I ask", style=discord.ButtonStyle.secondary)
    async def sync_no(
        self, interaction: discord.Interaction[Any], _button: discord.ui.Button[Any]
    ) -> None:
        await self._choose(interaction, False)


class ForgetConfirm(ConfirmView):
    """Confirm or cancel /forget."""

    confirm_label = "Forget"
    cancelled_text = "Nothing was forgotten."

    def __init__(self, *, owner_id: int, on_confirm: ConfirmHandler) -> None:
        super().__init__(owner_id, timeout=CONFIRM_TIMEOUT_SECONDS, on_confirm=on_confirm)
