"""A side word that describes a span of time ("long weekend", "long term", "short week", "buy
time") is not the side of an order; the same words before a contract or a count still are."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    [
        "long term I like 5 NVDA 200c 1/15/27",
        "long weekend ahead with my 3 SHOP 150c 12/18, enjoy everyone",
        "buy time on the 2 AMD 150c 12/18 if you can",
        "short week, nobody selling 1 SPY 560p 12/18 @ 1.20 today",
    ],
)
def test_a_span_of_time_is_not_an_action(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("long 100 SHOP @ 120", "buy"),
        ("short 100 TSLA @ 400", "sell"),
        ("go long 2 SPY 600c 12/18 @ 3", "buy"),
        ("long week, finally: BTO 2 AMD 150c 12/18 @ 3.20", "buy"),
        ("short week so sell 1 SPY 560p 12/18 @ 1.20", "sell"),
        ("long term play: buy 2 MSFT 500c 1/15/27 @ 21.40", "buy"),
    ],
)
def test_the_side_words_before_a_trade_still_set_its_side(
    parse: Parse, text: str, side: str
) -> None:
    parsed = parse(text)

    assert parsed.kind == "order"
    assert {leg.side for leg in parsed.legs} == {side}
