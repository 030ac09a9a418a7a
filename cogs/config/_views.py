"""How a server's order settings look: channels and roles as mentions (mentions in an embed
never ping anyone)."""

from __future__ import annotations

import discord

from cogs._common import brand_embed
from services.guild_config import GuildSettings

FIELD_LIMIT = 1024


def _listed(mentions: list[str], empty: str) -> str:
    if not mentions:
        return empty
    text = ", ".join(mentions)
    if len(text) <= FIELD_LIMIT:
        return text
    shown: list[str] = []
    for index, mention in enumerate(mentions):
        rest = f" and {len(mentions) - index} more"
        if len(", ".join([*shown, mention])) + len(rest) > FIELD_LIMIT:
            return ", ".join(shown) + rest
        shown.append(mention)
    return ", ".join(shown)


def config_embed(settings: GuildSettings, guild_name: str) -> discord.Embed:
    """The server's order channels, trading roles and escalation channel."""
    embed = brand_embed(f"Order settings of {discord.utils.escape_markdown(guild_name)}"[:256])
    embed.add_field(
        name="Order channels",
        value=_listed(
            [f"<#{channel}>" for channel in settings.order_channel_ids],
            "none: orders come from /order, DMs and mentions of me",
        ),
        inline=False,
    )
    embed.add_field(
        name="Trading roles",
        value=_listed(
            [f"<@&{role}>" for role in settings.trading_role_ids],
            "none: every member may trade",
        ),
        inline=False,
    )
    escalation = settings.escalation_channel_id
    embed.add_field(
        name="Escalation channel",
        value="none: escalations go to the trader's DMs only"
        if escalation is None
        else f"<#{escalation}>",
        inline=False,
    )
    embed.set_footer(
        text="Change them with /config orders-channel, trading-role or escalation-channel "
        "(Manage Server only)."
    )
    return embed
