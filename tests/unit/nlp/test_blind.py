"""The blind splits (tests/data/corpus/blind/): accuracy floors and no chatter read as an order.

The floors are what the parser reached when they were set, rounded down to the percent; raise
them when the parser improves, never lower them to make a change pass. ``test`` is scored only:
it is never read to tune the parser.
"""

from __future__ import annotations

import pytest
from support.blind import BLIND_SPLITS, SplitScore, score_split

# Set after the tenth batch (b10-, 240 lines of hard chatter and orders in dev) was learned
# from: dev 1775/1778 (b10 217/240 with 10 chatter lines read as orders before; 240/240 and
# none after); test 920/947 = 97.15% with 8 chatter lines read as orders, scored once after.
# Earlier: the eighth and ninth batches (b8-, b9-: 600 lines in dev; 248/300 and 283/300 when
# first scored) moved test from 910 to 918 and left 10 chatter lines read as orders; the
# seventh (b7-) moved it from 909 to 910; the sixth (b6-, all 240 lines in test, written after
# the chatter guard) scored 220/240 and 3 the one time it was scored.
ACCURACY_FLOOR = {"dev": 0.99, "test": 0.97}
# dev reached zero; test still reads 8 chatter lines as orders (measured, not looked at).
CHATTER_AS_ORDER_CEILING = {"dev": 0, "test": 8}
MIN_LINES = {"dev": 1778, "test": 947}


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
