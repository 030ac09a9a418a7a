"""Multi-leg strategies: verticals, iron condors and flies, straddles, strangles, calendars."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


def _legs(parsed: ParsedOrder) -> set[tuple[str, str | None, int, int]]:
    return {
        (leg.side, leg.type, int(leg.strike) if leg.strike is not None else -1, leg.quantity)
        for leg in parsed.legs
    }


@pytest.mark.parametrize(
    ("text", "bought", "sold", "effect"),
    [
        ("buy 1 SPY 600/610 bull call spread 12/18 @ 3", 600, 610, "debit"),
        ("SPY bear call spread 610/600 12/18 @ 1", 610, 600, "credit"),
        ("SPY bull put spread 580/570 12/18 @ 1", 570, 580, "credit"),
        ("SPY bear put spread 570/580 12/18 @ 3", 580, 570, "debit"),
        ("SPY PCS 580/575 12/18 @ .55", 575, 580, "credit"),
        ("SPY CCS 620/625 12/18 @ .55", 625, 620, "credit"),
        ("SPY call debit spread 600/610 12/18 @ 3", 600, 610, "debit"),
        ("sell 1 SPY 560/550 put spread 12/18 @ 1.45", 550, 560, "credit"),
        ("SPY 600/610 call vertical 12/18 @ 3", 600, 610, "debit"),
    ],
)
def test_verticals(parse: Parse, text: str, bought: int, sold: int, effect: str) -> None:
    parsed = parse(text)
    assert parsed.strategy == "vertical"
    sides = {side: strike for side, _, strike, _ in _legs(parsed)}
    assert sides == {"buy": bought, "sell": sold}
    assert len({leg.type for leg in parsed.legs}) == 1
    assert parsed.price_effect == effect


def test_slash_pair_without_strategy_word_is_a_vertical(parse: Parse) -> None:
    parsed = parse("buy 5 SPY 600/610 calls 12/18 @ 1.5")
    assert parsed.strategy == "vertical"
    assert _legs(parsed) == {("buy", "call", 600, 5), ("sell", "call", 610, 5)}


def test_iron_condor_from_four_strikes(parse: Parse) -> None:
    parsed = parse("sell 2 SPX iron condor 5790/5800/6300/6310 12/18 for 3.40 credit")
    assert parsed.strategy == "iron_condor"
    assert _legs(parsed) == {
        ("buy", "put", 5790, 2),
        ("sell", "put", 5800, 2),
        ("sell", "call", 6300, 2),
        ("buy", "call", 6310, 2),
    }


def test_iron_condor_from_typed_pairs(parse: Parse) -> None:
    parsed = parse("iron condor QQQ 480/470 put 560/570 call 12/18 1.90 credit x4")
    assert _legs(parsed) == {
        ("sell", "put", 480, 4),
        ("buy", "put", 470, 4),
        ("sell", "call", 560, 4),
        ("buy", "call", 570, 4),
    }


def test_bought_iron_condor_is_long(parse: Parse) -> None:
    parsed = parse("buy SPX iron condor 5790/5800/6300/6310 12/18 @ 6")
    assert parsed.price_effect == "debit"
    assert ("sell", "put", 5790, 1) in _legs(parsed)


def test_iron_fly_from_three_strikes(parse: Parse) -> None:
    parsed = parse("sell 2 IWM iron fly 195/200/205 12/18 for 3.10")
    assert parsed.strategy == "iron_fly"
    assert _legs(parsed) == {
        ("buy", "put", 195, 2),
        ("sell", "put", 200, 2),
        ("sell", "call", 200, 2),
        ("buy", "call", 205, 2),
    }


def test_straddle(parse: Parse) -> None:
    parsed = parse("sell 1 AMZN 210 straddle 12/18 for 15.30 credit")
    assert parsed.strategy == "straddle"
    assert _legs(parsed) == {("sell", "call", 210, 1), ("sell", "put", 210, 1)}


def test_strangle_from_slash_puts_the_lower_strike(parse: Parse) -> None:
    parsed = parse("sell 2 TSLA 300/400 strangles exp 1/15 at 25.50 credit")
    assert _legs(parsed) == {("sell", "put", 300, 2), ("sell", "call", 400, 2)}


def test_strangle_from_typed_strikes_without_strategy_word(parse: Parse) -> None:
    parsed = parse("buy NFLX 85 put 95 call next month for 4.10")
    assert parsed.strategy == "strangle"
    assert _legs(parsed) == {("buy", "put", 85, 1), ("buy", "call", 95, 1)}


def test_butterfly_body_has_twice_the_quantity(parse: Parse) -> None:
    parsed = parse("buy 3 SPY 590/600/610 call butterfly 12/18 @ 1.20")
    assert parsed.strategy == "butterfly"
    assert _legs(parsed) == {
        ("buy", "call", 590, 3),
        ("sell", "call", 600, 6),
        ("buy", "call", 610, 3),
    }


def test_calendar_sells_the_near_and_buys_the_far_expiration(parse: Parse) -> None:
    parsed = parse("buy SPY 600 call calendar 12/18 1/15 for 2.00")
    assert parsed.strategy == "calendar"
    by_side = {leg.side: leg.expiration for leg in parsed.legs}
    assert by_side == {"sell": date(2026, 12, 18), "buy": date(2027, 1, 15)}
    assert parsed.price_effect == "debit"


def test_spread_legs_share_the_effect(parse: Parse) -> None:
    parsed = parse("sell to open 1 SPY 560/550 put spread 12/18 for 1.45")
    assert {leg.effect for leg in parsed.legs} == {"open"}


def test_incomplete_vertical_reports_missing_strikes(parse: Parse) -> None:
    parsed = parse("buy SPY call spread 12/18 @ 2")
    assert parsed.missing == ("strike",)
    assert parsed.price == Decimal(2)


def test_bare_numbers_fill_the_strikes_a_strategy_needs(parse: Parse) -> None:
    parsed = parse("SPX 5800 5790 6300 6310 iron condor 12/18 @ 3")
    assert {int(leg.strike or 0) for leg in parsed.legs} == {5790, 5800, 6300, 6310}
    assert parsed.price == Decimal(3)


def test_second_vertical_strike_after_the_strategy_word(parse: Parse) -> None:
    parsed = parse("buy SPY 12/18 600 put spread 590 @ 3")
    assert _legs(parsed) == {("buy", "put", 600, 1), ("sell", "put", 590, 1)}
    assert parsed.price == Decimal(3)


@pytest.mark.parametrize(
    ("text", "legs", "price_effect"),
    [
        (
            "BTC 2 IWM 200/195 PCS 12/18 @ .35",
            {("buy", "put", 200, 2), ("sell", "put", 195, 2)},
            "debit",
        ),
        (
            "buy back my IWM 200/195 put credit spread 12/18 @ .35",
            {("buy", "put", 200, 1), ("sell", "put", 195, 1)},
            "debit",
        ),
        (
            "STC 2 SPY 600/610 call debit spread 12/18 @ 6.00",
            {("sell", "call", 600, 2), ("buy", "call", 610, 2)},
            "credit",
        ),
        (
            "close my SPX iron condor 5790/5800/6300/6310 12/18 for 1.05",
            {
                ("sell", "put", 5790, 1),
                ("buy", "put", 5800, 1),
                ("buy", "call", 6300, 1),
                ("sell", "call", 6310, 1),
            },
            "debit",
        ),
    ],
)
def test_closing_a_structure_inverts_its_legs(
    parse: Parse, text: str, legs: set[tuple[str, str, int, int]], price_effect: str
) -> None:
    parsed = parse(text)
    assert (_legs(parsed), parsed.price_effect) == (legs, price_effect)


def test_ic_is_an_iron_condor(parse: Parse) -> None:
    parsed = parse("STO 2 RUT IC 11/20 2300/2310 puts 2600/2610 calls @ 2.40")
    assert _legs(parsed) == {
        ("buy", "put", 2300, 2),
        ("sell", "put", 2310, 2),
        ("sell", "call", 2600, 2),
        ("buy", "call", 2610, 2),
    }
