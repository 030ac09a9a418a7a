"""What a position of legs is worth and earns at a price of the underlying: at the first
expiration (later legs still priced by Black-Scholes) and today, with break-evens and the
largest profit and loss.

When every option leg expires on the same day, the P&L at expiration is piecewise linear
with corners at the strikes, so break-evens and extremes are exact: the P&L at each corner,
the slope beyond the last strike (calls and shares) decides whether profit or loss is
unbounded. With several expirations (calendars, diagonals) the curve is searched on a fine
grid and each break-even refined by bisection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise

from services.errors import ValidationError
from services.reports.charts._model import PayoffSpec
from services.reports.charts._pricing import black_scholes_price, expiry_moment, years_until
from services.strategies import Leg, LegSide, LegType

CENT = Decimal("0.01")
SEARCH_POINTS = 2_000  # grid of the numeric search (several expirations): 0.2% of the range
BISECTION_STEPS = 60
SEARCH_REACH = 4.0  # the numeric search looks up to this multiple of the highest strike/spot
MAX_LEGS = 8
MAX_QUANTITY = Decimal(100_000)
MAX_VOLATILITY = Decimal(5)  # 500%: beyond any listed option's implied volatility
RATE_RANGE = (Decimal("-0.05"), Decimal("0.25"))
CURVE_POINTS = 320  # points drawn per curve
MIN_MOVE = 0.03  # the drawn range reaches at least 3% of the spot past the outer marks
MAX_MOVE = 0.15  # and at most 15% (or 60% of the strikes' span, when wider)


@dataclass(frozen=True)
class PayoffAnalysis:
    """The figures a payoff diagram states. ``max_profit``/``max_loss`` are P&L amounts
    (a loss is negative); None means unbounded. ``exact`` is False when they come from the
    numeric search (several expirations)."""

    expiration: date | None  # the first option expiration; None for shares only
    entry_cash_flow: Decimal
    entry_is_model: bool  # no price given: entered at today's model value
    break_evens: tuple[Decimal, ...]
    max_profit: Decimal | None
    max_loss: Decimal | None
    exact: bool
    pnl_now: Decimal  # at the spot, today


@dataclass(frozen=True)
class PayoffCurves:
    """Underlying prices and the P&L at expiration and today at each (dollars)."""

    prices: tuple[float, ...]
    at_expiration: tuple[float, ...]
    today: tuple[float, ...]


def validate_spec(spec: PayoffSpec) -> None:
    """Refuse what cannot be drawn, saying why."""
    if not spec.legs:
        raise ValidationError("There is no leg to draw.")
    if len(spec.legs) > MAX_LEGS:
        raise ValidationError(f"A payoff diagram takes at most {MAX_LEGS} legs.")
    for leg in spec.legs:
        if not 0 < leg.quantity <= MAX_QUANTITY:
            raise ValidationError(f"Each leg needs a quantity from 1 to {MAX_QUANTITY:,}.")
        if leg.type is not LegType.EQUITY and (leg.strike is None or leg.expiration is None):
            raise ValidationError("Every option leg needs a strike and an expiration to be drawn.")
        if leg.strike is not None and leg.strike <= 0:
            raise ValidationError("Strikes must be above zero.")
    if not spec.spot > 0:
        raise ValidationError("The underlying's price must be above zero.")
    if not 0 < spec.volatility <= MAX_VOLATILITY:
        raise ValidationError("Give the volatility as a percentage from 1 to 500.")
    if not RATE_RANGE[0] <= spec.rate <= RATE_RANGE[1]:
        raise ValidationError("Give the interest rate as a percentage from -5 to 25.")


def _sign(leg: Leg) -> float:
    return 1.0 if leg.side is LegSide.LONG else -1.0


def first_expiration(spec: PayoffSpec) -> date | None:
    dates = [leg.expiration for leg in spec.legs if leg.expiration is not None]
    return min(dates) if dates else None


def position_value(spec: PayoffSpec, price: float, moment: datetime) -> float:
    """The market value of every leg (dollars; short legs negative) at underlying ``price``
    and ``moment``: options by Black-Scholes with the time left then (intrinsic once expired)."""
    volatility, rate = float(spec.volatility), float(spec.rate)
    dividend_yield = float(spec.dividend_yield)
    total = 0.0
    for leg in spec.legs:
        quantity = _sign(leg) * float(leg.quantity)
        if leg.type is LegType.EQUITY:
            total += quantity * price
            continue
        assert leg.strike is not None and leg.expiration is not None  # validate_spec
        per_share = black_scholes_price(
            leg.type,
            price,
            float(leg.strike),
            years_until(leg.expiration, moment),
            volatility,
            rate,
            dividend_yield,
        )
        total += quantity * spec.multiplier * per_share
    return total


def entry_cash_flow(spec: PayoffSpec) -> tuple[float, bool]:
    """What opening paid (negative) or received; today's model value when no price is given."""
    if spec.entry_cash_flow is not None:
        return float(spec.entry_cash_flow), False
    return -position_value(spec, float(spec.spot), spec.now), True


def horizon(spec: PayoffSpec) -> datetime:
    """The moment "at expiration" means: the first expiration's close (now for shares only)."""
    expiration = first_expiration(spec)
    return spec.now if expiration is None else max(spec.now, expiry_moment(expiration))


def _upside_slope(spec: PayoffSpec) -> float:
    """d(P&L)/d(price) far above every strike: calls and shares move one for one."""
    slope = 0.0
    for leg in spec.legs:
        if leg.type is LegType.CALL:
            slope += _sign(leg) * float(leg.quantity) * spec.multiplier
        elif leg.type is LegType.EQUITY:
            slope += _sign(leg) * float(leg.quantity)
    return slope


