"""A heading that says a structure is closed or opened one piece at a time: the order is the
one contract after its colon, not the whole structure the heading names."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from support.parsing import assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


def test_one_piece_of_a_fly_after_the_heading(parse: Parse) -> None:
    parsed = parse(
        "closing my IWM 230/240/250 fly one piece at a time, wings first: "
        "STC 1 IWM 230c 12/18 @ 9.10"
    )
    assert parsed.kind == "order"
    assert len(parsed.legs) == 1
    leg = parsed.legs[0]
    assert (leg.side, leg.quantity, leg.type, leg.strike) == ("sell", 1, "call", Decimal("230"))
    assert parsed.price == Decimal("9.10")


def test_piece_by_piece_with_a_plain_verb(parse: Parse) -> None:
    parsed = parse(
        "taking the QQQ 600/610/620 fly off piece by piece, body first: "
        "buy 4 QQQ 610c 12/18 @ 6.20 to close"
    )
    assert parsed.kind == "order"
    assert [(leg.side, leg.quantity, leg.strike) for leg in parsed.legs] == [
        ("buy", 4, Decimal("610"))
    ]
    assert parsed.price_effect == "debit"


def test_a_plan_to_go_piece_by_piece_stays_talk(parse: Parse) -> None:
    parsed = parse(
        "thinking about closing the IWM fly one piece at a time: STC 1 IWM 230c 12/18 @ 9.10"
    )
    assert_talk(parsed)  # (the second opinion asks about it since its refit on 14,451 lines)
