"""Traders: identity is the Discord user id; a row is made the first time one is needed."""

from __future__ import annotations

from services.db.models import Trader
from services.db.statements import Statement, fetch_models

# every order reads its trader first: hand-written (see services.db.statements)
_BY_DISCORD_ID = Statement("SELECT * FROM trader WHERE discord_id = ?")


async def trader_for(discord_id: int) -> Trader:
    """The trader with this Discord id, created on first use (safe under concurrent calls:
    ``discord_id`` is unique, so a lost race reads the winner's row)."""
    trader, _created = await Trader.get_or_create(discord_id=discord_id)
    return trader


async def existing_trader(discord_id: int) -> Trader | None:
    """The trader with this Discord id, or None (reads never create rows)."""
    found = await fetch_models(Trader, _BY_DISCORD_ID, discord_id)
    return found[0] if found else None
