"""Black-Scholes(-Merton) prices and greeks against textbook values (Hull, Options, Futures and
Other Derivatives), put-call parity, the limits, and time to the 4 pm close."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.reports.charts import black_scholes_greeks, black_scholes_price, years_until
from services.reports.charts._pricing import expiry_moment, norm_cdf
from services.strategies import LegType

CALL, PUT = LegType.CALL, LegType.PUT


def test_hull_example_prices_a_call_and_a_put() -> None:
    # S=42, K=40, r=10%, sigma=20%, six months: c = 4.76, p = 0.81
    assert black_scholes_price(CALL, 42, 40, 0.5, 0.2, 0.1) == pytest.approx(4.7594, abs=1e-4)
    assert black_scholes_price(PUT, 42, 40, 0.5, 0.2, 0.1) == pytest.approx(0.8086, abs=1e-4)


def test_at_the_money_one_year_reference_values() -> None:
    assert black_scholes_price(CALL, 100, 100, 1, 0.2, 0.05) == pytest.approx(10.4506, abs=1e-4)
    assert black_scholes_price(PUT, 100, 100, 1, 0.2, 0.05) == pytest.approx(5.5735, abs=1e-4)


def test_a_dividend_yield_lowers_the_call() -> None:
    # Hull: an index at 930, strike 900, r=8%, q=3%, sigma=20%, two months: c = 51.83
    price = black_scholes_price(CALL, 930, 900, 2 / 12, 0.2, 0.08, dividend_yield=0.03)

    assert price == pytest.approx(51.83, abs=0.01)


def test_hull_greeks_of_a_call() -> None:
    # S=49, K=50, r=5%, sigma=20%, 20 weeks: delta 0.522, gamma 0.066, theta -4.31 a year,
    # vega 12.1 per 1.00 of volatility, rho 8.91 per 1.00 of rate
    greeks = black_scholes_greeks(CALL, 49, 50, 0.3846, 0.2, 0.05)

    assert greeks.price == pytest.approx(2.40, abs=0.01)
    assert greeks.delta == pytest.approx(0.522, abs=1e-3)
    assert greeks.gamma == pytest.approx(0.066, abs=1e-3)
    assert greeks.theta == pytest.approx(-4.31, abs=0.01)
    assert greeks.vega == pytest.approx(12.1, abs=0.05)
    assert greeks.rho == pytest.approx(8.91, abs=0.01)


def test_put_greeks_follow_from_the_call() -> None:
    call = black_scholes_greeks(CALL, 49, 50, 0.3846, 0.2, 0.05)
    put = black_scholes_greeks(PUT, 49, 50, 0.3846, 0.2, 0.05)

    assert put.delta == pytest.approx(call.delta - 1)
    assert put.gamma == pytest.approx(call.gamma)
    assert put.vega == pytest.approx(call.vega)
    assert put.rho == pytest.approx(call.rho - 50 * 0.3846 * math.exp(-0.05 * 0.3846))


@pytest.mark.parametrize("kind", [CALL, PUT])
def test_greeks_match_finite_differences(kind: LegType) -> None:
    def price(
        spot: float = 105, years: float = 0.25, vol: float = 0.3, rate: float = 0.03
    ) -> float:
        return black_scholes_price(kind, spot, 100, years, vol, rate, 0.01)

    greeks = black_scholes_greeks(kind, 105, 100, 0.25, 0.3, 0.03, 0.01)
    step = 1e-4

    assert greeks.delta == pytest.approx(
        (price(105 + step) - price(105 - step)) / (2 * step), rel=1e-5
    )
    assert greeks.gamma == pytest.approx(
        (price(105 + 1e-2) - 2 * price() + price(105 - 1e-2)) / 1e-4, rel=1e-3
    )
    assert greeks.theta == pytest.approx(
        -(price(years=0.25 + step) - price(years=0.25 - step)) / (2 * step), rel=1e-4
    )
    assert greeks.vega == pytest.approx(
        (price(vol=0.3 + step) - price(vol=0.3 - step)) / (2 * step), rel=1e-5
    )
    assert greeks.rho == pytest.approx(
        (price(rate=0.03 + step) - price(rate=0.03 - step)) / (2 * step), rel=1e-5
    )


@given(
    spot=st.floats(1, 5_000),
    strike=st.floats(1, 5_000),
    years=st.floats(0.001, 3),
    vol=st.floats(0.01, 3),
    rate=st.floats(-0.02, 0.15),
)
def test_put_call_parity_holds(
    spot: float, strike: float, years: float, vol: float, rate: float
) -> None:
    call = black_scholes_price(CALL, spot, strike, years, vol, rate)
    put = black_scholes_price(PUT, spot, strike, years, vol, rate)

    assert call - put == pytest.approx(
        spot - strike * math.exp(-rate * years), abs=1e-6 * (spot + strike)
    )
    assert call >= 0 and put >= 0


def test_at_expiration_an_option_is_worth_its_intrinsic_value() -> None:
    assert black_scholes_price(CALL, 460, 450, 0, 0.2, 0.05) == 10
    assert black_scholes_price(PUT, 460, 450, 0, 0.2, 0.05) == 0
    assert black_scholes_greeks(PUT, 440, 450, 0, 0.2, 0.05).delta == -1


def test_limits_of_a_worthless_underlying_and_no_volatility() -> None:
    assert black_scholes_price(CALL, 0, 450, 1, 0.2, 0.05) == 0
    assert black_scholes_price(PUT, 0, 450, 1, 0.2, 0.05) == pytest.approx(450 * math.exp(-0.05))
    assert black_scholes_price(CALL, 100, 90, 1, 0, 0.05) == pytest.approx(
        100 - 90 * math.exp(-0.05)
    )


def test_shares_are_not_priced_as_options() -> None:
    with pytest.raises(ValueError):
        black_scholes_price(LegType.EQUITY, 100, 100, 1, 0.2, 0.05)


def test_the_normal_distribution_function() -> None:
    assert norm_cdf(0) == 0.5
    assert norm_cdf(1.959963985) == pytest.approx(0.975, abs=1e-9)


def test_options_expire_at_the_4pm_close_in_new_york() -> None:
    assert expiry_moment(date(2026, 4, 17)) == datetime(2026, 4, 17, 20, tzinfo=UTC)  # EDT
    assert expiry_moment(date(2026, 12, 18)) == datetime(2026, 12, 18, 21, tzinfo=UTC)  # EST
    an_hour_before = datetime(2026, 4, 17, 19, tzinfo=UTC)
    assert years_until(date(2026, 4, 17), an_hour_before) == pytest.approx(1 / (365 * 24))
    assert years_until(date(2026, 4, 16), an_hour_before) == 0
