"""orders/terms.py: the delay, price and number parsing every order goes through."""

from __future__ import annotations

from decimal import Decimal

import pytest

from simulator.orders.terms import OrderRejected, decimal_field, parse_delay, qstr, signed_price


def test_a_delay_is_seconds_or_an_iso_duration() -> None:
    assert parse_delay(3) == 3.0
    assert parse_delay("PT5S") == 5.0
    assert parse_delay("PT1M30S") == 90.0
    assert parse_delay("P1D") == 86400.0
    assert parse_delay("2.5") == 2.5


@pytest.mark.parametrize("value", ["soon", "inf", "nan", float("inf"), True])
def test_a_delay_that_is_not_a_finite_duration_is_refused(value: object) -> None:
    with pytest.raises(OrderRejected) as info:
        parse_delay(value)
    assert info.value.code == "invalid_delay"


def test_a_debit_price_reads_negative() -> None:
    assert signed_price({"price": "1.5", "price-effect": "Debit"}) == Decimal("-1.5")
    assert signed_price({"price": "1.5", "price-effect": "Credit"}) == Decimal("1.5")
    assert signed_price({}) is None


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", True, "1e10", [1]])
def test_a_number_field_refuses_what_is_not_a_sane_number(value: object) -> None:
    with pytest.raises(OrderRejected) as info:
        decimal_field(value, "stop-trigger")
    assert info.value.code == "invalid_stop_trigger"


def test_quantities_show_without_exponent_or_trailing_zeros() -> None:
    assert qstr(Decimal("100.0")) == "100"
    assert qstr(Decimal("6E+2")) == "600"
    assert qstr(Decimal("0.50")) == "0.5"
