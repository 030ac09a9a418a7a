"""Clause scope, round 12: who speaks, what a clause is about, and which headings a new trade
ends. Every example is written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_order, assert_talk

from nlp import ParsedOrder
from nlp import _guard as guard

Parse = Callable[..., ParsedOrder]


# --- chatter: a speaker, a caption, a hyperbole, reasoning ------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "boss: sell everything. me: BTO 3 AMD 190c 1/15/27 @ 4.10",
        "my husband: STO 2 KO 62.5p 12/18 @ .70",
        "mom: we have calls at home. calls at home: BTO 10 F 14c 12/18 @ .05",
    ],
)
def test_a_person_named_before_a_colon_opening_the_message_is_a_speaker(
    parse: Parse, text: str
) -> None:
    assert parse(text).kind == "none"


def test_a_person_in_a_statement_before_the_order_is_not_a_speaker(parse: Parse) -> None:
    assert_order(parse("boss approved the budget, STO 1 KO 62.5p 12/18 @ .70"), "KO")


@pytest.mark.parametrize(
    "text",
    [
        "meme of the week: me after BTO 4 ROKU 90c 12/18 @ 2.20 and watching it fade",
        "Friday mood\nme after STC 2 HOOD 60c 12/18 @ 1.10",
    ],
)
def test_a_meme_caption_opening_a_clause_after_a_heading_is_a_joke(parse: Parse, text: str) -> None:
    assert_talk(parse(text))  # the rules' verdict; the second opinion may still ask


@pytest.mark.parametrize(
    "text",
    [
        "sure, let me sell my car and BTO 50 QQQ 700c 12/18",
        "selling my kidney to STO 10 NVDA 150p 12/18 @ 4",
        "gonna sell my apartment and buy 300 TSLA",
    ],
)
def test_selling_what_one_owns_is_hyperbole(parse: Parse, text: str) -> None:
    assert_talk(parse(text))  # the rules' verdict; the second opinion may still ask


def test_a_ticker_in_capitals_is_not_a_possession(parse: Parse) -> None:
    assert_order(parse("sell my 3 CAT 380c 12/18 @ 6.20"), "CAT")


@pytest.mark.parametrize(
    "text",
    [
        "in theory an IWM 240/245/250 fly for 1.10 pays 3.90",
        "in principle STO 1 XLE 80p 12/18 @ .90 is a free lunch",
        "theoretically BTO 2 DIS 110c 12/18 @ 3.30 doubles",
    ],
)
def test_reasoning_in_theory_is_not_anassert_order(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    ["next week: BTO 2 KO 65c 1/15/27 @ 1.20", "Next month:\nSTO 1 XLF 50p 1/15/27 @ .45"],
)
def test_a_later_time_heading_the_message_is_a_plan(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


# --- statements that are not questions ---------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "would be great to get paid on this one. STO 1 AMD 170p 12/18 @ 3.40",
        "should've trimmed last week ugh. STC 2 AMD 190c 12/18 @ 5.10",
        "could have waited for a dip. BTO 1 AMD 190c 12/18 @ 5.10",
    ],
)
def test_a_modal_without_its_subject_is_a_statement(parse: Parse, text: str) -> None:
    assert_order(parse(text), "AMD")


@pytest.mark.parametrize(
    "text",
    [
        "should I STO 1 AMD 170p 12/18 @ 3.40",
        "would you BTO 1 AMD 190c 12/18 @ 5.10",
        "should AMD hold 170, STO 1 AMD 170p 12/18 @ 3.40",
        "should've bought 2 AMD 190c 12/18 @ 5.10",
    ],
)
def test_a_modal_with_its_subject_or_a_regret_alone_stays_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_question_the_writer_answers_at_once_is_not_asked(parse: Parse) -> None:
    assert_order(parse("Is it time? yep. BTC 2 PLTR 120p 12/18 @ .35"), "PLTR")
    assert_talk(parse("Is it time? BTC 2 PLTR 120p 12/18 @ .35"))


# --- "I'll take" --------------------------------------------------------------------------------
def test_ill_take_a_count_is_the_formula_of_ordering(parse: Parse) -> None:
    parsed = parse("I'll take 3 of the XLE 95c 1/15/27 @ 1.45")
    assert_order(parsed, "XLE")
    assert parsed.legs[0].side == "buy" and parsed.legs[0].quantity == 3


@pytest.mark.parametrize(
    "text",
    [
        "I'll take 3 XLE 95c 1/15/27 @ 1.45 if oil holds 70",
        "I'll buy 3 XLE 95c 1/15/27 @ 1.45",
        "she'll take 3 XLE 95c 1/15/27 @ 1.45",
    ],
)
def test_ill_take_with_a_condition_or_another_verb_stays_a_plan(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


# --- the stock as the subject ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "BTO 2 CRM 300c 12/18 @ 6.50. every earnings it ran 10%",
        "STO 1 COIN 250p 12/18 @ 7.80 — it's going to bounce off 260, it was oversold",
        "sell 50 sh PYPL @ 71 — it's gonna roll over",
    ],
)
def test_what_the_stock_did_or_will_do_is_a_reason(parse: Parse, text: str) -> None:
    assert parse(text).kind == "order", parse(text).notes


def test_a_forecast_after_if_is_still_a_condition(parse: Parse) -> None:
    assert parse("if it's gonna dip, buy 2 CRM 300c 12/18 @ 6.50").kind == "none"


def test_a_chart_gap_filled_is_not_an_order_filled(parse: Parse) -> None:
    assert_order(parse("gap filled on IWM. STO 1 IWM 230p 12/18 @ 1.15"), "IWM")
    assert parse("order filled on IWM. STO 1 IWM 230p 12/18 @ 1.15").kind == "none"


# --- go clauses and fresh headings ----------------------------------------------------------------
@pytest.mark.parametrize(
    "clause",
    ["flipping", "reversing now", "buying it back now", "selling them", "adding more"],
)
def test_the_writers_trade_with_a_pronoun_object_is_a_go_clause(clause: str) -> None:
    assert guard.is_go_clause(clause.split())


@pytest.mark.parametrize("clause", ["buying it back tomorrow", "he's flipping", "not flipping"])
def test_a_later_time_another_subject_or_a_negation_is_no_go_clause(clause: str) -> None:
    assert not guard.is_go_clause(clause.replace("'s", " 's").split())


@pytest.mark.parametrize(
    "text",
    [
        "sold AMD on the pop, buying it back now: BTO 2 AMD 180c 12/18 @ 3.30",
        "got stopped on AMD. reversing: BTO 2 AMD 170p 12/18 @ 4.40",
        "Lotto idea -> taking it\nBTO 2 AMD 200c 12/18 @ .80",
    ],
)
def test_a_go_clause_hands_over_after_a_past_trade(parse: Parse, text: str) -> None:
    assert_order(parse(text), "AMD")


@pytest.mark.parametrize(
    "text",
    [
        "sold AMD on the pop, buying it back tomorrow: BTO 2 AMD 180c 12/18 @ 3.30",
        "if AMD breaks 170, reversing: BTO 2 AMD 170p 12/18 @ 4.40",
    ],
)
def test_no_go_clause_after_a_later_time_or_an_open_condition(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "closed the META runner for +40% 🎉\nnext: STO 1 META 600p 12/18 @ 8.10",
        "Stopped out of META yesterday\nnew trade: STO 1 META 600p 12/18 @ 8.10",
        "took profits on META earlier\nnext up: STO 1 META 600p 12/18 @ 8.10",
    ],
)
def test_a_fresh_heading_ends_a_report_before_it(parse: Parse, text: str) -> None:
    assert_order(parse(text), "META")


@pytest.mark.parametrize(
    "text",
    [
        "Plan for Monday\nnext: STO 1 META 600p 12/18 @ 8.10",
        "paper account\nnext: STO 1 META 600p 12/18 @ 8.10",
        "if META gaps up\nnext: STO 1 META 600p 12/18 @ 8.10",
        "Watchlist\nnew one: STO 1 META 600p 12/18 @ 8.10",
    ],
)
def test_a_fresh_heading_does_not_end_a_plan_a_practice_or_a_condition(
    parse: Parse, text: str
) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    ("text", "underlying"),
    [
        ("quit being scared: buy 40 NKE @ 61.20", "NKE"),
        ("finally stopped overthinking: STO 1 NKE 55p 12/18 @ .85", "NKE"),
    ],
)
def test_a_past_verb_before_a_gerund_is_no_heading(
    parse: Parse, text: str, underlying: str
) -> None:
    assert_order(parse(text), underlying)


def test_a_past_verb_before_a_trading_gerund_still_reports(parse: Parse) -> None:
    assert_talk(parse("stopped scalping: STO 1 NKE 55p 12/18 @ .85"))


# --- a relative date in the lead-in ---------------------------------------------------------------
def test_a_relative_week_in_the_lead_in_does_not_date_the_contract(parse: Parse) -> None:
    parsed = parse("CPI next week and vol is low, so BTO 3 TLT 90c 1/15/27 @ 1.05")
    assert_order(parsed, "TLT")
    assert {leg.expiration for leg in parsed.legs} == {date(2027, 1, 15)}
    assert parsed.price == Decimal("1.05")


def test_a_relative_week_in_the_order_still_dates_it(parse: Parse) -> None:
    parsed = parse("BTO 3 TLT 90c next week @ 1.05")
    assert {leg.expiration for leg in parsed.legs} == {date(2026, 12, 4)}
