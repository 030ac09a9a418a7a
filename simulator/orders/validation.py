"""Pure order validation: a request body in, typed terms and warnings out, or ``OrderRejected``.

Nothing here touches the clock, the ledger or the account streamer: validation reads the
request, the account's positions and the market's listings, and the same inputs always give the
same answer. Checks run in a fixed order so a body with several problems names the first.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from simulator import wire
from simulator.orders.terms import (
    ACTIONS,
    BEHAVIORS,
    DEFAULT_DELAY,
    EQUITY_OPTION,
    MAX_LEGS,
    OPTION_MULTIPLIER,
    ORDER_TYPES,
    PASSTHROUGH_KEYS,
    PRICE_EFFECTS,
    PRICED_TYPES,
    STOP_TYPES,
    SUPPORTED_INSTRUMENTS,
    TIME_IN_FORCE,
    OrderLeg,
    OrderRejected,
    OrderTerms,
    decimal_field,
    is_buy,
    parse_delay,
)
from simulator.symbols import OCC_RE, underlying_instrument_type

Warning_ = dict[str, str]
COMPLEX_TYPES = frozenset({"OCO", "OTO", "OTOCO"})
MAX_OTO_CHILDREN = 3


class Listings(Protocol):
    """The part of ``simulator.market.Market`` validation reads."""

    def is_underlying(self, symbol: str) -> bool: ...

    def underlyings(self) -> list[str]: ...

    def option(self, occ: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class ValidatedOrder:
    terms: OrderTerms
    warnings: list[Warning_]


@dataclass(frozen=True, slots=True)
class ValidatedComplex:
    type: str
    trigger: OrderTerms | None
    orders: list[OrderTerms]
    warnings: list[Warning_]


def validate_order(
    body: Any,
    *,
    positions: Mapping[str, Mapping[str, Any]],
    listings: Listings,
    legs_from: list[dict[str, Any]] | None = None,
    defer_position_checks: bool = False,
) -> ValidatedOrder:
    """Check a placement (or, with ``legs_from``, a replacement) body.

    ``defer_position_checks`` is for the children of an OTO/OTOCO trigger: they close what the
    trigger opens, so the position they close need not exist yet.
    """
    if not isinstance(body, dict):
        raise OrderRejected("invalid_request", "order body must be a JSON object", 400)
    order_type = body.get("order-type")
    if order_type not in ORDER_TYPES:
        raise OrderRejected("invalid_order_type", f"order-type {order_type!r} is invalid")
    tif = body.get("time-in-force", "Day")
    if tif not in TIME_IN_FORCE:
        raise OrderRejected("invalid_time_in_force", f"time-in-force {tif!r} is invalid")
    if tif == "GTD" and not body.get("gtc-date"):
        raise OrderRejected("invalid_gtc_date", "GTD orders need a gtc-date")
    behavior = str(body.get("behavior", "immediate"))
    if behavior not in BEHAVIORS:
        raise OrderRejected("invalid_behavior", f"behavior {behavior!r} is invalid")
    raw_legs = legs_from if legs_from is not None else body.get("legs")
    if not isinstance(raw_legs, list) or not raw_legs:
        raise OrderRejected("invalid_legs", "an order needs at least one leg")
    if len(raw_legs) > MAX_LEGS:
        raise OrderRejected("too_many_legs", f"an order can have at most {MAX_LEGS} legs")
    notional = order_type == "Notional Market"
    price, price_effect = _price(body, str(order_type))
    stop_trigger = _stop_trigger(body, str(order_type))
    value, value_effect = _value(body, len(raw_legs)) if notional else (None, None)
    strict = _strict_position_effect(body)
    warnings: list[Warning_] = []
    legs: list[OrderLeg] = []
    seen: set[str] = set()
    for raw in raw_legs:
        leg = _leg(raw, listings, notional)
        if leg.symbol in seen:
            raise OrderRejected("duplicate_legs", f"symbol {leg.symbol} appears in two legs")
        seen.add(leg.symbol)
        if not defer_position_checks:
            leg = _position_effect(leg, positions, strict, warnings)
        legs.append(leg)
    underlyings = {leg.underlying for leg in legs}
    if len(underlyings) > 1:
        raise OrderRejected("invalid_legs", "all legs must share one underlying")
    underlying = underlyings.pop()
    terms = OrderTerms(
        order_type=str(order_type),
        time_in_force=str(tif),
        legs=tuple(legs),
        underlying=underlying,
        underlying_instrument_type=underlying_instrument_type(underlying),
        source=str(body.get("source", "simulator")),
        price=price,
        price_effect=price_effect,
        stop_trigger=stop_trigger,
        value=value,
        value_effect=value_effect,
        behavior=behavior,
        delay=parse_delay(body["delay"]) if body.get("delay") is not None else DEFAULT_DELAY,
        schedule=_schedule(body),
        passthrough=_passthrough(body),
    )
    return ValidatedOrder(terms, warnings)


def validate_complex(
    body: Any, *, positions: Mapping[str, Mapping[str, Any]], listings: Listings
) -> ValidatedComplex:
    """Check an OCO / OTO / OTOCO body and each order in it."""
    if not isinstance(body, dict):
        raise OrderRejected("invalid_request", "complex order body must be an object", 400)
    ctype = body.get("type")
    if ctype not in COMPLEX_TYPES:
        raise OrderRejected("invalid_complex_order_type", f"type {ctype!r} is not supported")
    raw_orders = body.get("orders")
    if not isinstance(raw_orders, list) or not raw_orders:
        raise OrderRejected("invalid_orders", "a complex order needs orders")
    raw_trigger = body.get("trigger-order")
    if ctype == "OCO" and (len(raw_orders) != 2 or raw_trigger):
        raise OrderRejected("invalid_orders", "OCO needs exactly two orders and no trigger")
    if ctype == "OTOCO" and (len(raw_orders) != 2 or not raw_trigger):
        raise OrderRejected("invalid_orders", "OTOCO needs a trigger-order and two orders")
    if ctype == "OTO" and (not 1 <= len(raw_orders) <= MAX_OTO_CHILDREN or not raw_trigger):
        raise OrderRejected(
            "invalid_orders", f"OTO needs a trigger-order and 1-{MAX_OTO_CHILDREN} orders"
        )
    warnings: list[Warning_] = []
    trigger: OrderTerms | None = None
    if raw_trigger:
        checked = validate_order(raw_trigger, positions=positions, listings=listings)
        trigger = checked.terms
        warnings.extend(checked.warnings)
    children: list[OrderTerms] = []
    for raw in raw_orders:
        child = validate_order(
            raw, positions=positions, listings=listings, defer_position_checks=trigger is not None
        )
        children.append(child.terms)
        warnings.extend(child.warnings)
    if ctype in ("OCO", "OTOCO"):
        types = [child.order_type for child in children]
        if "Limit" not in types or not any(t in STOP_TYPES for t in types):
            raise OrderRejected(
                "invalid_orders", f"{ctype} needs a Limit and a Stop/Stop Limit order"
            )
    return ValidatedComplex(str(ctype), trigger, children, warnings)


# parts ------------------------------------------------------------------------------------
def _price(body: dict[str, Any], order_type: str) -> tuple[Decimal | None, str | None]:
    if order_type not in PRICED_TYPES:
        return None, None
    if body.get("price") is None:
        raise OrderRejected("invalid_price", f"{order_type} orders need a price")
    price = decimal_field(body["price"], "price")
    if price <= 0 and order_type != "Limit":
        raise OrderRejected("invalid_price", "price must be positive")
    if price < 0:
        raise OrderRejected("invalid_price", "price must not be negative")
    effect = body.get("price-effect", "Debit")
    if effect not in PRICE_EFFECTS:
        raise OrderRejected("invalid_price_effect", "price-effect must be Debit or Credit")
    return price, str(effect)


def _stop_trigger(body: dict[str, Any], order_type: str) -> Decimal | None:
    if order_type in STOP_TYPES:
        if body.get("stop-trigger") is None:
            raise OrderRejected("invalid_stop_trigger", f"{order_type} orders need a trigger")
        if decimal_field(body["stop-trigger"], "stop-trigger") <= 0:
            raise OrderRejected("invalid_stop_trigger", "stop-trigger must be positive")
    if body.get("stop-trigger") is None:
        return None
    return decimal_field(body["stop-trigger"], "stop-trigger")


def _value(body: dict[str, Any], leg_count: int) -> tuple[Decimal, str]:
    if body.get("value") is None or decimal_field(body["value"], "value") <= 0:
        raise OrderRejected("invalid_value", "Notional Market orders need a value > 0")
    if leg_count != 1:
        raise OrderRejected("invalid_legs", "notional orders have exactly one leg")
    effect = body.get("value-effect", "Debit")
    if effect not in PRICE_EFFECTS:
        raise OrderRejected("invalid_value_effect", "value-effect must be Debit or Credit")
    return decimal_field(body["value"], "value"), str(effect)


def _strict_position_effect(body: dict[str, Any]) -> bool:
    advanced = body.get("advanced-instructions") or {}
    if not isinstance(advanced, dict):
        raise OrderRejected("invalid_advanced_instructions", "advanced-instructions is an object")
    return bool(advanced.get("strict-position-effect-validation", False))


def _leg(raw: Any, listings: Listings, notional: bool) -> OrderLeg:
    if not isinstance(raw, dict):
        raise OrderRejected("invalid_legs", "legs must be objects")
    action = raw.get("action")
    if action not in ACTIONS:
        raise OrderRejected("invalid_action", f"action {action!r} is invalid for equities")
    underlying, multiplier, symbol = _instrument(raw, listings)
    quantity: Decimal | None = None
    if not notional:
        if raw.get("quantity") is None:
            raise OrderRejected("invalid_quantity", "every leg needs a quantity")
        quantity = decimal_field(raw["quantity"], "quantity")
        if quantity <= 0:
            raise OrderRejected("invalid_quantity", "quantity must be positive")
        if raw["instrument-type"] == EQUITY_OPTION and quantity != quantity.to_integral_value():
            raise OrderRejected("invalid_quantity", "option quantities must be whole")
    return OrderLeg(
        instrument_type=str(raw["instrument-type"]),
        symbol=symbol,
        action=str(action),
        quantity=quantity,
        multiplier=multiplier,
        underlying=underlying,
    )


def _instrument(leg: dict[str, Any], listings: Listings) -> tuple[str, Decimal, str]:
    """(underlying, multiplier, symbol) of a leg, or ``OrderRejected`` if it is not listed."""
    itype = leg.get("instrument-type")
    symbol = str(leg.get("symbol") or "")
    if itype not in SUPPORTED_INSTRUMENTS:
        raise OrderRejected(
            "invalid_instrument_type", f"instrument type {itype!r} is not supported"
        )
    if itype == "Equity":
        if not listings.is_underlying(symbol):
            raise OrderRejected("invalid_symbol", f"Symbol {symbol} not found")
        return symbol, Decimal(1), symbol
    if not OCC_RE.match(symbol):
        raise OrderRejected("invalid_symbol", f"Invalid option symbol {symbol!r}")
    contract = listings.option(symbol)
    if contract is None:
        root = symbol[:6].strip()
        if not listings.is_underlying(root) and not _root_known(listings, root):
            raise OrderRejected("invalid_symbol", f"Symbol {symbol} not found")
        raise OrderRejected(
            "invalid_symbol", f"Option {symbol} is not listed (unlisted expiration or strike)"
        )
    return str(contract.underlying), OPTION_MULTIPLIER, symbol


def _root_known(listings: Listings, root: str) -> bool:
    with contextlib.suppress(Exception):
        return any(
            listings.is_underlying(u) and u.startswith(root[:3]) for u in listings.underlyings()
        )
    return False


def _position_effect(
    leg: OrderLeg,
    positions: Mapping[str, Mapping[str, Any]],
    strict: bool,
    warnings: list[Warning_],
) -> OrderLeg:
    """A closing leg without the position to close opens one instead (with a warning) unless
    validation is strict; an opening leg against an opposite position is refused."""
    action = leg.action
    if action.endswith("to Close") and leg.quantity is not None:
        pos = positions.get(leg.symbol)
        need = "Short" if is_buy(action) else "Long"
        held = Decimal(str(pos["quantity"])) if pos else Decimal(0)
        if pos is None or pos.get("quantity-direction") != need or held < leg.quantity:
            if strict:
                raise OrderRejected(
                    "closing_with_no_position",
                    f"No {need.lower()} position of {leg.quantity} {leg.symbol} to close",
                )
            warnings.append(
                {
                    "code": "closing_with_no_position",
                    "message": f"No position in {leg.symbol} to close; the order will open "
                    "a new position.",
                }
            )
            action = action.replace("to Close", "to Open")
    if action.endswith("to Open"):
        pos = positions.get(leg.symbol)
        against = "Short" if is_buy(action) else "Long"
        if pos is not None and pos.get("quantity-direction") == against:
            raise OrderRejected(
                "invalid_position_effect",
                f"{action} {leg.symbol} conflicts with the {against.lower()} position; "
                "use a closing action",
            )
    return leg if action == leg.action else replace(leg, action=action)


def _schedule(body: dict[str, Any]) -> datetime | None:
    if not body.get("schedule"):
        return None
    try:
        return wire.parse_datetime(str(body["schedule"]))
    except ValueError as exc:
        raise OrderRejected("invalid_schedule", "schedule is not a datetime") from exc


def _passthrough(body: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in PASSTHROUGH_KEYS:
        value = body.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise OrderRejected(f"invalid_{key.replace('-', '_')}", f"{key} must be a string")
        if key == "gtc-date":
            try:
                date.fromisoformat(value)
            except ValueError as exc:
                raise OrderRejected("invalid_gtc_date", "gtc-date is not a date") from exc
        out[key] = value
    return out
