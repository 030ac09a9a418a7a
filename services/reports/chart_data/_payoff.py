"""The payoff of an order typed by the trader: its legs as ``nlp`` reads them, what it pays or
receives, and the market it is valued in (the trader's broker quotes, or what they give)."""

from __future__ import annotations

import asyncio
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Protocol

from services.errors import ValidationError
from services.orders.validate import leg_label
from services.parsing import exchange_today
from services.pnl import Side
from services.reports.charts import PayoffSpec
from services.strategies import Leg, LegSide, LegType
from services.strategies.reports import group_detail

if TYPE_CHECKING:  # spaCy takes a second to import: nlp is loaded on first use
    import nlp
    from services.orders._model import ResolvedOrder

ZERO = Decimal(0)
MAX_ORDER_CHARS = 300
MAX_NUMBER_CHARS = 16
OPTION_MULTIPLIER = 100
DEFAULT_VOLATILITY = Decimal("0.30")  # only when no implied volatility is known, and said so
DEFAULT_RATE = Decimal("0.04")  # only when the broker gave no risk-free rate, and said so
MAX_SPOT = Decimal(1_000_000)
VOLATILITY_PERCENT = (Decimal(1), Decimal(500))
RATE_PERCENT = (Decimal(-5), Decimal(25))
_GROUP = re.compile(r"#?\s*(\d{1,10})")
NOT_DRAWABLE = (
    "That is not an order I can draw. Try `BTO SPY 12/18 450C @ 2.15` or "
    "`STO SPX 12/18 5450/5400 PCS @ 2.10`."
)


@dataclass(frozen=True)
class MarketInputs:
    """What the market says about an underlying (annual decimals); None where it said
    nothing."""

    spot: Decimal | None = None
    volatility: Decimal | None = None
    rate: Decimal | None = None


class QuoteSource(Protocol):
    """Where a payoff's spot, implied volatility and rate come from."""

    async def market_inputs(self, discord_id: int, underlying: str) -> MarketInputs: ...


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text) if len(text) <= MAX_NUMBER_CHARS else None
    except InvalidOperation:
        return None
    return value if value is not None and value.is_finite() else None


def parse_percent(text: str | None, what: str, bounds: tuple[Decimal, Decimal]) -> Decimal | None:
    """``25`` or ``25%`` -> 0.25; None when not given; out of ``bounds`` (percent) refused."""
    if text is None or not text.strip():
        return None
    value = _number(text.strip().rstrip("%").strip())
    low, high = bounds
    if value is None or not low <= value <= high:
        raise ValidationError(f"Give the {what} as a percentage from {low} to {high}, like 25.")
    return value / 100


def parse_spot(text: str | None) -> Decimal | None:
    """``452.10`` or ``$4,512``; None when not given."""
    if text is None or not text.strip():
        return None
    value = _number(text.strip().lstrip("$").replace(",", ""))
    if value is None or not ZERO < value <= MAX_SPOT:
        raise ValidationError("Give the underlying's price as a number, like `452.10`.")
    return value


@dataclass(frozen=True)
class OrderPosition:
    """What an order would open, or what a strategy group holds open: ``entry_cash_flow`` is
    None when no price is known; ``title`` None names it from the catalog."""

    underlying: str
    legs: tuple[Leg, ...]
    entry_cash_flow: Decimal | None
    reading: str  # how the order was read (or which group it is), in one line
    title: str | None = None


def _legs(parsed: nlp.ParsedOrder) -> tuple[Leg, ...]:
    legs: list[Leg] = []
    for leg in parsed.legs:
        kind = LegType(leg.type) if leg.type else None
        if kind is None or (kind is not LegType.EQUITY and leg.expiration is None):
            missing = ", ".join(parsed.missing) or "a leg's type"
            raise ValidationError(f"The order lacks {missing}; check it with /parse.")
        legs.append(
            Leg(
                type=kind,
                side=LegSide.LONG if leg.side == "buy" else LegSide.SHORT,
                quantity=Decimal(leg.quantity),
                strike=leg.strike,
                expiration=leg.expiration,
            )
        )
    return tuple(legs)


