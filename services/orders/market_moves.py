"""Whether the market moved too far between an order's preview and its confirmation: pure.

A preview's figures (notional, max loss, how far the limit is from the market) were worked out
at the quotes it was made at; a trader who confirms after the underlying jumped would agree to
an order they were never shown. So the preview keeps the market it was made at
(:class:`QuotedMarket`, stored in the request's ``dry_run["quoted"]``) and confirmation
compares it with the market now (:func:`market_moves`) under a :class:`MarketMovePolicy`:

* the order's **net price** at the quotes (:func:`net_price`: per unit of the order's ratio,
  buys positive and sells negative, the sign :func:`~services.orders.validate.net_quotes`
  gives a debit) may move by at most ``max(net_fraction x |previewed net|, min_net_move)``;
* the **underlying** may move by at most ``underlying_fraction`` of its previewed price.

A figure missing on either side is not compared (market data refused, a symbol no longer
quoted): the preview's expiry still bounds how stale a confirmed order can be.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from services.orders._model import ResolvedLeg, ResolvedOrder
from services.orders.market import Quote
from services.orders.validate import format_price, unit_size

CENT = Decimal("0.01")


@dataclass(frozen=True)
class MarketMovePolicy:
    """How far the market may move between a preview and its confirmation, and how long
    confirming waits for the quotes it compares (then it goes on without them)."""

    net_fraction: Decimal = Decimal("0.10")
    min_net_move: Decimal = Decimal("0.05")  # per unit, in the order's price points
    underlying_fraction: Decimal = Decimal("0.01")
    read_timeout_s: float = 3.0


@dataclass(frozen=True)
class QuotedMarket:
    """The underlying's price and each leg's quote price (mark, else mid, else last) at one
    moment; ``leg_prices`` holds only legs that were quoted."""

    underlying: str
    underlying_price: Decimal | None
    leg_prices: Mapping[str, Decimal] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return self.underlying_price is None and not self.leg_prices

    def to_json(self) -> dict[str, Any]:
        """Plain JSON, decimals as strings (it is kept in the request's ``dry_run``)."""
        return {
            "underlying": self.underlying,
            "underlying_price": _text(self.underlying_price),
            "legs": {symbol: str(price) for symbol, price in self.leg_prices.items()},
        }

    @classmethod
    def from_json(cls, data: object) -> QuotedMarket | None:
        """The market :meth:`to_json` wrote; ``None`` for anything else (an order previewed
        before markets were kept, or without market data)."""
        if not isinstance(data, dict) or not isinstance(data.get("underlying"), str):
            return None
        legs = data.get("legs")
        legs = legs if isinstance(legs, dict) else {}
        prices = {str(symbol): _decimal(price) for symbol, price in legs.items()}
        market = cls(
            data["underlying"],
            _decimal(data.get("underlying_price")),
            {symbol: price for symbol, price in prices.items() if price is not None},
        )
        return None if market.is_empty else market


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: object) -> Decimal | None:
    if not isinstance(value, str):
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def quoted_market(
    order: ResolvedOrder, underlying_price: Decimal | None, prices: Mapping[str, Decimal]
) -> QuotedMarket | None:
    """The market ``order`` is previewed at, from the reads resolution made (``prices`` by
    symbol, the underlying's and others' included); ``None`` without any market data."""
    legs = {leg.symbol: prices[leg.symbol] for leg in order.legs if leg.symbol in prices}
    market = QuotedMarket(order.underlying, underlying_price, legs)
    return None if market.is_empty else market


def market_from_quotes(underlying: str, quotes: Mapping[str, Quote]) -> QuotedMarket:
    """The market now, from :func:`services.orders.market.quotes`' answer (unpriced or
    absent symbols left out; the underlying stays among the prices, a stock leg's own)."""
    under = quotes.get(underlying)
    prices = {symbol: quote.price for symbol, quote in quotes.items() if quote.price is not None}
    return QuotedMarket(underlying, None if under is None else under.price, prices)


def net_price(legs: Sequence[ResolvedLeg], prices: Mapping[str, Decimal]) -> Decimal | None:
    """The order's price at ``prices``, per unit of its ratio: buys add, sells subtract, so a
    debit is positive and a credit negative. ``None`` unless every leg has a price."""
    if not legs or any(leg.symbol not in prices for leg in legs):
        return None
    unit = unit_size(legs)
    return sum(
        ((1 if leg.is_buy else -1) * (leg.quantity / unit) * prices[leg.symbol] for leg in legs),
        Decimal(0),
    )


@dataclass(frozen=True)
class MarketMove:
    """One figure that moved past its allowance: the underlying (``what`` is its symbol) or
    the order's net price (``what`` is ``NET``)."""

    what: str
    before: Decimal
    after: Decimal

    def describe(self) -> str:
        if self.what == NET:
            return f"the order's price at the market moved from {_net(self.before)} to " + _net(
                self.after
            )
        return f"{self.what} moved from {_shown(self.before)} to {_shown(self.after)}"


NET = "net"


def _shown(value: Decimal) -> str:
    """A quoted figure as traders read it: cents from a dollar up (a mark is often a
    half-cent mid), every digit below."""
    if abs(value) >= 1:
        value = value.quantize(CENT, ROUND_HALF_UP)
    return format_price(value)


def _net(value: Decimal) -> str:
    if value == 0:
        return "0.00"
    return f"{_shown(abs(value))} {'debit' if value > 0 else 'credit'}"


def market_moves(
    legs: Sequence[ResolvedLeg],
    then: QuotedMarket,
    now: QuotedMarket,
    policy: MarketMovePolicy,
) -> tuple[MarketMove, ...]:
    """What moved past the policy between ``then`` (the preview) and ``now``: the underlying
    first, then the net price; empty when nothing did or nothing can be compared."""
    moves: list[MarketMove] = []
    before, after = then.underlying_price, now.underlying_price
    if (
        before is not None
        and after is not None
        and before > 0
        and abs(after - before) > policy.underlying_fraction * before
    ):
        moves.append(MarketMove(then.underlying, before, after))
    net_before, net_after = net_price(legs, then.leg_prices), net_price(legs, now.leg_prices)
    if net_before is not None and net_after is not None:
        allowance = max(policy.net_fraction * abs(net_before), policy.min_net_move)
        if abs(net_after - net_before) > allowance:
            moves.append(MarketMove(NET, net_before, net_after))
    return tuple(moves)


def moved_message(moves: Sequence[MarketMove]) -> str:
    """What the trader reads: what moved, from what to what, and that nothing was sent."""
    what = " and ".join(move.describe() for move in moves) or "the market moved"
    return (
        f"{what[0].upper()}{what[1:]} since the preview; nothing was sent. "
        "Send the order again for a fresh preview."
    )
