"""The blind splits (tests/data/corpus/blind/): accuracy floors and no chatter read as an order.

The floors are what the parser reached when they were set, rounded down to the percent; raise
them when the parser improves, never lower them to make a change pass. ``test`` is scored only:
it is never read to tune the parser.
"""

from __future__ import annotations

import pytest
from support.blind import BLIND_SPLITS, SplitScore, score_split

# Set after the seventh batch (b7-, 299 lines in dev) was learned from: dev 938/938 (b7 alone
# 274/299 and 10 chatter lines read as orders before, 299/299 and 0 after); test 910/947 =
# 96.09% with 10 chatter lines read as orders, scored once after (909/947 and 11 before: what
# b7 taught moved the test split by one line). The sixth batch (b6-, all 240 lines in test,
# written after the chatter guard) scored 220/240 and 3 the one time it was scored.
ACCURACY_FLOOR = {"dev": 1.00, "test": 0.96}
# dev reached zero; test still reads 10 chatter lines as orders (measured, not looked at).
CHATTER_AS_ORDER_CEILING = {"dev": 0, "test": 10}
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
