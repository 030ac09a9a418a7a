"""Numbers get their roles from a global assignment scored by cues, not left to right."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from nlp import ParsedOrder
from nlp._roles import CUE_DECISIVE, CUE_HINT, Limits, NumberSlot, rank_assignments

Parse = Callable[..., ParsedOrder]


def _single(parsed: ParsedOrder) -> tuple[int, Decimal | None, Decimal | None]:
    assert parsed.kind == "order", parsed.notes
    leg = parsed.legs[0]
    return leg.quantity, leg.strike, parsed.price


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("snag 7 ROKU 80 calls 2/20 @ 2.45", (7, Decimal(80), Decimal("2.45"))),
        ("yank 3 COIN 250 puts 1/16 at 9.10", (3, Decimal(250), Decimal("9.10"))),
        ("6 ABNB June 2027 140 calls, buy, 11.20", (6, Decimal(140), Decimal("11.20"))),
        ("bid 0.85 for 9 PLUG 4 calls Mar", (9, Decimal(4), Decimal("0.85"))),
        ("buy AAPL 10 190 calls 12/18 @ 4", (10, Decimal(190), Decimal(4))),
        ("BTO TSLA 12/18 350c 4.20 2", (2, Decimal(350), Decimal("4.20"))),
    ],
)
def test_quantity_strike_and_price_are_told_apart(
    parse: Parse, text: str, expected: tuple[int, Decimal, Decimal]
) -> None:
    assert _single(parse(text)) == expected


def test_a_number_before_the_ticker_with_no_verb_is_the_quantity(parse: Parse) -> None:
    assert _single(parse("9 WMT 95 puts 12/18 @ 1.30"))[0] == 9


def test_a_premium_above_the_strike_is_not_chosen(parse: Parse) -> None:
    parsed = parse("buy 2 SPY 12/18 calls 600 610")
    assert parsed.price is None or parsed.price < Decimal(600)


def test_the_search_keeps_one_price_and_returns_the_best_first() -> None:
    first = NumberSlot(0, "2", Decimal(2), {"price": CUE_DECISIVE})
    second = NumberSlot(1, "3", Decimal(3), {"price": CUE_HINT})
    ranked = rank_assignments([first, second], Limits(True, True, 0, 0))
    assert ranked[0].roles == ("price", "none")
    assert all(assignment.roles.count("price") <= 1 for assignment in ranked)
    assert [a.score for a in ranked] == sorted((a.score for a in ranked), reverse=True)


def test_a_closed_role_is_never_assigned() -> None:
    slot = NumberSlot(0, "5", Decimal(5), {"quantity": CUE_DECISIVE})
    ranked = rank_assignments([slot], Limits(False, True, 0, 0))
    assert all(assignment.roles == ("none",) for assignment in ranked)


def test_clear_messages_are_confident(parse: Parse) -> None:
    parsed = parse("STO 3 XLE 85 puts 12/18 @ 0.95")
    assert parsed.confidence >= 0.9
    assert parsed.alternatives == ()


def test_unclear_messages_carry_alternative_readings(parse: Parse) -> None:
    parsed = parse("sell 3 XOM 40 12/18 put")
    assert parsed.confidence < 0.8
    assert parsed.alternatives
    readings = {(p.legs[0].strike, p.price) for p in (parsed, *parsed.alternatives)}
    assert (Decimal(40), None) in readings and (None, Decimal(40)) in readings


def test_to_dict_carries_confidence_and_alternatives(parse: Parse) -> None:
    data = parse("sell 3 XOM 40 12/18 put").to_dict()
    assert 0 < data["confidence"] < 1
    assert data["alternatives"] and data["alternatives"][0]["kind"] == "order"
