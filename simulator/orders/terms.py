"""The order vocabulary (types, actions, statuses) and an order's validated, typed terms."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

ORDER_TYPES = frozenset(
    {"Limit", "Market", "Marketable Limit", "Stop", "Stop Limit", "Notional Market"}
)
PRICED_TYPES = frozenset({"Limit", "Stop Limit", "Marketable Limit"})  # need a price
STOP_TYPES = frozenset({"Stop", "Stop Limit"})  # need a stop-trigger
MARKET_TYPES = frozenset({"Market", "Notional Market"})
NOTIONAL = "Notional Market"
TIME_IN_FORCE = frozenset(
    {"Day", "GTC", "GTD", "Ext", "Ext Overnight", "GTC Ext", "GTC Ext Overnight", "IOC"}
)
PRICE_EFFECTS = frozenset({"Debit", "Credit", "None"})
# equities and equity options take the four position-effect actions; Buy/Sell are for futures
ACTIONS = frozenset({"Buy to Open", "Buy to Close", "Sell to Open", "Sell to Close"})
FUTURES_ACTIONS = frozenset({"Buy", "Sell"})
SUPPORTED_INSTRUMENTS = frozenset({"Equity", "Equity Option"})
EQUITY_OPTION = "Equity Option"
OPTION_MULTIPLIER = Decimal(100)
MAX_LEGS = 4

# the SDK's FillBehavior: how the simulator routes an order (the real API ignores the field)
BEHAVIORS = frozenset({"immediate", "delayed", "never", "scheduled", "reject", "partial"})
DEFAULT_DELAY = 1.0  # seconds a ``delayed`` order waits when it names no delay

TERMINAL = frozenset({"Filled", "Cancelled", "Expired", "Rejected", "Removed", "Partially Removed"})
WORKING = frozenset({"Received", "Routed", "In Flight", "Live", "Contingent"})
EDIT_REQUESTED = frozenset({"Cancel Requested", "Replace Requested"})
# what a Day or GTD order can expire from (a Contingent child waits for its trigger instead)
WORKING_STATUSES = frozenset({"Received", "Routed", "In Flight", "Live"})

# identifiers a placement carries through to the placed order unchanged
PASSTHROUGH_KEYS = ("gtc-date", "external-identifier", "preflight-id", "partition-key")

MAX_ORDER_NUMBER = Decimal(1_000_000_000)  # no price or quantity is larger; bigger is hostile
DURATION_RE = re.compile(
    r"^P(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


class OrderRejected(Exception):
    """A placement/replace/cancel the API answers with an error envelope (422 by default)."""

    def __init__(
        self, code: str, message: str, status: int = 422, errors: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.errors = errors


@dataclass(frozen=True, slots=True)
class OrderLeg:
    """One validated leg: the instrument, its action and quantity (``None`` for notional)."""

    instrument_type: str
    symbol: str
    action: str
    quantity: Decimal | None
    multiplier: Decimal
    underlying: str

    @property
    def buys(self) -> bool:
        return is_buy(self.action)


@dataclass(frozen=True, slots=True)
class OrderTerms:
    """What a valid order request asks for, typed; the wire order is rendered from it."""

    order_type: str
    time_in_force: str
    legs: tuple[OrderLeg, ...]
    underlying: str
    underlying_instrument_type: str
    source: str = "simulator"
    price: Decimal | None = None
    price_effect: str | None = None
    stop_trigger: Decimal | None = None
    value: Decimal | None = None
    value_effect: str | None = None
    behavior: str = "immediate"
    delay: float = DEFAULT_DELAY
    schedule: datetime | None = None
    passthrough: dict[str, Any] = field(default_factory=dict)

    @property
    def notional(self) -> bool:
        return self.order_type == NOTIONAL

    @property
    def size(self) -> Decimal:
        """The largest leg quantity (0 for a notional order before it fills)."""
        return max((leg.quantity or Decimal(0) for leg in self.legs), default=Decimal(0))

    @property
    def signed_price(self) -> Decimal | None:
        """``price`` as the SDK reads it: a debit is negative."""
        if self.price is None:
            return None
        return -abs(self.price) if self.price_effect == "Debit" else self.price

    @property
    def external_identifier(self) -> str | None:
        value = self.passthrough.get("external-identifier")
        return None if value is None else str(value)


def is_buy(action: str) -> bool:
    return action.startswith("Buy")


def qstr(value: Decimal) -> str:
    """A quantity or price as the wire shows it: no exponent, no trailing zeros."""
    return format(value.normalize(), "f")


def signed_price(order: dict[str, Any], key: str = "price") -> Decimal | None:
    """``price`` of a wire order with the sign from ``price-effect`` (Debit negative)."""
    raw = order.get(key)
    if raw is None:
        return None
    amount = Decimal(str(raw))
    return -abs(amount) if order.get(f"{key}-effect") == "Debit" else amount


def decimal_field(value: Any, name: str) -> Decimal:
    """A finite number no larger than ``MAX_ORDER_NUMBER``, or ``OrderRejected`` naming it."""
    code = "invalid_" + name.replace("-", "_")
    if isinstance(value, bool):
        raise OrderRejected(code, f"{name} is not a number")
    try:
        out = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise OrderRejected(code, f"{name} is not a number") from exc
    if not out.is_finite():
        raise OrderRejected(code, f"{name} is not a number")
    if abs(out) > MAX_ORDER_NUMBER:
        raise OrderRejected(code, f"{name} is out of range")
    return out


def parse_delay(value: Any) -> float:
    """Seconds from an int/float or an ISO-8601 duration such as ``PT5S``."""
    if value is None:
        return 0.0
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    else:
        text = str(value).strip()
        try:
            seconds = float(text)
        except ValueError:
            match = DURATION_RE.match(text)
            if not match:
                raise OrderRejected("invalid_delay", f"cannot parse delay {text!r}") from None
            parts = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
            seconds = parts["d"] * 86400 + parts["h"] * 3600 + parts["m"] * 60 + parts["s"]
    if not math.isfinite(seconds):
        raise OrderRejected("invalid_delay", "delay must be a finite number of seconds")
    return seconds
