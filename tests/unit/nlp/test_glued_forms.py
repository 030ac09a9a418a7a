"""Words typed without their space: a ticker glued to its strike, a type to its date, a code
to its count, a price to a courtesy word. Each is split back; look-alikes stay whole."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder
from nlp._normalize import normalize

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    ("text", "underlying", "strike", "kind"),
    [
        ("buy 3 NVDA150c 12/18 @ 2.40", "NVDA", "150", "call"),
        ("STO 1 SPX6800P 12/18 @ 9", "SPX", "6800", "put"),
        ("sell 2 F12.5c 1/15 @ .30", "F", "12.5", "call"),
    ],
)
def test_a_ticker_glued_to_its_strike(
    parse: Parse, text: str, underlying: str, strike: str, kind: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.underlying == underlying
    assert parsed.legs[0].strike == Decimal(strike)
    assert parsed.legs[0].type == kind


@pytest.mark.parametrize(
    ("text", "expiration"),
    [
        ("BTO 2 AMD 150c12/18 @ 3", date(2026, 12, 18)),
        ("sell 1 IWM 230 puts12/18 @ 1.10", date(2026, 12, 18)),
        ("buy 1 KO 70 call1/15/27 @ .80", date(2027, 1, 15)),
    ],
)
def test_a_type_glued_to_its_date(parse: Parse, text: str, expiration: date) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].type in ("call", "put")
    assert parsed.legs[0].expiration == expiration


@pytest.mark.parametrize(
    ("text", "quantity"),
    [("sto3 ko 60p 12/18 @ .45", 3), ("BTC10 SPY 580p 12/18 @ .05", 10)],
)
def test_a_code_glued_to_its_count(parse: Parse, text: str, quantity: int) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].quantity == quantity


@pytest.mark.parametrize("text", ["buy 1 MU 140c 12/18 @2.05plz", "sell 2 MU 140c 12/18 @ 2.05thx"])
def test_a_price_glued_to_a_courtesy_word(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.order_type == "limit"
    assert parsed.price == Decimal("2.05")


@pytest.mark.parametrize(
    "text",
    [
        "BTO SPY261218C00450000 @ 2.15",  # an OCC symbol
        "Hit PT1 on SPY 600c",
        "1/2size",
        "STO 1 SPY 650p 10/30 @ 1.2",
    ],
)
def test_look_alikes_stay_whole(text: str) -> None:
    assert normalize(text) == text
