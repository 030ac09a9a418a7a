"""Ticker recognition and the blacklist of words that only look like tickers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]

BLACKLIST = ["IN", "ALL", "OUT", "BE", "PT", "SL", "TP", "ATH", "ITM", "OTM", "VWAP", "LOD",
             "HOD", "EOW", "FD", "DTE", "GTC", "IV", "LOL", "RISKY", "I", "A"]  # fmt: skip


@pytest.mark.parametrize("word", BLACKLIST)
def test_jargon_is_never_the_ticker(parse: Parse, word: str) -> None:
    assert parse(f"BTO {word} AAPL 200c 12/18 @ 1").underlying == "AAPL"


@pytest.mark.parametrize("word", ["IN", "ALL", "OUT", "ITM", "VWAP"])
def test_jargon_alone_gives_no_ticker(parse: Parse, word: str) -> None:
    parsed = parse(f"BTO {word} 200c 12/18 @ 1")
    assert parsed.kind == "none"
    assert "no ticker" in parsed.notes


def test_dollar_prefix_is_removed(parse: Parse) -> None:
    assert parse("$HAL 3/20 $35c $1.35").underlying == "HAL"


def test_dollar_prefix_allows_a_blacklisted_word(parse: Parse) -> None:
    assert parse("BTO $ON 50c 12/18 @ 1").underlying == "ON"


@pytest.mark.parametrize("text", ["BTO 1 BRK.B @ m", "buy 10 shares BRK/B", "BTO $BRK.B @ 450"])
def test_class_shares_use_a_slash(parse: Parse, text: str) -> None:
    assert parse(text).underlying == "BRK/B"


@pytest.mark.parametrize(
    ("text", "ticker"),
    [("stc 50 nvda @ m", "NVDA"), ("taking spy 670p", "SPY"), ("STC cron 7p 11/6/21 @.45", "CRON")],
)
def test_lowercase_ticker_right_after_the_action(parse: Parse, text: str, ticker: str) -> None:
    assert parse(text).underlying == ticker


def test_lowercase_common_word_after_the_action_is_not_a_ticker(parse: Parse) -> None:
    assert parse("buy some puts").kind == "none"


def test_lowercase_word_elsewhere_is_not_a_ticker(parse: Parse) -> None:
    assert parse("nvda 150c 12/18 2.10").kind == "none"


def test_single_letter_ticker(parse: Parse) -> None:
    assert parse("BTO F 7.5P 11/13 @.05").underlying == "F"


def test_ticker_after_the_action_wins_over_earlier_capitals(parse: Parse) -> None:
    assert parse("HUGE BTO NIO 11/13 35P @1.08").underlying == "NIO"


@pytest.mark.parametrize("text", ["BTO pizza tonight", "sell everything and buy gold"])
def test_a_lowercase_word_before_prose_is_not_a_ticker(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    ("text", "ticker"), [("buy amd calls 12/18", "AMD"), ("sell 40 ko shares at 70", "KO")]
)
def test_a_lowercase_ticker_before_order_words_is_read(
    parse: Parse, text: str, ticker: str
) -> None:
    assert parse(text).underlying == ticker