def entry_cash_flow(parsed: nlp.ParsedOrder, legs: Sequence[Leg]) -> Decimal | None:
    """Price x units x multiplier, negative for a debit. The price is per unit of the order
    (the largest common count of its option legs) or, for shares only, per share."""
    if parsed.price is None:
        return None
    effect = parsed.price_effect
    if effect is None and len(legs) == 1:
        effect = "debit" if legs[0].side is LegSide.LONG else "credit"
    if effect is None:
        return None
    return _signed_cash(parsed.price, effect, legs)


def _signed_cash(price: Decimal, effect: str, legs: Sequence[Leg]) -> Decimal:
    """What ``price`` per unit comes to (see :func:`entry_cash_flow`), negative for a debit."""
    options = [int(leg.quantity) for leg in legs if leg.type is not LegType.EQUITY]
    if options:
        cash = price * math.gcd(*options) * OPTION_MULTIPLIER
    else:
        cash = price * math.gcd(*(int(leg.quantity) for leg in legs))
    return -cash if effect.lower() == "debit" else cash


def order_position(text: str, *, today: datetime | None = None) -> OrderPosition:
    """The position an order typed like ``/parse`` takes would open (read as of ``today``'s
    exchange date); anything that cannot be drawn is refused with the reason."""
    import nlp

    if len(text) > MAX_ORDER_CHARS:
        raise ValidationError(
            f"That order is too long ({len(text)} characters; the limit is {MAX_ORDER_CHARS})."
        )
    parsed = nlp.parse_order(text, today=exchange_today(today))
    if parsed.kind != "order" or parsed.underlying is None or not parsed.legs:
        raise ValidationError(NOT_DRAWABLE)
    if any(leg.effect == "close" for leg in parsed.legs):
        raise ValidationError("That order closes a position; chart an order that opens one.")
    legs = _legs(parsed)
    return OrderPosition(
        parsed.underlying, legs, entry_cash_flow(parsed, legs), nlp.summarize(parsed)
    )


def resolved_position(order: ResolvedOrder) -> OrderPosition | None:
    """What a resolved order would open, priced at its limit; ``None`` for an order that
    closes a position (its payoff is the position's, not the order's) or has no legs."""
    if not order.legs or any(leg.action.endswith("to Close") for leg in order.legs):
        return None
    legs = tuple(
        Leg(
            type=LegType(leg.option_type) if leg.option_type else LegType.EQUITY,
            side=LegSide.LONG if leg.is_buy else LegSide.SHORT,
            quantity=leg.quantity,
            strike=leg.strike,
            expiration=leg.expiration,
        )
        for leg in order.legs
    )
    entry = None
    if order.price is not None and order.price_effect in ("Debit", "Credit"):
        entry = _signed_cash(order.price, order.price_effect, legs)
    reading = ", ".join(f"{leg.action} {leg.quantity:f} × {leg_label(leg)}" for leg in order.legs)
    return OrderPosition(order.underlying, legs, entry, reading)


def group_reference(text: str) -> int | None:
    """The group number in ``12`` or ``#12`` (what /strategies shows); None for an order."""
    match = _GROUP.fullmatch(text.strip())
    return int(match.group(1)) if match else None


