"""Where the evaluator reads levels: the market feature's data, through the production access
of a trader who watches the underlying.

Market data comes from a trader's own Tastytrade access (there is no operator feed). The
evaluator reads each underlying once per tick for every rule on it, so one watcher's access is
used per underlying: the trader with the oldest active rule on it (the same one tick after
tick, so one DXLink subscription per underlying), the next watcher when that trader has no
production grant any more. Every order still goes out on its own trader's grant.
"""

from __future__ import annotations

import logging
from typing import Protocol

from services.db.models import SignalRule
from services.errors import NotLinkedError
from services.market.levels import LevelsSnapshot, LevelsSource

log = logging.getLogger(__name__)

MAX_WATCHERS_TRIED = 3  # per underlying and tick: a few unlinked watchers, then give up


class TraderMarketData(Protocol):
    """What this reads from ``services.market.levels.MarketData``."""

    def for_trader(self, discord_id: int) -> LevelsSource: ...


class WatchersLevels:
    """A LevelsSource for the evaluator (see the module docstring)."""

    def __init__(self, market: TraderMarketData) -> None:
        self.market = market

    async def watchers(self, underlying: str) -> list[int]:
        """Discord ids of the traders with an active rule on ``underlying``, oldest rule
        first, each once."""
        rows = (
            await SignalRule.filter(underlying=underlying, paused=False, deleted_at__isnull=True)
            .order_by("id")
            .limit(50)
            .values("trader__discord_id")
        )
        return list(dict.fromkeys(int(row["trader__discord_id"]) for row in rows))

    async def levels(self, underlying: str) -> LevelsSnapshot:
        for discord_id in (await self.watchers(underlying))[:MAX_WATCHERS_TRIED]:
            try:
                return await self.market.for_trader(discord_id).levels(underlying)
            except NotLinkedError:
                log.info(
                    "watcher %s of %s has no production grant; next one", discord_id, underlying
                )
        raise NotLinkedError(f"No trader watching {underlying} has production market data linked.")
