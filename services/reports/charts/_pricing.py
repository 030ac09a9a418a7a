"""Black-Scholes(-Merton) prices and greeks of European options, written with ``math.erf``.

Pure floats in and out (the payoff chart evaluates thousands of points; money is turned back
into ``Decimal`` where a figure is reported). Time is in years (365-day years, counted to the
4 pm New York close of the expiration day); volatility, rate and dividend yield are annual
decimals (0.25 for 25%).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from services.parsing import EXCHANGE_TZ
from services.strategies import LegType

SECONDS_PER_YEAR = 365.0 * 24 * 3600
EXPIRY_CLOSE = time(16, 0)  # equity options stop trading at the 4 pm close in New York
_SQRT2 = math.sqrt(2.0)
_SQRT2PI = math.sqrt(2.0 * math.pi)


def norm_cdf(x: float) -> float:
    """The standard normal distribution function."""
    return 0.5 * (1.0 + math.erf(x / _SQRT2))


def norm_pdf(x: float) -> float:
    """The standard normal density."""
    return math.exp(-0.5 * x * x) / _SQRT2PI


def expiry_moment(expiration: date) -> datetime:
    """When an option expiring on ``expiration`` stops trading, in UTC."""
    return datetime.combine(expiration, EXPIRY_CLOSE, tzinfo=EXCHANGE_TZ).astimezone(UTC)


def years_until(expiration: date, now: datetime) -> float:
    """Years from ``now`` to the expiration close; 0 once it has passed."""
    seconds = (expiry_moment(expiration) - now).total_seconds()
    return max(0.0, seconds / SECONDS_PER_YEAR)


@dataclass(frozen=True)
class Greeks:
    """Price and sensitivities of one option (per share): ``theta`` per year (divide by 365
    for a day), ``vega`` per 1.00 of volatility and ``rho`` per 1.00 of rate (divide by 100
    for a point)."""

    price: float
    delta: float
    gamma: float
    theta: float
    vega: float
    rho: float


def _intrinsic(kind: LegType, spot: float, strike: float) -> float:
    if kind is LegType.CALL:
        return max(spot - strike, 0.0)
    return max(strike - spot, 0.0)


def black_scholes_price(
    kind: LegType,
    spot: float,
    strike: float,
    years: float,
    volatility: float,
    rate: float,
    dividend_yield: float = 0.0,
) -> float:
    """The Black-Scholes-Merton price of a European call or put (per share). At or past
    expiration it is the intrinsic value."""
    if kind is LegType.EQUITY:
        raise ValueError("black_scholes_price prices options only")
    if years <= 0.0:
        return _intrinsic(kind, spot, strike)
    carry = math.exp(-dividend_yield * years)
    discount = math.exp(-rate * years)
    if spot <= 0.0:  # a worthless underlying: the call is worthless, the put worth the strike
        return 0.0 if kind is LegType.CALL else strike * discount
    if volatility <= 0.0:  # no uncertainty: the discounted forward's intrinsic value
        forward_gain = spot * carry - strike * discount
        return max(forward_gain, 0.0) if kind is LegType.CALL else max(-forward_gain, 0.0)
    root = volatility * math.sqrt(years)
    d1 = (math.log(spot / strike) + (rate - dividend_yield + 0.5 * volatility**2) * years) / root
    d2 = d1 - root
    if kind is LegType.CALL:
        price = spot * carry * norm_cdf(d1) - strike * discount * norm_cdf(d2)
    else:
        price = strike * discount * norm_cdf(-d2) - spot * carry * norm_cdf(-d1)
    return max(price, 0.0)  # far out of the money the difference can round below zero


def black_scholes_greeks(
    kind: LegType,
    spot: float,
    strike: float,
    years: float,
    volatility: float,
    rate: float,
    dividend_yield: float = 0.0,
) -> Greeks:
    """Price, delta, gamma, theta, vega and rho of a European call or put (per share)."""
    price = black_scholes_price(kind, spot, strike, years, volatility, rate, dividend_yield)
    if years <= 0.0 or volatility <= 0.0 or spot <= 0.0:
        in_the_money = _intrinsic(kind, spot, strike) > 0.0
        delta = (1.0 if kind is LegType.CALL else -1.0) if in_the_money else 0.0
        return Greeks(price, delta, 0.0, 0.0, 0.0, 0.0)
    root_t = math.sqrt(years)
    root = volatility * root_t
    d1 = (math.log(spot / strike) + (rate - dividend_yield + 0.5 * volatility**2) * years) / root
    d2 = d1 - root
    carry = math.exp(-dividend_yield * years)
    discount = math.exp(-rate * years)
    gamma = carry * norm_pdf(d1) / (spot * root)
    vega = spot * carry * norm_pdf(d1) * root_t
    decay = -spot * carry * norm_pdf(d1) * volatility / (2.0 * root_t)
    if kind is LegType.CALL:
        delta = carry * norm_cdf(d1)
        theta = (
            decay
            - rate * strike * discount * norm_cdf(d2)
            + dividend_yield * spot * carry * norm_cdf(d1)
        )
        rho = strike * years * discount * norm_cdf(d2)
    else:
        delta = carry * (norm_cdf(d1) - 1.0)
        theta = (
            decay
            + rate * strike * discount * norm_cdf(-d2)
            - dividend_yield * spot * carry * norm_cdf(-d1)
        )
        rho = -strike * years * discount * norm_cdf(-d2)
    return Greeks(price, delta, gamma, theta, vega, rho)
