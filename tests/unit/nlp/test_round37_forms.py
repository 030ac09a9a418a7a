"""Round 37 (session of 2026-12-06): strategy names in a heading and legs under a heading that
write their own count and date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_sure_order

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
AUG20 = date(2029, 8, 20)


@pytest.mark.parametrize("name", ["PMCC", "BWB", "PMCP"])
def test_a_strategy_acronym_heading_the_legs_is_no_ticker(parse: Parse, name: str) -> None:
    parsed = parse(f"{name} on AMD: buy the Dec 140c, sell the Sep 190c, 1 lot, 31.50 debit", on=AUG20)
    assert_sure_order(
        parsed,
        "AMD",
        [
            ("buy", None, 1, "call", Decimal("140"), date(2029, 12, 21)),
            ("sell", None, 1, "call", Decimal("190"), date(2029, 9, 21)),
        ],
        Decimal("31.50"),
    )


@pytest.mark.parametrize("head", ["diagonal put spread on SPY", "diagonal on SPY", "SPY diagonal"])
def test_legs_under_a_heading_keep_their_own_count_and_date(parse: Parse, head: str) -> None:
    parsed = parse(f"{head}: buy 1 Oct 680p, sell 1 9/7 670p, 9.80 debit", on=AUG20)
    assert_sure_order(
        parsed,
        "SPY",
        [
            ("buy", None, 1, "put", Decimal("680"), date(2029, 10, 19)),
            ("sell", None, 1, "put", Decimal("670"), date(2029, 9, 7)),
        ],
        Decimal("9.80"),
    )
    assert parsed.price_effect == "debit"
