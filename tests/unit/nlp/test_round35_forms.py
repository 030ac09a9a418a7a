"""Round 35 (the dev halves of b64-b69): what the fresh batches of an ordinary month of 2031
showed the parser misreading."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_chatter, assert_order, assert_sure_order

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
