"""Risk figures of an order, and the check of a trader's limits (pure: no I/O, no clock).

Figures (:func:`order_risk`)
    ``notional`` is the money that changes hands: the net price x units x multiplier, where
    the units are the greatest common divisor of the leg quantities (a 5-lot vertical has legs
    of 5 and 5, so 5 units; a 1-2-1 butterfly of 5 has 5, 10, 5, so 5 units) and the
    multiplier is 100 when any leg is an option (a buy-write is priced per share: 100 shares
    and 1 call are 1 unit x 100), else 1 (shares x price). A market order has no price: its
    figures use the quotes given (``leg_prices`` by symbol, ``underlying_price`` for shares).

    Max loss, max profit and break-evens are read off the payoff at expiration, which is
    piecewise linear in the underlying's price: it is evaluated at 0 and at every strike, and
    its slope beyond the largest strike decides the tail (a negative slope means the loss is
    unbounded, a positive one the profit). Every leg counts with its side (a buy is long, a
    sell short) whether it opens or closes: the figures describe what the order alone does.
    When the legs expire on different dates the figures are at the first expiration with the
    later legs at their intrinsic value, which understates what a later long is worth and what
    a later short costs; so a later long leaves the profit open (``None``) and a later short
    the loss (``None``), and there are no break-evens.

Cover rules (:func:`covered_short_symbols`, :func:`uncovered_short_legs`)
    Only a leg that sells to open an option can be naked. Its contracts are covered, first by
    the order's own opening legs, then by what the account holds (``holdings``):

    * a short call by a long call of the same or a later expiration (any strike: the spread's
      loss is then bounded), else by 100 long shares per contract;
    * a short put by a long put of the same or a later expiration, else by 100 short shares
      per contract;
    * in a cash account, a short put is cash-secured: Tastytrade accepts it only with the
      strike's cash set aside, so it is covered (``cash_secured_puts``); margin accounts get
      no such pass, since their puts are secured by margin, not cash.

    Each long contract or block of 100 shares covers one short contract once: holdings first
    cover the account's existing short options, and the order's closing legs take away what
    they close (selling to close a long call frees the short it covered).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.environment import Environment
from services.errors import ValidationError
from services.orders._model import (
    CONTRACT_MULTIPLIER,
    Breach,
    OrderRisk,
    ResolvedLeg,
    ResolvedOrder,
    RiskLimits,
    RiskUsage,
)

ZERO = Decimal(0)
CENT = Decimal("0.01")
SHARES_PER_CONTRACT = Decimal(CONTRACT_MULTIPLIER)
EQUITY = "Equity"
CALL, PUT = "call", "put"
BUY_TO_OPEN, SELL_TO_OPEN = "Buy to Open", "Sell to Open"
CREDIT = "Credit"
# underlyings named in one breach message before "and N more"
NAMED_UNDERLYINGS = 10

# Breach.limit values: the name of the limit each breach is about
MAX_CONTRACTS = "max_contracts"
MAX_NOTIONAL = "max_notional"
MAX_LOSS = "max_loss_per_order"
MAX_ORDERS_PER_DAY = "max_orders_per_day"
ALLOWED_UNDERLYINGS = "allowed_underlyings"
NAKED_OPTIONS = "naked_options"
PRODUCTION_TRADING = "production_trading"


# --- figures ------------------------------------------------------------------------------


def _is_option(leg: ResolvedLeg) -> bool:
    return leg.instrument_type != EQUITY


def _leg_multiplier(leg: ResolvedLeg) -> Decimal:
    return SHARES_PER_CONTRACT if _is_option(leg) else Decimal(1)


def _side(leg: ResolvedLeg) -> int:
    return 1 if leg.is_buy else -1


def _decimal_places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def order_units(order: ResolvedOrder) -> Decimal:
    """How many units of the order's ratio the legs hold: the greatest common divisor of the
    leg quantities (fractional shares included)."""
    quantities = [abs(leg.quantity) for leg in order.legs]
    if not quantities or any(quantity == 0 for quantity in quantities):
        return Decimal(1)
    places = max(_decimal_places(quantity) for quantity in quantities)
    scale = Decimal(10) ** places
    divisor = math.gcd(*(int(quantity * scale) for quantity in quantities))
    return Decimal(divisor) / scale


def price_multiplier(order: ResolvedOrder) -> Decimal:
    """Dollars per point of the order's price: 100 when any leg is an option, else 1."""
    return SHARES_PER_CONTRACT if any(_is_option(leg) for leg in order.legs) else Decimal(1)


