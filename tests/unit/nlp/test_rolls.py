"""A roll written as one sentence: read when it names the position rolled (short or long) and
says where it goes (a new expiration, a new strike, or both); refused otherwise, and never read
when it is talked about."""

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


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        (
            "roll my short 5 QQQ 580p 12/4 down to 570p 12/18 for .20 credit",
            ("buy", Decimal("580"), date(2026, 12, 4)),
            ("sell", Decimal("570"), date(2026, 12, 18)),
        ),
        (
            "roll my long 3 TSLA 380 calls up to the 420s, same expiry 12/18, for a 9.20 credit",
            ("sell", Decimal("380"), date(2026, 12, 18)),
            ("buy", Decimal("420"), date(2026, 12, 18)),
        ),
        (
            "roll down and out my 2 short NVDA 190 puts 12/18 to the 180 puts 1/15 for .60 cr",
            ("buy", Decimal("190"), date(2026, 12, 18)),
            ("sell", Decimal("180"), date(2027, 1, 15)),
        ),
        (
            "roll my short SPY 660p 12/18 -> 1/15 650p for .40 cr",
            ("buy", Decimal("660"), date(2026, 12, 18)),
            ("sell", Decimal("650"), date(2027, 1, 15)),
        ),
    ],
)
def test_a_roll_to_a_new_strike_closes_the_old_contract_and_opens_the_new(
    parse: Parse, text: str, old: tuple[str, Decimal, date], new: tuple[str, Decimal, date]
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    legs = {(leg.side, leg.strike, leg.expiration) for leg in parsed.legs}
    assert legs == {old, new}
    assert len({leg.quantity for leg in parsed.legs}) == 1
    assert parsed.price_effect in ("credit", "debit")


@pytest.mark.parametrize(
    "text",
    [
        "rolled my short 2 SPY 600c 12/4 down to 590c 12/11 for .40 credit",
        "should I roll my short 2 SPY 600c 12/4 down to the 590 calls 12/11?",
        "he's rolling his short 2 SPY 600c up to 610c 12/11",
        "roll the KO 65p 12/18 to 62.5p 1/15",  # short or long is not said
    ],
)
def test_a_roll_to_a_new_strike_talked_about_is_not_read(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_roll_counts_the_contracts_named(parse: Parse) -> None:
    parsed = parse("roll my 5 short SPY 640 puts 0dte out to next week at .45 credit")
    assert parsed.kind == "order"
    assert {leg.quantity for leg in parsed.legs} == {5}


def test_a_roll_asked_for_politely_is_read(parse: Parse) -> None:
    parsed = parse("I would like to roll my short 2 KO 70 calls from 12/18 to 1/15/27 for .30 cr")
    assert parsed.kind == "order"
    assert {(leg.side, leg.expiration) for leg in parsed.legs} == {
        ("buy", date(2026, 12, 18)),
        ("sell", date(2027, 1, 15)),
    }
    assert parse("next week I want to roll my short 2 KO 70c 12/18 to 1/15/27").kind == "none"
