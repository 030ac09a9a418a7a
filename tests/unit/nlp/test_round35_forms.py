"""Round 35 (the dev halves of b64-b69): what the fresh batches of an ordinary month of 2031
showed the parser misreading."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_chatter, assert_order, assert_sure_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
ON = date(2031, 4, 9)
MAR14 = date(2031, 3, 14)


def test_minutes_ending_their_line_are_no_entry_before_the_exit(parse: Parse) -> None:
    parsed = parse("ugh client call in 5\nsell 100 sh PFE @ 26.15 gtc", on=ON)
    assert_sure_order(parsed, "PFE", [("sell", None, 100, "equity", None, None)], Decimal("26.15"))
    assert parsed.tif == "gtc"


@pytest.mark.parametrize(
    "text",
    [
        "in 1.10 sell 2.30 SPY 600c 4/18, nice",  # an entry and an exit on one line
        "entry 6.40 exit 11.20 NVDA 150c",
    ],
)
def test_an_entry_and_an_exit_on_one_line_stay_a_result(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=ON))


@pytest.mark.parametrize(
    ("text", "underlying", "price"),
    [
        ("BTO 3 LUNR 12c 3/21 @ .40 — who else is playing the post-landing drift?", "LUNR", ".40"),
        ("buy 500 SHY @ 82.41, anyone else parking cash in SHY or just me?", "SHY", "82.41"),
        ("BTO 3 LUNR 12c 3/21 @ .40, who else is in?", "LUNR", ".40"),
        ("BTO 3 LUNR 12c 3/21 @ .40 - Anyone else buying LUNR?", "LUNR", ".40"),
    ],
)
def test_asking_the_room_who_else_joins_after_the_order_keeps_it(
    parse: Parse, text: str, underlying: str, price: str
) -> None:
    assert_order(parse(text, on=MAR14), underlying, price)


@pytest.mark.parametrize(
    "text",
    [
        "BTO 3 AMD 180c 3/19 @ 3.20 — too aggressive?",  # asking what to do
        "BTO 3 LUNR 12c 3/21 @ .40 - anyone else in this too early?",
        "BTO 3 LUNR 12c 3/21 @ .40, anyone else think it runs?",
        "Leo bought 3 LUNR 12c 3/21 @ .40, anyone else in?",  # someone else's trade
        "anyone else selling these? sell 1 AAPL 250p 12/18 @ 2.40",  # before the order
    ],
)
def test_a_question_about_the_order_or_someone_elses_trade_stays_talk(
    parse: Parse, text: str
) -> None:
    assert_chatter(parse(text, on=MAR14))


@pytest.mark.parametrize(
    "text",
    [
        "STO 3 F 12c 1/17 @ .14 (covered, 300 shs)",
        "STO 3 F 12c 1/17 @ .14 vs 300 sh",
        "covered 300 shs of F, STO 3 F 12c 1/17 @ .14",
    ],
)
def test_the_shares_a_call_is_covered_by_are_not_the_count(parse: Parse, text: str) -> None:
    assert_sure_order(
        parse(text, on=date(2031, 1, 3)),
        "F",
        [("sell", "open", 3, "call", Decimal("12"), date(2031, 1, 17))],
        Decimal("0.14"),
    )


def test_a_saying_in_a_remark_after_the_order_does_not_undo_it(parse: Parse) -> None:
    parsed = parse("sell my 1000 ONVX shares @ 1.42, taking the bounce and running", on=MAR14)
    assert_sure_order(parsed, "ONVX", [("sell", None, 1000, "equity", None, None)], Decimal("1.42"))


@pytest.mark.parametrize(
    "text",
    [
        "buy the dip on SPY 600c",  # the saying is the message
        "buy the dip",
    ],
)
def test_a_saying_alone_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=MAR14))


@pytest.mark.parametrize(
    "text",
    [
        "utes down 5% in a week on yields, I'll take some: buy 100 XLU @ 81.20 gtc",
        "taking some: buy 100 XLU @ 81.20 gtc",
    ],
)
def test_taking_some_hands_over_to_the_order_after_the_colon(parse: Parse, text: str) -> None:
    parsed = parse(text, on=date(2031, 5, 12))
    assert_sure_order(parsed, "XLU", [("buy", None, 100, "equity", None, None)], Decimal("81.20"))
    assert parsed.tif == "gtc"


@pytest.mark.parametrize(
    "text",
    [
        "I'll add more tomorrow: buy 100 XLU @ 81.20",  # a plan for later
        "if it dips I'll take some: buy 100 XLU @ 81.20",  # a condition still open
        "not taking some: buy 100 XLU @ 81.20",
    ],
)
def test_a_plan_or_a_condition_before_the_colon_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=date(2031, 5, 12)))


@pytest.mark.parametrize(
    "text",
    [
        "[ScannerBot] Premarket gappers 08:45 ET\nSOUN +38% 4.72 vol 6.1M (navy contract PR)\n"
        "CXAI +22% 1.39 vol 2.4M\nBNGO -18% 0.41 (offering)",
        "BNGO -18% 0.41 (offering)",
        "BNGO down 20% on the secondary offering at 0.40",
    ],
)
def test_an_offering_of_shares_is_news_not_an_offer_to_sell(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=date(2031, 3, 3)))


@pytest.mark.parametrize(
    ("text", "underlying", "price"),
    [
        ("close my COST 1100/1120 call debit spread Aug @ 9.40", "COST", "9.40"),
        ("close my COST 1100c Aug @ 9.40", "COST", "9.40"),
    ],
)
def test_a_plain_word_ticker_after_my_is_the_ticker(
    parse: Parse, text: str, underlying: str, price: str
) -> None:
    parsed = parse(text, on=date(2031, 6, 11))
    assert_order(parsed, underlying, price)
    assert parsed.price_effect == "credit"
    assert {leg.effect for leg in parsed.legs} == {"close"}


def test_back_in_a_place_is_no_time_past(parse: Parse) -> None:
    text = (
        "jobs beat, TSLA back in the middle. BTC 1 TSLA 330p/410c strangle 6/20 @ 3.10, "
        "taking the win"
    )
    assert_order(parse(text, on=date(2031, 6, 6)), "TSLA", "3.10", side="buy")


@pytest.mark.parametrize(
    "text",
    [
        "back in March I sold 2 TSLA 330p 6/20 @ 3.10",
        "back in 2029 we did STO 1 TSLA 330p 6/20 @ 3.10",
        "[Assignment] You were assigned on 1 CCL Jun 6 2031 28 Put. 100 shares of CCL were "
        "added to your account.",
        "100 shares of CCL were added to your account.",
    ],
)
def test_a_time_past_or_a_passive_report_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=date(2031, 6, 9)))


@pytest.mark.parametrize(
    ("text", "underlying", "price"),
    [
        ("yo grab me 5 SOFI 11.5c feb 21 @ .12", "SOFI", ".12"),  # a greeting before it
        (
            "Luis here, old futures guy. first options trade in here: BTO 4 IWM 220p 2/21 @ 2.15",
            "IWM",
            "2.15",
        ),  # "old" describes the writer, no report
        (
            "Please sell to open 1 KO 72.5 call March 21 for .55. It is covered by the 100 "
            "shares I bought last week.",
            "KO",
            ".55",
        ),  # which shares cover it
    ],
)
def test_words_around_the_order_that_are_no_talk_of_a_trade(
    parse: Parse, text: str, underlying: str, price: str
) -> None:
    assert_order(parse(text, on=date(2031, 2, 10)), underlying, price)


@pytest.mark.parametrize(
    "text",
    [
        "old order: BTO 4 IWM 220p 2/21 @ 2.15",  # a report's heading
        "the 100 shares I bought last week are up",
        "yo bro I sold 2 SPY 600c 2/21 @ 1",
        "bro just buy 100 shares of VOO and stop gambling",  # advice to the one addressed
    ],
)
def test_a_report_or_a_past_trade_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=date(2031, 2, 10)))


def test_a_report_heading_without_a_colon_is_not_acted_on(parse: Parse) -> None:
    # the rules read it as a report; the second opinion may still call the whole message an
    # order, which the bot then asks about before it acts (round 44's refit does)
    assert_talk(parse("previous trade BTO 4 IWM 220p 2/21 @ 2.15", on=date(2031, 2, 10)))


@pytest.mark.parametrize(
    "text",
    [
        "happy valentine's day 💘 BTO 2 SPY 608c 0dte @ .70",
        "merry xmas all, BTO 2 SPY 608c 2/14 @ .70",
    ],
)
def test_a_holiday_wished_to_the_room_is_no_talk_to_ask_about(parse: Parse, text: str) -> None:
    parsed = parse(text, on=date(2031, 2, 14))
    assert_order(parsed, "SPY", ".70")
    assert parsed.sure


def test_the_closing_bell_is_a_time_of_day_not_a_closing_order(parse: Parse) -> None:
    text = (
        "closing bell fly 🦋\nBUY +1 BUTTERFLY SPX 100 (Weeklys) 9 SEP 31 8290/8300/8310 CALL "
        "@1.10 LMT\nsend"
    )
    parsed = parse(text, on=date(2031, 9, 9))
    assert_order(parsed, "SPX", "1.10")
    assert parsed.price_effect == "debit"
    assert sorted((leg.side, leg.quantity) for leg in parsed.legs) == [
        ("buy", 1),
        ("buy", 1),
        ("sell", 2),
    ]


def test_a_writer_likened_to_a_beginner_shows_no_example(parse: Parse) -> None:
    parsed = parse("NFP gap, chasing like a noob 🤦\nbuy 100 SPY at market", on=date(2031, 9, 5))
    assert_order(parsed, "SPY")
    assert parsed.order_type == "market"


def test_an_order_shown_to_beginners_stays_an_example(parse: Parse) -> None:
    assert_chatter(parse("for the noobs: buy 100 SPY at market", on=date(2031, 9, 5)))


def test_wanting_in_after_the_order_is_its_reason(parse: Parse) -> None:
    text = "buy 3 DAL 70c 7/11 @ 1.45, they report thursday morning and I want in before the run-up"
    assert_order(parse(text, on=date(2031, 7, 7)), "DAL", "1.45")


def test_wanting_in_without_an_order_before_it_stays_a_wish(parse: Parse) -> None:
    assert_chatter(parse("I want in on DAL 70c 7/11 @ 1.45", on=date(2031, 7, 7)))


@pytest.mark.parametrize(
    ("text", "tif"),
    [
        ("STC 4 AMZN 270c 7/11 @ .35, prime day my ass 💀", None),  # the sales event
        ("STC 4 AMZN 270c 7/11 @ .35 earnings day", None),
        ("STC 4 AMZN 270c 7/11 @ .35 day", "day"),
    ],
)
def test_a_named_day_is_no_time_in_force(parse: Parse, text: str, tif: str | None) -> None:
    parsed = parse(text, on=date(2031, 7, 9))
    assert_order(parsed, "AMZN", ".35")
    assert parsed.tif == tif


@pytest.mark.parametrize(
    ("text", "underlying", "price"),
    [
        (
            "> 🟢 AMD into earnings tmrw night\nsame idea as marco, bto 1 amd 190c 8/22 @ 3.15",
            "AMD",
            "3.15",
        ),
        (
            "buy 1 AAPL 270/280 call debit spread Sept 19 for 3.40 — first spread I picked "
            "myself 😅",
            "AAPL",
            "3.40",
        ),
    ],
)
def test_an_idea_taken_up_or_the_order_described_after_it_is_no_report(
    parse: Parse, text: str, underlying: str, price: str
) -> None:
    assert_order(parse(text, on=date(2031, 8, 4)), underlying, price)


@pytest.mark.parametrize(
    "text",
    [
        "the spread I picked last week: buy 1 AAPL 270/280 call debit spread Sept 19 for 3.40",
        "buy 1 AAPL 270c 9/19 @ 3.40, the one I sold yesterday at 4",
    ],
)
def test_a_trade_of_another_day_named_beside_the_order_stays_a_report(
    parse: Parse, text: str
) -> None:
    assert_talk(parse(text, on=date(2031, 8, 13)))
