"""OCC option symbols: root padded to 6, YYMMDD, C/P, strike x 1000 on 8 digits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from nlp import Leg, ParsedOrder

Parse = Callable[..., ParsedOrder]


def test_occ_symbol_format() -> None:
    leg = Leg("buy", "open", 1, "call", Decimal(450), date(2026, 12, 18))
    assert leg.occ_symbol("SPY") == "SPY   261218C00450000"


def test_occ_symbol_with_fractional_strike_and_class_share() -> None:
    leg = Leg("buy", None, 1, "put", Decimal("7.5"), date(2027, 1, 15))
    assert leg.occ_symbol("BRK/B") == "BRKB  270115P00007500"


def test_occ_symbols_listed_for_complete_legs(parse: Parse) -> None:
    parsed = parse("sell 1 SPY 560/550 put spread 12/18 for 1.45 credit")
    assert set(parsed.occ_symbols) == {"SPY   261218P00560000", "SPY   261218P00550000"}
    assert parsed.to_dict()["occ_symbols"] == list(parsed.occ_symbols)


def test_no_occ_symbol_without_expiration(parse: Parse) -> None:
    assert parse("buying QQQ 400C").occ_symbols == ()


def test_no_occ_symbol_for_stock(parse: Parse) -> None:
    assert parse("BTO 100 AAPL @ 150.25").occ_symbols == ()


def test_occ_symbol_in_a_message_is_understood(parse: Parse) -> None:
    parsed = parse("BTO SPY   261218C00450000 @ 2.15")
    assert parsed.underlying == "SPY"
    leg = parsed.legs[0]
    assert (leg.type, leg.strike, leg.expiration) == ("call", Decimal(450), date(2026, 12, 18))
    assert parsed.occ_symbols == ("SPY   261218C00450000",)
