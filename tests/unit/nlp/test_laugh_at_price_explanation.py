"""A laugh that ends a remark explaining the order's price ("(that's the premium, not the
strike lol)") laughs at the explanation; the order before it stands. A laugh right after the
order, or at a remark that names no term of the price, still makes it a joke."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from support.parsing import assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    ("text", "price"),
    [
        (
            "buy 3 HD 400 calls 12/18, paying 4.10 each (that's the premium, not the strike haha)",
            "4.10",
        ),
        ("sell 1 NKE 70p 12/18 @ .95 - that's per contract, not per share lol", "0.95"),
        ("buy 2 V 350c 12/18 at 2.60 (that's 260 bucks total lmao)", "2.60"),
    ],
)
def test_a_laugh_at_the_price_explained_keeps_the_order(
    parse: Parse, text: str, price: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.price == Decimal(price)


@pytest.mark.parametrize(
    "text",
    [
        "buy 3 HD 400 calls 12/18 @ 4.10 lol",  # a laugh at the order itself
        "buy 3 HD 400 calls 12/18 @ 4.10 (that's how you go broke lol)",  # no price term
        "buy 3 HD 400 calls 12/18 @ 4.10 (that's the premium, jk)",  # a disclaimer, no laugh
        "buy 3 HD 400 calls 12/18 @ 4.10 (bad idea lol, that's the premium)",  # laugh elsewhere
    ],
)
def test_other_laughs_still_make_a_joke(parse: Parse, text: str) -> None:
    assert_talk(parse(text))