def order_cash(
    order: ResolvedOrder,
    *,
    underlying_price: Decimal | None = None,
    leg_prices: Mapping[str, Decimal] | None = None,
) -> Decimal:
    """The cash the order moves when it fills, signed: received positive, paid negative.

    A limit order uses its price (``Credit`` is received; anything else is paid); a market
    order prices each leg at ``leg_prices[symbol]`` (shares may use ``underlying_price``)."""
    if order.price is not None:
        sign = 1 if order.price_effect == CREDIT else -1
        return sign * order.price * order_units(order) * price_multiplier(order)
    prices = leg_prices or {}
    cash = ZERO
    for leg in order.legs:
        price = prices.get(leg.symbol)
        if price is None and not _is_option(leg):
            price = underlying_price
        if price is None:
            raise ValidationError(
                f"A market order needs a quote for {leg.symbol.strip()} to size its risk; "
                "none is available, so give a limit price."
            )
        cash -= _side(leg) * price * leg.quantity * _leg_multiplier(leg)
    return cash


def _intrinsic(leg: ResolvedLeg, underlying: Decimal) -> Decimal:
    if not _is_option(leg):
        return underlying
    strike = leg.strike if leg.strike is not None else ZERO
    if leg.option_type == CALL:
        return max(underlying - strike, ZERO)
    return max(strike - underlying, ZERO)


def _legs_value(legs: Sequence[ResolvedLeg], underlying: Decimal) -> Decimal:
    """What the legs are worth at expiration with the underlying at ``underlying``."""
    return sum(
        (
            _side(leg) * leg.quantity * _leg_multiplier(leg) * _intrinsic(leg, underlying)
            for leg in legs
        ),
        ZERO,
    )


def _slope_above_strikes(legs: Sequence[ResolvedLeg]) -> Decimal:
    """Dollars the legs gain per point of the underlying above the largest strike (calls and
    shares move with it; puts are worthless there)."""
    return sum(
        (
            _side(leg) * leg.quantity * _leg_multiplier(leg)
            for leg in legs
            if not _is_option(leg) or leg.option_type == CALL
        ),
        ZERO,
    )


def _break_evens(
    points: Sequence[Decimal], values: Sequence[Decimal], slope: Decimal
) -> list[Decimal]:
    """Underlying prices above 0 where the payoff crosses or touches zero from a nonzero side."""
    found: list[Decimal] = []
    last = len(points) - 1
    for index, (point, value) in enumerate(zip(points, values, strict=True)):
        if value == 0 and point > 0:
            left = index > 0 and values[index - 1] != 0
            right = values[index + 1] != 0 if index < last else slope != 0
            if left or right:
                found.append(point)
        if index < last:
            following = values[index + 1]
            if value * following < 0:
                found.append(point + (-value) * (points[index + 1] - point) / (following - value))
    if slope != 0 and values[last] * slope < 0:
        found.append(points[last] - values[last] / slope)
    return sorted({point.quantize(CENT) for point in found})


def order_risk(
    order: ResolvedOrder,
    *,
    underlying_price: Decimal | None = None,
    leg_prices: Mapping[str, Decimal] | None = None,
) -> OrderRisk:
    """The order's notional and, from its payoff at expiration, max loss, max profit (``None``
    when unbounded or open-ended) and break-evens, in dollars for the whole order.

    ``underlying_price`` and ``leg_prices`` price a market order (see :func:`order_cash`);
    a market order without the quotes it needs raises ``ValidationError``."""
    cash = order_cash(order, underlying_price=underlying_price, leg_prices=leg_prices)
    legs = order.legs
    strikes = sorted({leg.strike for leg in legs if _is_option(leg) and leg.strike is not None})
    points = [ZERO, *(strike for strike in strikes if strike > 0)]
    values = [cash + _legs_value(legs, point) for point in points]
    slope = _slope_above_strikes(legs)
    lowest, highest = min(values), max(values)
    max_loss: Decimal | None = None if slope < 0 else max(-lowest, ZERO).quantize(CENT)
    max_profit: Decimal | None = None if slope > 0 else max(highest, ZERO).quantize(CENT)
    break_evens: tuple[Decimal, ...] = tuple(_break_evens(points, values, slope))
    expirations = {leg.expiration for leg in legs if _is_option(leg) and leg.expiration}
    if len(expirations) > 1:
        first = min(expirations)
        later = [
            leg for leg in legs if _is_option(leg) and leg.expiration and leg.expiration > first
        ]
        if any(not leg.is_buy for leg in later):
            max_loss = None
        if any(leg.is_buy for leg in later):
            max_profit = None
        break_evens = ()
    return OrderRisk(
        notional=abs(cash).quantize(CENT),
        max_loss=max_loss,
        max_profit=max_profit,
        break_evens=break_evens,
    )


