"""A chat word written in capitals where the ticker goes is the ticker ("buy 3 U 30c")."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("buy 4 ON 70c 1/16 @ 2.40", "ON"),
        ("STO 1 COST 900p 12/18 @ 11.20", "COST"),
        ("sell 40 LOW shares @ 251.10", "LOW"),
        ("buy 25 shares of NOW at 880", "NOW"),
        ("Ticker: KEY\nStrike: 18C\nExp: 1/16\nEntry: .42", "KEY"),
        ("sell 60 shares of ALL at 205", "ALL"),
    ],
)
def test_a_capitalised_word_in_the_ticker_slot_is_the_ticker(
    parse: Parse, text: str, ticker: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order" and parsed.underlying == ticker


@pytest.mark.parametrize(
    "text",
    [
        "STC ALL 600C 12/18 @ 3",
        "BUY 2 MORE 45C 12/18 @ 1",
        "BTO THE 45C 12/18 @ 1",
        "SELL NOW @ 3.40",
        "STC MINE @ 3.40",
    ],
)
def test_determiners_in_capitals_stay_words(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_real_ticker_still_wins_over_a_word(parse: Parse) -> None:
    assert parse("STC ALL SNAP 9C 12/18 @ .40").underlying == "SNAP"
