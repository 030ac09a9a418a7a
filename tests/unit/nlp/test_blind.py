"""The blind splits (tests/data/corpus/blind/): accuracy floors and no chatter read as an order.

The floors are what the parser reached when they were set, rounded down to the percent; raise
them when the parser improves, never lower them to make a change pass. ``test`` is scored only:
it is never read to tune the parser.
"""

from __future__ import annotations

import pytest
from support.blind import BLIND_SPLITS, SplitScore, score_split

# Set after the twelfth batch (b12-, 300 lines, half to each split) was added: the test
# floor went down because the split grew by 150 lines nobody had tuned on (scored 129/150
# with 3 chatter lines read as orders), not because the parser got worse: its 947 earlier
# lines score 920 as before. dev 2108/2127 with 5 chatter lines read as orders; test
# 1049/1097 = 95.62% with 11, scored once. Earlier: after the eleventh batch (b11-), dev
# 1959/1977 and test 920/947 with 8; the tenth (b10-) moved test from 918 to 920 and from 10
# chatter lines to 8; the eighth and ninth (b8-, b9-) from 910 to 918; the seventh (b7-) from
# 909 to 910; the sixth (b6-, all 240 lines in test, written after the chatter guard) scored
# 220/240 and 3 the one time it was scored.
ACCURACY_FLOOR = {"dev": 0.99, "test": 0.95}
# measured, not looked at on test; on dev the 5 left are memes, sarcasm and b12's
CHATTER_AS_ORDER_CEILING = {"dev": 5, "test": 11}
MIN_LINES = {"dev": 2127, "test": 1097}


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
