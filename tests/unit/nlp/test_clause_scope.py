"""Clause scope in the chatter guard (nlp/_guard.py): a lead-in's cue reaches only its own
clause. The writer's go clause ("resending:", "doing it now:", "real:", "I will:") ends the
clauses before it; a condition still open, a question asked and a heading do not end."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from nlp import ParsedOrder
from nlp import _guard as guard

Parse = Callable[..., ParsedOrder]


# --- the go clause ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "clause",
    [
        "resending",
        "so resending",
        "doing it now",
        "placing it myself",
        "here goes",
        "so here goes",
        "and I will",
        "I'm in too",
        "real",
        "for real now",
        "but seriously",
        "going live",
        "right now",
        "so",
        "executing",
        "pulling the trigger",
    ],
)
def test_the_writer_acting_now_is_a_go_clause(clause: str) -> None:
    assert guard.is_go_clause(clause.lower().split())


@pytest.mark.parametrize(
    "clause",
    [
        "don't send yet",
        "not doing it now",
        "crossposting from the premium chat",
        "sample ticket",
        "he is resending",
        "and",
        "I would",
        "for the archive",
        "going to wait",
    ],
)
def test_a_negation_another_subject_or_another_act_is_no_go_clause(clause: str) -> None:
    assert not guard.is_go_clause(clause.lower().split())


def test_a_go_clause_restarts_the_reading_at_the_instruction() -> None:
    text = "missed the fill this morning so resending: sell 2 IWM 220p 12/18 @ 1.40"
    cues = [guard.Cue(guard.PAST, "this morning", text.index("this"), guard.FRAME)]
    verdict = guard.decide(
        cues, text=text, action_at=text.index("sell"), code_at=-1, restartable=True
    )
    assert verdict.kind == "restart"
    assert verdict.handed_over
    assert text[verdict.restart_at :].startswith("sell 2 IWM")


def test_an_open_condition_is_not_ended_by_a_go_clause() -> None:
    text = "if IWM loses 220, doing it: BTO 2 IWM 215p 12/18 @ 2"
    cues = [guard.Cue(guard.HYPOTHETICAL, "if", 0, guard.FRAME)]
    verdict = guard.decide(
        cues, text=text, action_at=text.index("BTO"), code_at=text.index("BTO"), restartable=True
    )
    assert verdict.kind == "none"


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("I said I would. BTO ...", True),  # a modal: its own sentence
        ("going to let it ride. BTC ...", True),
        ("should SPX open green, buy ...", False),  # "should" opening its clause: a condition
        ("if SPY holds. buy ...", False),
    ],
)
def test_modals_are_local_and_conditions_are_not(text: str, local: bool) -> None:
    word = {"I": "would", "g": "going to", "s": "should", "i": "if"}[text[0]]
    cue = guard.Cue(guard.HYPOTHETICAL, word, text.lower().index(word), guard.FRAME)
    assert guard.is_local(cue, text) is local


# --- whole messages -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "strike", "price"),
    [
        ("missed the fill this morning so resending: sell 2 IWM 220p 12/18 @ 1.40", "220", "1.40"),
        ("the paper run worked, real: BTO 1 AMD 160c 12/18 @ 4.20", "160", "4.20"),
        ("I told you I would. STO 1 SPY 640p 12/18 @ 3", "640", "3"),
        ("QQQ broke 620 like I said, buying 3 QQQ 630c 12/18 @ 2.40", "630", "2.40"),
        ("held off all week, doing it now: STC 2 MSFT 480c 12/18 @ 6.10", "480", "6.10"),
        ("I joked about it yesterday, but seriously: BTO 1 NVDA 200c 12/18 @ 5", "200", "5"),
        ("I promised I would and I will: BTO 2 KO 70c 12/18 @ .85", "70", "0.85"),
        ("the setup triggered (IWM > 240), so: STO 1 IWM 235p 12/18 @ 1.10", "235", "1.10"),
        ("I'm not going to hold it through earnings. STC 3 NFLX 110c 12/18 @ 4.20", "110", "4.20"),
        ("sold NFLX last week, I'm in again: BTO 1 NFLX 120c 12/18 @ 2", "120", "2"),
    ],
)
def test_a_lead_in_s_cue_reaches_only_its_own_clause(
    parse: Parse, text: str, strike: str, price: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order", parsed.notes
    assert parsed.legs[0].strike == Decimal(strike)
    assert parsed.price == Decimal(price)


def test_the_restart_reads_only_the_instruction(parse: Parse) -> None:
    parsed = parse("my brother is buying 100 AAPL, I'm in too: buy 50 AAPL @ 230")
    assert parsed.kind == "order"
    assert parsed.legs[0].quantity == 50
    assert parsed.price == Decimal("230")


@pytest.mark.parametrize(
    "text",
    [
        "if IWM loses 220, doing it: BTO 2 IWM 215p 12/18 @ 2",
        "when AMD dips, here goes: BTO 1 AMD 150c 12/18 @ 3",
        "should QQQ gap up, resending: STO 1 QQQ 640c 12/18 @ 2",
        "if NVDA breaks 200 I'm buying: BTO 1 NVDA 205c 12/18 @ 3",
        "paper account: doing it now: BTO 2 SPY 600c 12/18 @ 2",
        "draft, don't send it yet: BTO 2 AAPL 250c 12/18 @ 4",
        "is the bot up? doing it now: BTO 2 SPY 600c 12/18 @ 2",
        "she said, sell 2 TSLA 400c 12/18 @ 9",
        "he said buy, so buy 2 SPY 685c 12/18 @ 2.15",
        "for a put spread, type: sell 1 IWM 220/215p 12/18 @ 1",
        "Yesterday: STO 1 SPY 640p 12/18 @ 3",
        "I'll buy more if it dips. BTO 2 SPY 600c 12/18 @ 2",
    ],
)
def test_open_conditions_questions_headings_and_reported_words_still_reach(
    parse: Parse, text: str
) -> None:
    assert parse(text).kind == "none"
