"""Broker ticket spellings: short option symbols, dashed and E*TRADE actions, thousands of
shares, spoken fractions, abbreviated credit/debit and key-value alerts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    ["BUY 3 .NVDA270115C210 @ 9.80", "Buy 3 -NVDA270115C210 Limit 9.80", "buy 3 NVDA270115C210"],
)
def test_short_option_symbols(parse: Parse, text: str) -> None:
    leg = parse(text).legs[0]
    assert (leg.type, leg.strike, leg.expiration) == ("call", Decimal(210), date(2027, 1, 15))
    assert leg.quantity == 3


def test_a_short_symbol_with_a_decimal_strike(parse: Parse) -> None:
    leg = parse("STO 1 .F261218P12.5 @ .30").legs[0]
    assert (leg.type, leg.strike) == ("put", Decimal("12.5"))


@pytest.mark.parametrize(
    ("text", "side", "effect"),
    [
        ("buy-to-close 2 HOOD 120p 12/18 @ 1.10", "buy", "close"),
        ("Sell-To-Open 1 AAPL 240p 1/16 @ 3.05", "sell", "open"),
        ("Sell Close 4 WFC 80c Jan 15 '27 $2.60 Limit", "sell", "close"),
    ],
)
def test_action_spellings_keep_the_effect(parse: Parse, text: str, side: str, effect: str) -> None:
    leg = parse(text).legs[0]
    assert (leg.side, leg.effect) == (side, effect)


@pytest.mark.parametrize(
    ("text", "count"), [("buy 2k sh PFE @ 25.10", 2000), ("sell 1.5k shares of BAC", 1500)]
)
def test_thousands_of_shares(parse: Parse, text: str, count: int) -> None:
    assert parse(text).legs[0].quantity == count


def test_a_k_amount_that_is_not_a_count_stays_unread(parse: Parse) -> None:
    assert parse("buy 2 PFE 27c 1/16 @ .55, 2k max risk").legs[0].quantity == 2


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("sell 2 GM 55c 12/18 for three and a half", "3.50"),
        ("buy 1 GM 50c 12/18 @ 1 and a quarter", "1.25"),
    ],
)
def test_spoken_fractions_after_a_price_word(parse: Parse, text: str, price: str) -> None:
    assert parse(text).price == Decimal(price)


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("BTO 1 IWM 240/250 call spread 12/18 @ 3.10 cr", "credit"),
        ("STO 1 IWM 220/215 PCS 12/18 @ 1.05 db", "debit"),
    ],
)
def test_abbreviated_credit_and_debit(parse: Parse, text: str, effect: str) -> None:
    assert parse(text).price_effect == effect


def test_a_key_value_alert(parse: Parse) -> None:
    parsed = parse(
        "📈 New swing\nTicker: ABNB\nStrike: 150C\nExp: 1/15/27\nEntry: 8.25\nQty: 3\nStop: 5.00"
    )
    leg = parsed.legs[0]
    assert (leg.quantity, leg.strike, leg.type) == (3, Decimal(150), "call")
    assert parsed.price == Decimal("8.25")


def test_a_strike_key_is_filled_by_the_typed_strike_after_it(parse: Parse) -> None:
    parsed = parse("Ticker: DASH\nStrike: 250P\nExp: 12/18\nPrice: 6.10")
    assert parsed.legs[0].strike == Decimal(250) and parsed.price == Decimal("6.10")


@pytest.mark.parametrize(
    "text",
    [
        "BTO 1 MA 20270115 600C @ 14.20",
        "BTO 1 MA 1/15/27 C600 @ 14.20",
        "BTO 1 O:MA270115C00600000 @ 14.20",
    ],
)
def test_compact_dates_type_first_strikes_and_prefixed_symbols(parse: Parse, text: str) -> None:
    leg = parse(text).legs[0]
    assert (leg.type, leg.strike, leg.expiration) == ("call", Decimal(600), date(2027, 1, 15))


@pytest.mark.parametrize("text", ["BTO 1 ^NDX 21000c 12/18 @ 40", "BTO 1 $NDX.X 21000c 12/18 @ 40"])
def test_index_spellings(parse: Parse, text: str) -> None:
    assert parse(text).underlying == "NDX"


def test_gtc_with_extended_hours_is_gtc(parse: Parse) -> None:
    assert parse("buy 2 V 350c 1/16 @ 6.60 GTC+EXT").tif == "gtc"


def test_a_premium_key_gives_the_price(parse: Parse) -> None:
    parsed = parse("Option: V 350C 1/16\nSide: Buy\nPremium: 6.60\nQty: 2")
    assert (parsed.price, parsed.legs[0].quantity) == (Decimal("6.60"), 2)


def test_a_total_cost_is_not_taken_as_the_price(parse: Parse) -> None:
    parsed = parse("buy 3 V 350c 1/16 for $1,980 total")
    assert parsed.kind == "none"
    assert any("total cost" in note for note in parsed.notes)
