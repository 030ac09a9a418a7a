"""The blind splits (tests/data/corpus/blind/): accuracy floors and no chatter read as an order.

The floors are what the parser reached when they were set, rounded down to the percent; raise
them when the parser improves, never lower them to make a change pass. ``test`` is scored only:
it is never read to tune the parser.
"""

from __future__ import annotations

import pytest
from support.blind import BLIND_SPLITS, SplitScore, score_split

# Set when the eighteenth batch (b18-: the line between an instruction and everything else
# that carries an order string, 179 lines, half to each split) was added, after the dev halves
# of b16 and b17 were learned from: dev 2595/2615 with 1 chatter line read as an order (b18's
# dev half, 81/89 when added); test 1713/1827 = 93.76% with 39, scored only. The test floor went
# down from 0.94 and the ceiling up from 34 because b18's 90 test lines (78/90 with 6, written
# after the round before and scored fresh) were added, not because the parser got worse: per
# part, test's 1537 lines from before b16 score 1464 with 25 (1458 with 26 at the start of the
# day), b16's half 77/100 with 7 (78 with 7 when added), b17's half 94/100 with 1 (93 with 1).
# Earlier: b15's test half scored 66/80 with 6; the 947 lines from before b12 920 with 8,
# b12's half 133/150 with 3, b13 240/240, b14's half 99/120 with 9; the sixth batch (b6-, all
# 240 lines in test, written after the chatter guard) 220/240 with 3 the one time it was scored.
ACCURACY_FLOOR = {"dev": 0.99, "test": 0.93}
# measured, not looked at on test
CHATTER_AS_ORDER_CEILING = {"dev": 1, "test": 39}
MIN_LINES = {"dev": 2615, "test": 1827}


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