async def group_position(discord_id: int, group_id: int) -> OrderPosition:
    """The open legs of one of the trader's strategy groups and what opening them cost, from
    each open lot's price (fees left out); another trader's group is not found."""
    detail = await group_detail(discord_id, group_id)
    summary = detail.group
    if not detail.open_legs:
        raise ValidationError(
            f"Group {group_id} has nothing open that I can draw (it is closed, or holds an "
            "instrument the strategy catalog does not describe)."
        )
    open_lots = [lot for lot in detail.lots if lot.open_quantity > 0]
    entry: Decimal | None = ZERO
    for lot in open_lots:
        if lot.open_price is None or entry is None:
            entry = None
            continue
        shares = lot.symbol.strip().upper() == summary.underlying.upper()  # a stock lot
        size = lot.open_quantity * lot.open_price * (1 if shares else OPTION_MULTIPLIER)
        entry += -size if lot.side is Side.LONG else size
    name = summary.name or summary.user_type or summary.strategy_name
    return OrderPosition(
        summary.underlying,
        detail.open_legs,
        entry,
        f"group {summary.id}, {name}, opened at its fill prices (fees left out)",
        title=name,
    )


def strategy_title(legs: Sequence[Leg]) -> str:
    """The catalog's name for the legs ("Bull call spread"), or "Custom position"."""
    from services.strategies.classifier import classify

    try:
        match = classify(legs)
    except ValueError:
        return "Custom position"
    return "Custom position" if match.key == "custom" else match.name


async def payoff_spec(
    discord_id: int,
    order_text: str,
    *,
    quotes: QuoteSource | None,
    now: datetime,
    spot: str | None = None,
    volatility: str | None = None,
    rate: str | None = None,
) -> PayoffSpec:
    """The payoff of an order typed by the trader (nothing is placed), or of one of their
    strategy groups (``12`` or ``#12``), valued in the market ``quotes`` gives for the
    underlying; ``spot``, ``volatility`` and ``rate`` (percent) given here win. Without a spot
    from either, it is asked for."""
    given_spot = parse_spot(spot)
    given_volatility = parse_percent(volatility, "volatility", VOLATILITY_PERCENT)
    given_rate = parse_percent(rate, "interest rate", RATE_PERCENT)
    group_id = group_reference(order_text)
    if group_id is not None:
        position = await group_position(discord_id, group_id)
    else:
        position = await asyncio.to_thread(order_position, order_text, today=now)
    return await position_spec(
        discord_id,
        position,
        quotes=quotes,
        now=now,
        spot=given_spot,
        volatility=given_volatility,
        rate=given_rate,
    )


async def position_spec(
    discord_id: int,
    position: OrderPosition,
    *,
    quotes: QuoteSource | None,
    now: datetime,
    spot: Decimal | None = None,
    volatility: Decimal | None = None,
    rate: Decimal | None = None,
) -> PayoffSpec:
    """The payoff of ``position`` valued in the market ``quotes`` gives for its underlying;
    ``spot``, ``volatility`` and ``rate`` (annual decimals) given here win."""
    market = MarketInputs()
    wanted = spot is None or volatility is None or rate is None
    if quotes is not None and wanted:
        market = await quotes.market_inputs(discord_id, position.underlying)
    chosen_spot = spot or market.spot
    if chosen_spot is None:
        raise ValidationError(
            f"I have no price for {position.underlying}: give one with `spot`, like `spot: 452.10`."
        )
    notes = [f"Read as: {position.reading}"]
    chosen_volatility = volatility or market.volatility
    if chosen_volatility is None:
        chosen_volatility = DEFAULT_VOLATILITY
        notes.append(f"IV assumed {DEFAULT_VOLATILITY:.0%} (none quoted)")
    chosen_rate = rate if rate is not None else market.rate
    if chosen_rate is None:
        chosen_rate = DEFAULT_RATE
        notes.append(f"rate assumed {DEFAULT_RATE:.0%}")
    if position.entry_cash_flow is None:
        notes.append("no price given: entered at the model price")
    return PayoffSpec(
        underlying=position.underlying,
        legs=position.legs,
        entry_cash_flow=position.entry_cash_flow,
        spot=chosen_spot,
        volatility=chosen_volatility,
        rate=chosen_rate,
        now=now,
        title=position.title or strategy_title(position.legs),
        multiplier=OPTION_MULTIPLIER,
        notes=tuple(notes),
    )
