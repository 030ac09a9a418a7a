"""The values the order pipeline speaks (plain frozen dataclasses; money Decimal, time aware UTC).

A chat message becomes a ``ParsedOrder`` (``nlp``), then a :class:`ResolvedOrder` (concrete
symbols from the chain, open/close effects, the account), which is validated
(:class:`Problem` list), checked against the trader's :class:`RiskLimits` (:class:`Breach`
list), rehearsed in the sandbox (:class:`RehearsalResult`), dry-run in production
(:class:`DryRun`), previewed, confirmed and placed. Each step moves the OrderRequest through
:class:`OrderState` and appends an OrderEvent to its hash-chained audit log.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

CONTRACT_MULTIPLIER = 100


class OrderSource(StrEnum):
    CHAT = "chat"
    SIGNAL = "signal"
    QUALIFY = "qualify"


class OrderState(StrEnum):
    """Where an OrderRequest is. Terminal states end with the order (or its refusal)."""

    RECEIVED = "received"
    NEEDS_CHOICE = "needs_choice"  # a reading, expiration or account must be picked first
    INVALID = "invalid"  # validation failed: nothing was placed (terminal)
    REFUSED = "refused"  # a risk limit or permission refused it: nothing placed (terminal)
    REHEARSING = "rehearsing"
    REHEARSAL_FAILED = "rehearsal_failed"  # the sandbox rejected it (terminal)
    PREVIEWED = "previewed"  # waiting for Confirm (expires)
    EXPIRED = "expired"  # the preview expired unconfirmed (terminal)
    CANCELLED = "cancelled"  # the trader cancelled before placement, or the order was cancelled
    CONFIRMED = "confirmed"
    PLACING = "placing"
    PLACED = "placed"  # accepted by Tastytrade, working
    PARTIALLY_FILLED = "partially_filled"
    FILLED = "filled"
    REJECTED = "rejected"  # Tastytrade rejected the production order
    BROKER_EXPIRED = "broker_expired"  # a Day order that did not fill by the close
    ESCALATED = "escalated"  # the outcome could not be proven: a person must look


TERMINAL_STATES = frozenset(
    {
        OrderState.INVALID,
        OrderState.REFUSED,
        OrderState.REHEARSAL_FAILED,
        OrderState.EXPIRED,
        OrderState.CANCELLED,
        OrderState.FILLED,
        OrderState.REJECTED,
        OrderState.BROKER_EXPIRED,
        OrderState.ESCALATED,
    }
)


@dataclass(frozen=True, slots=True)
class ResolvedLeg:
    """A concrete leg: ``symbol`` is the OCC symbol (options) or the ticker (equity);
    ``action`` is Tastytrade's (``Buy to Open``...); quantity in contracts or shares."""

    symbol: str
    instrument_type: str  # "Equity Option" | "Equity"
    action: str
    quantity: Decimal
    option_type: str | None = None  # "call" | "put" | None for equity
    strike: Decimal | None = None
    expiration: date | None = None
    streamer_symbol: str | None = None

    @property
    def is_buy(self) -> bool:
        return self.action.startswith("Buy")

    @property
    def is_open(self) -> bool:
        return self.action.endswith("to Open")

    def to_json(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "instrument_type": self.instrument_type,
            "action": self.action,
            "quantity": str(self.quantity),
            "option_type": self.option_type,
            "strike": None if self.strike is None else str(self.strike),
            "expiration": None if self.expiration is None else self.expiration.isoformat(),
            "streamer_symbol": self.streamer_symbol,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ResolvedLeg:
        return cls(
            symbol=data["symbol"],
            instrument_type=data["instrument_type"],
            action=data["action"],
            quantity=Decimal(data["quantity"]),
            option_type=data.get("option_type"),
            strike=None if data.get("strike") is None else Decimal(data["strike"]),
            expiration=None
            if data.get("expiration") is None
            else date.fromisoformat(data["expiration"]),
            streamer_symbol=data.get("streamer_symbol"),
        )


@dataclass(frozen=True, slots=True)
class ResolvedOrder:
    """An order ready to validate and send: ``price`` is the positive net limit per unit
    (``None`` for a market order) and ``price_effect`` says whether it is paid or received.
    ``notes`` tell the trader what resolution decided (an expiration snapped to the listed
    one, an effect taken from their position)."""

    account_number: str
    underlying: str
    legs: tuple[ResolvedLeg, ...]
    order_type: str  # "Limit" | "Market"
    price: Decimal | None
    price_effect: str | None  # "Debit" | "Credit" | None
    time_in_force: str  # "Day" | "GTC"
    notes: tuple[str, ...] = ()

    def canonical(self) -> dict[str, Any]:
        """The exact order as plain JSON: what a confirmation is bound to."""
        return {
            "account_number": self.account_number,
            "underlying": self.underlying,
            "legs": [leg.to_json() for leg in self.legs],
            "order_type": self.order_type,
            "price": None if self.price is None else str(self.price.normalize()),
            "price_effect": self.price_effect,
            "time_in_force": self.time_in_force,
        }

    def fingerprint(self) -> str:
        """SHA-256 of the canonical JSON: two orders with the same fingerprint are the same."""
        text = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def contracts(self) -> Decimal:
        """Option contracts across the legs (shares are not contracts)."""
        return sum(
            (leg.quantity for leg in self.legs if leg.instrument_type != "Equity"), Decimal(0)
        )


@dataclass(frozen=True, slots=True)
class Choice:
    """One button of a question: ``label`` is shown, ``value`` comes back when pressed."""

    label: str
    value: str


INTENT = "intent"  # the question whether a message the parser is unsure of is an order


@dataclass(frozen=True, slots=True)
class Question:
    """The pipeline needs the trader to pick before it can go on (a reading of an ambiguous
    message, a listed expiration near the one typed, an account), or to say whether a
    message the parser is unsure of is an order at all."""

    topic: str  # "intent" | "reading" | "expiration" | "account" | "strike"
    text: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """Why an order is invalid, with concrete suggestions (nearest strikes, expirations)."""

    code: str
    message: str
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RiskLimits:
    """A trader's limits (``None`` = no limit) and switches."""

    max_contracts: int | None = None
    max_notional: Decimal | None = None
    max_loss_per_order: Decimal | None = None
    max_orders_per_day: int | None = None
    allowed_underlyings: frozenset[str] | None = None
    naked_options_allowed: bool = False
    production_trading_enabled: bool = False
    auto_confirm_threshold: Decimal | None = None


@dataclass(frozen=True, slots=True)
class RiskUsage:
    """What the trader already used today, and what the order itself holds."""

    orders_today: int = 0
    # short option contracts the account's positions cover (stock for calls); per OCC symbol
    covered_short_symbols: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Breach:
    """A limit the order breaks, and by how much (``limit`` and ``actual`` as shown)."""

    limit: str
    message: str
    limit_value: str | None = None
    actual: str | None = None


@dataclass(frozen=True, slots=True)
class OrderRisk:
    """Defined-risk figures of an order at its limit price, per order (not per unit):
    ``max_loss``/``max_profit`` are ``None`` when unbounded."""

    notional: Decimal
    max_loss: Decimal | None
    max_profit: Decimal | None
    break_evens: tuple[Decimal, ...] = ()


@dataclass(frozen=True, slots=True)
class RehearsalCheck:
    name: str
    passed: bool
    detail: str = ""


@dataclass(frozen=True, slots=True)
class RehearsalResult:
    """What the sandbox did with the same order: its final status, the checks, timings (s)."""

    passed: bool
    status: str  # the sandbox order's last status: Filled, Live (then cancelled), Rejected...
    sandbox_order_id: int | None
    checks: tuple[RehearsalCheck, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class DryRun:
    """Production's dry-run answer: buying-power effect, fees, warnings (and errors)."""

    buying_power_change: Decimal
    buying_power_effect: str  # "Debit" | "Credit" | "None"
    new_buying_power: Decimal | None
    fees: Decimal
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preview:
    """What the trader confirms: the order, its figures, the rehearsal, the dry-run; Confirm
    must quote ``confirm_hash`` before ``expires_at``."""

    order_id: int
    order: ResolvedOrder
    risk: OrderRisk
    rehearsal: RehearsalResult
    dry_run: DryRun
    confirm_hash: str
    expires_at: datetime
    auto_confirm: bool = False
    notes: tuple[str, ...] = ()


def action_for(side: str, effect: str) -> str:
    """Tastytrade's action for a side (buy/sell) and an effect (open/close)."""
    return f"{side.capitalize()} to {effect.capitalize()}"


def sum_quantities(legs: Sequence[ResolvedLeg]) -> Decimal:
    return sum((leg.quantity for leg in legs), Decimal(0))
