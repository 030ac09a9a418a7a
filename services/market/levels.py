"""GEX levels of an underlying from live market data: what ``/gex`` shows and signals read.

:class:`LevelsSource` is the port the signal rules consume: ``await source.levels("SPY")``
gives a :class:`LevelsSnapshot` (spot, the GEX levels of the listed chain within the horizon,
and when they were computed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from services.market.gex import GexLevels


@dataclass(frozen=True)
class LevelsSnapshot:
    """One underlying's levels at one moment. ``levels`` is ``None`` when no listed option
    within the horizon had Greeks and open interest (nothing to compute from); ``as_of`` is
    aware UTC."""

    underlying: str
    spot: Decimal
    levels: GexLevels | None
    as_of: datetime


class LevelsSource(Protocol):
    """Where the GEX levels of an underlying come from (one trader's market data access)."""

    async def levels(self, underlying: str) -> LevelsSnapshot: ...
