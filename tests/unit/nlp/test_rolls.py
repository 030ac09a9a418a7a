"""A roll written as one sentence: read when it names the position rolled (short or long) and
keeps the strike; refused otherwise, and never read when it is talked about."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


def test_rolling_a_short_buys_it_back_and_sells_further_out(parse: Parse) -> None:
    parsed = parse("roll my short 3 IWM 230p 12/4 out to 12/18, same strike, .45 credit")
    assert parsed.kind == "order"
    legs = {leg.expiration: leg for leg in parsed.legs}
    near, far = legs[date(2026, 12, 4)], legs[date(2026, 12, 18)]
    assert (near.side, far.side) == ("buy", "sell")
    assert near.strike == far.strike == Decimal("230")
    assert near.type == far.type == "put"
    assert near.quantity == far.quantity == 3
    assert (parsed.price, parsed.price_effect) == (Decimal("0.45"), "credit")


def test_rolling_a_long_sells_it_and_buys_further_out(parse: Parse) -> None:
    parsed = parse("ok roll the long 2 AAPL 250c 12/4 to 1/15 for 1.10 debit")
    assert parsed.kind == "order"
    sides = {leg.expiration: leg.side for leg in parsed.legs}
    assert sides == {date(2026, 12, 4): "sell", date(2027, 1, 15): "buy"}
    assert parsed.price_effect == "debit"


@pytest.mark.parametrize(
    "text",
    [
        "roll the KO 65p 12/18 to 1/15",  # short or long is not said
        "roll my short 5 QQQ 580p 12/4 down to 570p 12/18 for .20 credit",  # a new strike
        "rolled my short 2 SPY 600c 12/4 to 12/11 for .40 credit",
        "he's rolling his short 2 SPY 600c 12/4 to 12/11",
        "not rolling my short 2 SPY 600c 12/4 to 12/11",
        "should I roll my short 2 SPY 600c 12/4 to 12/11",
        "if SPY dumps I'll roll my short 2 SPY 600c 12/4 to 12/11",
    ],
)
def test_other_rolls_and_rolls_talked_about_are_not_read(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_calendar_keeps_the_type_of_its_strike(parse: Parse) -> None:
    parsed = parse("sell 5 QQQ 580p calendar 12/4 12/18 for .65 credit")
    assert {leg.type for leg in parsed.legs} == {"put"}
    assert parsed.missing == ()
