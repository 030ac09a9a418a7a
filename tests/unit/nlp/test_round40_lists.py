"""Round 40 (seventh session of 2026-12-06): the writer's order after contracts listed, quoted
or held; a broker's review screen sent with "sending"; requests in polite full sentences;
tails that answer a question or accept assignment; moving averages and a preference that are
no time in force and no condition."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_chatter, assert_order, assert_sure_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
TUE = date(2035, 7, 10)  # a Tuesday
FRI = date(2035, 7, 13)  # this week's Friday
AUG = date(2035, 8, 17)  # August's monthly expiration


@pytest.mark.parametrize(
    "text",
    [
        # marks of two contracts, then the order the writer announces after a colon
        "XLE 95c Aug 2.10, XOP 140c Aug 3.40. one more energy: buy 1 XLE 97c 8/17 @ 1.35",
        "GLD 310c Aug 5.40 (in at 4.60), SLV up too. more gold: buy 1 XLE 97c 8/17 @ 1.35",
        # a price move reported before it
        "xop 140c went .60 → 2.10 on the 2 😎 xle 95c .80. xle: buy 1 XLE 97c 8/17 @ 1.35",
        # a time ahead in the head
        "XLE tonight. quotes: 95c 8/17 2.10, 99c 8/17 .90. upside: buy 1 XLE 97c 8/17 @ 1.35",
        # a spaced hyphen before the order's clause
        "XLE 95c 8/17 2.10, 99c 8/17 .90. bullish this time - BTO 1 XLE 97c 8/17 @ 1.35",
    ],
)
def test_the_order_after_contracts_listed_is_the_writers_own(parse: Parse, text: str) -> None:
    assert_order(parse(text, on=TUE), "XLE", "1.35", side="buy", quantity=1)
    assert parse(text, on=TUE).legs[0].strike == Decimal(97)


def test_please_opens_the_orders_clause_after_holdings_in_words(parse: Parse) -> None:
    text = (
        "My KO 74 calls from June are gone and I still hold the 300 shares. "
        "Please sell to open 3 KO 75 calls Aug at .62, day order."
    )
    assert_sure_order(
        parse(text, on=TUE), "KO", [("sell", "open", 3, "call", Decimal(75), AUG)], Decimal(".62")
    )
    assert parse(text, on=TUE).tif == "day"


def test_a_fill_reported_in_words_before_a_request_is_no_pick_to_make(parse: Parse) -> None:
    text = (
        "The INTC 28 puts filled at .52. KO is 76.20 and my 75 calls are in the money. "
        "Please buy to close 3 KO 75 calls 8/17 at 1.45."
    )
    parsed = parse(text, on=TUE)
    assert_order(parsed, "KO", "1.45", side="buy", quantity=3)
    assert [leg.strike for leg in parsed.legs] == [Decimal(75)]


def test_a_recap_written_like_an_order_still_needs_a_pick(parse: Parse) -> None:
    text = "got filled STO 2 IWM 250p 7/20 @ 1.15. next week: STO 2 IWM 280c 7/20 @ .95"
    assert_talk(parse(text, on=TUE))


@pytest.mark.parametrize(
    "text",
    [
        "I hold 300 KO and 200 XOM; the XOM sale at 127.50 has not filled. The market is down "
        "today, so please buy 50 more JNJ at 156.80, day only.",
        "I hold 300 KO, and the XOM sale is still waiting at 127.50. In addition, please buy "
        "50 shares of JNJ at 156.80, day only.",
    ],
)
def test_a_request_opening_the_last_clause_is_read_alone(parse: Parse, text: str) -> None:
    parsed = parse(text, on=TUE)
    assert_order(parsed, "JNJ", "156.80", side="buy", quantity=50)
    assert parsed.legs[0].type == "equity"


@pytest.mark.parametrize("period", ["20-day", "50-day", "200-day"])
def test_a_moving_averages_period_is_no_time_in_force(parse: Parse, period: str) -> None:
    text = f"BTO 3 NVDA 265c 8/17 @ 4.10 because the {period} is curling up"
    parsed = parse(text, on=TUE)
    assert_order(parsed, "NVDA", "4.10")
    assert parsed.tif is None


def test_a_day_order_is_still_one(parse: Parse) -> None:
    assert parse("BTO 3 NVDA 265c 8/17 @ 4.10 day", on=TUE).tif == "day"


@pytest.mark.parametrize(
    "text",
    [
        "STO 2 DIS 120p 7/13 @ .95 — if it drops there after the print, I'm happy to own it",
        "STO 2 DIS 120p 7/13 @ .95, if it gets there I'm happy to own the shares",
    ],
)
def test_assignment_accepted_after_the_order_is_no_condition(parse: Parse, text: str) -> None:
    assert_sure_order(
        parse(text, on=TUE), "DIS", [("sell", "open", 2, "put", Decimal(120), FRI)], Decimal(".95")
    )


def test_a_condition_on_the_order_itself_still_keeps_it_talk(parse: Parse) -> None:
    assert_talk(parse("STO 2 DIS 120p 7/13 @ .95 if it drops there after the print", on=TUE))


def test_asked_if_is_whether_not_a_condition(parse: Parse) -> None:
    text = "someone asked if I learned anything from COIN. no. BTO 2 PLTR 190c 8/17 @ 2.05"
    assert_order(parse(text, on=TUE), "PLTR", "2.05", side="buy", quantity=2)


def test_a_past_time_naming_a_market_event_is_no_trade_reported(parse: Parse) -> None:
    text = (
        "Good morning. I hold 200 shares of HD, and after this morning's report I would like a "
        "collar on them:\nBuy 2 HD August 400 puts.\nSell 2 HD August 460 calls.\n"
        "Net credit 1.05, please."
    )
    assert_sure_order(
        parse(text, on=TUE),
        "HD",
        [("buy", None, 2, "put", Decimal(400), AUG), ("sell", None, 2, "call", Decimal(460), AUG)],
        Decimal("1.05"),
    )


def test_would_rather_is_a_preference_over_a_table_of_legs(parse: Parse) -> None:
    text = (
        "closing the last August condor. SPX is 8410 and I'd rather not babysit the call side\n"
        "| action | qty | strike | c/p | exp |\n|---|---|---|---|---|\n"
        "| sell | 1 | 7950 | P | 8/17 |\n| buy | 1 | 8000 | P | 8/17 |\n"
        "| buy | 1 | 8750 | C | 8/17 |\n| sell | 1 | 8800 | C | 8/17 |\n3.10 db"
    )
    parsed = parse(text, on=TUE)
    assert_order(parsed, "SPX", "3.10")
    assert {leg.effect for leg in parsed.legs} == {"close"}


def test_a_brokers_code_block_numbers_its_legs_without_a_stop(parse: Parse) -> None:
    text = (
        "IWM put spread for the weekly after next\n```\nORDER\n"
        "Leg 1  SELL  5  IWM  27 JUL 35  285  PUT\nLeg 2  BUY   5  IWM  27 JUL 35  280  PUT\n"
        "LIMIT  0.85 CREDIT  DAY\n```"
    )
    jul27 = date(2035, 7, 27)
    parsed = parse(text, on=TUE)
    assert_sure_order(
        parsed,
        "IWM",
        [
            ("sell", None, 5, "put", Decimal(285), jul27),
            ("buy", None, 5, "put", Decimal(280), jul27),
        ],
        Decimal(".85"),
    )
    assert parsed.tif == "day"


REVIEW = (
    "Review order\nBuy to open · AAPL $345 Call 8/17\nContracts        2\n"
    "Limit price      $4.10\nTime in force    Good for day\n"
)


@pytest.mark.parametrize(
    "text",
    [
        f"{REVIEW}sending ↑ last lotto of the summer, promise",
        f"this tape is ugly. sending:\n{REVIEW}",
        f"{REVIEW}sending. this week has been kind to me",
    ],
)
def test_a_review_screen_sent_by_the_writer_is_the_order(parse: Parse, text: str) -> None:
    parsed = parse(text, on=TUE)
    assert_order(parsed, "AAPL", "4.10", side="buy", quantity=2)
    assert (parsed.legs[0].effect, parsed.legs[0].strike, parsed.tif) == ("open", 345, "day")


@pytest.mark.parametrize(
    "text", [REVIEW, f"{REVIEW}not sending this one, too rich", f"{REVIEW}should I send it?"]
)
def test_a_review_screen_not_sent_is_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=TUE))


@pytest.mark.parametrize(
    "text",
    [
        "STO 2 XSP 825/820 PCS 8/17 @ .55. question I got: do I ever stop selling puts? no, "
        "but I do take weekends off",
        "BTO 1 AMD 250c 8/17 @ 3.80. I'm bullish, my fingers are not",
    ],
)
def test_tails_that_take_nothing_back(parse: Parse, text: str) -> None:
    assert parse(text, on=TUE).kind == "order"


@pytest.mark.parametrize(
    "text", ["BTO 1 AMD 250c 8/17 @ 3.80. nah, not today", "BTO 1 AMD 250c 8/17 @ 3.80. or not"]
)
def test_tails_that_take_the_order_back(parse: Parse, text: str) -> None:
    assert_talk(parse(text, on=TUE))


POSITIONS = (
    "Position                 Qty    Avg     Mark    Open P/L\n"
    "AMD 8/17/35 240 Put      -3     3.87    3.10    +231.00\n"
    "TSLA 1/18/36 550 Call    +1     18.40   21.60   +320.00\n"
)


@pytest.mark.parametrize(
    ("line", "ticker", "side", "quantity", "price"),
    [
        ("closing 2 of the 3 AMD puts at 3.05", "AMD", "buy", 2, "3.05"),
        ("closing the whole AMD line at 3.10", "AMD", "buy", 3, "3.10"),
        ("close the TSLA position @ 21.50, rest stays", "TSLA", "sell", 1, "21.50"),
    ],
)
def test_the_writer_closes_one_row_of_a_positions_table_by_its_ticker(
    parse: Parse, line: str, ticker: str, side: str, quantity: int, price: str
) -> None:
    parsed = parse(POSITIONS + line, on=TUE)
    assert_order(parsed, ticker, price, side=side, quantity=quantity)
    assert parsed.legs[0].effect == "close"


@pytest.mark.parametrize(
    "line", ["closing 5 of the AMD puts at 3.05", "closing the NVDA line at 3.10"]
)
def test_a_close_that_no_row_holds_is_not_invented(parse: Parse, line: str) -> None:
    assert_talk(parse(POSITIONS + line, on=TUE))


def test_a_closing_heading_over_legs_closes_each(parse: Parse) -> None:
    text = "closing the JPM put spread: buy 3 320P 8/17, sell 3 310P 8/17 @ .85 debit"
    assert_sure_order(
        parse(text, on=TUE),
        "JPM",
        [
            ("buy", "close", 3, "put", Decimal(320), AUG),
            ("sell", "close", 3, "put", Decimal(310), AUG),
        ],
        Decimal(".85"),
    )


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("sell... I mean buy 2 WMT 126c 8/17 @ 1.60, my brain is still in CPI mode", "buy"),
        ("STO, wait, BTO 2 WMT 126c 8/17 @ 1.60", "buy"),
        ("buy, sorry, sell 2 WMT 126c 8/17 @ 1.60", "sell"),
    ],
)
def test_a_side_taken_back_for_the_other(parse: Parse, text: str, side: str) -> None:
    assert_order(parse(text, on=TUE), "WMT", "1.60", side=side, quantity=2)


@pytest.mark.parametrize(
    "heading",
    [
        "Portfolio",
        "my positions (from the app)",
        "Symbol                    Qty   Avg     Mark    P/L Open",
    ],
)
def test_the_writers_own_order_under_a_brokers_screen(parse: Parse, heading: str) -> None:
    text = (
        f"{heading}\nNVDA 08/17/2035 290.00 C   3    7.76   12.55    +1,437.00\n"
        "AMD 08/17/2035 250.00 C    2    3.60    4.40    +160.00\n"
        "STC 2 AMD 250c 8/17 @ 4.40, not carrying that one into CPI"
    )
    assert_order(parse(text, on=TUE), "AMD", "4.40", side="sell", quantity=2)


def test_a_brokers_screen_with_a_report_under_it_is_talk(parse: Parse) -> None:
    text = (
        "Portfolio\nAMD 08/17/2035 250.00 C    2    3.60    4.40    +160.00\n"
        "sold 2 AMD 250c 8/17 @ 4.40 yesterday, up 22%"
    )
    assert_chatter(parse(text, on=TUE))
