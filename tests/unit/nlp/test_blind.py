"""The blind splits (tests/data/corpus/blind/): accuracy floors and no chatter read as an order.

The floors are what the parser reached when they were set, rounded down to the percent; raise
them when the parser improves, never lower them to make a change pass. ``test`` is scored only:
it is never read to tune the parser.
"""

from __future__ import annotations

import pytest
from support.blind import BLIND_SPLITS, SplitScore, score_split

# Set when the sixteenth and seventeenth batches were added (b16-: orders among talk and talk
# that holds an order string; b17-: orders whose fields are hard to read; half of each to each
# split), before their dev halves were learned from: dev 2503/2526 with 7 chatter lines read as
# orders (all from b16's dev half); test 1634/1737 = 94.07% with 34, scored once. The test
# ceiling went up from 26 because b16's 100 test lines (78/100 with 7, written after the last
# round and scored fresh) and b17's 100 (93/100 with 1) were added, not because the parser got
# worse: the 1537 test lines from before score 1463 with 26 (1458 with 26 before the last
# round). Earlier: the fifteenth batch (b15-) scored 66/80 with 6 on its test half; the 947
# lines from before b12 score 920 with 8, b12's half 133/150 with 3, b13 240/240, b14's half
# 99/120 with 9; the sixth (b6-, all 240 lines in test, written after the chatter guard) scored
# 220/240 and 3 the one time it was scored.
ACCURACY_FLOOR = {"dev": 0.99, "test": 0.94}
# measured, not looked at on test
CHATTER_AS_ORDER_CEILING = {"dev": 7, "test": 34}
MIN_LINES = {"dev": 2526, "test": 1737}


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
