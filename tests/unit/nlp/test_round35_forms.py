"""Round 35 (the dev halves of b64-b69): what the fresh batches of an ordinary month of 2031
showed the parser misreading."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_chatter, assert_sure_order

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
ON = date(2031, 4, 9)


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
