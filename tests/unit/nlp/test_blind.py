"""The blind splits (tests/data/corpus/blind/): accuracy floors and no chatter read as an order.

The floors are what the parser reached when they were set, rounded down to the percent; raise
them when the parser improves, never lower them to make a change pass. ``test`` is scored only:
it is never read to tune the parser.
"""

from __future__ import annotations

import pytest
from support.blind import BLIND_SPLITS, SplitScore, score_split

# Set after the thirteenth batch (b13-, 240 lines of a typical day on a trading server, all in
# test, scored 240/240 the one time it was scored) was added and the twelfth (b12-, 300 lines,
# half to each split) learned from: dev 2124/2127 with 1 chatter line read as an order; test
# 1291/1337 = 96.56% with 11, scored once. The test floor went down from 0.97 when b12's 150
# test lines (129/150 with 3 chatter lines as orders; 131 after dev's half was learned from)
# were added, not because the parser got worse: its 947 earlier lines still score 920 with 8.
# Earlier: after the eleventh batch
# (b11-), dev 1959/1977 and test 920/947 with 8; the tenth (b10-) moved test from 918 to 920
# and from 10 chatter lines to 8; the eighth and ninth (b8-, b9-) from 910 to 918; the seventh
# (b7-) from 909 to 910; the sixth (b6-, all 240 lines in test, written after the chatter
# guard) scored 220/240 and 3 the one time it was scored.
ACCURACY_FLOOR = {"dev": 0.99, "test": 0.96}
# measured, not looked at on test; on dev the 1 left is a personified heading ("my last brain
# cell at the open: BTO ...")
CHATTER_AS_ORDER_CEILING = {"dev": 1, "test": 11}
MIN_LINES = {"dev": 2127, "test": 1337}


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
