"""Everyday talk around a contract, and the writer's own order after it.

Three classes: an argument with someone settled in a sentence of its own before the order
("he can keep his opinion.", "fine, you win."), a lead-in clause closed by a stance shift right
before a comma and the action ("... anyway, sell ..."), and a contract held "with" and "open"
with no action ("into the weekend with 2 ... open"). Each comes with near misses that keep their
reading.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from support.parsing import assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


# --- an argument with someone settled before the order -----------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "side", "price"),
    [
        ("my uncle can keep his opinion. buy 2 NFLX 1100c 12/18 @ 14.20", "NFLX", "buy", "14.20"),
        ("ok ok, you win the debate. sell 1 KO 62p 12/18 @ 0.85", "KO", "sell", "0.85"),
        ("sis has an opinion about everything. BTO 3 PLTR 180c 1/15 @ 6.10", "PLTR", "buy", "6.10"),
        ("alright she wins! STO 1 WMT 95p 12/18 @ 1.40", "WMT", "sell", "1.40"),
        ("they can keep their opinions. STC 4 UBER 80c 12/18 @ 2.25", "UBER", "sell", "2.25"),
    ],
)  # fmt: skip
def test_an_argument_settled_in_its_own_sentence_leaves_the_order(
    parse: Parse, text: str, ticker: str, side: str, price: str
) -> None:
    assert_order(parse(text), ticker, price, side=side)


@pytest.mark.parametrize(
    "text",
    [
        # the same words as a heading over the trade, or with no full stop before the order
        "opinion: buy 2 NFLX 1100c 12/18 @ 14.20",
        "his opinion: buy 2 NFLX 1100c 12/18 @ 14.20",
        "unpopular opinion. buy 2 NFLX 1100c 12/18 @ 14.20",
        "you win: BTO 1 KO 62p 12/18 @ 0.85",
        "big win. BTO 1 KO 62p 12/18 @ 0.85",
        "win of the week: STO 1 WMT 95p 12/18 @ 1.40",
        "everyone has an opinion, buy 1 WMT 95p 12/18 @ 1.40",
        # someone else's trade or a question still after the settled argument
        "fine, you win. he bought 2 NFLX 1100c 12/18 @ 14.20",
        "ok you win. what about buy 1 KO 62p 12/18 @ 0.85?",
    ],
)
def test_opinions_and_wins_that_are_not_settled_arguments_stay_chatter(
    parse: Parse, text: str
) -> None:
    assert_talk(parse(text))


# --- a stance shift closing the lead-in before a comma ----------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        ("theta will chew it up over the holiday anyway, sell to close 2 MSFT 520c 12/18 @ 4.05",
         "MSFT", "4.05"),
        ("the group chat will call me crazy regardless, buy 1 META 700c 1/15 @ 18.20",
         "META", "18.20"),
        ("the chat is gonna roast me anyhow, BTO 2 DIS 115c 12/18 @ 1.95", "DIS", "1.95"),
    ],
)  # fmt: skip
def test_a_stance_shift_before_the_comma_leaves_the_order(
    parse: Parse, text: str, ticker: str, price: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.underlying == ticker
    assert parsed.price == Decimal(price)


@pytest.mark.parametrize(
    "text",
    [
        "if it dips anyway, buy 1 META 700c 1/15 @ 18.20",
        "yesterday: it dumped anyway, BTO 1 META 700c 1/15 @ 18.20",
        "paper account\nit's fake money anyway, BTO 1 DIS 115c 12/18 @ 1.95",
        "gonna lose it anyway, buy 1 DIS 115c 12/18 @ 1.95?",
        "it'll probably drop anyway, not buying 1 DIS 115c 12/18 @ 1.95",
        "theta will chew it up over the holiday, sell to close 2 MSFT 520c 12/18 @ 4.05",
    ],
)
def test_conditions_headings_and_questions_still_govern_past_the_shift(
    parse: Parse, text: str
) -> None:
    assert_talk(parse(text))


# --- a contract held "with" ... "open" ---------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "holiday weekend with 3 SHOP 130c 12/18 open = two days of decay",
        "boarding a flight with 2 AMZN 240 calls still open, wish me luck",
        "with 5 IWM 240p 12/18 open 1.10",
    ],
)
def test_a_contract_held_open_with_no_action_is_a_position(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "none"
    assert parsed.notes[0].startswith("a quote, position or update: a position held")


def test_a_contract_held_open_under_an_emoji_is_still_chatter(parse: Parse) -> None:
    assert (
        parse("holiday weekend with 3 SHOP 130c 12/18 open = two days of decay 🙃").kind == "none"
    )


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("buy with 3 SHOP 130c 12/18 open @ 2.10", "buy"),
        ("sell to open 3 SHOP 130c 12/18 @ 2.10", "sell"),
        ("STO 2 IWM 240p 12/18 @ 1.10 with the rest still open", "sell"),
    ],
)
def test_open_with_an_action_keeps_the_order(parse: Parse, text: str, side: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == side
