"""Round 43 (first session of 2026-12-07): the one sentence that writes the whole order is read
alone when the talk around it names other contracts, dates or counts ("my SPY 600p ... ⏎sell 1
TGT 160c 3/7 @ 1.25⏎...", "not a 0dte guy, I'd rather sell time:⏎STO 2 XSP ...", "The March KO
calls expire on Friday ... Please sell 3 KO 90 calls for May ..."); what only the talk gives it
(a heading's count or "closing") is kept, and a correction after it still applies. An order
written whole in the first clause, then a remark of the writer's own about something else, is
the order (asked about); a remark that may govern it (a question, a hedge, a deferral, its
fate, a second order) leaves it talk. "short" or "closing" opening a later sentence before a
count is the action, and an order on the last line under a paragraph is read as one between
paragraphs is. A credit spread rolled in plain English ("roll my 2 XSP 705/700 PCS 3/6 down
and out to 690/685 PCS 3/20 for a .10 credit") is its four legs. Breakevens or what a
structure "pays", with no verb, work a trade out: talk. "why not" after an order is a shrug; the
last sentence, an order whole alone, after statements that govern no trade is the order (asked
about). The order's own sentence wins when the whole reading lost its price, lacks a strike or
took a quote after it for the price; an exit plan after the order leaves it the order. The one
order clause inside a paragraph of reasoning ("..., so buy 2 SPY 568c 3/4 @ 1.30, stop under
566.40") is the order, asked about."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import leg_keys

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
TUE = date(2036, 3, 4)
FRI = date(2036, 3, 7)
MAY = date(2036, 5, 16)  # May's monthly expiration (third Friday)
JUN = date(2036, 6, 20)


def _order(parsed: ParsedOrder, underlying: str, price: str) -> None:
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.underlying == underlying
    assert parsed.price == Decimal(price)


def test_a_contract_in_the_talk_before_the_order_line_is_not_a_leg(parse: Parse) -> None:
    text = (
        "my SPY 600p from friday is worth .02. mo said hedges are meant to expire worthless, "
        "fine. TGT calls are 1.25 now and thursday is the print\n"
        "sell 1 TGT 160c 3/7 @ 1.25\n"
        "selling half before the event like kai does. same idea?"
    )
    parsed = parse(text, on=TUE)
    _order(parsed, "TGT", "1.25")
    assert leg_keys(parsed) == [("sell", None, 1, "call", Decimal("160"), FRI)]


def test_a_date_word_in_the_heading_is_not_the_orders_date(parse: Parse) -> None:
    # "0dte" in "not a 0dte guy" gave the spread today's date; "I'd" is no quotation mark
    parsed = parse(
        "not a 0dte guy, I'd rather sell time:\nSTO 2 XSP 700/695 PCS 5/16 @ .48", on=TUE
    )
    _order(parsed, "XSP", "0.48")
    assert leg_keys(parsed) == [
        ("buy", "open", 2, "put", Decimal("695"), MAY),
        ("sell", "open", 2, "put", Decimal("700"), MAY),
    ]


def test_a_polite_request_after_talk_about_other_contracts_keeps_its_own_month(
    parse: Parse,
) -> None:
    text = (
        "The March KO calls expire on Friday, worthless I expect. Please sell 3 KO 90 calls "
        "for May at 0.95, good til canceled."
    )
    parsed = parse(text, on=TUE)
    _order(parsed, "KO", "0.95")
    assert parsed.tif == "gtc"
    assert leg_keys(parsed) == [("sell", None, 3, "call", Decimal("90"), MAY)]


@pytest.mark.parametrize(
    ("text", "legs"),
    [
        (  # the heading closes: its effect is the order's
            "MU +9%. closing the June spread:\n"
            "SELL -1 VERTICAL MU 100 20 JUN 36 180/200 CALL @12.10 LMT",
            [("buy", "close", 1, "call", Decimal("200"), JUN),
             ("sell", "close", 1, "call", Decimal("180"), JUN)],
        ),
        (  # the heading counts and the order's clause does not
            "me too, 3 contracts: buy AMZN 300c 5/16 @ 5.20",
            [("buy", None, 3, "call", Decimal("300"), MAY)],
        ),
        (  # the count held, in the talk, is not the count sold
            "PLTR and AMD are out of the book. NVDA 270c 5/16 x5 is the big one now. taking "
            "some off: sell 2 NVDA 270c 5/16 @ 7.40",
            [("sell", None, 2, "call", Decimal("270"), MAY)],
        ),
    ],
)  # fmt: skip
def test_the_order_clause_keeps_what_only_the_talk_gives_it(
    parse: Parse, text: str, legs: list[tuple[object, ...]]
) -> None:
    parsed = parse(text, on=TUE)
    assert parsed.kind == "order", parsed.to_dict()
    assert leg_keys(parsed) == legs


@pytest.mark.parametrize(
    ("text", "count", "price"),
    [
        ("STO 4 XSP 700/695 PCS 5/16 @ .41. make that 3 contracts. CPI tonight", 3, "0.41"),
        ("not 1.10, 1.25: sell 2 KO 70c 5/16 @ 1.10", 2, "1.25"),
    ],
)
def test_a_correction_around_the_order_sentence_still_applies(
    parse: Parse, text: str, count: int, price: str
) -> None:
    parsed = parse(text, on=TUE)
    assert parsed.kind == "order", parsed.to_dict()
    assert {leg.quantity for leg in parsed.legs} == {count}
    assert parsed.price == Decimal(price)


@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "BTO 1 AAPL 250c 3/20 @ 4.10 — eyeing the 260c as well but 1.90 is a lot for a lotto",
            "AAPL",
            [("buy", "open", 1, "call", Decimal("250"), date(2036, 3, 20))],
            "4.10",
        ),
        (
            "buy 30 JPM at 217.90. @mara congrats on the straddle, I am the guy who buys after "
            "the news lol",
            "JPM",
            [("buy", None, 30, "equity", None, None)],
            "217.90",
        ),
        (
            "please buy 1 KO 60c 3/20 at .30 … theo sold his shares so somebody has to hold the "
            "coke",
            "KO",
            [("buy", None, 1, "call", Decimal("60"), date(2036, 3, 20))],
            "0.30",
        ),
        (  # the other contract and its numbers in the remark are not legs
            "STC 2 META 590p 3/20 @ 4.90 — hedge did its job by costing me 980 lol, NVDA 960c "
            "paid for it twice",
            "META",
            [("sell", "close", 2, "put", Decimal("590"), date(2036, 3, 20))],
            "4.90",
        ),
    ],
)
def test_a_remark_of_the_writers_own_after_a_whole_order_leaves_it_the_order(
    parse: Parse, text: str, underlying: str, legs: list[tuple[object, ...]], price: str
) -> None:
    parsed = parse(text, on=TUE)
    _order(parsed, underlying, price)
    assert leg_keys(parsed) == legs
    assert not parsed.sure  # the rules read the remark as talk: the bot asks first


def test_the_orders_clause_runs_on_through_its_time_in_force(parse: Parse) -> None:
    parsed = parse(
        "sell 100 T at 24.45 gtc. collected 3 dividends on it lol, that is my whole pension plan",
        on=TUE,
    )
    _order(parsed, "T", "24.45")
    assert parsed.tif == "gtc"


@pytest.mark.parametrize(
    "text",
    [
        # a question, a hedge, a deferral or the order's own fate after it
        "sell 2 KO 62c 3/20 @ 0.85. does that make sense for a first covered call on my shares",
        "buy 2 AMD 150c 3/20 @ 3.10, the chart seems to be turning up again today",
        "sell 1 IWM 245c 3/20 @ 1.15. will do it after lunch when the kids are asleep",
        "STO 5 F 11p 3/20 @ .25, assigned on all of them this morning, great",
        # too short to be a remark of its own
        "buy 3 PLTR 150c 3/20 @ 4.20. in my dreams",
        # a second order in it
        "BTO 2 SPY 600c 3/20 @ 3. also add this one: buy 1 QQQ 500c 3/20 @ 2",
    ],
)
def test_a_remark_that_may_govern_the_order_does_not_make_it_one(parse: Parse, text: str) -> None:
    parsed = parse(text, on=TUE)
    assert parsed.kind == "none" or not parsed.sure, parsed.to_dict()


@pytest.mark.parametrize(
    ("text", "underlying", "side", "effect", "count"),
    [
        ("halt pump, not a squeeze. short 30 GME at 40.50", "GME", "sell", None, 30),
        (
            "9,350 is gone. as promised, no roll:\nclosing 2 SPXW 9350/9375 CCS 3/20 @ 11.40",
            "SPXW",
            "buy",
            "close",
            2,
        ),
    ],
)
def test_short_or_closing_opening_a_later_sentence_before_a_count_is_the_action(
    parse: Parse, text: str, underlying: str, side: str, effect: str | None, count: int
) -> None:
    parsed = parse(text, on=TUE)
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.underlying == underlying
    first = min(parsed.legs, key=lambda leg: leg.strike or 0)
    assert (first.side, first.effect, first.quantity) == (side, effect, count)


def test_the_order_on_the_last_line_under_a_paragraph_is_the_order(parse: Parse) -> None:
    text = (
        "ko at 57.90 so the 61 call is almost free to buy back now. locking it in\n"
        "buy to close 1 ko 61 call 3/20 @ .03"
    )
    parsed = parse(text, on=TUE)
    _order(parsed, "KO", "0.03")
    assert leg_keys(parsed) == [("buy", "close", 1, "call", Decimal("61"), date(2036, 3, 20))]


def test_a_ticket_on_the_last_line_under_a_question_stays_talk(parse: Parse) -> None:
    text = (
        "anyone know why the app copies these arrows? my notes look odd today, honestly\n"
        "[Buy ▾] [50] [SOFI ▾] [Limit ▾] [20.85] [GTC ▾]"
    )
    assert parse(text, on=TUE).kind == "none"


MAR6 = date(2036, 3, 6)
MAR20 = date(2036, 3, 20)


@pytest.mark.parametrize(
    ("text", "legs", "price"),
    [
        (
            "roll my 2 XSP 705/700 PCS 3/6 down and out to 690/685 PCS 3/20 for a .10 credit",
            [("buy", None, 2, "put", Decimal("705"), MAR6),
             ("sell", None, 2, "put", Decimal("700"), MAR6),
             ("sell", None, 2, "put", Decimal("690"), MAR20),
             ("buy", None, 2, "put", Decimal("685"), MAR20)],
            "0.10",
        ),
        (  # the same strikes a week out, under a line of talk
            "IWM 251 and the short strike is too close.\nroll my 3 IWM 250/245 PCS from 3/6 to "
            "3/20 @ .40 cr",
            [("buy", None, 3, "put", Decimal("250"), MAR6),
             ("sell", None, 3, "put", Decimal("245"), MAR6),
             ("sell", None, 3, "put", Decimal("250"), MAR20),
             ("buy", None, 3, "put", Decimal("245"), MAR20)],
            "0.40",
        ),
        (  # a call credit spread rolled down, its new strikes after the date
            "rolling my last SPX 6550/6600 call spread from 3/20 down and out to 4/17, "
            "6450/6500, for 2.60 credit",
            [("buy", None, 1, "call", Decimal("6550"), MAR20),
             ("sell", None, 1, "call", Decimal("6600"), MAR20),
             ("sell", None, 1, "call", Decimal("6450"), date(2036, 4, 17)),
             ("buy", None, 1, "call", Decimal("6500"), date(2036, 4, 17))],
            "2.60",
        ),
    ],
)  # fmt: skip
def test_a_credit_spread_rolled_in_plain_english_is_its_four_legs(
    parse: Parse, text: str, legs: list[tuple[object, ...]], price: str
) -> None:
    parsed = parse(text, on=TUE)
    assert parsed.kind == "order", parsed.to_dict()
    assert leg_keys(parsed) == sorted(legs)
    assert parsed.price == Decimal(price)
    assert parsed.price_effect == "credit"


@pytest.mark.parametrize(
    "text",
    [
        "if SPX breaks 6500, roll my SPX 6550/6600 CCS 3/20 up to 6650/6700 CCS 4/17 for .2 cr",
        # the first strike bought: not written as a credit spread, sent as legs
        "roll my 2 XSP 700/705 put spread 3/6 to 3/20 for .30 debit",
    ],
)
def test_a_conditioned_roll_or_one_not_of_a_credit_spread_stays_refused(
    parse: Parse, text: str
) -> None:
    assert parse(text, on=TUE).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "NVDA 335 straddle 3/20 at 24.80, breakevens 310.20 / 359.80",
        "RUT lagging again. puts are fat though: 2050/2040 for friday pays 1.25",
    ],
)
def test_a_structure_worked_out_without_a_verb_is_talk(parse: Parse, text: str) -> None:
    assert parse(text, on=TUE).kind == "none"


def test_why_not_after_the_order_is_a_shrug_not_a_refusal(parse: Parse) -> None:
    parsed = parse("bto 20 gme 40c 3/6 @ .05 🚀 why not", on=TUE)
    _order(parsed, "GME", "0.05")


def test_the_last_sentence_after_statements_that_govern_no_trade_is_the_order(
    parse: Parse,
) -> None:
    parsed = parse(
        "KO got me 300 shares at 60 back in December, PFE never did. buy 200 PFE at 28.90 gtc",
        on=TUE,
    )
    _order(parsed, "PFE", "28.90")
    assert leg_keys(parsed) == [("buy", None, 200, "equity", None, None)]
    assert not parsed.sure  # the rules read the statements as talk: the bot asks


@pytest.mark.parametrize(
    "text",
    [
        # the statements report the very contract the order names
        "sold the SOFI 20p at .36 last week and bought them back. BTC 10 SOFI 20p 3/20 @ .12",
        # a heading names a relay or a record, not the writer's reasons
        "best one this month: STO 2 TSLA 280p 3/20 @ 5.60",
    ],
)
def test_a_lead_that_reports_or_heads_the_trade_keeps_it_talk(parse: Parse, text: str) -> None:
    parsed = parse(text, on=TUE)
    assert parsed.kind == "none" or not parsed.sure, parsed.to_dict()


APR = date(2036, 4, 18)


@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (  # the talk's contract read as an alert lost the order's own price
            "ORCL 308 into the bell and the straddle bid is over my cost\n"
            "sell 1 ORCL 305 straddle 3/20 @ 24.40",
            "ORCL",
            [("sell", None, 1, "call", Decimal("305"), MAR20),
             ("sell", None, 1, "put", Decimal("305"), MAR20)],
            "24.40",
        ),
        (  # the talk's structure ("condor") left strikes missing
            "adding the call side, my first condor: STO 1 XSP 685/690 CCS 3/20 @ .42",
            "XSP",
            [("buy", "open", 1, "call", Decimal("690"), MAR20),
             ("sell", "open", 1, "call", Decimal("685"), MAR20)],
            "0.42",
        ),
        (  # a quote after the order is not its price
            "STO 4 F 12.5p Apr @ .31. F at 13.10",
            "F",
            [("sell", "open", 4, "put", Decimal("12.5"), APR)],
            "0.31",
        ),
    ],
)  # fmt: skip
def test_the_order_sentence_wins_over_a_whole_reading_the_talk_led_astray(
    parse: Parse, text: str, underlying: str, legs: list[tuple[object, ...]], price: str
) -> None:
    parsed = parse(text, on=TUE)
    _order(parsed, underlying, price)
    assert leg_keys(parsed) == sorted(legs)


def test_a_correction_after_the_price_still_wins(parse: Parse) -> None:
    assert parse("buy 2 NVDA 230c 3/20 @ 3.20 *edit: 3.25 not 3.20", on=TUE).price == Decimal(
        "3.25"
    )


def test_an_exit_plan_after_the_order_leaves_it_the_order(parse: Parse) -> None:
    parsed = parse(
        "buy 200 UBER at 96.70 gtc\ninitial stop 92.80, then I trail it 5% once it is up 5%",
        on=TUE,
    )
    _order(parsed, "UBER", "96.70")
    assert parsed.tif == "gtc"


@pytest.mark.parametrize(
    ("text", "underlying", "price"),
    [
        (
            "Sat out the open like I said. The gap held 566 for the whole first hour, every dip "
            "got bought at VWAP, and now the 10:15 bar broke the opening range high on big "
            "volume. Trend day look, so buy 2 SPY 568c 3/4 @ 1.30, stop under 566.40, trail it "
            "if we run.",
            "SPY",
            "1.30",
        ),
        (
            "The weekly routine continues, SPY 562.70, VIX 14.9 which is still better than the "
            "13 we had most of the summer. The 540 is 22 points down, under this week's low, so "
            "STO 3 SPY 540/535 PCS 3/13 @ .78 and that's the last new risk until after the Fed.",
            "SPY",
            "0.78",
        ),
    ],
)
def test_the_order_clause_inside_a_paragraph_of_reasoning_is_the_order(
    parse: Parse, text: str, underlying: str, price: str
) -> None:
    parsed = parse(text, on=TUE)
    _order(parsed, underlying, price)
    assert not parsed.sure  # read out of a paragraph of talk: the bot asks first


def test_a_story_joined_to_the_order_keeps_it_talk(parse: Parse) -> None:
    parsed = parse("STO 1 SPY 600p 3/20 @ 2.00 and it tanked the next day", on=TUE)
    assert parsed.kind == "none" or not parsed.sure, parsed.to_dict()
