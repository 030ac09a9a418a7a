"""The cheap gates before costly patterns: a gate may let through text its pattern leaves alone,
never skip text its pattern would rewrite.

``nlp._normalize._holds`` looks for a word in any case; ``nlp._noise._NOISE_MARKS`` pairs each
noise pattern with the characters it needs. Each test below writes the forms the pattern reads
and checks that the gate opens for them.
"""

from __future__ import annotations

import pytest

from nlp import _noise, _normalize
from nlp._noise import strip_discord_noise
from nlp._normalize import normalize


class TestHolds:
    def test_any_case(self) -> None:
        assert _normalize._holds("GOOD TIL CANCELED", "good")
        assert _normalize._holds("Buy-Write on KO", "write")

    def test_one_of_several(self) -> None:
        assert _normalize._holds("won't pay above 2", "not", "won", "don")
        assert not _normalize._holds("buy 2 SPY 600c", "not", "won", "don")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("buy 1 SPY 600c Fri 9/10 @ 2", "buy 1 SPY 600c 9/10 @ 2"),
        ("GTC+EXT", "gtc"),
        ("buy 2.5k shares of F", "buy 2500 shares of F"),
        ("2.15->3.40", "2.15 → 3.40"),
        ("Sell-To-Open 1 SPY 600p", "Sell to Open 1 SPY 600p"),
        ("buy 1 SPY 600c WON'T PAY ABOVE 2.10", "buy 1 SPY 600c limit 2.10"),
    ],
)
def test_gated_rewrites_still_run(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "<@123> buy 1 SPY 600c",
        "<a:pepe:42> buy",
        "see https://example.com/x and www.example.com",
        "@everyone buy",
        "@Lottos buy",
        "buy :rocket:",
    ],
)
def test_noise_marks_cover_their_patterns(text: str) -> None:
    for pattern, marks in _noise._NOISE_MARKS:
        if pattern.search(text):
            assert any(mark in text for mark in marks), pattern.pattern


def test_spaces_only_collapse_runs() -> None:
    assert strip_discord_noise("buy  1\tSPY").text == "buy 1 SPY"
    assert strip_discord_noise("buy 1 SPY").text == "buy 1 SPY"
