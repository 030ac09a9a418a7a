"""One leg of a structure sent on its own under a heading that names the structure."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    ("text", "side", "strike", "effect"),
    [
        ("other leg of my MRNA put spread: buy 3 MRNA 30p 1/15/27 @ .55", "buy", 30, None),
        (
            "legging into a strangle on BA, call side now: sell 1 BA 260c 1/15/27 @ 3.30",
            "sell",
            260,
            None,
        ),
        (
            "legging out of my GLD condor, long call first: sell to close 2 GLD 330c 1/15/27 @ .40",
            "sell",
            330,
            "close",
        ),
    ],
)
def test_the_contract_after_the_heading_is_the_order(
    parse: Parse, text: str, side: str, strike: int, effect: str | None
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.strategy == "single"
    assert [(leg.side, leg.strike, leg.effect) for leg in parsed.legs] == [
        (side, Decimal(strike), effect)
    ]
    assert parsed.missing == ()


@pytest.mark.parametrize(
    "text",
    [
        "next week: legging into the MRNA 30/35 call spread, short leg first",
        "legging into the BA 250/260 call spread today @ 2.20",
        "yesterday I was legging into a put spread on GLD: sold 2 GLD 300p 1/15/27 @ 1.90",
        "should I leg into the BA call spread: buy 1 BA 250c 1/15/27 @ 5.10?",
    ],
)
def test_legging_talk_and_a_whole_structure_legged_stay_talk(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"
