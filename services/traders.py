"""Traders: identity is the Discord user id; a row is made the first time one is needed."""

from __future__ import annotations

from services.db.models import Trader


async def trader_for(discord_id: int) -> Trader:
    """The trader with this Discord id, created on first use (safe under concurrent calls:
    ``discord_id`` is unique, so a lost race reads the winner's row)."""
    trader, _created = await Trader.get_or_create(discord_id=discord_id)
    return trader


async def existing_trader(discord_id: int) -> Trader | None:
    """The trader with this Discord id, or None (reads never create rows)."""
    return await Trader.get_or_none(discord_id=discord_id)
