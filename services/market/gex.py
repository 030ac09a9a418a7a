"""Dealer gamma exposure (GEX) levels of an option chain: a pure function, no I/O, no clock.

Conventions (what every figure means):

* **Exposure.** Dealers are assumed long the calls and short the puts that customers hold, the
  usual GEX convention. A contract's exposure is ``gamma x open_interest x 100 x spot^2 x 0.01``:
  the dollars of delta dealers must trade for a 1% move of the underlying. Calls count positive,
  puts negative. The contract multiplier is 100.
* **Time to expiration** runs to 16:00 New York time on the expiration date, in years of
  365 days. A contract at or past that moment is left out, and so is one expiring more than
  ``horizon_days`` calendar days after ``now``'s New York date (default 45).
* **total_gex** is the sum over the contracts kept; **by_strike** maps each strike to the sum of
  its contracts' exposure (calls and puts netted), using the ``gamma`` each contract carries.
* **call_wall** is the strike with the largest call exposure, **put_wall** the strike with the
  largest absolute put exposure (ties: the lower strike); ``None`` without calls or puts.
* **zero_gamma** (the "gamma flip") is the spot at which total exposure crosses zero when it is
  recomputed at hypothetical spots with Black-Scholes gamma (each contract's own implied
  volatility, the rate given, no dividends) and that hypothetical spot in ``spot^2``. The spots
  form a grid from 80% to 120% of ``spot`` in steps of ``GRID_STEP`` (0.25%) of spot; between two
  grid points whose totals have opposite signs the crossing is linearly interpolated; a grid
  point with a total of exactly zero is a crossing itself. When there are several crossings the
  one nearest to ``spot`` is returned; ``None`` when there is none within +/-20%. Contracts
  without a positive implied volatility cannot be priced and are left out of this search only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Protocol
from zoneinfo import ZoneInfo

import numpy as np

NEW_YORK = ZoneInfo("America/New_York")
MARKET_CLOSE = time(16, 0)
CONTRACT_MULTIPLIER = 100
ONE_PERCENT = 0.01
SECONDS_PER_YEAR = 365 * 24 * 3600
DEFAULT_HORIZON_DAYS = 45
SEARCH_WIDTH = 0.20  # the zero-gamma search spans spot x (1 +/- SEARCH_WIDTH)
GRID_STEP = 0.0025  # ... in steps of 0.25% of spot


class OptionQuote(Protocol):
    """What ``gex_levels`` reads from each option (Greeks and Summary events joined)."""

    @property
    def strike(self) -> Decimal: ...
    @property
    def type(self) -> str: ...
    @property
    def expiration(self) -> date: ...
    @property
    def gamma(self) -> float: ...
    @property
    def open_interest(self) -> int: ...
    @property
    def iv(self) -> float: ...


@dataclass(frozen=True)
class GexLevels:
    """The levels of one chain at one moment (exposures in dollars per 1% move)."""

    spot: float
    total_gex: float
    by_strike: Mapping[Decimal, float]
    zero_gamma: float | None
    call_wall: Decimal | None
    put_wall: Decimal | None
    contracts: int  # how many contracts the figures are made of (after the horizon filter)
    as_of: datetime


def expiry_moment(expiration: date) -> datetime:
    """16:00 New York time on ``expiration``, when the contract stops trading."""
    return datetime.combine(expiration, MARKET_CLOSE, tzinfo=NEW_YORK)


def years_to_expiry(expiration: date, now: datetime) -> float:
    """Years (of 365 days) from ``now`` to the expiration's 16:00 New York close."""
    return (expiry_moment(expiration) - now).total_seconds() / SECONDS_PER_YEAR


def black_scholes_gamma(
    spot: float | np.ndarray, strike: float, years: float, iv: float, rate: float = 0.0
) -> float | np.ndarray:
    """Black-Scholes gamma (the same for calls and puts, no dividends); ``spot`` may be an
    array of spots."""
    root = iv * math.sqrt(years)
    d1 = (np.log(np.asarray(spot, dtype=float) / strike) + (rate + iv * iv / 2) * years) / root
    gamma = np.exp(-0.5 * d1 * d1) / (math.sqrt(2 * math.pi) * np.asarray(spot) * root)
    return float(gamma) if np.ndim(gamma) == 0 else gamma


