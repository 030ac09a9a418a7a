"""Fill models: at what per-leg prices an order executes now, if it does.

* ``legacy`` (the sandbox's documented table): market orders fill at $1; limit orders priced at
  most $3 fill at their price; dearer limits, stops and stop-limits stay ``Live``.
* ``quote``: marketable orders fill at the simulated quote (buys at the ask, sells at the bid;
  the net over all legs for spreads); others stay ``Live`` and are re-checked on every market
  step (stops trigger on the mark).
* behaviour-forced (the SDK's ``behavior`` field says the order fills, e.g. ``delayed``): the
  model's prices when it would fill, else the limit, the stop trigger or the mark.

A spread's prices come back as one per leg; for the legacy model and forced limit fills the
whole net sits on the first leg.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Protocol

from simulator.orders.terms import MARKET_TYPES, STOP_TYPES, OrderTerms

LEGACY_MARKET_PRICE = Decimal("1")
LEGACY_LIMIT_MAX = Decimal("3")
LIMIT_TYPES = frozenset({"Limit", "Marketable Limit"})  # what the legacy table fills
LEGACY = "legacy"
QUOTE = "quote"
FILL_MODELS = (LEGACY, QUOTE)

LegQuote = tuple[Decimal, Decimal, Decimal]  # bid, ask, mark


class Quotes(Protocol):
    """The part of ``simulator.market.Market`` fill models read."""

    def quote(self, symbol: str) -> Any: ...


class FillModel(Protocol):
    """Per-leg prices at which an order executes now, or ``None`` while it is not marketable."""

    def prices(self, terms: OrderTerms) -> list[Decimal] | None: ...


class LegacyFillModel:
    """Tastytrade's old fixed sandbox table ($1 market fills, limits up to $3 fill)."""

    def prices(self, terms: OrderTerms) -> list[Decimal] | None:
        if terms.order_type in MARKET_TYPES:
            return [LEGACY_MARKET_PRICE] * len(terms.legs)
        limit = terms.price
        if terms.order_type in LIMIT_TYPES and limit is not None and limit <= LEGACY_LIMIT_MAX:
            return net_on_first_leg(terms, limit)
        return None


class QuoteFillModel:
    """Marketable orders fill at the quote; stops trigger on the first leg's mark."""

    def __init__(self, quotes: Quotes) -> None:
        self.quotes = quotes

    def prices(self, terms: OrderTerms) -> list[Decimal] | None:
        quotes = leg_quotes(self.quotes, terms)
        if quotes is None:
            return None
        prices = [
            ask if leg.buys else bid for leg, (bid, ask, _) in zip(terms.legs, quotes, strict=True)
        ]
        size = terms.size or Decimal(1)
        net = Decimal(0)  # signed credit per unit of size
        for leg, px in zip(terms.legs, prices, strict=True):
            ratio = (leg.quantity or Decimal(1)) / size
            net += (px if not leg.buys else -px) * ratio
        if terms.order_type in STOP_TYPES and terms.stop_trigger is not None:
            mark = quotes[0][2]
            buying = terms.legs[0].buys
            if (buying and mark < terms.stop_trigger) or (not buying and mark > terms.stop_trigger):
                return None
            if terms.order_type == "Stop":
                return prices
        if terms.order_type in MARKET_TYPES:
            return prices
        limit = terms.signed_price
        if limit is None:
            return prices
        # marketable when the net credit is at least the limit (a debit is a negative credit)
        return prices if net >= limit else None


def fill_model(name: str, quotes: Quotes) -> FillModel:
    """The environment's fill model by name (``legacy`` or ``quote``)."""
    return LegacyFillModel() if name == LEGACY else QuoteFillModel(quotes)


def forced_prices(model: FillModel, terms: OrderTerms, quotes: Quotes) -> list[Decimal]:
    """Prices for a behaviour-forced fill: the model price, else the limit, else the trigger,
    else the mark, else the legacy market price."""
    prices = model.prices(terms)
    if prices is not None:
        return prices
    if terms.price is not None:
        return net_on_first_leg(terms, terms.price)
    if terms.stop_trigger is not None:
        return [terms.stop_trigger] * len(terms.legs)
    marks = leg_quotes(quotes, terms)
    if marks is not None:
        return [mark for _, _, mark in marks]
    return [LEGACY_MARKET_PRICE] * len(terms.legs)


def leg_quotes(quotes: Quotes, terms: OrderTerms) -> list[LegQuote] | None:
    """(bid, ask, mark) of every leg, or ``None`` when one has no quote."""
    try:
        out = []
        for leg in terms.legs:
            quote = quotes.quote(leg.symbol)
            out.append((Decimal(str(quote.bid)), Decimal(str(quote.ask)), Decimal(str(quote.mark))))
        return out
    except (KeyError, AttributeError):
        return None


def net_on_first_leg(terms: OrderTerms, price: Decimal) -> list[Decimal]:
    """Per-leg prices whose net equals ``price``: the whole net on the first leg."""
    return [price] + [Decimal(0)] * (len(terms.legs) - 1)
