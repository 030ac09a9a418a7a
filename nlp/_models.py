"""Value objects returned by :func:`nlp.parse_order`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

Kind = Literal["order", "none"]
Side = Literal["buy", "sell"]
Effect = Literal["open", "close"]
LegType = Literal["call", "put", "equity"]
OrderType = Literal["limit", "market"]
PriceEffect = Literal["debit", "credit"]
TimeInForce = Literal["day", "gtc"]

_OCC_MAX_STRIKE = Decimal("99999.999")
# A message read as an order with this many remarks or more is one the parser is not sure is an
# order at all (ParsedOrder.sure): the bot asks before it rehearses anything.
UNSURE_REMARKS = 2


def format_decimal(value: Decimal) -> str:
    """Plain (never scientific) decimal text without trailing zeros: 450.00 -> ``450``."""
    text = format(value.normalize(), "f")
    return text


@dataclass(frozen=True, slots=True)
class Leg:
    """One leg of an order: an option contract or the stock itself."""

    side: Side
    effect: Effect | None
    quantity: int
    type: LegType | None
    strike: Decimal | None
    expiration: date | None

    @property
    def is_option(self) -> bool:
        """True for anything that is not a stock leg (including legs whose type is unknown)."""
        return self.type != "equity"

    def occ_symbol(self, underlying: str) -> str | None:
        """The OCC option symbol, e.g. ``SPY   261218C00450000``; None unless fully specified."""
        if self.type not in ("call", "put") or self.strike is None or self.expiration is None:
            return None
        root = underlying.replace("/", "")
        if not 0 < len(root) <= 6 or not 0 < self.strike <= _OCC_MAX_STRIKE:
            return None
        if not 2000 <= self.expiration.year <= 2099:
            return None
        strike_thousandths = int(self.strike * 1000)
        if self.strike * 1000 != strike_thousandths:
            return None
        flag = "C" if self.type == "call" else "P"
        return f"{root:<6}{self.expiration:%y%m%d}{flag}{strike_thousandths:08d}"

    def to_dict(self) -> dict[str, Any]:
        """The leg in the corpus schema (decimals as strings, dates ISO)."""
        return {
            "side": self.side,
            "effect": self.effect,
            "quantity": self.quantity,
            "type": self.type,
            "strike": None if self.strike is None else format_decimal(self.strike),
            "expiration": None if self.expiration is None else self.expiration.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class ParsedOrder:
    """What :func:`nlp.parse_order` understood from one message.

    ``kind == "none"`` means the message is not an instruction to trade now (chatter, a
    question, a recap...); ``notes`` then says why.
    """

    kind: Kind
    underlying: str | None = None
    legs: tuple[Leg, ...] = ()
    order_type: OrderType | None = None
    price: Decimal | None = None
    price_effect: PriceEffect | None = None
    tif: TimeInForce | None = None
    missing: tuple[str, ...] = ()
    strategy: str | None = None
    unknown_tokens: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    confidence: float = 1.0  # 0..1: the best reading's share among the readings considered
    alternatives: tuple[ParsedOrder, ...] = ()  # other readings close enough to ask about
    # words no rule read, other than courtesies and form labels: talk around the order
    remarks: tuple[str, ...] = ()
    # why the parser doubts that the message is an order although it reads one: the rules and
    # the second opinion (nlp._kind_model) disagree, so the caller asks before acting
    doubt: str | None = None

    @property
    def sure(self) -> bool:
        """Whether the message reads as an order and little else. Talk that no rule explains
        ("my cousin keeps yelling BTO ..., thinks it's free money") leaves the parser unsure
        that the message is an instruction at all: the caller should ask before acting on it."""
        return self.kind != "order" or (len(self.remarks) < UNSURE_REMARKS and self.doubt is None)

    @property
    def occ_symbols(self) -> tuple[str, ...]:
        """OCC symbols of the fully specified option legs, in leg order."""
        if self.underlying is None:
            return ()
        symbols = (leg.occ_symbol(self.underlying) for leg in self.legs)
        return tuple(symbol for symbol in symbols if symbol is not None)

    def to_dict(self) -> dict[str, Any]:
        """The order in the corpus schema (see SCHEMA.md) plus the extra, informative fields."""
        return {
            "kind": self.kind,
            "underlying": self.underlying,
            "legs": [leg.to_dict() for leg in self.legs],
            "order_type": self.order_type,
            "price": None if self.price is None else str(self.price),
            "price_effect": self.price_effect,
            "tif": self.tif,
            "missing": sorted(self.missing),
            "strategy": self.strategy,
            "occ_symbols": list(self.occ_symbols),
            "unknown_tokens": list(self.unknown_tokens),
            "suggestions": list(self.suggestions),
            "notes": list(self.notes),
            "confidence": self.confidence,
            "alternatives": [alternative.to_dict() for alternative in self.alternatives],
            "remarks": list(self.remarks),
            "doubt": self.doubt,
            "sure": self.sure,
        }