# --- cover ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Holding:
    """One position of the account, on the order's underlying: ``quantity`` is signed (short
    negative), in contracts for options and shares for stock."""

    symbol: str
    quantity: Decimal
    option_type: str | None = None  # "call" | "put" | None for shares
    expiration: date | None = None


@dataclass(slots=True)
class _Cover:
    """Long options and shares that can still cover a short option (mutable while allocating)."""

    long_options: dict[tuple[str, date], Decimal]  # (type, expiration) -> contracts
    long_shares: Decimal
    short_shares: Decimal

    def take(self, option_type: str, expiration: date | None, wanted: Decimal) -> Decimal:
        """Use up to ``wanted`` contracts of cover for a short of this type and expiration;
        returns how many contracts stay uncovered."""
        for key in sorted(self.long_options, reverse=True):
            kind, expires = key
            if wanted <= 0:
                break
            if kind != option_type or (expiration is not None and expires < expiration):
                continue
            used = min(self.long_options[key], wanted)
            self.long_options[key] -= used
            wanted -= used
        if wanted > 0:
            pool = self.long_shares if option_type == CALL else self.short_shares
            blocks = min(Decimal(int(pool / SHARES_PER_CONTRACT)), wanted)
            if option_type == CALL:
                self.long_shares -= blocks * SHARES_PER_CONTRACT
            else:
                self.short_shares -= blocks * SHARES_PER_CONTRACT
            wanted -= blocks
        return wanted


@dataclass(frozen=True, slots=True)
class _Short:
    symbol: str
    option_type: str
    expiration: date | None
    quantity: Decimal


def _allocate(shorts: Iterable[_Short], cover: _Cover) -> dict[str, Decimal]:
    """Uncovered contracts per symbol. Shorts are served latest expiration first: the longs
    that can cover a later short can cover every earlier one too, so this never strands one."""
    uncovered: dict[str, Decimal] = {}
    ordered = sorted(shorts, key=lambda short: short.expiration or date.max, reverse=True)
    for short in ordered:
        left = cover.take(short.option_type, short.expiration, short.quantity)
        uncovered[short.symbol] = uncovered.get(short.symbol, ZERO) + left
    return uncovered


def _order_cover(order: ResolvedOrder) -> _Cover:
    cover = _Cover({}, ZERO, ZERO)
    for leg in order.legs:
        if leg.action == BUY_TO_OPEN and _is_option(leg) and leg.option_type in (CALL, PUT):
            key = (leg.option_type, leg.expiration or date.max)
            cover.long_options[key] = cover.long_options.get(key, ZERO) + leg.quantity
        elif not _is_option(leg) and leg.is_open:
            if leg.is_buy:
                cover.long_shares += leg.quantity
            else:
                cover.short_shares += leg.quantity
    return cover


def _order_shorts(order: ResolvedOrder) -> list[_Short]:
    return [
        _Short(leg.symbol, leg.option_type or PUT, leg.expiration, leg.quantity)
        for leg in order.legs
        if leg.action == SELL_TO_OPEN and _is_option(leg)
    ]


def uncovered_short_legs(
    order: ResolvedOrder, covered_symbols: frozenset[str] = frozenset()
) -> tuple[tuple[ResolvedLeg, Decimal], ...]:
    """The order's short-to-open option legs its own legs do not cover, with the uncovered
    contracts, leaving out those in ``covered_symbols`` (covered by the account's holdings)."""
    uncovered = _allocate(_order_shorts(order), _order_cover(order))
    result = []
    for leg in order.legs:
        left = uncovered.pop(leg.symbol, ZERO)
        if leg.action == SELL_TO_OPEN and left > 0 and leg.symbol not in covered_symbols:
            result.append((leg, left))
    return tuple(result)


