"""Validating a resolved order before anything is sent: a pure function, no I/O, no clock.

:func:`validate_order` returns every :class:`Problem` it finds (empty: valid), each with a
message that says what is wrong and concrete suggestions where there are any. The checks match
what Tastytrade (and the simulator) would reject, so an invalid order is caught here:

* **shape**: 1 to 4 legs, no symbol twice, Limit or Market, Day or GTC; a limit order has a
  positive price (at most ``MAX_PRICE``) and a Debit or Credit effect; a market order none.
* **legs**: every option is listed in the chain (its expiration and strike with it) and every
  leg is on the order's underlying; quantities are positive whole numbers (``MAX_CONTRACTS``
  contracts or ``MAX_SHARES`` shares a leg at most); an index itself cannot be bought.
* **direction**: when the structure alone decides whether an order costs or pays money
  (:func:`structural_price_effect`: a single leg, a vertical, an iron condor...), the price
  effect must agree.
* **tick**: the price is a multiple of the increment. A single option uses its root's tick
  schedule from the chain (penny-pilot 0.01 below 3.00 and 0.05 above; SPX 0.05/0.10...); a
  stock 0.01 (0.0001 below 1.00). *Decision:* a multi-leg order is priced in 0.01 steps, the
  exchanges' complex-order increment, unless a root's smallest tick is larger (SPX/SPXW: 0.05).
* **quotes** (when the caller has them): a limit price more than 50% through the market (a
  debit above 1.5x the natural price, a credit below half of it; at least ``MIN_THROUGH``
  away) is flagged with the quotes and a "did you mean", and a debit vertical priced above its
  width is flagged without quotes. Prices that are merely far from filling are left alone.
* **positions** (when given): a closing leg needs a position on that side at least as large;
  an opening leg against an opposite position is refused (Tastytrade answers
  ``invalid_position_effect``).
* **session** (*decision*): Tastytrade queues Day and GTC limit orders placed while the market
  is closed (status ``Received``) and works them at the next open, so they are valid; a
  market order is not valid while the regular session is closed (it would fill at whatever
  the open brings). ``market_open=None`` (unknown) flags nothing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from services.orders._model import Problem, ResolvedLeg, ResolvedOrder
from services.orders.market import (
    EQUITY_TICKS,
    BrokerPosition,
    ListedChain,
    Quote,
    tick_for,
)

MAX_LEGS = 4
MAX_CONTRACTS = 10_000  # per leg; more in one order is a typo or hostile
MAX_SHARES = 1_000_000
MAX_PRICE = Decimal(1_000_000)  # per unit; above any listed stock or option
MULTI_LEG_TICK = Decimal("0.01")
THROUGH_MARKET_SHARE = Decimal("0.5")  # "more than 50% through the market"
MIN_THROUGH = Decimal("0.10")  # ... and by at least this much per unit (pennies are noise)
ORDER_TYPES = ("Limit", "Market")
TIME_IN_FORCE = ("Day", "GTC")
PRICE_EFFECTS = ("Debit", "Credit")
DEBIT, CREDIT = "Debit", "Credit"


def format_price(value: Decimal) -> str:
    """A price as traders write it: at least two decimals, more only when needed."""
    text = format(value.normalize(), "f")
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}"


def _qty(value: Decimal) -> str:
    return format(value.normalize(), "f")


def leg_label(leg: ResolvedLeg) -> str:
    """``SPY 16 Jan 2026 600 call`` for an option, the ticker for a stock."""
    if leg.instrument_type == "Equity" or leg.expiration is None or leg.strike is None:
        return leg.symbol
    root = leg.symbol[:6].strip()
    expiration = f"{leg.expiration.day} {leg.expiration:%b %Y}"
    return f"{root} {expiration} {_qty(leg.strike)} {leg.option_type}"


def unit_size(legs: Sequence[ResolvedLeg]) -> Decimal:
    """The order's size in units: the greatest common divisor of the leg quantities (a 10-lot
    vertical is 10 units of 1x1; the price is per unit)."""
    whole = [int(leg.quantity) for leg in legs if leg.quantity == leg.quantity.to_integral()]
    if len(whole) != len(legs) or not all(q > 0 for q in whole):
        return Decimal(1)
    return Decimal(math.gcd(*whole))


def structural_price_effect(legs: Sequence[ResolvedLeg]) -> str | None:
    """Debit or Credit when the legs' structure alone decides it, else ``None``.

    Within one option type and expiration a contract is worth more the deeper its strike
    (calls: lower, puts: higher). Ordering the strikes from the most to the least valuable,
    the net cost is a sum of the running signed quantity (buys positive) times positive value
    steps, so when every running sum is >= 0 the order costs money (Debit), when every one is
    <= 0 it pays (Credit). A single leg, a vertical or an iron condor is decided this way;
    a butterfly, a calendar or a stock with options is not. Every group must agree.
    """
    groups: dict[tuple[str, date | None], dict[Decimal, Decimal]] = defaultdict(dict)
    for leg in legs:
        signed = leg.quantity if leg.is_buy else -leg.quantity
        key = (leg.option_type or "equity", leg.expiration)
        strike = leg.strike if leg.strike is not None else Decimal(0)
        groups[key][strike] = groups[key].get(strike, Decimal(0)) + signed
    effects = set()
    for (option_type, _), by_strike in groups.items():
        running, sums = Decimal(0), []
        for strike in sorted(by_strike, reverse=option_type == "put"):
            running += by_strike[strike]
            sums.append(running)
        if all(s >= 0 for s in sums) and any(s > 0 for s in sums):
            effects.add(DEBIT)
        elif all(s <= 0 for s in sums) and any(s < 0 for s in sums):
            effects.add(CREDIT)
        elif any(sums):
            return None
    return effects.pop() if len(effects) == 1 else None


def net_quotes(
    legs: Sequence[ResolvedLeg], quotes: Mapping[str, Quote] | None
) -> tuple[Decimal, Decimal] | None:
    """The order's natural price (bought legs at the ask, sold legs at the bid: what crossing
    the market costs) and its mid, per unit, as debits (negative: the market pays a credit).
    ``None`` unless every leg has a bid and an ask."""
    if not quotes or not legs:
        return None
    unit = unit_size(legs)
    natural = mid = Decimal(0)
    for leg in legs:
        quote = quotes.get(leg.symbol)
        if quote is None or quote.bid is None or quote.ask is None:
            return None
        ratio = leg.quantity / unit
        sign = 1 if leg.is_buy else -1
        natural += sign * (quote.ask if leg.is_buy else quote.bid) * ratio
        mid += sign * (quote.bid + quote.ask) / 2 * ratio
    return natural, mid


def order_tick(order: ResolvedOrder, chain: ListedChain | None, price: Decimal) -> Decimal:
    """The increment ``price`` must be a multiple of for this order (see the module notes)."""
    roots = []
    for leg in order.legs:
        if leg.instrument_type == "Equity":
            continue
        contract = chain.contract(leg.symbol) if chain is not None else None
        listed = chain.root(contract.root) if chain is not None and contract else None
        if listed is not None and listed.tick_sizes:
            roots.append(listed.tick_sizes)
    if len(order.legs) == 1:
        return tick_for(roots[0] if roots else EQUITY_TICKS, price)
    smallest = min((min(t.tick for t in ticks) for ticks in roots), default=MULTI_LEG_TICK)
    return max(MULTI_LEG_TICK, smallest)


def _numbers(order: ResolvedOrder) -> list[Problem]:
    """Every number must be a number: NaN and infinity stop the order before any arithmetic."""
    fields = [("price", order.price)] + [
        (name, value)
        for leg in order.legs
        for name, value in (("quantity", leg.quantity), ("strike", leg.strike))
    ]
    bad = sorted({name for name, value in fields if value is not None and not value.is_finite()})
    return [Problem(f"{name}_not_a_number", f"The order's {name} is not a number.") for name in bad]


def _shape(order: ResolvedOrder) -> list[Problem]:
    problems = []
    if not order.legs:
        problems.append(Problem("no_legs", "The order has no legs."))
    if len(order.legs) > MAX_LEGS:
        problems.append(
            Problem(
                "too_many_legs",
                f"The order has {len(order.legs)} legs; Tastytrade takes at most {MAX_LEGS} "
                "in one order.",
                ("Split it into two orders",),
            )
        )
    symbols = [leg.symbol for leg in order.legs]
    for symbol in sorted({s for s in symbols if symbols.count(s) > 1}):
        problems.append(
            Problem("duplicate_leg", f"{symbol.strip()} appears in two legs; combine them.")
        )
    if order.order_type not in ORDER_TYPES:
        problems.append(
            Problem("order_type", f"Order type {order.order_type!r} is not supported.", ORDER_TYPES)
        )
    if order.time_in_force not in TIME_IN_FORCE:
        problems.append(
            Problem(
                "time_in_force",
                f"Time in force {order.time_in_force!r} is not supported.",
                TIME_IN_FORCE,
            )
        )
    if order.order_type == "Market":
        if order.price is not None:
            problems.append(Problem("price_with_market_order", "A market order takes no price."))
        return problems
    if order.price is None:
        problems.append(
            Problem("missing_price", "A limit order needs a price.", ("add e.g. '@ 2.15'",))
        )
    elif order.price <= 0:
        problems.append(
            Problem(
                "price_not_positive",
                f"The limit price must be positive (got {order.price}); say debit or credit "
                "for the direction.",
            )
        )
    elif order.price > MAX_PRICE:
        problems.append(
            Problem(
                "price_too_large",
                f"A limit of {format_price(order.price)} per unit is beyond any listed price.",
            )
        )
    if order.price_effect not in PRICE_EFFECTS:
        problems.append(
            Problem(
                "price_effect",
                "Say whether the limit is a debit (you pay) or a credit (you receive).",
                PRICE_EFFECTS,
            )
        )
    return problems


def _quantity(leg: ResolvedLeg) -> list[Problem]:
    label = leg_label(leg)
    if leg.quantity <= 0:
        return [Problem("quantity_not_positive", f"The quantity of {label} must be positive.")]
    if leg.quantity != leg.quantity.to_integral():
        return [Problem("quantity_not_whole", f"The quantity of {label} must be a whole number.")]
    limit = MAX_SHARES if leg.instrument_type == "Equity" else MAX_CONTRACTS
    unit = "shares" if leg.instrument_type == "Equity" else "contracts"
    if leg.quantity > limit:
        return [
            Problem(
                "quantity_too_large",
                f"{_qty(leg.quantity)} {unit} of {label} is more than one order may carry "
                f"({limit:,}).",
            )
        ]
    return []


def _option_leg(order: ResolvedOrder, leg: ResolvedLeg, chain: ListedChain | None) -> list[Problem]:
    if chain is None or chain.is_empty:
        return [Problem("no_chain", f"{order.underlying} has no listed options to check against.")]
    contract = chain.contract(leg.symbol)
    if contract is None:
        return [
            Problem(
                "not_listed",
                f"{leg.symbol.strip()} is not listed (no such expiration or strike).",
            )
        ]
    problems = []
    if chain.underlying != order.underlying:
        problems.append(
            Problem(
                "mixed_underlyings",
                f"{leg_label(leg)} is on {chain.underlying}, not {order.underlying}; "
                "all legs must share one underlying.",
            )
        )
    if (
        (leg.expiration is not None and leg.expiration != contract.expiration)
        or (leg.strike is not None and leg.strike != contract.strike)
        or (leg.option_type is not None and leg.option_type != contract.option_type)
        or leg.instrument_type != "Equity Option"
    ):
        problems.append(
            Problem("leg_mismatch", f"The leg {leg.symbol.strip()} does not match its contract.")
        )
    return problems


def _equity_leg(
    order: ResolvedOrder,
    leg: ResolvedLeg,
    chain: ListedChain | None,
    quotes: Mapping[str, Quote] | None,
) -> list[Problem]:
    if leg.instrument_type != "Equity":
        return [
            Problem("instrument_type", f"Instrument type {leg.instrument_type!r} is not supported.")
        ]
    if leg.symbol != order.underlying:
        return [
            Problem(
                "mixed_underlyings",
                f"{leg.symbol} is not {order.underlying}; all legs must share one underlying.",
            )
        ]
    quote = quotes.get(leg.symbol) if quotes is not None else None
    if (quote is not None and quote.instrument_type == "Index") or (
        chain is not None and chain.cash_settled
    ):
        return [
            Problem(
                "index_not_tradable",
                f"{leg.symbol} is an index: trade its options, or an ETF that tracks it.",
            )
        ]
    if quotes is not None and quote is None:
        return [Problem("unknown_symbol", f"Tastytrade does not know the symbol {leg.symbol}.")]
    return []


def _legs(
    order: ResolvedOrder, chain: ListedChain | None, quotes: Mapping[str, Quote] | None
) -> list[Problem]:
    problems: list[Problem] = []
    for leg in order.legs:
        problems.extend(_quantity(leg))
        if leg.instrument_type == "Equity Option":
            problems.extend(_option_leg(order, leg, chain))
        else:
            problems.extend(_equity_leg(order, leg, chain, quotes))
    return problems


def _direction(order: ResolvedOrder) -> list[Problem]:
    implied = structural_price_effect(order.legs)
    if implied is None or order.price_effect in (None, implied):
        return []
    does = "costs money (a debit)" if implied == DEBIT else "pays money (a credit)"
    return [
        Problem(
            "price_effect_mismatch",
            f"The limit is a {str(order.price_effect).lower()}, but this order {does}.",
            (f"{format_price(order.price or Decimal(0))} {implied.lower()}",),
        )
    ]


def _width_exceeded(order: ResolvedOrder) -> list[Problem]:
    legs = order.legs
    if (
        order.price is None
        or order.price_effect != DEBIT
        or len(legs) != 2
        or legs[0].is_buy == legs[1].is_buy
        or legs[0].quantity != legs[1].quantity
        or legs[0].option_type is None
        or legs[0].option_type != legs[1].option_type
        or legs[0].expiration != legs[1].expiration
        or legs[0].strike is None
        or legs[1].strike is None
    ):
        return []
    width = abs(legs[0].strike - legs[1].strike)
    if order.price <= width:
        return []
    return [
        Problem(
            "debit_exceeds_width",
            f"A debit of {format_price(order.price)} for a vertical {format_price(width)} wide "
            "can only lose money.",
            (f"at most {format_price(width)}",),
        )
    ]


def _tick(order: ResolvedOrder, chain: ListedChain | None) -> list[Problem]:
    price = order.price
    if price is None:
        return []
    tick = order_tick(order, chain, price)
    if price % tick == 0:
        return []
    below = (price / tick).to_integral_value(ROUND_FLOOR) * tick
    above = (price / tick).to_integral_value(ROUND_CEILING) * tick
    suggestions = tuple(format_price(p) for p in (below, above) if p > 0)
    return [
        Problem(
            "price_tick",
            f"{format_price(price)} is not a valid price here: this order trades in steps of "
            f"{format_price(tick)}.",
            suggestions,
        )
    ]


def _round_to(value: Decimal, tick: Decimal) -> Decimal:
    return max(tick, (value / tick).to_integral_value(ROUND_HALF_UP) * tick)


def _through_market(
    order: ResolvedOrder, chain: ListedChain | None, quotes: Mapping[str, Quote] | None
) -> list[Problem]:
    price = order.price
    net = net_quotes(order.legs, quotes)
    if price is None or net is None or order.price_effect not in PRICE_EFFECTS:
        return []
    natural, guess = net
    if order.price_effect == DEBIT:
        through = price - natural
        limit = max(natural * THROUGH_MARKET_SHARE, MIN_THROUGH)
        side = "above the price to buy it"
    else:
        natural, guess = -natural, -guess
        through = natural - price
        limit = max(natural * THROUGH_MARKET_SHARE, MIN_THROUGH)
        side = "below the price to sell it"
    if natural <= 0 and order.price_effect == CREDIT:
        return []  # no credit is to be had: the order would not fill, but it cannot hurt
    if natural <= 0:
        return [
            Problem(
                "price_through_market",
                f"At the quotes this order pays you (natural {format_price(-natural)} credit, "
                f"mid {format_price(-guess)}); a debit of {format_price(price)} is through the "
                "market: did you mean a credit?",
                (f"{format_price(_round_to(-guess, order_tick(order, chain, price)))} credit",),
            )
        ]
    if through <= limit:
        return []
    tick = order_tick(order, chain, price)
    candidates = [price / 10, price / 100, price * 10, price * 100]
    slip = next(
        (c for c in candidates if abs(c - guess) <= abs(guess) * THROUGH_MARKET_SHARE), None
    )
    suggestion = _round_to(slip if slip is not None else max(guess, tick), tick)
    return [
        Problem(
            "price_through_market",
            f"A {order.price_effect.lower()} of {format_price(price)} is far {side} "
            f"(natural {format_price(natural)}, mid {format_price(guess)}): "
            f"did you mean {format_price(suggestion)}?",
            (format_price(suggestion),),
        )
    ]


def _positions(order: ResolvedOrder, positions: Sequence[BrokerPosition]) -> list[Problem]:
    held: dict[str, Decimal] = defaultdict(Decimal)
    for position in positions:
        if position.quantity.is_finite():  # a broker never sends NaN; if it did, skip it
            held[position.symbol] += position.quantity
    problems = []
    for leg in order.legs:
        have = held.get(leg.symbol, Decimal(0))
        label = leg_label(leg)
        wanted_side = -1 if leg.is_buy else 1  # closing a buy needs a short, a sell a long
        if not leg.is_open:
            if have * wanted_side <= 0:
                side = "short" if leg.is_buy else "long"
                problems.append(
                    Problem(
                        "no_position_to_close",
                        f"{leg.action} {label}: you have no {side} position in it.",
                        (leg.action.replace("to Close", "to Open"),),
                    )
                )
            elif leg.quantity > abs(have):
                problems.append(
                    Problem(
                        "closing_more_than_held",
                        f"{leg.action} {_qty(leg.quantity)} {label}: you hold only "
                        f"{_qty(abs(have))}.",
                        (f"{leg.action} {_qty(abs(have))}",),
                    )
                )
        elif have * wanted_side > 0:
            side = "short" if leg.is_buy else "long"
            closing = leg.action.replace("to Open", "to Close")
            problems.append(
                Problem(
                    "conflicts_with_position",
                    f"{leg.action} {label} conflicts with your {side} position of "
                    f"{_qty(abs(have))}; close it first.",
                    (closing,),
                )
            )
    return problems


def _session(order: ResolvedOrder, market_open: bool | None) -> list[Problem]:
    if market_open is not False or order.order_type != "Market":
        return []
    return [
        Problem(
            "market_closed",
            "The market is closed: a market order would fill at whatever the open brings. "
            "Give a limit price and it waits for the open.",
            ("add a limit, e.g. '@ 2.15'",),
        )
    ]


def validate_order(
    order: ResolvedOrder,
    *,
    chain: ListedChain | None,
    quotes: Mapping[str, Quote] | None,
    market_open: bool | None,
    positions: Sequence[BrokerPosition] | None = None,
) -> tuple[Problem, ...]:
    """Every reason ``order`` would be refused or is surely a mistake (empty: valid).

    ``chain`` is the underlying's listed chain (``None`` for a stock order); ``quotes`` maps
    the legs' and underlying's symbols to quotes, ``None`` when market data is unavailable
    (the sandbox), which skips the quote checks; ``positions`` are the account's live
    positions, ``None`` to skip the position checks; ``market_open`` as
    :func:`services.orders.market.market_open` answers.
    """
    if numbers := _numbers(order):
        return tuple(numbers)
    problems = _shape(order) + _legs(order, chain, quotes)
    if not problems:
        problems += _direction(order) + _width_exceeded(order)
        problems += _tick(order, chain)
        if not problems:
            problems += _through_market(order, chain, quotes)
    if positions is not None:
        problems += _positions(order, positions)
    problems += _session(order, market_open)
    return tuple(dict.fromkeys(problems))