def _money(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(CENT)


def _roots_between(points: list[tuple[float, float]]) -> list[float]:
    roots: list[float] = []
    for (x0, v0), (x1, v1) in pairwise(points):
        if v0 == 0.0:
            roots.append(x0)
        elif v0 * v1 < 0.0:
            roots.append(x0 + (x1 - x0) * v0 / (v0 - v1))
    if points and points[-1][1] == 0.0:
        roots.append(points[-1][0])
    return roots


def _single_expiry(
    spec: PayoffSpec, entry: float, at: datetime
) -> tuple[list[float], float, float]:
    """Break-evens, highest and lowest P&L at the corners (exact: the curve is linear between
    strikes)."""
    strikes = sorted({float(leg.strike) for leg in spec.legs if leg.strike is not None})
    corners = [0.0, *[strike for strike in strikes if strike > 0.0]]
    points = [(x, entry + position_value(spec, x, at)) for x in corners]
    roots = _roots_between(points)
    slope = _upside_slope(spec)
    last_x, last_v = points[-1]
    if slope != 0.0 and last_v != 0.0 and (last_v > 0.0) != (slope > 0.0):
        roots.append(last_x - last_v / slope)
    values = [value for _, value in points]
    return roots, max(values), min(values)


def _search_limit(spec: PayoffSpec) -> float:
    strikes = [float(leg.strike) for leg in spec.legs if leg.strike is not None]
    return SEARCH_REACH * max([float(spec.spot), *strikes])


def _several_expiries(
    spec: PayoffSpec, entry: float, at: datetime
) -> tuple[list[float], float, float]:
    """Break-evens and extremes found on a grid, each break-even refined by bisection."""
    top = _search_limit(spec)

    def pnl(x: float) -> float:
        return entry + position_value(spec, x, at)

    grid = [top * index / SEARCH_POINTS for index in range(SEARCH_POINTS + 1)]
    points = [(x, pnl(x)) for x in grid]
    roots: list[float] = []
    for (x0, v0), (x1, v1) in pairwise(points):
        if v0 == 0.0:
            roots.append(x0)
        elif v0 * v1 < 0.0:
            low, high, low_value = x0, x1, v0
            for _ in range(BISECTION_STEPS):
                middle = 0.5 * (low + high)
                value = pnl(middle)
                if (value < 0.0) == (low_value < 0.0):
                    low, low_value = middle, value
                else:
                    high = middle
            roots.append(0.5 * (low + high))
    values = [value for _, value in points]
    return roots, max(values), min(values)


def analyze_payoff(spec: PayoffSpec) -> PayoffAnalysis:
    """Break-evens (underlying prices, ascending), the largest profit and loss at the first
    expiration (None when unbounded), and the P&L at the spot today."""
    validate_spec(spec)
    entry, entry_is_model = entry_cash_flow(spec)
    at = horizon(spec)
    expirations = {leg.expiration for leg in spec.legs if leg.expiration is not None}
    exact = len(expirations) <= 1
    if exact:
        roots, highest, lowest = _single_expiry(spec, entry, at)
    else:
        roots, highest, lowest = _several_expiries(spec, entry, at)
    slope = _upside_slope(spec)
    break_evens = sorted({_money(root) for root in roots if root >= 0.0})
    pnl_now = entry + position_value(spec, float(spec.spot), spec.now)
    return PayoffAnalysis(
        expiration=first_expiration(spec),
        entry_cash_flow=_money(entry),
        entry_is_model=entry_is_model,
        break_evens=tuple(break_evens),
        max_profit=None if slope > 0.0 else _money(highest),
        max_loss=None if slope < 0.0 else _money(lowest),
        exact=exact,
        pnl_now=_money(pnl_now),
    )


def price_range(spec: PayoffSpec, analysis: PayoffAnalysis) -> tuple[float, float]:
    """The prices worth drawing: every strike, break-even and the spot, widened either side by
    one standard deviation of the move to the first expiration (at most ``MAX_MOVE`` of the
    spot) or by 60% of the strikes' span, whichever is wider."""
    spot = float(spec.spot)
    marks = [spot, *(float(leg.strike) for leg in spec.legs if leg.strike is not None)]
    marks += [float(price) for price in analysis.break_evens]
    years = years_until(analysis.expiration, spec.now) if analysis.expiration else 30 / 365
    move = spot * float(spec.volatility) * max(years, 1 / 365) ** 0.5
    move = min(max(move, spot * MIN_MOVE), spot * MAX_MOVE)
    low, high = min(marks), max(marks)
    extra = max(move, (high - low) * 0.6)
    return max(0.0, low - extra), high + extra


def payoff_curves(spec: PayoffSpec, analysis: PayoffAnalysis) -> PayoffCurves:
    """Both curves over ``price_range``, with the strikes among the prices so the corners
    of the expiration line are drawn where they are."""
    low, high = price_range(spec, analysis)
    grid = {low + (high - low) * index / (CURVE_POINTS - 1) for index in range(CURVE_POINTS)}
    grid.update(float(leg.strike) for leg in spec.legs if leg.strike is not None)
    prices = sorted(price for price in grid if low <= price <= high)
    entry, _ = entry_cash_flow(spec)
    at = horizon(spec)
    return PayoffCurves(
        prices=tuple(prices),
        at_expiration=tuple(entry + position_value(spec, price, at) for price in prices),
        today=tuple(entry + position_value(spec, price, spec.now) for price in prices),
    )
