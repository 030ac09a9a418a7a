"""Orders taken back or conditioned right after their details, reports framed by a heading,
and plain English words in capitals between a count and its contract (tickers)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.parsing import assert_chatter, assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


# --- a retraction or a joke attached to the order's details ----------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "STO 1 KO 62.5p 1/15 @ .55 jk",
        "BTO 4 PLTR 160c 12/18 @ 3.10 kidding",
        "STC 2 AMD 230c 12/18 @ 4.20 — nvm",
        "BTC 3 XLF 50p 12/18 @ .40 - never mind, wrong chat",
        "buy 2 MU 120c 1/15 @ 3.30, ignore that",
        "sell 5 F 12c 12/18 @ .18 — disregard",
        "STO 2 PYPL 70p 12/18 @ 1.05, scratch that, not today",
        "BTO 1 ORCL 250c 1/15 @ 7.40 — cancel this, wrong account",
        "sell 1 DIS 110c 12/18 @ 2.05 wrong ticker",
        "BTO 2 HOOD 130c 12/18 @ 4.50. nvm",
        "STO 3 T 26p 1/15 @ .33\nnvm wrong channel",
        "buy 4 SNAP 9c 12/18 @ .21 — not today",
    ],
)
def test_an_order_taken_back_right_after_its_details_is_chatter(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("STO 1 KO 62.5p 1/15 @ .55 no joke", "KO"),
        ("BTO 3 AMD 240c 12/18 @ 5.10 wish me luck", "AMD"),
        ("STC 2 AMD 230c 12/18 @ 4.20 — ignore my last msg", "AMD"),
        ("sell 4 SOFI 30c 12/18 @ .60, not all", "SOFI"),
        ("BTO 2 HOOD 130c 12/18 @ 4.50 good til cancel", "HOOD"),
    ],
)
def test_a_tail_that_takes_back_nothing_leaves_the_order(
    parse: Parse, text: str, ticker: str
) -> None:
    assert_order(parse(text), ticker)


def test_a_remark_on_the_manner_of_going_is_advice_not_a_retraction(parse: Parse) -> None:
    assert_order(parse("BTO 6 LCID 3c 12/18 @ .08\nsmall size, don't go nuts"), "LCID", ".08")


# --- a condition of time after the order -------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "buy 2 SLV 45c 1/15 @ 1.30 the moment silver breaks 50",
        "BTO 2 SLV 45c 1/15 @ 1.30 the second it dips",
        "sell 1 TSLA 380p 12/18 @ 6 the minute TSLA loses 400",
        "BTO 3 XOM 125c 1/15 @ 1.75 as soon as oil pops",
        "STO 2 UBER 80p 12/18 @ 1.40 when it tags 85",
        "STC 1 META 700c 12/18 @ 12 whenever it fills",
    ],
)
def test_an_open_condition_of_time_after_the_order_is_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    "text",
    [
        "buy 2 SLV 45c 1/15 @ 1.30, cheap at the moment",
        "BTO 2 SLV 45c 1/15 @ 1.30 for the moment",
        "BTO 2 SLV 45c 1/15 @ 1.30, the second one this week",
    ],
)
def test_a_noun_of_time_that_opens_no_clause_is_no_condition(parse: Parse, text: str) -> None:
    assert_order(parse(text), "SLV", "1.30")


# --- reports framed by a heading ---------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "in: BTO 2 QQQ 600c 12/18 @ 4.40",
        "out: STC 2 QQQ 600c 12/18 @ 6.10",
        "spotted on stocktwits: STO 5 SOFI 25p 12/18 @ .45",
        "from reddit —\nbuy 10 PLUG 3c 12/18 @ .09",
        "best of the year: STO 1 AAPL 220p 6/18 @ 3 kept it all. worst: BTO 3 SNOW 200c 3/20 @ 5"
        " went to zero",
        "BTO 4 RIVN 18c 12/18 @ .40 doubled by lunch",
    ],
)
def test_a_trade_reported_or_relayed_is_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("in QQQ 600c 12/18 @ 4.40", "QQQ"),
        ("everyone on twitter is bearish, BTO 2 SPY 600p 12/18 @ 3", "SPY"),
        ("how's everyone's weekend going? sell 2 KO 60p 1/15 @ .45", "KO"),
    ],
)
def test_words_around_the_order_that_frame_nothing_leave_it(
    parse: Parse, text: str, ticker: str
) -> None:
    assert_order(parse(text), ticker)


def test_a_question_of_what_will_happen_still_asks(parse: Parse) -> None:
    assert_talk(parse("is it going to rip? buy 1 TSLA 450c 12/18 @ 5.30"))


# --- plain English words as tickers between a count and a contract ------------------------------
@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("sell 3 NOW 950c 12/18 @ 14.20", "NOW"),
        ("BTO 2 ALL 190c 1/15 @ 4.10", "ALL"),
        ("buy 5 IT 300c 12/18 @ 6", "IT"),
        ("STO 4 ON 50p 12/18 @ 1.25", "ON"),
        ("sell 2 NOW 900 calls 12/18 @ 11", "NOW"),
    ],
)
def test_a_plain_word_between_a_count_and_its_contract_is_the_ticker(
    parse: Parse, text: str, ticker: str
) -> None:
    assert_order(parse(text), ticker)


@pytest.mark.parametrize(
    "text",
    [
        "SELL 2 MORE 600C 12/18 @ 3",
        "BUY 2 ITM 600C 12/18 @ 3",
        "STC 2 THE 600C 12/18 @ 3",
        "STC ALL 600C 12/18 @ 3",
    ],
)
def test_modifiers_and_jargon_in_that_slot_stay_words(parse: Parse, text: str) -> None:
    assert parse(text).underlying is None
