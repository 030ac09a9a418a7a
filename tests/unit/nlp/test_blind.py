"""The blind splits (tests/data/corpus/blind/): accuracy floors and no chatter read as an order.

The floors are what the parser reached when they were set, rounded down to the percent; raise
them when the parser improves, never lower them to make a change pass. ``test`` is scored only:
it is never read to tune the parser.
"""

from __future__ import annotations

import pytest
from support.blind import BLIND_SPLITS, SplitScore, score_split

# Set after the eleventh batch (b11-, 199 lines of chatter that holds a complete order string
# and orders with chatter-like lead-ins, in dev) was learned from: dev 1959/1977 with 4 chatter
# lines read as orders (b11 154/200 with 24 before any change; 184/199 with 4 after); test
# 920/947 = 97.15% with 8 chatter lines read as orders, scored once after (unchanged by b11).
# Earlier: the tenth batch (b10-) moved test from 918 to 920 and from 10 chatter lines to 8;
# the eighth and ninth (b8-, b9-) from 910 to 918; the seventh (b7-) from 909 to 910; the
# sixth (b6-, all 240 lines in test, written after the chatter guard) scored 220/240 and 3 the
# one time it was scored.
ACCURACY_FLOOR = {"dev": 0.99, "test": 0.97}
# measured, not looked at on test; on dev the 4 left are memes, sarcasm and a tutorial
CHATTER_AS_ORDER_CEILING = {"dev": 4, "test": 8}
MIN_LINES = {"dev": 1977, "test": 947}


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
