"""The blind splits (tests/data/corpus/blind/): accuracy floors and no chatter read as an order.

The floors are what the parser reached when they were set, rounded down to the percent; raise
them when the parser improves, never lower them to make a change pass. ``test`` is scored only:
it is never read to tune the parser.
"""

from __future__ import annotations

import pytest
from support.blind import BLIND_SPLITS, SplitScore, score_split

# Set after the fifth batch (b5-): dev 639/639; test 684/707 = 96.75%, scored once, never read
# (the fourth batch had left test at 542/557 = 97.3%; b5's test half scored 142/150 both before
# and after the parser learned from b5's dev half).
ACCURACY_FLOOR = {"dev": 1.00, "test": 0.96}
# dev reached zero; test still reads 13 chatter lines as orders (measured, not looked at).
CHATTER_AS_ORDER_CEILING = {"dev": 0, "test": 13}
MIN_LINES = {"dev": 639, "test": 707}


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
