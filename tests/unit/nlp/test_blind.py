"""The blind splits (tests/data/corpus/blind/): accuracy floors and no chatter read as an order.

The floors are what the parser reached when they were set, rounded down to the percent; raise
them when the parser improves, never lower them to make a change pass. ``test`` is scored only:
it is never read to tune the parser.
"""

from __future__ import annotations

import pytest
from support.blind import BLIND_SPLITS, SplitScore, score_split

# Set after the fifteenth batch (b15-, 160 lines of chatter that holds an order string and
# orders with chatter around them, half to each split) was added and its dev half learned from:
# dev 2312/2327 with 1 chatter line read as an order (b15's dev half 67/80 with 3 when added,
# 72/80 with 0 after); test 1458/1537 = 94.86% with 26, scored once. The test floor went down
# from 0.95 because b15's 80 test lines (66/80 with 6 chatter lines as orders, unchanged after
# dev's half was learned from) were added, not because the parser got worse: per batch, test's
# 947 lines from before b12 still score 920 with 8, b12's half 133/150 with 3, b13 240/240,
# b14's half 99/120 with 9. Earlier: the fourteenth batch (b14-) moved its test half from 96 to
# 99 and from 11 chatter lines to 9; the thirteenth (b13-, a typical day, all 240 lines in test)
# scored 240/240 the one time it was scored; the twelfth (b12-) moved its test half from 129 to
# 133; after the eleventh (b11-), dev 1959/1977 and test 920/947 with 8; the tenth (b10-) moved
# test from 918 to 920 and from 10 chatter lines to 8; the eighth and ninth (b8-, b9-) from 910
# to 918; the seventh (b7-) from 909 to 910; the sixth (b6-, all 240 lines in test, written
# after the chatter guard) scored 220/240 and 3 the one time it was scored.
ACCURACY_FLOOR = {"dev": 0.99, "test": 0.94}
# measured, not looked at on test; on dev the 1 left is a personified heading ("my last brain
# cell at the open: BTO ...")
CHATTER_AS_ORDER_CEILING = {"dev": 1, "test": 26}
MIN_LINES = {"dev": 2327, "test": 1537}


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
