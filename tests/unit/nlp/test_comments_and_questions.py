"""Remarks around an order: a question aside, a comment after the finished order, a condition
closed by its own main clause, and the near misses that stay chatter. Every example is written
for these tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from support.parsing import assert_chatter, assert_order, assert_talk

from nlp import ParsedOrder
from nlp import _guard as guard

Parse = Callable[..., ParsedOrder]


# --- a question about the market, the room or the world, in a sentence of its own ----------
@pytest.mark.parametrize(
    ("text", "underlying", "price"),
    [
        ("why does nobody trust retailers anymore? buy 3 TGT 95c 1/15/27 @ 4.10", "TGT", "4.10"),
        ("who else is glued to the Fed presser? STO 1 QQQ 500p 12/18 @ 3", "QQQ", "3"),
        ("is it just me or is oil asleep? sell 2 XLE 80p 12/18 @ .95", "XLE", ".95"),
        ("why is the market so red? buy 2 SPY 600c 12/18 @ 2.10", "SPY", "2.10"),
        ("BTO 2 MSFT 450c 12/18 @ 6.20. anybody else watching the keynote?", "MSFT", "6.20"),
        ("buy 1 DIS 110c 1/15/27 @ 3.40. who else loves the parks?", "DIS", "3.40"),
    ],
)
def test_a_question_not_about_the_order_does_not_stop_it(
    parse: Parse, text: str, underlying: str, price: str
) -> None:
    assert_order(parse(text), underlying, price)


@pytest.mark.parametrize(
    "text",
    [
        "buy 3 TGT 95c 1/15/27 @ 4.10?",
        "should I buy? buy 3 TGT 95c 1/15/27 @ 4.10",
        "thoughts on this? BTO 2 MSFT 450c 12/18 @ 6.20",
        "BTO 2 MSFT 450c 12/18 @ 6.20. too late?",
        "BTO 2 MSFT 450c 12/18 @ 6.20. thoughts?",
        "is MSFT cooked? BTO 2 MSFT 450c 12/18 @ 6.20",
        "is the bot working? sell 2 XLE 80p 12/18 @ .95",
        "is it time? sell 2 XLE 80p 12/18 @ .95",
        "sell 2 XLE 80p 12/18 @ .95. did it fill?",
        "would you take this one? buy 1 DIS 110c 1/15/27 @ 3.40",
    ],
)
def test_a_question_about_the_order_stays_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


def test_a_capital_type_letter_before_a_typed_strike_is_the_ticker(parse: Parse) -> None:
    assert_order(parse("buy 4 C 95c 1/15/27 @ 2.60"), "C", "2.60")


# --- a comment after the finished order ----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "underlying", "price"),
    [
        ("sell 2 KO 70c 12/18 @ .85. volume looks thin, don't care what fintwit thinks", "KO",
         ".85"),
        ("I'd like to buy 1 PEP 160c 1/15/27 @ 5.10. probably my last add this year", "PEP",
         "5.10"),
        ("buy 2 UBER 90c 12/18 @ 3.15. anyone else riding the robotaxi hype?", "UBER", "3.15"),
        ("STO 1 HD 380p 12/18 @ 4.40. boring stock, nothing exciting here", "HD", "4.40"),
    ],
)  # fmt: skip
def test_a_remark_after_the_order_does_not_undo_it(
    parse: Parse, text: str, underlying: str, price: str
) -> None:
    assert_order(parse(text), underlying, price)


@pytest.mark.parametrize(
    "text",
    [
        "BTO 3 PLTR 150c 12/18 @ 4.20. jk",
        "BTO 3 PLTR 150c 12/18 @ 4.20\nkidding, obviously",
        "BTO 3 PLTR 150c 12/18 @ 4.20 🚀 (don't)",
        "buy 3 PLTR 150c 12/18 @ 4.20. not financial advice, not doing this",
        "buy 3 PLTR 150c 12/18 @ 4.20. would have been a great entry",
        "buy 3 PLTR 150c 12/18 @ 4.20. in my dreams",
        "buy 3 PLTR 150c 12/18 @ 4.20. paper account",
        "sell 1 HD 380p 12/18 @ 4.40. maybe",
        "sell 1 HD 380p 12/18 @ 4.40. filled",
        "sell 1 HD 380p 12/18 @ 4.40. sold half at 5",
    ],
)
def test_a_remark_that_takes_the_order_back_or_reports_it_stays_chatter(
    parse: Parse, text: str
) -> None:
    assert_talk(parse(text))  # refused, or asked about when the whole reads like an order


def test_a_remark_holds_no_detail_of_the_order() -> None:
    text = "buy 2 KO 70c 12/18. lol"
    assert guard.closed_order_end([guard.Cue(guard.JOKE, "lol", 20, guard.SOFT)], text, 0) is None
    text = "buy 2 KO 70c 12/18. anyone else? @ 2"
    cue = guard.Cue(guard.ASIDE_QUESTION, "", 28, guard.SOFT)
    assert guard.closed_order_end([cue], text, 0) is None


# --- a condition closed by its own main clause ------------------------------------------
@pytest.mark.parametrize(
    ("text", "underlying"),
    [
        ("if this blows up, blame my cat. sell 1 TSLA 400p 12/18 @ 5", "TSLA"),
        ("CPI week. if it comes in hot, we are all cooked. BTO 1 QQQ 500p 12/18 @ 4", "QQQ"),
    ],
)
def test_a_condition_on_a_statement_of_its_own_is_no_condition_on_the_order(
    parse: Parse, text: str, underlying: str
) -> None:
    assert_order(parse(text), underlying)


@pytest.mark.parametrize(
    "text",
    [
        "if SPY breaks 600, buy 2 SPY 600c 12/18 @ 2.10",
        "buy 2 SPY 600c 12/18 @ 2.10 if it dips",
        "if SPY breaks 600, I'm in. BTO 2 SPY 600c 12/18 @ 2.10",
        "if it dips, I'll add. buy 2 SPY 600c 12/18 @ 2.10",
        "if NFLX holds 100. buy 2 NFLX 100c 12/18 @ 3",
        "if it breaks out, that's the signal. BTO 2 AMD 200c 12/18 @ 3",
    ],
)
def test_an_open_condition_still_governs_the_order(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


# --- lead-ins ---------------------------------------------------------------------------------
def test_a_plan_in_a_sentence_before_the_order_ends_at_its_full_stop(parse: Parse) -> None:
    text = "nothing is happening, I'll sell some premium. sell 1 IWM 200/195/240/245 IC 12/17 @ 1"
    assert_order(parse(text), "IWM", "1")


def test_a_credit_spread_sold_after_a_close_report_is_a_new_trade(parse: Parse) -> None:
    assert_order(
        parse("closed out the AMD spread this morning. sell 1 AMD 150/145 PCS 12/18 @ 1.20"),
        "AMD",
        "1.20",
    )
    assert_chatter(parse("closed the AMD spread earlier. buy 1 AMD 150/145 PCS 12/18 @ .10"))


def test_a_weekday_in_a_greeting_is_not_the_expiration(parse: Parse) -> None:
    parsed = parse("happy friday all 🎉 sell 1 KO 70c next friday @ .40", on=date(2026, 10, 9))
    assert parsed.kind == "order"
    assert {leg.expiration for leg in parsed.legs} == {date(2026, 10, 16)}


def test_market_ending_a_lead_in_line_is_not_a_market_order(parse: Parse) -> None:
    parsed = parse("hate this market\nbuy 1 SPY 590/580 put debit spread 5/21 @ 3.40")
    assert_order(parsed, "SPY", "3.40")


def test_a_part_of_the_writer_named_as_a_speaker_is_a_meme(parse: Parse) -> None:
    assert_chatter(parse("my last neuron before lunch: BTO 50 NVDA 300c 0dte"))
    assert_chatter(parse("my gut: sell 2 AMD 200c 12/18 @ 3"))
