"""Round 37 (session of 2026-12-06): strategy names in a heading and legs under a heading that
write their own count and date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_sure_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
AUG20 = date(2029, 8, 20)


@pytest.mark.parametrize("name", ["PMCC", "BWB", "PMCP"])
def test_a_strategy_acronym_heading_the_legs_is_no_ticker(parse: Parse, name: str) -> None:
    text = f"{name} on AMD: buy the Dec 140c, sell the Sep 190c, 1 lot, 31.50 debit"
    parsed = parse(text, on=AUG20)
    assert_sure_order(
        parsed,
        "AMD",
        [
            ("buy", None, 1, "call", Decimal("140"), date(2029, 12, 21)),
            ("sell", None, 1, "call", Decimal("190"), date(2029, 9, 21)),
        ],
        Decimal("31.50"),
    )


@pytest.mark.parametrize("head", ["diagonal put spread on SPY", "diagonal on SPY", "SPY diagonal"])
def test_legs_under_a_heading_keep_their_own_count_and_date(parse: Parse, head: str) -> None:
    parsed = parse(f"{head}: buy 1 Oct 680p, sell 1 9/7 670p, 9.80 debit", on=AUG20)
    assert_sure_order(
        parsed,
        "SPY",
        [
            ("buy", None, 1, "put", Decimal("680"), date(2029, 10, 19)),
            ("sell", None, 1, "put", Decimal("670"), date(2029, 9, 7)),
        ],
        Decimal("9.80"),
    )
    assert parsed.price_effect == "debit"


SEP10 = date(2029, 9, 10)


@pytest.mark.parametrize(
    "text",
    [
        "rolling AAPL down and out:\nBTC 1 AAPL 210p 9/13 / STO 1 AAPL 205p 10/4 for .30 credit",
        "roll AAPL 210p 9/13 down and out to the 205p 10/4\n"
        "BTC 1 AAPL 210p 9/13 / STO 1 AAPL 205p 10/4 for .30 credit",
        # the legs name only their codes and counts: the heading names both contracts
        "roll AAPL 210p 9/13 down and out to the 205p 10/4\nBTC 1 / STO 1 for .30 credit",
        "roll AAPL 210p 9/13 down and out to the 205p 10/4: BTC 1 / STO 1 for .30 credit",
    ],
)
def test_a_roll_announced_before_its_legs(parse: Parse, text: str) -> None:
    parsed = parse(text, on=SEP10)
    assert_sure_order(
        parsed,
        "AAPL",
        [
            ("buy", "close", 1, "put", Decimal("210"), date(2029, 9, 13)),
            ("sell", "open", 1, "put", Decimal("205"), date(2029, 10, 4)),
        ],
        Decimal(".30"),
    )
    assert parsed.price_effect == "credit"


def test_a_roll_to_a_date_alone_keeps_the_strike_and_the_heading_count(parse: Parse) -> None:
    parsed = parse("roll 2 XSP 540c 9/11 to 9/13: STC / BTO @ .25 db", on=SEP10)
    assert_sure_order(
        parsed,
        "XSP",
        [
            ("sell", "close", 2, "call", Decimal("540"), date(2029, 9, 11)),
            ("buy", "open", 2, "call", Decimal("540"), date(2029, 9, 13)),
        ],
        Decimal(".25"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "should I roll AAPL 210p 9/13 to 9/20? BTC 1 / STO 1 for .30 credit",
        "rolled AAPL 210p 9/13 to the 205p 10/4\nBTC 1 / STO 1 for .30 credit",
        # both codes close: no roll
        "roll AAPL 210p 9/13 to the 205p 10/4: BTC 1 / STC 1 for .30 credit",
    ],
)
def test_no_roll_is_read_from_a_question_a_report_or_codes_that_do_not_roll(
    parse: Parse, text: str
) -> None:
    assert parse(text, on=SEP10).kind == "none"


def test_a_word_ticker_after_the_side_of_the_writers_position(parse: Parse) -> None:
    parsed = parse("close my short NOW 900c 8/31 @ 2", on=AUG20)
    assert_sure_order(
        parsed, "NOW", [("buy", "close", 1, "call", Decimal("900"), date(2029, 8, 31))], Decimal(2)
    )
    rolled = parse("roll my short NOW 8/31 900c to the 9/21/29 950c, 1 lot, 2.05 credit", on=AUG20)
    assert_sure_order(
        rolled,
        "NOW",
        [
            ("buy", None, 1, "call", Decimal("900"), date(2029, 8, 31)),
            ("sell", None, 1, "call", Decimal("950"), date(2029, 9, 21)),
        ],
        Decimal("2.05"),
    )


def test_now_written_in_lower_case_stays_a_word(parse: Parse) -> None:
    assert parse("close my short now, the 900c 8/31 @ 2", on=AUG20).kind == "none"


APR20 = date(2030, 4, 20)


@pytest.mark.parametrize(
    "text",
    [
        "want to buy 10 shares of AAPL at 248 limit",
        "new here, want to buy 10 shares of Apple (AAPL) at 248 limit",
        "wanna buy 10 shares of AAPL at 248 limit",
    ],
)
def test_a_wish_with_its_subject_left_out_asks_for_the_trade(parse: Parse, text: str) -> None:
    assert_sure_order(
        parse(text, on=APR20), "AAPL", [("buy", None, 10, "equity", None, None)], Decimal(248)
    )


@pytest.mark.parametrize(
    "text",
    [
        "they want to buy 10 shares of AAPL at 248 limit",
        "don't want to buy 10 shares of AAPL at 248",
        "who wanna buy 10 AAPL at 248",
    ],
)
def test_a_wish_of_others_or_denied_stays_talk(parse: Parse, text: str) -> None:
    assert parse(text, on=APR20).kind == "none"


JAN14 = date(2032, 1, 14)


@pytest.mark.parametrize(
    "text",
    ["buy 10 sh LMT @ 474.50 gtc", "buy 10 shares of LMT @ 474.50 gtc", "buy 10 LMT @ 474.50 gtc"],
)
def test_a_price_word_in_capitals_before_the_price_mark_is_the_ticker(
    parse: Parse, text: str
) -> None:
    parsed = parse(text, on=JAN14)
    assert_sure_order(parsed, "LMT", [("buy", None, 10, "equity", None, None)], Decimal("474.50"))
    assert parsed.tif == "gtc"


def test_lmt_after_the_ticker_stays_the_limit(parse: Parse) -> None:
    parsed = parse("buy 10 sh AAPL lmt 230", on=JAN14)
    assert_sure_order(parsed, "AAPL", [("buy", None, 10, "equity", None, None)], Decimal(230))


@pytest.mark.parametrize(
    "text",
    [
        "🤖 [DivBot] Ex-dividend dates this week:\nThu 1/15  ABBV  $1.72\nFri 1/16  MAIN  $0.255",
        "[FlowBot] BTO 2 SPY 600c 1/16 @ 3",
    ],
)
def test_a_bots_name_in_brackets_heads_its_post(parse: Parse, text: str) -> None:
    assert parse(text, on=JAN14).kind == "none"


FEB13 = date(2032, 2, 13)


def test_a_question_on_another_subject_after_the_order_leaves_it(parse: Parse) -> None:
    text = "Buy 1 WMT 120 call 3/19 at 2.35.\nAlso, what time is the Module 2 session tonight?"
    parsed = parse(text, on=FEB13)
    assert_sure_order(
        parsed, "WMT", [("buy", None, 1, "call", Decimal(120), date(2032, 3, 19))], Decimal("2.35")
    )


def test_a_question_pointing_back_at_the_order_stays_talk(parse: Parse) -> None:
    text = "Buy 1 WMT 120 call 3/19 at 2.35.\nalso is this too expensive?"
    assert parse(text, on=FEB13).kind == "none"


def test_a_live_demo_is_a_real_trade(parse: Parse) -> None:
    text = "STO 1 F 14c 3/19 @ .25 against the 100 F from Friday. Module 5 live demo 📚"
    parsed = parse(text, on=FEB13)
    assert parsed.kind == "order"
    assert parsed.legs[0].strike == Decimal(14)
    assert parse("live demo of a paper trade: STO 1 F 14c 3/19 @ .25", on=FEB13).kind == "none"


DEC22 = date(2031, 12, 22)


@pytest.mark.parametrize(
    ("text", "underlying", "count", "price"),
    [
        ("sell 300 IBIT shares @ 100.40, bought at 118 in nov, harvesting the loss", "IBIT", 300,
         "100.40"),
        ("sell 100 sh COIN @ 327.40, tax loss, bought it at 410 in august 🥲", "COIN", 100,
         "327.40"),
        ("sell 100 sh COIN @ 327.40, got in at 410 in august", "COIN", 100, "327.40"),
        ("last tax-loss of the year: sell 400 sh CLSK @ 10.40", "CLSK", 400, "10.40"),
    ],
)  # fmt: skip
def test_what_the_position_cost_said_beside_its_sale(
    parse: Parse, text: str, underlying: str, count: int, price: str
) -> None:
    assert_sure_order(
        parse(text, on=DEC22),
        underlying,
        [("sell", None, count, "equity", None, None)],
        Decimal(price),
    )


@pytest.mark.parametrize(
    "text",
    [
        "sell 100 sh COIN @ 327.40, bought 2 COIN 300c at 4",  # another trade reported
        "sold 100 sh COIN @ 327.40, bought it at 410",
        "took a loss on CLSK: sell 400 sh CLSK @ 10.40",
    ],
)
def test_trades_and_losses_reported_stay_talk(parse: Parse, text: str) -> None:
    assert_talk(parse(text, on=DEC22))


def test_a_loss_heading_still_reports(parse: Parse) -> None:
    parsed = parse("Loss: STC 400 sh CLSK @ 10.40", on=DEC22)
    assert_talk(parsed)  # refused, or asked about when the model reads it as an order
    assert any("a report: Loss" in note for note in parsed.notes)


MAR16 = date(2032, 3, 16)
APR16, MAY21 = date(2032, 4, 16), date(2032, 5, 21)


@pytest.mark.parametrize(
    "text", ["buy 2 SPY 770c Apr/May calendar @ 4.10", "buy 2 SPY 770 call calendar apr/may @ 4.10"]
)
def test_a_month_pair_gives_a_calendar_both_expirations(parse: Parse, text: str) -> None:
    assert_sure_order(
        parse(text, on=MAR16),
        "SPY",
        [
            ("sell", None, 2, "call", Decimal(770), APR16),
            ("buy", None, 2, "call", Decimal(770), MAY21),
        ],
        Decimal("4.10"),
    )


def test_may_alone_stays_a_modal(parse: Parse) -> None:
    assert parse("you may buy 2 SPY 770c calendar @ 4.10", on=MAR16).kind == "none"


@pytest.mark.parametrize(
    ("text", "near_side", "effect"),
    [
        ("buy 2 QQQ 670p/720c double calendars Apr/May @ 6.40", "sell", "debit"),
        ("buy 2 QQQ 670/720 double calendar Apr/May @ 6.40", "sell", "debit"),
        ("sell 2 QQQ 670p/720c double cal Apr/May @ 6.40", "buy", "credit"),
    ],
)
def test_a_double_calendar_is_a_put_and_a_call_calendar(
    parse: Parse, text: str, near_side: str, effect: str
) -> None:
    parsed = parse(text, on=MAR16)
    far_side = "buy" if near_side == "sell" else "sell"
    assert_sure_order(
        parsed,
        "QQQ",
        [
            (near_side, None, 2, "put", Decimal(670), APR16),
            (far_side, None, 2, "put", Decimal(670), MAY21),
            (near_side, None, 2, "call", Decimal(720), APR16),
            (far_side, None, 2, "call", Decimal(720), MAY21),
        ],
        Decimal("6.40"),
    )
    assert parsed.price_effect == effect
    assert parsed.strategy == "double_calendar"


MAY10 = date(2030, 5, 10)


@pytest.mark.parametrize(
    "text",
    [
        "would you be able to sell 2 KO 72 calls expiring 5/17 for 0.70? just the 2 please",
        "could you be able to sell 2 KO 72 calls 5/17 for 0.70",
    ],
)
def test_asking_the_bot_whether_it_is_able_to_is_a_request(parse: Parse, text: str) -> None:
    assert_sure_order(
        parse(text, on=MAY10),
        "KO",
        [("sell", None, 2, "call", Decimal(72), date(2030, 5, 17))],
        Decimal("0.70"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "would you sell 2 KO 72 calls expiring 5/17 for 0.70?",  # an opinion asked
        "he would be able to sell 2 KO 72 calls 5/17 for 0.70",
    ],
)
def test_an_opinion_asked_or_another_person_able_to_stays_talk(parse: Parse, text: str) -> None:
    assert parse(text, on=MAY10).kind == "none"


@pytest.mark.parametrize(
    "text",
    ["gm. BTC 172k, IBIT 98 and change. quiet one so far", "BTC back over 170k, IBIT 98"],
)
def test_btc_before_its_price_or_its_move_is_bitcoin(parse: Parse, text: str) -> None:
    assert parse(text, on=DEC22).kind == "none"


@pytest.mark.parametrize(
    "text", ["btc ripped overnight\nBTC 5 IBIT 97c 12/26 @ 1", "BTC 5 IBIT 97c 12/26 @ 1"]
)
def test_btc_before_a_count_is_buying_to_close(parse: Parse, text: str) -> None:
    parsed = parse(text, on=DEC22)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == "buy"
    assert parsed.legs[0].effect == "close"
    assert parsed.legs[0].quantity == 5


def test_a_recap_announced_for_later_after_the_order_leaves_it(parse: Parse) -> None:
    text = (
        "STC 2 NVDA 220c 2/21 @ 7.10 — target hit, that's the whole position closed. "
        "Lesson recap tonight."
    )
    parsed = parse(text, on=date(2031, 2, 10))
    assert_sure_order(
        parsed,
        "NVDA",
        [("sell", "close", 2, "call", Decimal(220), date(2031, 2, 21))],
        Decimal("7.10"),
    )


def test_a_recap_heading_before_the_order_still_reports(parse: Parse) -> None:
    assert parse("recap tonight: STC 2 NVDA 220c 2/21 @ 7.10", on=date(2031, 2, 10)).kind == "none"


def test_the_shares_a_call_is_written_on_told_by_a_relative_clause(parse: Parse) -> None:
    text = (
        "selling a covered call on the 100 ABBV i got assigned last week -- "
        "sell 1 ABBV 200c 10/18 @ 2.10"
    )
    assert_sure_order(
        parse(text, on=date(2029, 10, 10)),
        "ABBV",
        [("sell", None, 1, "call", Decimal(200), date(2029, 10, 18))],
        Decimal("2.10"),
    )


def test_a_sale_reported_before_the_shares_stays_talk(parse: Parse) -> None:
    text = "sold 1 ABBV 200c 10/18 @ 2.10 on the 100 ABBV i got assigned"
    assert parse(text, on=date(2029, 10, 10)).kind == "none"


JUL6 = date(2032, 7, 6)


@pytest.mark.parametrize(
    ("text", "side", "price"),
    [
        ("I want to buy 2 calls of JPM 290 for 16/07, max 2,80. Earnings Wednesday 🤞", "buy",
         "2.80"),
        ("buy 2 JPM 290c 7/16 max 2.80", "buy", "2.80"),
        ("sell 2 JPM 290c 7/16 min 1.20", "sell", "1.20"),
    ],
)  # fmt: skip
def test_max_or_min_before_the_price_bounds_it(
    parse: Parse, text: str, side: str, price: str
) -> None:
    assert_sure_order(
        parse(text, on=JUL6),
        "JPM",
        [(side, None, 2, "call", Decimal(290), date(2032, 7, 16))],
        Decimal(price),
    )


def test_max_before_a_count_is_no_price(parse: Parse) -> None:
    parsed = parse("buy 2 JPM 290c 7/16 max 2 contracts @ 2.80", on=JUL6)
    assert parsed.price == Decimal("2.80")


APR14 = date(2032, 4, 14)
MAY21_32 = date(2032, 5, 21)


@pytest.mark.parametrize(
    ("text", "side", "effect", "count", "strike", "price"),
    [
        ("OPENING SALE: 10 KO JUNE 65 PUTS @ .85 LIMIT, GTC", "sell", "open", 10, 65, ".85"),
        ("CLOSING SALE: 10 JPM MAY 300 CALLS @ 5.60 LIMIT", "sell", "close", 10, 300, "5.60"),
        ("Closing purchase: 10 BAC May 50 puts at a dime, GTC", "buy", "close", 10, 50, ".10"),
        ("opening purchase: 5 JPM May 300 calls @ 4.20", "buy", "open", 5, 300, "4.20"),
    ],
)
def test_a_desks_opening_and_closing_sales_and_purchases(
    parse: Parse, text: str, side: str, effect: str, count: int, strike: int, price: str
) -> None:
    parsed = parse(text, on=APR14)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == side
    assert parsed.legs[0].effect == effect
    assert parsed.legs[0].quantity == count
    assert parsed.legs[0].strike == Decimal(strike)
    assert parsed.price == Decimal(price)


@pytest.mark.parametrize(
    ("text", "strike", "option_type"),
    [
        ("buy 2 WFC May 90 calls at 1.10", Decimal(90), "call"),
        ("buy 2 WFC May 90c at 1.10", Decimal(90), "call"),
        ("buy 2 WFC May 90 at 1.10", Decimal(90), None),  # no type: asked for
        ("buy 2 WFC May calls at 1.10", None, "call"),  # no strike: asked for
    ],
)
def test_may_before_the_strike_is_the_month(
    parse: Parse, text: str, strike: Decimal | None, option_type: str | None
) -> None:
    parsed = parse(text, on=APR14)
    assert parsed.kind == "order"
    assert parsed.legs[0].expiration == MAY21_32
    assert parsed.legs[0].strike == strike
    assert parsed.legs[0].type == option_type


def test_may_as_a_modal_stays_a_word(parse: Parse) -> None:
    assert parse("I may buy 2 WFC 90 calls at 1.10", on=APR14).kind == "none"


def test_on_the_bid_after_the_writers_order_is_a_market_order(parse: Parse) -> None:
    parsed = parse("Sell 10 GE May 250 calls on the bid", on=APR14)
    assert parsed.kind == "order"
    assert parsed.order_type == "market"
    assert parse("10k GE May 250 calls on the bid", on=APR14).kind == "none"  # a flow print


def test_not_held_is_a_desks_instruction(parse: Parse) -> None:
    parsed = parse("BUY 5 NVDA MAY 220 CALLS MKT, NOT HELD", on=APR14)
    assert parsed.kind == "order"
    assert parsed.order_type == "market"
    assert parse("sold 5 NVDA May 220 calls, not held anymore", on=APR14).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "scoop 3 DIS 125c next fri @ 1.45 — round two, who's with me? 🏰",
        "scoop 3 DIS 125c next fri @ 1.45, who's with me?",
        "scoop 3 DIS 125c next fri @ 1.45. anyone joining me?",
    ],
)
def test_calling_the_room_to_join_after_the_order_keeps_it(parse: Parse, text: str) -> None:
    parsed = parse(text, on=date(2032, 8, 20))
    assert_sure_order(
        parsed,
        "DIS",
        [("buy", None, 3, "call", Decimal(125), date(2032, 8, 27))],
        Decimal("1.45"),
    )


def test_the_room_greeted_by_its_name_reports_no_flow(parse: Parse) -> None:
    text = "gm flow fam ☕ BTO 3 NVDA 240c 11/19 @ 4.20, tailing that golden sweep 🟡"
    assert parse(text, on=date(2032, 10, 8)).kind == "order"
    assert parse("flow: BTO 3 NVDA 240c 11/19 @ 4.20", on=date(2032, 10, 8)).kind == "none"


def test_a_dip_buy_heading_names_the_trade_below_it(parse: Parse) -> None:
    text = "post-fed dip buy 🛒\nBTO 3 NVDA 325c 7/2 @ 6.80\nSL 5.00 | PT 9.50 / 12"
    assert_sure_order(
        parse(text, on=date(2032, 6, 21)),
        "NVDA",
        [("buy", "open", 3, "call", Decimal(325), date(2032, 7, 2))],
        Decimal("6.80"),
    )


def test_a_sentence_about_the_shares_held_after_the_order_leaves_it(parse: Parse) -> None:
    text = (
        "Please sell 1 KO 80 call, October 15 expiration, at .62. My shares filled yesterday, "
        "and this is my first covered call."
    )
    assert_sure_order(
        parse(text, on=date(2032, 9, 10)),
        "KO",
        [("sell", None, 1, "call", Decimal(80), date(2032, 10, 15))],
        Decimal(".62"),
    )
    assert parse("sold 1 KO 80 call at .62. filled", on=date(2032, 9, 10)).kind == "none"


NOV3 = date(2032, 11, 3)


def test_a_lower_case_ticker_in_its_slot_beats_shouting_after_the_price(parse: Parse) -> None:
    assert_sure_order(
        parse("stc 20 spy 880c 0dte @ 1.45 LETS GOOO 🚀🚀", on=NOV3),
        "SPY",
        [("sell", "close", 20, "call", Decimal(880), NOV3)],
        Decimal("1.45"),
    )


def test_whichever_way_is_no_refusal(parse: Parse) -> None:
    text = (
        "Please buy 2 SPY 850 puts for January at 11.90, good till cancelled. "
        "Gridlock or not, I sleep better hedged."
    )
    parsed = parse(text, on=NOV3)
    assert parsed.kind == "order"
    assert parsed.tif == "gtc"
    assert parse("buy 2 SPY 850p 1/21 at 11.90. or not.", on=NOV3).kind == "none"


MAY20 = date(2032, 5, 20)


def test_a_ticker_that_is_a_price_word_in_brackets_keeps_the_price(parse: Parse) -> None:
    parsed = parse("Please buy 8 shares of Costco (COST) at 1,078.00.", on=MAY20)
    assert_sure_order(parsed, "COST", [("buy", None, 8, "equity", None, None)], Decimal(1078))
    assert parsed.order_type == "limit"


def test_the_shares_the_writer_holds_are_no_count(parse: Parse) -> None:
    text = "sell to open 1 VZ 44 call 2/18 at .38 — I have 100 shares now 🎉"
    assert_sure_order(
        parse(text, on=date(2033, 1, 10)),
        "VZ",
        [("sell", "open", 1, "call", Decimal(44), date(2033, 2, 18))],
        Decimal(".38"),
    )
    parsed = parse("sell 100 shares of VZ at 44", on=date(2033, 1, 10))
    assert parsed.legs[0].quantity == 100


@pytest.mark.parametrize(
    "text",
    [
        "so for her custodial account please buy 10 shares of MAT at 21.35, good til canceled.",
        "for my mother's IRA, please buy 10 shares of MAT at 21.35",
        "For the club account: buy 10 shares of MAT at 21.35",
    ],
)
def test_the_account_named_before_the_order_is_no_other_persons_trade(
    parse: Parse, text: str
) -> None:
    assert_sure_order(
        parse(text, on=MAY20), "MAT", [("buy", None, 10, "equity", None, None)], Decimal("21.35")
    )


def test_another_persons_trade_for_an_account_stays_talk(parse: Parse) -> None:
    assert parse("she bought 10 shares of MAT at 21.35 for her account", on=MAY20).kind == "none"


JAN10_33 = date(2033, 1, 10)


@pytest.mark.parametrize(
    "text",
    [
        "Morning Ledger! please buy 75 more VZ at 41.90 so I have 100 for covered calls 🙂",
        "buy 75 VZ at 41.90 for covered calls",
    ],
)
def test_shares_bought_for_covered_calls_are_shares(parse: Parse, text: str) -> None:
    assert_sure_order(
        parse(text, on=JAN10_33), "VZ", [("buy", None, 75, "equity", None, None)], Decimal("41.90")
    )


def test_a_story_word_as_a_name_greeted_is_an_address(parse: Parse) -> None:
    assert parse("Morning Ledger! please buy 75 more VZ at 41.90", on=JAN10_33).kind == "order"
    assert parse("my ledger: buy 75 VZ at 41.90", on=JAN10_33).kind == "none"


APR12_33 = date(2033, 4, 12)


@pytest.mark.parametrize(
    ("text", "near_side", "price"),
    [
        ("roll my 2 SPY 870p May out to June for 2.90 debit", "sell", "2.90"),  # held long
        ("roll my 2 SPY 870p May out to June for 1.10 credit", "buy", "1.10"),  # held short
    ],
)
def test_a_roll_out_in_time_takes_its_side_from_the_net_price(
    parse: Parse, text: str, near_side: str, price: str
) -> None:
    far_side = "buy" if near_side == "sell" else "sell"
    assert_sure_order(
        parse(text, on=APR12_33),
        "SPY",
        [
            (near_side, None, 2, "put", Decimal(870), date(2033, 5, 20)),
            (far_side, None, 2, "put", Decimal(870), date(2033, 6, 17)),
        ],
        Decimal(price),
    )


def test_a_roll_without_its_side_or_its_net_stays_refused(parse: Parse) -> None:
    assert parse("roll my 2 SPY 870p May out to June", on=APR12_33).kind == "none"
    # a net credit for the later contract: the put was short, bought back and sold again
    # (this roll was refused before round 37)
    parsed = parse("roll the HD 380p 12/18 to 1/15 for .50 credit", on=date(2026, 12, 10))
    assert parsed.kind == "order"
    assert [(leg.side, leg.expiration) for leg in parsed.legs] == [
        ("buy", date(2026, 12, 18)),
        ("sell", date(2027, 1, 15)),
    ]


FEB16_33 = date(2033, 2, 16)


def test_a_short_chat_word_before_a_typed_strike_is_the_ticker(parse: Parse) -> None:
    assert_sure_order(
        parse("bto 5 smh 300p eow @ 3.80", on=FEB16_33),
        "SMH",
        [("buy", "open", 5, "put", Decimal(300), date(2033, 2, 18))],
        Decimal("3.80"),
    )
    assert parse("bto 5 lol 300p eow @ 3.80", on=FEB16_33).kind == "none"


def test_a_structure_remarked_on_after_the_order_is_not_traded(parse: Parse) -> None:
    parsed = parse("buy to cover 400 SPY at market, straddle's gone", on=FEB16_33)
    assert parsed.kind == "order"
    assert parsed.legs[0].type == "equity"
    assert parsed.legs[0].quantity == 400
    sold = parse("sell 1 SPY 600 straddle 2/18 @ 10", on=FEB16_33)
    assert sold.strategy == "straddle"
