"""How the portfolio embeds write money, option symbols and broker text."""

from __future__ import annotations

from decimal import Decimal

from cogs.portfolio._format import change, money, price, quantity, symbol, text


def test_money_rounds_to_cents_with_the_sign_in_front() -> None:
    assert money(Decimal("-1234.565")) == "-$1,234.56"
    assert money(Decimal("0.005")) == "$0.00"
    assert money(None) == "n/a"
    assert change(Decimal("12")) == "+$12.00"
    assert change(Decimal("-3.1")) == "-$3.10"
    assert change(Decimal("0")) == "$0.00"


def test_prices_keep_sub_cent_digits_and_quantities_drop_trailing_zeros() -> None:
    assert price(Decimal("537.675000")) == "537.675"
    assert price(Decimal("2.1")) == "2.10"
    assert quantity(Decimal("7.000000")) == "7"
    assert quantity(Decimal("-0.5")) == "-0.5"


def test_occ_symbols_read_as_underlying_date_strike() -> None:
    assert symbol("SPXW  261127C06250000") == "SPXW 2026-11-27 6250C"
    assert symbol("AMD   261218P00157500") == "AMD 2026-12-18 157.5P"
    assert symbol("AAPL") == "AAPL"


def test_broker_text_cannot_mention_or_format() -> None:
    shown = text("@everyone **free** money", 100)

    assert "@everyone" not in shown and "**" not in shown
    assert len(text("x" * 500, 50)) == 50
