"""Discord forms of an order, round 26.

Each test names one general form: a detail struck through and rewritten after it ("@
~~2.40~~ 2.55": the struck text is taken back), a correction starred onto the order's own line
("... @ 1.30 *edit: 1.35 not 1.30"), expiration's jargon "opex" before the order (no slip of
"open", so no effect and no day order), and a leading "in" that only joins before the writer's
own order ("in for 3: STO 3 ..."): the order's action gives the side. Talk that looks like them
(a struck order taken back, a lone "in" that is the order's action, an edit with nothing to
correct) stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import LegKey, assert_sure_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


# A detail struck through, its replacement written after it.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "sell 3 AMD 180p 6/15 @ ~~2.40~~ 2.55",
            "AMD",
            [("sell", None, 3, "put", Decimal("180"), date(2029, 6, 15))],
            Decimal("2.55"),
        ),
        (
            "BTO ~~2~~ 4 SOFI 14c 6/15 @ 0.48",
            "SOFI",
            [("buy", "open", 4, "call", Decimal("14"), date(2029, 6, 15))],
            Decimal("0.48"),
        ),
    ],
)
def test_a_struck_detail_is_replaced_by_the_one_after_it(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=date(2029, 5, 1)), underlying, legs, price)


@pytest.mark.parametrize(
    "text",
    [
        "~~BTO 2 SOFI 14c 6/15 @ 0.48~~ nvm",
        "~~BTO 2 SOFI 14c 6/15 @ 0.48~~ not doing this",
        "**edit:** ~~the price was wrong~~",
    ],
)
def test_an_order_struck_through_whole_is_taken_back(parse: Parse, text: str) -> None:
    assert parse(text, on=date(2029, 5, 1)).kind == "none"


# A correction starred onto the order's own line.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "STO 1 IWM 210p 6/15 @ 1.30 *edit: 1.35 not 1.30",
            "IWM",
            [("sell", "open", 1, "put", Decimal("210"), date(2029, 6, 15))],
            Decimal("1.35"),
        ),
        (
            "BTO 2 DIS 115c 6/15 @ 2.10 *correction: 2.05 not 2.10",
            "DIS",
            [("buy", "open", 2, "call", Decimal("115"), date(2029, 6, 15))],
            Decimal("2.05"),
        ),
        (
            "BTO 2 DIS 115c 6/15 @ 2.10 edit: 6/22 not 6/15",
            "DIS",
            [("buy", "open", 2, "call", Decimal("115"), date(2029, 6, 22))],
            Decimal("2.10"),
        ),
    ],
)
def test_a_correction_on_the_orders_line_is_applied(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=date(2029, 5, 1)), underlying, legs, price)


def test_an_edit_with_no_order_stays_chatter(parse: Parse) -> None:
    assert parse("edit: meant 6/15 not 6/8", on=date(2029, 5, 1)).kind == "none"


# "opex" is expiration's jargon, not a slip of "open".
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "opex day STC 3 MSFT 520c 5/18 @ 7.10",
            "MSFT",
            [("sell", "close", 3, "call", Decimal("520"), date(2029, 5, 18))],
            Decimal("7.10"),
        ),
        (
            "happy opex, BTC 2 SPY 600p 5/18 @ 0.15",
            "SPY",
            [("buy", "close", 2, "put", Decimal("600"), date(2029, 5, 18))],
            Decimal("0.15"),
        ),
        (
            "June opex play: buy 2 KRE 60c 6/15 @ 1.20",
            "KRE",
            [("buy", None, 2, "call", Decimal("60"), date(2029, 6, 15))],
            Decimal("1.20"),
        ),
    ],
)
def test_opex_before_the_order_is_no_effect_and_no_day_order(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    parsed = parse(text, on=date(2029, 5, 1))
    assert_sure_order(parsed, underlying, legs, price)
    assert parsed.tif is None


def test_opex_talk_stays_chatter(parse: Parse) -> None:
    assert parse("opex is friday, did you close your 600c?", on=date(2029, 5, 1)).kind == "none"


# A leading "in" that only joins: the writer's own order after it gives the side.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "in for 3: STO 3 KRE 55/50 PCS 6/15 @ 0.85",
            "KRE",
            [
                ("buy", "open", 3, "put", Decimal("50"), date(2029, 6, 15)),
                ("sell", "open", 3, "put", Decimal("55"), date(2029, 6, 15)),
            ],
            Decimal("0.85"),
        ),
        (
            "+1, in too: sell 2 XLE 90/85 PCS 6/15 @ 1.05",
            "XLE",
            [
                ("buy", None, 2, "put", Decimal("85"), date(2029, 6, 15)),
                ("sell", None, 2, "put", Decimal("90"), date(2029, 6, 15)),
            ],
            Decimal("1.05"),
        ),
        (
            "in too \u2014 BTC 1 NFLX 900p 6/15 @ 3.40",
            "NFLX",
            [("buy", "close", 1, "put", Decimal("900"), date(2029, 6, 15))],
            Decimal("3.40"),
        ),
    ],
)
def test_a_joining_in_before_the_order_leaves_the_side_to_it(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=date(2029, 5, 1)), underlying, legs, price)


def test_a_leading_in_that_is_the_action_still_buys(parse: Parse) -> None:
    assert_sure_order(
        parse("in 2 XLF 48c 6/15 @ 0.70", on=date(2029, 5, 1)),
        "XLF",
        [("buy", None, 2, "call", Decimal("48"), date(2029, 6, 15))],
        Decimal("0.70"),
    )


def test_in_too_under_a_quote_with_a_joke_stays_chatter(parse: Parse) -> None:
    text = "> BTO 2 PLTR 30c 6/15 @ 1.05\nin too, not for me lol"
    assert parse(text, on=date(2029, 5, 1)).kind == "none"


# A negation after the order asking the readers not to do something is an aside.
@pytest.mark.parametrize(
    "text",
    [
        "sell 2 KO 70c 6/15 @ 0.90 ||don't tell my boss||",
        "buy 4 RIVN 15c 6/15 @ 0.35 (dont judge me)",
        "buy 1 COIN 300c 6/15 @ 6.10 \u2014 don't laugh",
    ],
)
def test_a_negated_aside_after_the_order_leaves_it_standing(parse: Parse, text: str) -> None:
    assert parse(text, on=date(2029, 5, 1)).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "buy 2 AAPL 270c 6/15 @ 3.05, don't chase it",
        "buy 2 AAPL 270c 6/15 @ 3.05 ||jk don't tell anyone||",
        "don't tell my wife but I'd never buy 2 AAPL 270c 6/15 @ 3.05",
    ],
)
def test_a_negation_of_the_trade_still_takes_it_back(parse: Parse, text: str) -> None:
    assert_talk(parse(text, on=date(2029, 5, 1)))


# A person's post shown under their handle, in lower case too, is their trade.
@pytest.mark.parametrize(
    "text",
    [
        "dana's signal: STO 2 IWM 215p 5/15 @ 1.20",
        "Tom's post (edited): sell 1 SPY 660/665 call spread 9/22 @ 1.05",
        "jay's post: BTO 1 TSLA 400c 6/15 @ 8.20 \u2014 he deleted it after",
    ],
)
def test_a_persons_post_under_their_handle_is_their_trade(parse: Parse, text: str) -> None:
    assert parse(text, on=date(2029, 5, 1)).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "nvda's setup is clean: BTO 1 NVDA 200c 5/15 @ 2.40",
        "today's post: BTO 1 NVDA 200c 5/15 @ 2.40",
        "Dana's signal, I'm in too: STO 2 IWM 215p 5/15 @ 1.20",
    ],
)
def test_a_tickers_or_a_days_possessive_is_no_persons_post(parse: Parse, text: str) -> None:
    assert parse(text, on=date(2029, 5, 1)).kind == "order"


# A month and its day judged before the order: the date is the subject, no trade is quoted.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "Jul 17 looks cheap: sell 3 KO 70p Jul 17 @ 0.85",
            "KO",
            [("sell", None, 3, "put", Decimal("70"), date(2029, 7, 17))],
            Decimal("0.85"),
        ),
        (
            "June 15 is underpriced, buy 2 DIS 120c Jun 15 @ 1.40",
            "DIS",
            [("buy", None, 2, "call", Decimal("120"), date(2029, 6, 15))],
            Decimal("1.40"),
        ),
    ],
)
def test_a_date_judged_before_the_order_is_its_reason(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=date(2029, 5, 1)), underlying, legs, price)


def test_a_contract_judged_after_its_date_stays_a_statement(parse: Parse) -> None:
    assert parse("XOM 120c Jun 15 is free money", on=date(2029, 5, 1)).kind == "none"


# "this is the one I was talking about" after the order points at it, no trade reported.
@pytest.mark.parametrize(
    "text",
    [
        "sell 2 KO 70c 6/15 @ 0.90 - @mike this is the one i was telling you about",
        "STO 2 IWM 215p 5/15 @ 1.20, that's the one we mentioned",
    ],
)
def test_the_order_pointed_at_as_the_one_talked_about_is_read(parse: Parse, text: str) -> None:
    assert parse(text, on=date(2029, 5, 1)).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "buy 3 BAC 50c 6/15 @ 0.62 \u2014 this is the one I bought",
        "bought 3 BAC 50c 6/15 @ 0.62 \u2014 this is the one I was talking about",
    ],
)
def test_a_trade_reported_as_the_one_bought_stays_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text, on=date(2029, 5, 1)))
