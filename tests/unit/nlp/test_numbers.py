"""Bare numbers and slashes: quantity vs strike vs price vs percent, date vs strikes vs size."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("BTO 10 TSLA 282.5C 07/14 @ 0.96", 10),
        ("selling 2x IWM 210.5C", 2),
        ("buy SPY 605c 12/18 x5 @ 2.10", 5),
        ("buy SPY 605c 12/18 @ 1.85x10", 10),
        ("bear put spread QQQ 500/490 exp 1/15/27 debit 3.75, 3 contracts", 3),
        ("sell all 40 shares of AMD at 165", 40),
        ("close my 5 TSLA 250 puts dec 18 at 3.40", 5),
        ("MU calls $850 $3.45 tomorrow expiry added only 3", 3),
        ("buy SPY 600c 12/18 @ 2", 1),
    ],
)
def test_quantity(parse: Parse, text: str, quantity: int) -> None:
    assert {leg.quantity for leg in parse(text).legs} == {quantity}


def test_price_times_quantity_notation(parse: Parse) -> None:
    parsed = parse("buy SPY 605c 12/18 @ 1.85x10")
    assert parsed.price == Decimal("1.85")


def test_number_after_ticker_is_a_price_for_stock(parse: Parse) -> None:
    parsed = parse("BTC REPL 35.46")
    assert parsed.legs[0].type == "equity"
    assert parsed.price == Decimal("35.46")


def test_number_after_ticker_is_a_strike_when_options_are_implied(parse: Parse) -> None:
    parsed = parse("buy 5 NVDA 145 12/18 at 3.00")
    assert parsed.legs[0].strike == Decimal(145)
    assert parsed.price == Decimal("3.00")
    assert parsed.missing == ("type",)


def test_first_dollar_amount_after_type_word_is_the_strike(parse: Parse) -> None:
    parsed = parse("TSLA calls $445 $2 today expiry")
    assert parsed.legs[0].strike == Decimal(445)
    assert parsed.price == Decimal(2)


def test_bare_number_after_strike_is_the_price(parse: Parse) -> None:
    assert parse("$MDB 422.5c 2.20 1/9").price == Decimal("2.20")


@pytest.mark.parametrize(
    "text",
    [
        "BTO 1 AAPL 190C 07/21 @ 3 PT: 85%TS10% SL: 50%",
        "BTO DPW @3 PT1: 3.72 PT2: 4.39 SL: 3.01",
        "BTO ORGO @3 (Good guidance) stoploss under 4.50",
        "STO PTON @ 3 avg $126.48",
        "trim XOM feb 135c $3 from $2",
    ],
)
def test_targets_stops_and_averages_are_not_the_price(parse: Parse, text: str) -> None:
    assert parse(text).price == Decimal(3)


def test_stop_alone_leaves_a_market_order(parse: Parse) -> None:
    parsed = parse("BTO HTZ SL 2.00")
    assert parsed.order_type == "market"
    assert parsed.price is None


def test_percent_is_never_a_price(parse: Parse) -> None:
    parsed = parse("BTO HTZ 50%")
    assert parsed.price is None


def test_money_amounts_with_units_are_ignored(parse: Parse) -> None:
    parsed = parse("BTO COIN 207.5C 12/18 $8M+")
    assert parsed.price is None
    assert parsed.underlying == "COIN"


def test_slash_month_day_is_a_date(parse: Parse) -> None:
    assert parse("BTO SPY 1/23 400p @ 1.23").legs[0].expiration == date(2027, 1, 23)


def test_slash_large_numbers_are_strikes(parse: Parse) -> None:
    strikes = {leg.strike for leg in parse("sell SPX 4500/4490 put spread 12/18 @ 2").legs}
    assert strikes == {Decimal(4500), Decimal(4490)}


def test_slash_before_spread_words_is_a_strike_pair(parse: Parse) -> None:
    parsed = parse("buy F 10/12 call spread 12/18 @ .30")
    assert {leg.strike for leg in parsed.legs} == {Decimal(10), Decimal(12)}
    assert {leg.expiration for leg in parsed.legs} == {date(2026, 12, 18)}


def test_slash_with_type_suffixes_is_a_strike_pair(parse: Parse) -> None:
    parsed = parse("IWM Iron Fly 200p/195p 200c/205c credit 3.40 06/19/2026")
    assert len(parsed.legs) == 4


@pytest.mark.parametrize("text", ["$HAL 3/20 $35c $1.35 1/2 size", "in QQQ 0dte 615p 1/8 size .88"])
def test_slash_before_size_is_a_position_fraction(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].quantity == 1


def test_fraction_does_not_become_the_expiration(parse: Parse) -> None:
    assert parse("in QQQ 0dte 615p 1/8 size .88").legs[0].expiration == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "price", "order_type"),
    [
        ("STC 2 TSLA 200C 09/20 @ m", None, "market"),
        ("buy 100 shares of MSFT at market", None, "market"),
        ("sell 50 QQQ shares at the market", None, "market"),
        ("buy SPY 600c 12/18 lim0.65", Decimal("0.65"), "limit"),
        ("STC HTZ@ $2.50", Decimal("2.50"), "limit"),
        ("[embed title: Daytrade] Contract: QQQ 11/11 623C Entry: 0.84", Decimal("0.84"), "limit"),
    ],
)
def test_price_and_order_type(
    parse: Parse, text: str, price: Decimal | None, order_type: str
) -> None:
    parsed = parse(text)
    assert (parsed.price, parsed.order_type) == (price, order_type)


@pytest.mark.parametrize(
    ("text", "tif"),
    [
        ("sell 1 GOOGL 180 put 12/24 limit 1.60 good til canceled", "gtc"),
        ("buy 2 META 650 puts 12/18 at 11.20 gtc", "gtc"),
        ("buy 1 NVDA 150 call next week limit 2.80 day", "day"),
        ("buy 25 shares of AMZN at 212.35 day order", "day"),
        ("buy 25 shares of AMZN at 212.35", None),
    ],
)
def test_time_in_force(parse: Parse, text: str, tif: str | None) -> None:
    assert parse(text).tif == tif


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("STC twenty-five SOFI 25c 1/15/27 @ 2.30", 25),
        ("buy thirty two PLUG 3 calls 12/18 at .18", 32),
        ("Buy Thirty PLUG 3 calls 12/18 at .18", 30),
        ("buy half a dozen SHOP 150 calls 3/19/27 @ 5.60", 6),
        ("open a 5-wide AAPL PCS 240/235 12/18 for 1.30", 1),
        ("scoop up 25 sh NVDA at market", 25),
    ],
)
def test_compound_counts_widths_and_verbs_before_the_count(
    parse: Parse, text: str, quantity: int
) -> None:
    assert {leg.quantity for leg in parse(text).legs} == {quantity}


def test_a_number_before_strike_is_the_strike(parse: Parse) -> None:
    parsed = parse("write 2 covered calls on INTC, 35 strike 12/18 @ .65")
    assert parsed.legs[0].strike == Decimal(35)
    assert parsed.price == Decimal("0.65")


def test_a_price_before_for_and_a_count_is_the_price(parse: Parse) -> None:
    parsed = parse("3.10 for 7 LULU 180 puts 12/18, buying")
    assert (parsed.price, parsed.legs[0].quantity) == (Decimal("3.10"), 7)


@pytest.mark.parametrize(
    ("text", "price", "price_effect"),
    [
        ("buy 10 SOFI 24c 12/18 for 40 cents", "0.40", "debit"),
        ("STO 3 SPY 640/635 PCS 12/31 -0.92", "0.92", "credit"),
        ("sell 2 SPY 600c 12/18 1,95", "1.95", "credit"),
    ],
)
def test_cents_a_lone_negative_and_a_glued_comma_are_prices(
    parse: Parse, text: str, price: str, price_effect: str
) -> None:
    parsed = parse(text)
    assert (parsed.price, parsed.price_effect) == (Decimal(price), price_effect)


@pytest.mark.parametrize(
    "text",
    [
        "BTO 4 CRWD 400c 12/18 @ 3.20, PT 3x",
        "STO 4 XOM 105p 12/18 @ .65 stop 2x credit",
        "STO 4 XOM 105p 12/18 @ .65, close if it hits 2x",
        "buy 4 GLD 380c 1/15 @ 2.40 and let it run to a 5x",
    ],
)
def test_a_multiple_is_not_a_count(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order", parsed.notes
    assert {leg.quantity for leg in parsed.legs} == {4}


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("STO 3x KO 62.5p 12/18 @ .55", 3),
        ("buy 6x PFE 27c 1/15 @ .31", 6),
        ("sell SOFI 20c 12/18 4x @ .70", 4),
        ("buy CCL 30c 12/18 x8 @ .25", 8),
    ],
)
def test_a_count_written_with_x_beside_the_contract_stays_a_count(
    parse: Parse, text: str, quantity: int
) -> None:
    assert {leg.quantity for leg in parse(text).legs} == {quantity}


def test_a_price_written_as_a_multiple_is_refused_not_placed_at_market(parse: Parse) -> None:
    parsed = parse("sell 3 SHOP 150c 1/15 at 3x")
    assert parsed.kind == "none"
    assert "multiple" in parsed.notes[0]


@pytest.mark.parametrize(
    "text",
    [
        "market's sliding, BTO 3 DIA 440p 12/18 @ 3.60",
        "market feels toppy so sell 2 XLK 250c 12/18 for 1.45",
        "buy 2 DIA 450c 12/18 @ 2.05 into the market close",
        "wild market! sell 2 XLK 250c 12/18 @ 1.45",
    ],
)
def test_the_market_talked_about_does_not_undo_the_limit_price(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert (parsed.kind, parsed.order_type) == ("order", "limit"), parsed.notes
    assert parsed.price is not None


@pytest.mark.parametrize(
    "text",
    [
        "market sell 60 sh WMT",
        "sell 25 DIS shares mkt",
        "buy 2 DIA 450c 12/18 mkt gtc",
        "BUY 40 KO market order",
        "STC 2 XLK 250c 12/18 at the market",
    ],
)
def test_market_beside_the_action_or_ending_the_order_is_a_market_order(
    parse: Parse, text: str
) -> None:
    parsed = parse(text)
    assert (parsed.kind, parsed.order_type, parsed.price) == ("order", "market", None)
