"""Orders written leg by leg: one line (or one " / " part) per leg and one net price."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


def _legs(parsed: ParsedOrder) -> set[tuple[str, int, str | None, Decimal | None, date | None]]:
    return {(leg.side, leg.quantity, leg.type, leg.strike, leg.expiration) for leg in parsed.legs}


def test_one_line_per_leg_and_a_price_line_make_one_spread(parse: Parse) -> None:
    parsed = parse("Buy 3 MU 1/15/27 120 Call\nSell 3 MU 1/15/27 130 Call\nLimit 2.95 db")
    assert parsed.kind == "order"
    assert _legs(parsed) == {
        ("buy", 3, "call", Decimal(120), date(2027, 1, 15)),
        ("sell", 3, "call", Decimal(130), date(2027, 1, 15)),
    }
    assert (parsed.price, parsed.price_effect) == (Decimal("2.95"), "debit")
    assert parsed.strategy == "vertical"


def test_coded_legs_joined_by_a_slash_share_the_only_date(parse: Parse) -> None:
    parsed = parse("STO 2 XLE 88p / BTO 2 XLE 83p 1/16 net 1.40 credit")
    assert _legs(parsed) == {
        ("sell", 2, "put", Decimal(88), date(2027, 1, 16)),
        ("buy", 2, "put", Decimal(83), date(2027, 1, 16)),
    }
    assert all(leg.effect == "open" for leg in parsed.legs)
    assert parsed.price_effect == "credit"


def test_signed_counts_give_each_leg_its_side(parse: Parse) -> None:
    parsed = parse("+1 NKE 75c / -1 NKE 80c 3/19/27 @ 1.60")
    assert {(leg.side, leg.strike) for leg in parsed.legs} == {
        ("buy", Decimal(75)),
        ("sell", Decimal(80)),
    }


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        # buying the dearer call (the lower strike) costs money
        ("Buy 1 DIS 1/15/27 105 Call\nSell 1 DIS 1/15/27 115 Call\n@ 3.20", "debit"),
        # selling the dearer put (the higher strike) takes money in
        ("Sell 1 DIS 1/15/27 100 Put\nBuy 1 DIS 1/15/27 90 Put\n@ 2.05", "credit"),
    ],
)
def test_without_credit_or_debit_the_legs_decide_the_direction(
    parse: Parse, text: str, effect: str
) -> None:
    assert parse(text).price_effect == effect


def test_numbered_legs_are_read_past_their_numbers(parse: Parse) -> None:
    parsed = parse("Leg 1: Sell 2 GLD 390C 12/18\nLeg 2: Buy 2 GLD 400C 12/18\nCredit: 1.75")
    assert {leg.strike for leg in parsed.legs} == {Decimal(390), Decimal(400)}
    assert parsed.price == Decimal("1.75")


def test_four_legs_make_an_iron_condor(parse: Parse) -> None:
    parsed = parse(
        "Sell 1 RUT 12/18 2300 Put\nBuy 1 RUT 12/18 2290 Put\n"
        "Sell 1 RUT 12/18 2600 Call\nBuy 1 RUT 12/18 2610 Call\nLimit 3.10 credit"
    )
    assert parsed.strategy == "iron_condor" and len(parsed.legs) == 4


@pytest.mark.parametrize(
    "text",
    [
        # a price on every line: two trades, not one spread
        "Buy 1 QCOM 190C 12/18 @ 4.40 / Sell 1 QCOM 200C 12/18 @ 1.30",
        # no price at all: a position list, nothing to place
        "Buy 1 QCOM 12/18/26 190 Call\nSell 1 QCOM 12/18/26 200 Call",
        # two underlyings
        "Buy 1 QCOM 190C 12/18\nSell 1 TXN 200C 12/18\nLimit 3.00",
    ],
)
def test_legs_that_do_not_make_one_order_are_refused_not_cut_to_one_leg(
    parse: Parse, text: str
) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "sell 1 TGT 95p 12/18 and buy 1 TGT 90p 12/18 for .85 credit",
        "Sell 1 TGT 95p 12/18, buy 1 TGT 90p 12/18, .85 credit",
        "sell the TGT 95p 12/18 and buy the 90p for .85 credit",
    ],
)
def test_legs_joined_by_and_or_commas_make_one_spread(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert {(leg.side, leg.strike) for leg in parsed.legs} == {
        ("sell", Decimal(95)),
        ("buy", Decimal(90)),
    }
    assert (parsed.price, parsed.price_effect) == (Decimal("0.85"), "credit")


def test_a_roll_written_as_two_coded_legs_is_a_diagonal(parse: Parse) -> None:
    parsed = parse("Roll: BTC 2 MO 55p 12/18 / STO 2 MO 52.5p 1/16 @ .25 credit")
    assert parsed.strategy == "diagonal"
    assert {(leg.side, leg.effect) for leg in parsed.legs} == {("buy", "close"), ("sell", "open")}


def test_two_strikes_of_one_type_without_a_spread_are_refused(parse: Parse) -> None:
    parsed = parse("BTO TGT 95c 100c 12/18 @ 1.10")
    assert parsed.kind == "none"
    assert any("two strikes" in note for note in parsed.notes)