def covered_short_symbols(
    order: ResolvedOrder, holdings: Sequence[Holding], *, cash_secured_puts: bool = False
) -> frozenset[str]:
    """The order's short-to-open option symbols whose every contract is covered by the order's
    own legs together with ``holdings`` (the account's positions on the same underlying), by
    the rules in this module's docstring."""
    closing: dict[str, Decimal] = {}
    for leg in order.legs:
        if (
            not leg.is_open
        ):  # selling to close a long leaves less of it; buying to close frees cover
            closing[leg.symbol] = closing.get(leg.symbol, ZERO) + leg.quantity
    cover = _Cover({}, ZERO, ZERO)
    existing: list[_Short] = []
    for holding in holdings:
        quantity = holding.quantity
        closed = min(closing.get(holding.symbol, ZERO), abs(quantity))
        quantity = quantity - closed if quantity > 0 else quantity + closed
        if quantity == 0:
            continue
        if holding.option_type is None:
            if quantity > 0:
                cover.long_shares += quantity
            else:
                cover.short_shares += -quantity
        elif quantity > 0:
            key = (holding.option_type, holding.expiration or date.max)
            cover.long_options[key] = cover.long_options.get(key, ZERO) + quantity
        else:
            existing.append(
                _Short(holding.symbol, holding.option_type, holding.expiration, -quantity)
            )
    _allocate(existing, cover)  # what the account's own shorts use is not free for the order
    order_cover = _order_cover(order)
    for key, contracts in order_cover.long_options.items():
        cover.long_options[key] = cover.long_options.get(key, ZERO) + contracts
    cover.long_shares += order_cover.long_shares
    cover.short_shares += order_cover.short_shares
    shorts = _order_shorts(order)
    uncovered = _allocate(shorts, cover)
    covered = {
        short.symbol
        for short in shorts
        if uncovered.get(short.symbol, ZERO) == 0
        or (cash_secured_puts and short.option_type == PUT)
    }
    return frozenset(covered)


# --- limits --------------------------------------------------------------------------------


def _count(value: Decimal) -> str:
    return f"{value.normalize():,f}"


def _money(value: Decimal) -> str:
    return f"${value.quantize(CENT):,}"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _opens_anything(order: ResolvedOrder) -> bool:
    return any(leg.is_open for leg in order.legs)


def _describe_leg(leg: ResolvedLeg) -> str:
    if leg.strike is None or leg.expiration is None:
        return leg.symbol.strip()
    return f"{leg.expiration.isoformat()} {leg.strike.normalize():f} {leg.option_type}"


def _bounded_without(order: ResolvedOrder, covered_symbols: frozenset[str]) -> bool:
    """Whether the order's loss is bounded once the shorts the holdings cover are set aside
    (their loss is offset by the holding); cash stays as it is, so only the tails matter."""
    if not covered_symbols:
        return False
    legs = [
        leg
        for leg in order.legs
        if not (leg.action == SELL_TO_OPEN and _is_option(leg) and leg.symbol in covered_symbols)
    ]
    if _slope_above_strikes(legs) < 0:
        return False
    expirations = {leg.expiration for leg in order.legs if _is_option(leg) and leg.expiration}
    first = min(expirations, default=None)
    return not any(
        _is_option(leg) and not leg.is_buy and leg.expiration and first and leg.expiration > first
        for leg in legs
    )


