"""A fly or an iron fly written with its body strike and its width: the wings are derived."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


def _legs(parsed: ParsedOrder) -> set[tuple[str, int, str | None, Decimal | None, date | None]]:
    return {(leg.side, leg.quantity, leg.type, leg.strike, leg.expiration) for leg in parsed.legs}


def test_an_iron_fly_with_point_wings(parse: Parse) -> None:
    parsed = parse("sell 2 IWM 240 iron fly with 10-point wings 1/15/27 for 6.20 credit")
    assert _legs(parsed) == {
        ("buy", 2, "put", Decimal(230), date(2027, 1, 15)),
        ("sell", 2, "put", Decimal(240), date(2027, 1, 15)),
        ("sell", 2, "call", Decimal(240), date(2027, 1, 15)),
        ("buy", 2, "call", Decimal(250), date(2027, 1, 15)),
    }
    assert parsed.missing == ()


def test_a_call_fly_n_wide(parse: Parse) -> None:
    parsed = parse("buy the NDX 21000 call fly, 50 wide, 1/15/27, 9.40 debit")
    assert _legs(parsed) == {
        ("buy", 1, "call", Decimal(20950), date(2027, 1, 15)),
        ("sell", 2, "call", Decimal(21000), date(2027, 1, 15)),
        ("buy", 1, "call", Decimal(21050), date(2027, 1, 15)),
    }


def test_a_put_butterfly_n_wide_counts_every_leg(parse: Parse) -> None:
    parsed = parse("buy 3 DIA 440 put butterfly 5 wide 1/15/27 @ 0.95")
    assert _legs(parsed) == {
        ("buy", 3, "put", Decimal(435), date(2027, 1, 15)),
        ("sell", 6, "put", Decimal(440), date(2027, 1, 15)),
        ("buy", 3, "put", Decimal(445), date(2027, 1, 15)),
    }


def test_points_that_are_a_move_are_no_width(parse: Parse) -> None:
    parsed = parse("buy the DIA 440 butterfly 1/15/27 @ 1.10, DIA up 4 points today")
    assert all(leg.strike in (None, Decimal(440)) for leg in parsed.legs)


@pytest.mark.parametrize(
    "text",
    [
        "my IWM 240 iron fly with 10-point wings expires friday, holding",
        "is a DIA 440 put fly 5 wide better than 10 wide?",
        "the NDX 21000 call fly 50 wide paid 3x yesterday",
    ],
)
def test_widths_in_talk_stay_talk(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"
