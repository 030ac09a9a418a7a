"""Ratio spreads and calendars written under a heading that names what their legs share, fixed
noun phrases that hold an action word ("buying power", "a sell-off"), and non-native order
phrasing ("make buy to open 4 contract ...")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_chatter, assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]

DEC18, JAN15, FEB19, MAR19 = (
    date(2026, 12, 18),
    date(2027, 1, 15),
    date(2027, 2, 19),
    date(2027, 3, 19),
)


def _legs(parsed: ParsedOrder) -> set[tuple[str, int, str | None, Decimal | None, date | None]]:
    return {(leg.side, leg.quantity, leg.type, leg.strike, leg.expiration) for leg in parsed.legs}


# --- ratio spreads: each leg its own count under one net price --------------------------------


@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price", "effect"),
    [
        (  # a front ratio of puts for a debit
            "put 1x2 on QQQ 1/15: buy 1 520p / sell 2 500p @ 0.85 debit",
            "QQQ",
            {("buy", 1, "put", Decimal(520), JAN15), ("sell", 2, "put", Decimal(500), JAN15)},
            "0.85",
            "debit",
        ),
        (  # a front ratio of calls for a credit
            "call 1x2 on AMD 12/18: buy 1 230c / sell 2 250c @ 0.40 credit",
            "AMD",
            {("buy", 1, "call", Decimal(230), DEC18), ("sell", 2, "call", Decimal(250), DEC18)},
            "0.40",
            "credit",
        ),
        (  # a back ratio (a backspread): one sold, more bought further out
            "TSLA put backspread 2/19: sell 1 400p / buy 2 380p @ 0.50 credit",
            "TSLA",
            {("sell", 1, "put", Decimal(400), FEB19), ("buy", 2, "put", Decimal(380), FEB19)},
            "0.50",
            "credit",
        ),
        (  # 1x3, legs on lines of their own
            "IWM call 1x3 ratio 3/19:\nbuy 1 240c\nsell 3 255c\n@ 0.30 db",
            "IWM",
            {("buy", 1, "call", Decimal(240), MAR19), ("sell", 3, "call", Decimal(255), MAR19)},
            "0.30",
            "debit",
        ),
        (  # the ratio times a count written once for the whole order
            "put 1x2 on SPY 12/18: buy 640p / sell 620p, 3 contracts @ 1.10 debit",
            "SPY",
            {("buy", 3, "put", Decimal(640), DEC18), ("sell", 6, "put", Decimal(620), DEC18)},
            "1.10",
            "debit",
        ),
        (  # counts that keep the heading's proportion
            "call 1x2 on NVDA 1/15: buy 2 200c / sell 4 220c @ 1.35 debit",
            "NVDA",
            {("buy", 2, "call", Decimal(200), JAN15), ("sell", 4, "call", Decimal(220), JAN15)},
            "1.35",
            "debit",
        ),
        (  # alert codes as the sides
            "XLF put 1x2 2/19: BTO 1 52p / STO 2 49p @ 0.22 credit",
            "XLF",
            {("buy", 1, "put", Decimal(52), FEB19), ("sell", 2, "put", Decimal(49), FEB19)},
            "0.22",
            "credit",
        ),
    ],
)
def test_a_ratio_spread_gives_each_leg_its_own_count(
    parse: Parse,
    text: str,
    underlying: str,
    legs: set[tuple[str, int, str | None, Decimal | None, date | None]],
    price: str,
    effect: str,
) -> None:
    parsed = parse(text)
    assert_order(parsed, underlying, price)
    assert _legs(parsed) == legs
    assert parsed.price_effect == effect
    assert parsed.strategy == "ratio"


def test_legs_written_whole_with_unequal_counts_are_a_ratio_spread(parse: Parse) -> None:
    parsed = parse("buy 1 SPY 660p / sell 2 SPY 640p 3/19 @ 1.20 debit")
    assert _legs(parsed) == {
        ("buy", 1, "put", Decimal(660), MAR19),
        ("sell", 2, "put", Decimal(640), MAR19),
    }
    assert parsed.strategy == "ratio"


@pytest.mark.parametrize(
    "text",
    [
        # the counts contradict the ratio named
        "put 1x2 on SPY 12/18: buy 1 640p / sell 3 620p @ 1.10 debit",
        # a ratio named without numbers, and no leg writes its count
        "QQQ call ratio 1/15: buy 600c / sell 620c, 3 contracts @ 0.40 credit",
        # two prices: two trades, not one ratio spread
        "put 1x2 on SPY 12/18: buy 1 640p @ 3.10 / sell 2 620p @ 1.00",
        # a recap of a ratio spread
        "recap of my SPY put 1x2 12/18: bought 1 640p / sold 2 620p @ 1.10 debit",
        # a trade idea, not an order
        "trade idea, put 1x2 on SPY 12/18: buy 1 640p / sell 2 620p @ 1.10 debit",
    ],
)
def test_a_ratio_spread_that_does_not_add_up_is_not_read(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


# --- calendars and diagonals: "sell <near date> buy <far date>" ---------------------------------


@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price", "effect"),
    [
        (  # a put calendar, the count written once for both legs
            "put calendar on XLE 90: sell 12/18 buy 1/15, 2 contracts @ 0.95",
            "XLE",
            {("sell", 2, "put", Decimal(90), DEC18), ("buy", 2, "put", Decimal(90), JAN15)},
            "0.95",
            "debit",
        ),
        (  # a call calendar with an "x3" count
            "NVDA call calendar 200: sell 12/18 buy 2/19 x3 @ 2.05",
            "NVDA",
            {("sell", 3, "call", Decimal(200), DEC18), ("buy", 3, "call", Decimal(200), FEB19)},
            "2.05",
            "debit",
        ),
        (  # a calendar sold: the far month sold, for a credit
            "SPY put calendar 600: buy 12/18 sell 1/15 @ 3.40 credit",
            "SPY",
            {("buy", 1, "put", Decimal(600), DEC18), ("sell", 1, "put", Decimal(600), JAN15)},
            "3.40",
            "credit",
        ),
        (  # a diagonal: each leg its own strike, the type once
            "AAPL call diagonal: sell 12/18 250c buy 1/15 240c, 2 contracts @ 4.10 debit",
            "AAPL",
            {("sell", 2, "call", Decimal(250), DEC18), ("buy", 2, "call", Decimal(240), JAN15)},
            "4.10",
            "debit",
        ),
        (  # the legs joined by "/" and one count per leg
            "MSFT 500 put calendar: STO 1 12/18 / BTO 1 2/19 @ 6.20",
            "MSFT",
            {("sell", 1, "put", Decimal(500), DEC18), ("buy", 1, "put", Decimal(500), FEB19)},
            "6.20",
            "debit",
        ),
    ],
)
def test_a_calendar_takes_each_side_from_the_word_before_its_date(
    parse: Parse,
    text: str,
    underlying: str,
    legs: set[tuple[str, int, str | None, Decimal | None, date | None]],
    price: str,
    effect: str,
) -> None:
    parsed = parse(text)
    assert_order(parsed, underlying, price)
    assert _legs(parsed) == legs
    assert parsed.price_effect == effect


def test_a_calendar_plan_stays_a_plan(parse: Parse) -> None:
    assert_chatter(parse("thinking about a put calendar on XLE 90: sell 12/18 buy 1/15 @ 0.95"))


# --- fixed noun phrases that hold an action word -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "underlying", "side", "price"),
    [
        ("close my 2 AMZN 230c 1/15 @ 4.80, need the buying power for next week", "AMZN", "sell",
         "4.80"),
        ("sell 2 AAPL 250c 1/15 @ 3.10, need the cash", "AAPL", "sell", "3.10"),
        ("selling pressure is brutal, buy 2 SPY 600p 12/18 @ 4.20", "SPY", "buy", "4.20"),
        ("huge sell-off into the close, BTO 3 QQQ 560c 12/18 @ 2.75", "QQQ", "buy", "2.75"),
        ("short interest on GME is 20%, buy 2 GME 30c 1/15 @ 1.10", "GME", "buy", "1.10"),
        ("buy side is stacked at 200, buy 1 NVDA 200c 12/18 @ 5.10", "NVDA", "buy", "5.10"),
        ("STC 4 PLTR 150c 12/18 @ 3.30, want the purchasing power back", "PLTR", "sell", "3.30"),
    ],
)  # fmt: skip
def test_a_noun_phrase_with_an_action_word_is_not_the_action(
    parse: Parse, text: str, underlying: str, side: str, price: str
) -> None:
    parsed = parse(text)
    assert_order(parsed, underlying, price)
    assert {leg.side for leg in parsed.legs} == {side}


@pytest.mark.parametrize(
    "text",
    [
        "insufficient buying power for STO 2 NVDA 180p 1/15 @ 6.10",
        "how much buying power do I need for 2 TSLA 350p",
        "sell 2 AAPL 250c 1/15 @ 3.10, need the cash to settle first though",
        "sell 2 AAPL 250c 1/15 @ 3.10, need more IV though",
        "the buy side is thin on SPY 600c today",
    ],
)
def test_a_noun_phrase_does_not_make_chatter_an_order(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


def test_the_verb_with_its_particle_is_still_the_action(parse: Parse) -> None:
    parsed = parse("sell off 2 SPY 600c 12/18 @ 2")
    assert_order(parsed, "SPY", "2")
    assert parsed.legs[0].side == "sell"


# --- non-native order phrasing ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "underlying", "side", "quantity", "price"),
    [
        ("hello sir, make buy to open 3 contract KO 70 call expiration 15 january at 0.80 dollar",
         "KO", "buy", 3, "0.80"),
        ("please do sell 2 BAC 45 call 1/15 at 1.10 dollars", "BAC", "sell", 2, "1.10"),
        ("make sell to close 1 contract T 25 put expiration 18 december at 0.40 dollar", "T",
         "sell", 1, "0.40"),
        ("good morning. make buy 5 contract F 12 call 1/15 at 0.35 dollar", "F", "buy", 5,
         "0.35"),
    ],
)  # fmt: skip
def test_make_or_do_before_the_action_and_its_count_is_the_action(
    parse: Parse, text: str, underlying: str, side: str, quantity: int, price: str
) -> None:
    parsed = parse(text)
    assert_order(parsed, underlying, price)
    assert [(leg.side, leg.quantity) for leg in parsed.legs] == [(side, quantity)]


@pytest.mark.parametrize(
    "text",
    [
        "I do buy 2 BAC 45 calls every month at 0.95",
        "do buy 2 BAC 45 call 1/15 at 0.95 ?",
        "we make buy 3 KO 70 calls a habit at 0.80",
    ],
)
def test_make_or_do_inside_a_sentence_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))
