"""Shifts, asides and conditions round the order: an inverted conditional after it, a shift of
time or stance after a report, a question put to the room, a remark after the order, a
condition closed by its own main clause. Every example is written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.parsing import assert_chatter, assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


# --- an inverted conditional after the order: "should X ...", "were X to ...", "had X ..." ---
@pytest.mark.parametrize(
    "text",
    [
        "STO 2 SPY 640p 12/18 @ 1.40 should PCE come in hot",
        "BTO 1 TLT 90c 1/15 @ 1.10 should the Fed cut",
        "sell 1 IWM 230p 12/18 @ .80, should it dip below 240",
        "BTO 3 AMD 200c 12/18 @ 2.05 were NVDA to beat",
        "STC 2 MSFT 520c 12/18 @ 6.30 had it held 515",
    ],
)
def test_an_inverted_conditional_after_the_order_makes_it_conditional(
    parse: Parse, text: str
) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("STO 1 XSP 640p 12/18 @ .90 should print", "XSP"),  # no subject: a hope
        ("STO 1 KO 60p 12/18 @ .50 had a good run on these", "KO"),  # "had" keeps its object
    ],
)
def test_an_auxiliary_without_its_subject_after_the_order_is_no_condition(
    parse: Parse, text: str, ticker: str
) -> None:
    assert_order(parse(text), ticker)


# --- a shift of time or stance after a report -------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("sold my AAPL puts at the open +40% 🔥 now BTO 1 AMZN 230c 12/18 @ 4.10", "AMZN"),
        ("last week's KO puts expired worthless 🙌 Today: sell 2 PEP 140p 12/18 @ 1.05", "PEP"),
        ("closed the DIS spread yesterday, whatever. buy 2 NKE 70c 12/18 @ 1.30", "NKE"),
        ("took profits on TSLA this morning 💰 anyway: sell to open 1 F 11p 12/18 @ .20", "F"),
        ("if I were a smarter man I'd be retired... anyway: BTO 2 XLE 95c 12/18 @ 1.40", "XLE"),
    ],
)
def test_a_shift_after_a_report_on_another_trade_starts_the_instruction(
    parse: Parse, text: str, ticker: str
) -> None:
    assert_order(parse(text), ticker)


@pytest.mark.parametrize(
    "text",
    [
        # the report's own details after the shift: the same ticker, the same contract
        "took profits on my ORCL 200c this morning 🎉 now STC 2 ORCL 200c 12/18 @ 6.40",
        # a condition still open is not ended by a shift
        "if SPY breaks 600 🚀 now BTO 2 SPY 610c 12/18 @ 3.10",
        # a practice is not ended either
        "paper account 🎉 now BTO 2 SPY 610c 12/18 @ 3.10",
    ],
)
def test_a_shift_does_not_end_the_report_of_the_same_trade_or_a_condition(
    parse: Parse, text: str
) -> None:
    assert_talk(parse(text))


def test_a_report_on_another_contract_of_the_ticker_does_not_swallow_the_order(
    parse: Parse,
) -> None:
    assert_order(
        parse("stopped out of the QQQ calls at 2.10 earlier. sell 2 QQQ 560p 12/18 @ .45"), "QQQ"
    )


def test_a_report_on_the_same_contract_stays_the_reports_details(parse: Parse) -> None:
    assert_talk(parse("stopped out of the QQQ 560p at 2.10 earlier. sell 2 QQQ 560p 12/18 @ .45"))


def test_an_order_for_another_round_after_a_report_is_a_new_trade(parse: Parse) -> None:
    text = "my AMD calls from last week printed. BTO 2 AMD 220c 1/15/27 @ 6.20 for round two"
    assert_order(parse(text), "AMD")


# --- a question put to the room ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("anyone else think oil rolls over tomorrow? BTO 2 XLE 85p 12/18 @ 1.10", "XLE"),
        ("does anybody know when AAPL reports? sell 1 AAPL 250p 12/18 @ 2.40", "AAPL"),
        ("has everyone noticed how quiet the market is? BTC 1 IWM 220p 12/18 @ .15", "IWM"),
        ("random q, does anyone know if the new layout is out yet? STO 1 KO 60p 12/18 @ .40", "KO"),
        ("is it just me or is vol asleep next week? sell 1 SPY 650c 12/18 @ 2.20", "SPY"),
    ],
)
def test_a_question_to_the_room_about_the_world_is_an_aside(
    parse: Parse, text: str, ticker: str
) -> None:
    assert_order(parse(text), ticker)


@pytest.mark.parametrize(
    "text",
    [
        "anyone else in AAPL 250p? sell 1 AAPL 250p 12/18 @ 2.40",
        "anyone else selling these? sell 1 AAPL 250p 12/18 @ 2.40",
        "anyone think AAPL is cooked? sell 1 AAPL 250p 12/18 @ 2.40",
        "does anyone know if this is a good entry? BTO 1 AAPL 250c 12/18 @ 2.40",
        "is it just me or is this too cheap? BTO 1 AAPL 250c 12/18 @ 2.40",
    ],
)
def test_a_question_to_the_room_about_the_trade_stays_a_question(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


# --- a remark after the order -------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "sell 1 IWM 245c 12/18 @ 1.15. will post the chart on my blog",
        "BTO 2 NVDA 190c 12/18 @ 5.10. who else is watching the game tonight lol",
    ],
)
def test_a_modal_or_a_laugh_in_a_remark_after_the_order_does_not_undo_it(
    parse: Parse, text: str
) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "sell 1 IWM 245c 12/18 @ 1.15. will do it after lunch",
        "sell 1 IWM 245c 12/18 @ 1.15. lol",
        "sell 1 IWM 245c 12/18 @ 1.15. will wait for a pop first",
    ],
)
def test_a_remark_that_defers_or_laughs_at_the_order_still_refuses_it(
    parse: Parse, text: str
) -> None:
    assert_talk(parse(text))


# --- a condition closed by its own main clause, without a comma -------------------------------
def test_a_condition_with_its_own_main_clause_and_no_comma_is_closed(parse: Parse) -> None:
    text = "if this year proved anything it's that I can't time tops. STO 1 KO 62.5p 12/18 @ .70"
    assert_order(parse(text), "KO")


@pytest.mark.parametrize(
    "text",
    [
        "if it dips under the open I'm in. BTO 1 KO 62.5c 12/18 @ .70",
        "if KO holds 60. BTO 1 KO 62.5c 12/18 @ .70",
    ],
)
def test_a_condition_on_the_trade_without_a_comma_stays_open(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))