def gex_levels(
    spot: Decimal | float,
    options: Iterable[OptionQuote],
    *,
    now: datetime,
    rate: float = 0.0,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
) -> GexLevels:
    """GEX levels of ``options`` at ``spot`` (see the module docstring for every convention)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    price = float(spot)
    if not math.isfinite(price) or price <= 0:
        raise ValueError("spot must be a positive number")
    last_day = now.astimezone(NEW_YORK).date() + timedelta(days=horizon_days)
    kept = [
        option
        for option in options
        if option.expiration <= last_day and years_to_expiry(option.expiration, now) > 0
    ]
    scale = CONTRACT_MULTIPLIER * price * price * ONE_PERCENT
    by_strike: dict[Decimal, float] = {}
    calls: dict[Decimal, float] = {}
    puts: dict[Decimal, float] = {}
    for option in kept:
        sign = _sign(option.type)
        exposure = sign * float(option.gamma) * int(option.open_interest) * scale
        by_strike[option.strike] = by_strike.get(option.strike, 0.0) + exposure
        walls = calls if sign > 0 else puts
        walls[option.strike] = walls.get(option.strike, 0.0) + exposure
    return GexLevels(
        spot=price,
        total_gex=float(sum(by_strike.values())),
        by_strike=dict(sorted(by_strike.items())),
        zero_gamma=_zero_gamma(price, kept, now, rate),
        call_wall=_wall(calls, positive=True),
        put_wall=_wall(puts, positive=False),
        contracts=len(kept),
        as_of=now,
    )


def _sign(option_type: str) -> int:
    kind = option_type.lower()
    if kind == "call":
        return 1
    if kind == "put":
        return -1
    raise ValueError(f"option type must be 'call' or 'put', not {option_type!r}")


def _wall(exposures: Mapping[Decimal, float], *, positive: bool) -> Decimal | None:
    if not exposures:
        return None
    # the largest magnitude; ties go to the lower strike (sorted ascending, max keeps the first)
    return max(sorted(exposures), key=lambda strike: abs(exposures[strike]))


def search_grid(spot: float) -> np.ndarray:
    """The hypothetical spots the zero-gamma search evaluates, ascending."""
    steps = round(SEARCH_WIDTH / GRID_STEP)
    return spot * (1 + GRID_STEP * np.arange(-steps, steps + 1))


def exposure_profile(
    grid: np.ndarray, options: Iterable[OptionQuote], now: datetime, rate: float
) -> np.ndarray:
    """Total exposure at each hypothetical spot of ``grid``, with Black-Scholes gamma."""
    priced = [option for option in options if float(option.iv) > 0]
    if not priced:
        return np.zeros_like(grid)
    strikes = np.array([float(option.strike) for option in priced])
    years = np.array([years_to_expiry(option.expiration, now) for option in priced])
    ivs = np.array([float(option.iv) for option in priced])
    weights = np.array([_sign(option.type) * int(option.open_interest) for option in priced])
    spots = grid[:, None]  # one row per hypothetical spot, one column per contract
    root = ivs * np.sqrt(years)
    d1 = (np.log(spots / strikes) + (rate + ivs * ivs / 2) * years) / root
    gamma = np.exp(-0.5 * d1 * d1) / (math.sqrt(2 * math.pi) * spots * root)
    scale = CONTRACT_MULTIPLIER * grid * grid * ONE_PERCENT
    return np.asarray((gamma * weights).sum(axis=1) * scale)


def _zero_gamma(
    spot: float, options: list[OptionQuote], now: datetime, rate: float
) -> float | None:
    grid = search_grid(spot)
    totals = exposure_profile(grid, options, now, rate)
    if not totals.any():
        return None
    crossings = [float(grid[i]) for i in np.flatnonzero(totals == 0)]
    for i in np.flatnonzero(totals[:-1] * totals[1:] < 0):
        low, high = totals[i], totals[i + 1]
        crossings.append(float(grid[i] + (grid[i + 1] - grid[i]) * low / (low - high)))
    if not crossings:
        return None
    return min(crossings, key=lambda level: (abs(level - spot), level))
