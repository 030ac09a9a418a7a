"""What signals read from market data: ``services.market.levels``' port (:class:`LevelsSource`
giving a :class:`LevelsSnapshot`), read within a deadline."""

from __future__ import annotations

import asyncio

from services.errors import BrokerUnavailableError
from services.market.levels import LevelsSnapshot, LevelsSource

LEVELS_TIMEOUT_S = 20.0  # a chain's Greeks and open interest arrive within seconds

__all__ = ["LEVELS_TIMEOUT_S", "LevelsSnapshot", "LevelsSource", "fetch_levels"]


async def fetch_levels(
    source: LevelsSource, underlying: str, *, timeout_s: float = LEVELS_TIMEOUT_S
) -> LevelsSnapshot:
    """``source.levels(underlying)`` within ``timeout_s`` (BrokerUnavailableError after it)."""
    try:
        async with asyncio.timeout(timeout_s):
            return await source.levels(underlying)
    except TimeoutError as error:
        raise BrokerUnavailableError(
            f"Market data for {underlying} did not arrive in time; try again shortly."
        ) from error
