"""New written forms of an order, each with near misses that keep their reading.

Order commands for a bot ("!sell ...", "/order ..."), hashtags heading the message, a bid and
ask stated before the order, a limit written as a refused bound ("won't pay above"), a weekday
before the date, "3rd friday of <month>", strikes and counts in thousands ("6.5k puts", "1.5k
SOFI shares"), "twelve hundred", "a round lot", "the 235s", a share class after a company name,
and promotions, minutes and cost conversions that name a contract but place nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_chatter, assert_order

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


# --- order commands -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "side", "price"),
    [
        ("!sell 2 MSFT 520c 12/18 @ 4.10", "MSFT", "sell", "4.10"),
        ("/order BTO 1 IWM 240c 12/18 @ 1.75", "IWM", "buy", "1.75"),
        ("/trade buy 3 KO 65c 1/15 @ .60", "KO", "buy", "0.60"),
    ],
)
def test_order_commands_are_orders(
    parse: Parse, text: str, ticker: str, side: str, price: str
) -> None:
    assert_order(parse(text), ticker, price, side=side)


@pytest.mark.parametrize(
    "text",
    [
        "!order help - example: !order STO 1 KO 62p 12/18 @ .85",
        "/trade usage: /trade <order>",
        "/calc BTO 2 META 700c 12/18 @ 9.00",
    ],
)
def test_other_commands_stay_commands(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


# --- hashtags heading the order -------------------------------------------------------------------
def test_opening_hashtags_head_the_order(parse: Parse) -> None:
    parsed = parse("#MSFT #puts sell 1 480p 12/18 @ 3.20")
    assert_order(parsed, "MSFT", "3.20", side="sell")
    assert parsed.legs[0].type == "put"


def test_hashtags_without_an_order_stay_talk(parse: Parse) -> None:
    assert_chatter(parse("#MSFT #puts anyone else holding 480p 12/18?"))


# --- a bid and ask stated before the order --------------------------------------------------------
def test_quote_stated_before_the_order(parse: Parse) -> None:
    parsed = parse("AMD 200c 12/18 quoting 3.10 x 3.30, buy 2 @ 3.20")
    assert_order(parsed, "AMD", "3.20", side="buy")
    assert parsed.legs[0].strike == Decimal("200")


def test_quote_alone_stays_talk(parse: Parse) -> None:
    assert_chatter(parse("AMD 200c 12/18 is 3.10 x 3.30 right now"))


# --- a limit written as a refused bound -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        ("sell 100 T shares, won't take less than 27.50, gtc", "T", "27.50"),
        ("buy 2 DIS 110c 12/18, will not pay more than 1.90", "DIS", "1.90"),
        ("not a cent over 2.10: buy 1 ROKU 90c 12/18", "ROKU", "2.10"),
    ],
)
def test_refused_bound_is_the_limit(parse: Parse, text: str, ticker: str, price: str) -> None:
    parsed = parse(text)
    assert_order(parsed, ticker, price)
    assert parsed.order_type == "limit"


def test_refused_bound_without_an_order_stays_talk(parse: Parse) -> None:
    assert_chatter(parse("I won't pay above 3 for QQQ calls again"))


# --- a weekday before the date, the third friday of a month ---------------------------------------
@pytest.mark.parametrize(
    ("text", "expiration"),
    [
        ("BTO 1 NVDA 190c Fri 12/18 @ 4.00", date(2026, 12, 18)),
        ("sell 2 KO 60p exp Friday Jan 15 for .40", date(2027, 1, 15)),
        ("BTO 1 QQQ 600c Wed, 12/2 @ 5.00", date(2026, 12, 2)),
        ("sell 1 XOM 110p 3rd friday of Feb @ 1.10", date(2027, 2, 19)),
        ("buy 2 WMT 100c the third Friday in January @ 2", date(2027, 1, 15)),
    ],
)
def test_weekday_or_third_friday_names_the_date(parse: Parse, text: str, expiration: date) -> None:
    parsed = parse(text)
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.legs[0].expiration == expiration


def test_weekday_alone_still_names_the_expiration(parse: Parse) -> None:
    parsed = parse("BTO 1 NVDA 190c Fri @ 4.00")
    assert parsed.legs[0].expiration == date(2026, 11, 27)


# --- strikes and counts in thousands, hundreds in words, round lots -------------------------------
@pytest.mark.parametrize(
    ("text", "strikes"),
    [
        ("NDX 21.5k puts 12/18, buy 1 @ 150", {Decimal("21500")}),
        ("SPX 7k calls 12/18 - buy 1 @ 20", {Decimal("7000")}),
        (
            "RUT 2.4k/2.35k put spread 12/18, sell 1 for 4 credit",
            {Decimal("2400"), Decimal("2350")},
        ),
    ],
)
def test_index_strikes_in_thousands(parse: Parse, text: str, strikes: set[Decimal]) -> None:
    parsed = parse(text)
    assert parsed.kind == "order", parsed.to_dict()
    assert {leg.strike for leg in parsed.legs} == strikes


def test_a_k_amount_is_no_strike(parse: Parse) -> None:
    parsed = parse("risking 2k: SPX 6500 puts 12/18, buy 1 @ 28.40")
    assert parsed.legs[0].strike == Decimal("6500")


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("sell 2.5k F shares at market", 2500),
        ("buy fifteen hundred shares of SOFI @ 9.10", 1500),
        ("pick up a round lot of PEP, market", 100),
        ("buy 3 round lots of KO @ 61", 300),
    ],
)
def test_share_counts(parse: Parse, text: str, quantity: int) -> None:
    parsed = parse(text)
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.legs[0].quantity == quantity
    assert parsed.legs[0].type == "equity"


def test_thousands_before_a_word_stay_an_amount(parse: Parse) -> None:
    parsed = parse("sell 100 F shares at market, 2k max risk")
    assert parsed.legs[0].quantity == 100


# --- a strike in the plural after its ticker ------------------------------------------------------
def test_plural_strike_after_the_ticker(parse: Parse) -> None:
    parsed = parse("sell 3 of the KO 62.5s 12/18 (puts) @ .55")
    assert_order(parsed, "KO", "0.55", side="sell")
    assert parsed.legs[0].strike == Decimal("62.5")
    assert parsed.legs[0].type == "put"


def test_plural_level_stays_a_level(parse: Parse) -> None:
    assert_chatter(parse("SPY back to the 600s by friday?"))


# --- a share class after a company name -----------------------------------------------------------
def test_share_class_after_a_name_is_not_the_ticker(parse: Parse) -> None:
    assert_order(parse("Brown-Forman B, BF.B, buy 50 shares @ 31"), "BF/B", "31")
    assert_order(parse("Berkshire B, BRK.B 500c 12/18, buy 1 @ 8"), "BRK/B", "8")


def test_single_letter_ticker_after_the_action_stays(parse: Parse) -> None:
    assert_order(parse("Buy F 12c 12/18 @ .30"), "F", "0.30")


# --- promotions, minutes and cost conversions -----------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Sponsored: buy the QQQ 600c 12/18 commission-free at SomeBroker",
        "[Ad] trade 1 SPY 600c 12/18 with zero fees",
        "GIVEAWAY! we pay for 1 SOFI 10c 12/18 for the best chart",
        "Raffle: 1 F 12c 12/18 to whoever guesses the close",
        "club minutes: motion to STO 2 KO 60p 12/18 @ .70, vote next week",
        "2 MSFT 500c 12/18 at 6.10 comes to about €1100 after fees",
    ],
)
def test_promotions_minutes_and_conversions_are_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        ("raffle's done, back to it. STC 3 F 12c 12/18 @ .35", "F", "0.35"),
        ("buy 2 MSFT 500c 12/18 at 6.10, comes to $1220", "MSFT", "6.10"),
        ("ad hoc trade: sell 1 KO 60p 12/18 @ .70", "KO", "0.70"),
    ],
)
def test_near_promotions_stay_orders(parse: Parse, text: str, ticker: str, price: str) -> None:
    assert_order(parse(text), ticker, price)