def check_risk(
    order: ResolvedOrder,
    risk: OrderRisk,
    limits: RiskLimits,
    usage: RiskUsage,
    *,
    environment: Environment,
) -> tuple[Breach, ...]:
    """Every limit the order breaks, each saying which and by how much (empty when none).

    Max contracts counts option contracts (shares are held to max notional). The max-loss
    limit applies to orders that open something (closing only lowers risk); an unbounded loss
    breaks it, unless it comes only from shorts the account's holdings cover (then the order
    adds no loss beyond the holding's own). Naked shorts follow the module's cover rules.
    """
    breaches: list[Breach] = []
    if environment is Environment.PRODUCTION and not limits.production_trading_enabled:
        breaches.append(
            Breach(
                PRODUCTION_TRADING,
                "Production trading is off; turn it on with `/settings risk production on`.",
                "off",
                "production order",
            )
        )
    if limits.allowed_underlyings is not None:
        underlying = order.underlying.strip().upper()
        if underlying not in limits.allowed_underlyings:
            allowed = sorted(limits.allowed_underlyings)
            named = ", ".join(allowed[:NAMED_UNDERLYINGS])
            if len(allowed) > NAMED_UNDERLYINGS:
                named += f" and {len(allowed) - NAMED_UNDERLYINGS} more"
            breaches.append(
                Breach(
                    ALLOWED_UNDERLYINGS,
                    f"{underlying} is not one of your allowed underlyings ({named or 'none'}).",
                    named,
                    underlying,
                )
            )
    contracts = order.contracts
    if limits.max_contracts is not None and contracts > limits.max_contracts:
        over = contracts - limits.max_contracts
        breaches.append(
            Breach(
                MAX_CONTRACTS,
                f"Max contracts is {limits.max_contracts:,}; this order has {_count(contracts)} "
                f"({_count(over)} over).",
                str(limits.max_contracts),
                _count(contracts),
            )
        )
    if limits.max_notional is not None and risk.notional > limits.max_notional:
        over = risk.notional - limits.max_notional
        breaches.append(
            Breach(
                MAX_NOTIONAL,
                f"Max notional is {_money(limits.max_notional)}; this order's is "
                f"{_money(risk.notional)} ({_money(over)} over).",
                _money(limits.max_notional),
                _money(risk.notional),
            )
        )
    uncovered = uncovered_short_legs(order, usage.covered_short_symbols)
    if limits.max_loss_per_order is not None and _opens_anything(order):
        limit = limits.max_loss_per_order
        if risk.max_loss is None:
            if not _bounded_without(order, usage.covered_short_symbols):
                breaches.append(
                    Breach(
                        MAX_LOSS,
                        f"Max loss per order is {_money(limit)}; this order's loss is "
                        "unbounded (it is not a defined-risk order).",
                        _money(limit),
                        "unbounded",
                    )
                )
        elif risk.max_loss > limit:
            over = risk.max_loss - limit
            breaches.append(
                Breach(
                    MAX_LOSS,
                    f"Max loss per order is {_money(limit)}; this order can lose "
                    f"{_money(risk.max_loss)} ({_money(over)} over).",
                    _money(limit),
                    _money(risk.max_loss),
                )
            )
    if limits.max_orders_per_day is not None and usage.orders_today >= limits.max_orders_per_day:
        this_one = usage.orders_today + 1
        breaches.append(
            Breach(
                MAX_ORDERS_PER_DAY,
                f"Max orders per day is {limits.max_orders_per_day:,}; you have placed "
                f"{usage.orders_today:,} today, so this would be the {_ordinal(this_one)} "
                f"({this_one - limits.max_orders_per_day:,} over).",
                str(limits.max_orders_per_day),
                str(this_one),
            )
        )
    if uncovered and not limits.naked_options_allowed:
        described = "; ".join(f"{_count(left)} x {_describe_leg(leg)}" for leg, left in uncovered)
        total = sum((left for _, left in uncovered), ZERO)
        breaches.append(
            Breach(
                NAKED_OPTIONS,
                f"Naked short options are off, and this order sells {described} uncovered "
                "(a short call needs a long call of the same or a later expiration or 100 "
                "shares per contract; a short put a long put of the same or a later "
                "expiration). Turn them on with `/settings risk naked on`.",
                "off",
                f"{_count(total)} uncovered",
            )
        )
    return tuple(breaches)


def should_auto_confirm(risk: OrderRisk, limits: RiskLimits, breaches: Sequence[Breach]) -> bool:
    """Whether the order may skip the Confirm button: only when the trader opted in with a
    threshold, nothing is breached, the notional is at most the threshold and the loss is
    bounded (a tiny premium can hide an unbounded loss)."""
    threshold = limits.auto_confirm_threshold
    if threshold is None or breaches:
        return False
    return risk.max_loss is not None and risk.notional <= threshold
