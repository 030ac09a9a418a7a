"""Structures written leg by leg, round 28.

Each test names one general form: legs held "long"/"short" with a count of their own under a
heading that names the structure (a ratio, a broken-wing butterfly), a roll whose lead-in names
the ticker its legs leave out, and a heading that opens with a side and a count of the whole
structure (the code's effect for every leg). Talk that looks like them stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import LegKey, assert_sure_order

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]

ON = date(2029, 5, 1)


JUN15 = date(2029, 6, 15)
JUL20 = date(2029, 7, 20)


# Held sides with their own counts under a structure's heading.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            # "open a ..." in the heading opens each leg (blind WRITING.md §12)
            "open a QQQ 1x2 call ratio 6/15: long 1 520c, short 2 540c, .80 credit",
            "QQQ",
            [
                ("buy", "open", 1, "call", Decimal("520"), JUN15),
                ("sell", "open", 2, "call", Decimal("540"), JUN15),
            ],
            Decimal("0.80"),
        ),
        (
            "buy a BWB on IWM puts 6/15: long 1 230p, short 2 220p, long 1 205p, .65 debit",
            "IWM",
            [
                ("buy", None, 1, "put", Decimal("230"), JUN15),
                ("sell", None, 2, "put", Decimal("220"), JUN15),
                ("buy", None, 1, "put", Decimal("205"), JUN15),
            ],
            Decimal("0.65"),
        ),
        (
            "broken wing fly on XLF calls 6/15: long 1 50c, short 2 53c, long 1 57c, 0.30 debit",
            "XLF",
            [
                ("buy", None, 1, "call", Decimal("50"), JUN15),
                ("sell", None, 2, "call", Decimal("53"), JUN15),
                ("buy", None, 1, "call", Decimal("57"), JUN15),
            ],
            Decimal("0.30"),
        ),
    ],
)
def test_held_legs_with_own_counts_under_a_structure(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


# A roll's lead-in names the ticker; the legs after the colon leave it out.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "roll the NVDA 150c I'm short: buy to close 2 6/15 150c, sell to open 2 7/20 160c,"
            " .55 cr",
            "NVDA",
            [
                ("buy", "close", 2, "call", Decimal("150"), JUN15),
                ("sell", "open", 2, "call", Decimal("160"), JUL20),
            ],
            Decimal("0.55"),
        ),
        (
            "roll my short KO 60p down and out: buy to close 1 6/15 60p, sell to open 1 7/20 58p,"
            " .20 credit",
            "KO",
            [
                ("buy", "close", 1, "put", Decimal("60"), JUN15),
                ("sell", "open", 1, "put", Decimal("58"), JUL20),
            ],
            Decimal("0.20"),
        ),
    ],
)
def test_roll_lead_in_lends_its_ticker(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


# A heading that opens with a side and a count of the whole structure.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "buy 4 XLE put debit spreads 6/15: long 90p and short 85p, 1.20 debit",
            "XLE",
            [
                ("buy", None, 4, "put", Decimal("90"), JUN15),
                ("sell", None, 4, "put", Decimal("85"), JUN15),
            ],
            Decimal("1.20"),
        ),
        (
            "STO 3 GDX jade lizards 6/15: short 40p, short 48c, long 50c, collect 1.45",
            "GDX",
            [
                ("sell", "open", 3, "put", Decimal("40"), JUN15),
                ("sell", "open", 3, "call", Decimal("48"), JUN15),
                ("buy", "open", 3, "call", Decimal("50"), JUN15),
            ],
            Decimal("1.45"),
        ),
    ],
)
def test_heading_side_and_count_cover_every_leg(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


# Look-alikes that stay talk or stay as they were.
@pytest.mark.parametrize(
    "text",
    [
        "Dana is rolling her TSLA puts: buy to close 1 6/15 280p, sell to open 1 7/20 270p, .95 cr",
        "what would you do with a QQQ 1x2 call ratio 6/15? long 1 520c, short 2 540c",
        "my IWM fly from last week: long 1 230p, short 2 220p, long 1 205p, up 40% on it",
    ],
)
def test_look_alikes_stay_talk(parse: Parse, text: str) -> None:
    parsed = parse(text, on=ON)
    assert parsed.kind != "order" or not parsed.sure, parsed.to_dict()
