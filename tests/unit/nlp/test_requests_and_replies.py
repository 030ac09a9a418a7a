"""Orders phrased as requests or replies: "could you ...", "would like to ...", "kindly ...", a
price asked after the order ("want 1.60 or better"), a reply under a quoted message, a
lower-case ticker opening the line, "put me in for". Near misses stay chatter."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from support.parsing import assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("can u please dump 3 SNAP 12c 12/18 @ .40", "sell"),
        ("will you buy 4 PLTR 180c 1/15 at 6.20", "buy"),
        ("could you pick up 2 DIS 110c 12/18 for 3.15 thanks", "buy"),
        ("SPY is flying, can you sell 1 SPY 600c 12/18 @ 4.20", "sell"),
    ],
)
def test_a_request_to_the_reader_is_an_order(parse: Parse, text: str, side: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == side


@pytest.mark.parametrize(
    "text",
    [
        "can you sell MSFT puts?",
        "can you sell 1 MSFT 500p before earnings?",
        "could you believe people bought 4 PLTR 180c 1/15 at 6.20",
        "would you buy 2 SPY 600c 12/18 @ 2",
        "you sell 1 MSFT 500p 11/20 for 6.80",
        "can you sell 1 MSFT 500p 11/20 for 6.80 or should I wait",
    ],
)
def test_a_question_or_someone_elses_trade_is_not_a_request(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("would like to buy 3 AMD 150c 12/18 @ 2", "buy"),
        ("we would like to buy 3 AMD 150c 12/18 @ 2", "buy"),
        ("kindly sell 2 XOM 120c 12/18 at 1.75", "sell"),
        ("kindly purchase 5 T 25c 1/15 for .60", "buy"),
    ],
)
def test_polite_forms_are_orders(parse: Parse, text: str, side: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == side


def test_a_wish_about_the_market_is_not_an_order(parse: Parse) -> None:
    assert parse("would love to buy 3 AMD 150c 12/18 @ 2").kind == "none"


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("buy 2 AMD 150c 12/18, need 2.10 or better", "2.10"),
        ("sell 1 SPY 600/610 call spread 12/18, want $3.40 or better", "3.40"),
    ],
)
def test_a_price_wanted_after_the_order_is_its_limit(parse: Parse, text: str, price: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.order_type == "limit"
    assert parsed.price == Decimal(price)


@pytest.mark.parametrize(
    "text",
    ["want 2.10 on the AMD 150c 12/18", "I want SPY to hold 600 before I buy 2 SPY 600c"],
)
def test_a_wish_without_an_order_stays_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_count_wanted_later_is_not_the_price(parse: Parse) -> None:
    parsed = parse("buy 2 AMD 150c 12/18 @ 2, want 3 more next week")
    assert parsed.price == Decimal("2")
    assert parsed.legs[0].quantity == 2


def test_a_reply_under_a_quoted_question_is_the_writers_order(parse: Parse) -> None:
    parsed = parse("> who is still holding the AMD calls?\nSTC 2 AMD 150c 12/18 @ 3.40")
    assert parsed.kind == "order"
    assert parsed.legs[0].side == "sell"
    assert parsed.price == Decimal("3.40")


def test_a_quoted_alert_with_a_reply_is_someone_elses(parse: Parse) -> None:
    assert parse("> STC 2 AMD 150c 12/18 @ 3.40\nsame, nice one").kind == "none"


@pytest.mark.parametrize(
    "text",
    ["> STC 2 AMD 150c 12/18 @ 3.40", "🔥 $AMD 🔥\n> BTO 150c 12/18\n> @ 3.40"],
)
def test_a_quote_that_is_the_whole_alert_or_its_body_is_read(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.price == Decimal("3.40")


@pytest.mark.parametrize(
    ("text", "underlying"),
    [("spxw 6850p 1dte bto 2 @ 6.40", "SPXW"), ("nvda 150c 12/18 buy 2 @ 3", "NVDA")],
)
def test_a_lower_case_ticker_opening_the_line_before_its_strike(
    parse: Parse, text: str, underlying: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.underlying == underlying


@pytest.mark.parametrize(
    "text", ["nvda 150c 12/18 @ 3", "meh 150c 12/18 sell 2 @ 3", "wow 150c 12/18 sell 2 @ 3"]
)
def test_a_lower_case_word_without_an_action_or_a_chat_word_is_no_ticker(
    parse: Parse, text: str
) -> None:
    assert parse(text).kind == "none"


def test_put_me_in_for_is_a_buy_and_for_is_not_the_price(parse: Parse) -> None:
    parsed = parse("put me in for 4 SOFI 25 calls 1/15, .62 limit")
    assert parsed.kind == "order"
    assert parsed.legs[0].side == "buy"
    assert parsed.legs[0].quantity == 4
    assert parsed.price == Decimal("0.62")


@pytest.mark.parametrize("word", ["cals", "callz"])
def test_call_typos_and_slang_name_the_type(parse: Parse, word: str) -> None:
    parsed = parse(f"buy 3 QQQ 610 {word} 12/18 @ 1.40")
    assert parsed.legs[0].type == "call"
    assert parsed.missing == ()
