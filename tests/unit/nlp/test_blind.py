"""The blind splits (tests/data/corpus/blind/): accuracy floors and no chatter read as an order.

The floors are what the parser reached when they were set, rounded down to the percent; raise
them when the parser improves, never lower them to make a change pass. ``test`` is scored only:
it is never read to tune the parser.
"""

from __future__ import annotations

import pytest
from support.blind import BLIND_SPLITS, SplitScore, score_split

# Set after the sixth batch (b6-, all 240 lines in test, scored once) and the chatter guard:
# dev 639/639; test 909/947 = 95.99% with 11 chatter lines read as orders (the 707 older test
# lines: 689/707 and 8, from 684/707 and 13 before the guard; b6: 220/240 and 3).
# b7 (299 lines) joined dev afterwards: before anything learned from it, dev 913/938 (b7 alone
# 274/299, 10 chatter lines read as orders).
ACCURACY_FLOOR = {"dev": 0.97, "test": 0.95}
# dev reached zero; test still reads 11 chatter lines as orders (measured, not looked at).
CHATTER_AS_ORDER_CEILING = {"dev": 10, "test": 11}
MIN_LINES = {"dev": 938, "test": 947}


@pytest.fixture(scope="module", params=BLIND_SPLITS)
def scored(request: pytest.FixtureRequest) -> tuple[str, SplitScore]:
    split: str = request.param
    return split, score_split(split)


def test_split_is_present(scored: tuple[str, SplitScore]) -> None:
    split, score = scored
    assert score.lines >= MIN_LINES[split]


def test_accuracy_stays_above_the_floor(scored: tuple[str, SplitScore]) -> None:
    split, score = scored
    assert score.accuracy >= ACCURACY_FLOOR[split], (
        f"{split}: {score.correct}/{score.lines} = {score.accuracy:.4f}"
    )


def test_chatter_is_not_read_as_an_order(scored: tuple[str, SplitScore]) -> None:
    split, score = scored
    assert score.chatter_as_order <= CHATTER_AS_ORDER_CEILING[split]
