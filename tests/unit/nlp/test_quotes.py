"""Quotes, trigger levels and descriptions of a contract are not orders."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    [
        "DIS 110c 1/16: bid 3.05 / ask 3.20",
        "HD 400p 12/18 7.10 bid, 7.40 ask",
        "TJX 120c 12/18 2.35 x 2.50",
        "$MA 520c 12/18 bid/ask 6.10/6.40",
        "quote: SPX 6900c 0dte ask 3.80",
    ],
)
def test_a_quote_layout_is_not_an_order(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "none"
    assert "quote" in parsed.notes[0]


def test_bid_as_a_verb_is_still_a_buy(parse: Parse) -> None:
    parsed = parse("bid 2.40 for 3 ROKU 85 calls 12/18")
    assert parsed.kind == "order"
    assert parsed.legs[0].side == "buy"
    assert str(parsed.price) == "2.40"


def test_a_code_with_the_market_quoted_is_still_an_order(parse: Parse) -> None:
    parsed = parse("BTO 2 ROKU 85c 12/18 @ 2.45 (2.40 bid, 2.50 ask)")
    assert parsed.kind == "order"
    assert str(parsed.price) == "2.45"


def test_a_count_after_x_is_not_a_quote(parse: Parse) -> None:
    parsed = parse("BTO ROKU 85c 12/18 x 3 @ 2.45")
    assert parsed.kind == "order"
    assert parsed.legs[0].quantity == 3


@pytest.mark.parametrize(
    "text",
    [
        "Watching: $ETSY 65c > 62, $W 50c > 47.50",
        "UPS 130p < 128 on a breakdown",
    ],
)
def test_a_number_after_a_comparison_is_a_trigger_not_a_price(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "QQQ 0dte straddle priced at 6.10, implies a 1% move",
        "IWM 210p 12/18 mark 1.35",
        "Dec AMD 150c OI 22,000",
        "Position update: short 2 KO 65/60 PCS @ .80",
    ],
)
def test_prices_and_statistics_of_a_contract_are_descriptions(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"
