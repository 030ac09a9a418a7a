"""Prices, strikes and amounts as traders say them.

Fractions (``½``, ``at 2 1/2``), cents (``60¢``, ``for 85c`` after a complete contract),
dollars per contract (``$240 a contract``), prices and strikes in words (``at one forty``,
``eleven calls``), round prices (``3 flat``, ``a dollar even``), a ceiling said after the order
(``, I'll pay up to ...``), a count before a strategy and its ticker, and prices stated, not
asked (``costs``, ``pinning``, ``afford``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from support.parsing import assert_chatter, assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        ("buy 5 NOK 5c 12/18 at ½", "NOK", "0.50"),
        ("STC 2 CRM 300c 12/18 for ¼", "CRM", "0.25"),
        ("sell 3 CCL 20p 1/15 for ¾", "CCL", "0.75"),
        ("buy 2 NVDA 140c 1/15 at 3 3/4", "NVDA", "3.75"),
        ("buy 2 DAL 55c 1/15 @ 1 1/2", "DAL", "1.50"),
        ("sell 4 F 12c 1/15 for 85c", "F", "0.85"),
        ("sell 3 BAC 45c 12/18, collect 55c", "BAC", "0.55"),
        ("open 2 IWM 230/225 put credit spreads 1/15, take in 70c", "IWM", "0.70"),
        ("buy 3 RIVN 15c 1/15 at 35¢", "RIVN", "0.35"),
        ("buy 1 AVGO 400c 1/15, limit $650 per contract", "AVGO", "6.50"),
        ("BTC 2 AAPL 190p 12/18 for $45 a contract", "AAPL", "0.45"),
        ("buy 1 META 800c 1/15 at $1,240 per contract", "META", "12.40"),
        ("buy 2 MU 120c 1/15 at two sixty", "MU", "2.60"),
        ("STO 1 LLY 850p 1/15 for twelve twenty five", "LLY", "12.25"),
        ("sell 5 PLTR 140c 12/18 at 3 flat", "PLTR", "3"),
        ("buy 2 KO 70c 1/15 for a dollar even", "KO", "1.00"),
        ("sell 2 WMT 95p 1/15 for a dollar flat", "WMT", "1.00"),
        ("buy 1 LLY 900c 1/15, limit 25 even", "LLY", "25"),
    ],
)
def test_prices_as_traders_say_them(parse: Parse, text: str, ticker: str, price: str) -> None:
    parsed = parse(text)
    assert_order(parsed, ticker, price)
    assert len(parsed.legs) in (1, 2)


@pytest.mark.parametrize(
    ("text", "strike"),
    [
        ("BTO 4 AAL 15½ calls 12/18 @ .45", "15.5"),
        ("BTO 3 SNAP twelve calls 12/18 @ .30", "12"),
        ("buy 2 SOFI twenty two calls 12/18 for .80", "22"),
        ("sell 1 AMZN two ten puts 12/18 @ 1.95", "210"),
    ],
)
def test_strikes_as_traders_say_them(parse: Parse, text: str, strike: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order", parsed.to_dict()
    assert [leg.strike for leg in parsed.legs] == [Decimal(strike)]


def test_cents_c_is_a_strike_until_the_contract_is_complete(parse: Parse) -> None:
    # "85c" before any contract is the strike; a new strike traded for another is no price
    parsed = parse("buy 2 F for 85c")
    assert parsed.price is None or parsed.price != Decimal("0.85")
    assert_chatter(parse("swap my F 12c for 13c"))
    assert_chatter(parse("switch the AMD 150c for 160c"))


def test_a_fraction_of_a_position_is_no_price(parse: Parse) -> None:
    parsed = parse("buy 2 NVDA 140c 1/15 @ 3.10, 1/2 size")
    assert_order(parsed, "NVDA", "3.10", quantity=2)


def test_a_ceiling_said_after_the_order(parse: Parse) -> None:
    parsed = parse("buy 2 AMD 180c 1/15, I'll pay up to $310 a contract")
    assert_order(parsed, "AMD", "3.10", side="buy")
    # alone, or after a condition, it stays a plan
    assert_talk(parse("I'll pay up to 3.10 for AMD 180c 1/15"))
    assert_talk(parse("buy 2 AMD 180c 1/15 if it dips, I'll pay up to 3.10"))


def test_a_count_before_a_strategy_and_its_ticker(parse: Parse) -> None:
    parsed = parse("buy 2 straddle AMZN 230 1/15 @ 14.80")
    assert [leg.strike for leg in parsed.legs] == [Decimal(230), Decimal(230)]
    assert {leg.quantity for leg in parsed.legs} == {2}
    condors = parse("sell 3 iron condors on RUT 2300/2325/2500/2525 1/15 @ 5.10")
    assert {leg.quantity for leg in condors.legs} == {3}
    assert len(condors.legs) == 4


@pytest.mark.parametrize(
    "text",
    [
        "wild that one AVGO 400c costs $650 per contract, rent money",
        "HD 400c keeps pinning 3 flat all afternoon",
        "the TSLA 300c 1/15 prices that at 8.40, too rich",
        "I can only afford 1 of the NFLX 1200c 1/15 at 9.80, sad",
        "the NVDA 150c are $240 a contract now, way too rich",
        "got filled at 45 cents on the SOFI 25c, not bad",
        "GE 250c at 2 1/2 yesterday",
        "I sold my F 12c for 85c last week",
        "AMD 150c at one forty looks juicy",
    ],
)
def test_prices_stated_stay_chatter(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))
