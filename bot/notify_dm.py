"""The DM port of ``services.notify``, implemented with discord.py."""

from __future__ import annotations

import logging

import discord

from cogs._common import brand_embed

log = logging.getLogger(__name__)

EMBED_TITLE_CHARS = 256
EMBED_DESCRIPTION_CHARS = 4_096


class DiscordDirectMessenger:
    """Sends a notice as an embed in the user's DMs (``DirectMessenger``)."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def send_dm(self, discord_id: int, title: str, body: str) -> bool:
        """False when Discord will not deliver: the user is unknown or does not accept DMs
        from this bot (other HTTP failures raise, and the service records them as failed)."""
        try:
            user = self.client.get_user(discord_id) or await self.client.fetch_user(discord_id)
            embed = brand_embed(title[:EMBED_TITLE_CHARS], body[:EMBED_DESCRIPTION_CHARS] or None)
            embed.set_footer(text="Also in /inbox. Choose what reaches you with /settings.")
            await user.send(embed=embed)
        except (discord.Forbidden, discord.NotFound) as exc:
            log.info("cannot DM user %s: %s", discord_id, type(exc).__name__)
            return False
        return True
