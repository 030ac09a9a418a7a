"""The evaluator's levels source: an underlying is read with the production access of the
trader with its oldest active rule, the next watcher when that one has no grant, and no one
else's (a trader without rules on it is never used)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.errors import NotLinkedError
from services.market.levels import LevelsSnapshot, LevelsSource
from services.signals import WatchersLevels, add_rule, pause_rule

from .conftest import TODAY

pytestmark = pytest.mark.db

RULE = "when SPY crosses below 580 then buy 1 SPY 0dte 580 put @ 1.00"


class Market:
    """``MarketData.for_trader`` over traders who have a production grant (or not)."""

    def __init__(self, linked: set[int]) -> None:
        self.linked = linked
        self.asked: list[int] = []

    def for_trader(self, discord_id: int) -> LevelsSource:
        market = self

        class Levels:
            async def levels(self, underlying: str) -> LevelsSnapshot:
                market.asked.append(discord_id)
                if discord_id not in market.linked:
                    raise NotLinkedError()
                return LevelsSnapshot(underlying, Decimal(discord_id), None, datetime.now(UTC))

        return Levels()


async def test_the_oldest_watcher_reads_and_an_unlinked_one_is_passed_over(database: str) -> None:
    for trader in (11, 12, 13):
        await add_rule(trader, RULE, today=TODAY)
    await add_rule(11, RULE, today=TODAY)
    market = Market(linked={12, 13})

    snapshot = await WatchersLevels(market).levels("SPY")

    assert snapshot.spot == Decimal(12) and market.asked == [11, 12]


async def test_a_paused_rule_does_not_make_a_watcher(database: str) -> None:
    first = await add_rule(11, RULE, today=TODAY)
    await add_rule(12, RULE, today=TODAY)
    await pause_rule(11, first.id)
    market = Market(linked={11, 12})

    snapshot = await WatchersLevels(market).levels("SPY")

    assert snapshot.spot == Decimal(12) and market.asked == [12]


async def test_without_a_linked_watcher_there_are_no_levels(database: str) -> None:
    await add_rule(11, RULE, today=TODAY)
    market = Market(linked={99})

    with pytest.raises(NotLinkedError, match="No trader watching QQQ"):
        await WatchersLevels(market).levels("QQQ")
    with pytest.raises(NotLinkedError, match="No trader watching SPY"):
        await WatchersLevels(market).levels("SPY")
    assert 99 not in market.asked
