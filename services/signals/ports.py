"""What signals read from market data: the shape of ``services.market.levels`` (the market
feature owns it; these protocols match it structurally, so any of its sources fits)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from services.errors import BrokerUnavailableError
from services.market.gex import GexLevels


class LevelsSnapshot(Protocol):
    """An underlying's spot and GEX levels at one moment (``levels`` None when no chain)."""

    @property
    def underlying(self) -> str: ...
    @property
    def spot(self) -> Decimal: ...
    @property
    def levels(self) -> GexLevels | None: ...
    @property
    def as_of(self) -> datetime: ...


class LevelsSource(Protocol):
    async def levels(self, underlying: str) -> LevelsSnapshot:
        """The underlying's latest levels (raises a TastybotError when they cannot be had)."""
        ...


LEVELS_TIMEOUT_S = 20.0  # a chain's Greeks and open interest arrive within seconds


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
