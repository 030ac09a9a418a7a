"""Round 47 (session of 2026-12-07): a heading that says the order under it is not to be sent
("not sending this one:", "dont send yet -") makes the message no order; a heading that turns
down a trade of its own does not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from nlp import ParsedOrder
from nlp._parser import UNSENT_NOTE

Parse = Callable[..., ParsedOrder]
MON = date(2042, 9, 8)


@pytest.mark.parametrize(
    "text",
    [
        "not sending this one:\nBTO 2 SPY 600c 9/19 @ 2.15",
        "not placing this yet -\nSTO 1 IWM 230/225 PCS 9/19 @ .85",
        "draft, not sending yet:\nBTO 2 SPY 600c 9/19 @ 2.15",
        "dont send:\nsell 100 F @ 12.40",
        "sheet row I'm not sending, just logging it:\nSTC 2 GOOGL 190c 9/19 @ 9.00",
    ],
)
def test_a_heading_that_keeps_the_order_unsent_makes_it_no_order(text: str, parse: Parse) -> None:
    parsed = parse(text, on=MON)
    assert parsed.kind == "none"
    assert UNSENT_NOTE in parsed.notes


@pytest.mark.parametrize(
    "text",
    [
        "F 13.38, not taking 500 F at 13.50:\nBuy to Close 5 F 9/19 13.50 P, Limit $0.14, Day",
        "not doing the 600c, instead:\nBTO 2 SPY 605c 9/19 @ 2.15",
        "BTO 2 SPY 600c 9/19 @ 2.15\nnot sending the other one",
    ],
)
def test_a_heading_about_another_trade_keeps_the_order(text: str, parse: Parse) -> None:
    assert parse(text, on=MON).kind == "order"
