"""Orders: validation, the status state machine, fill models and complex orders.

Lifecycle: placement records the order as ``Routed`` and returns it; a background task on the
app's loop moves it ``In Flight`` -> ``Live`` and then, depending on the fill model, to
``Filled`` (or it stays ``Live`` until the market moves, it is replaced or cancelled). Each change
is pushed to the account streamer. Fill models:

* ``legacy``: market orders fill at $1; limit orders priced at most $3 fill at their price;
  dearer limits, stops and stop-limits stay ``Live``.
* ``quote``: marketable orders fill at the simulated quote (buys at the ask, sells at the bid;
  the net over all legs for spreads); others stay ``Live`` and are re-checked on every market
  step (stops trigger on the mark).

The SDK's per-order ``behavior`` overrides the model: ``immediate`` (use the model), ``delayed``
(fill after ``delay``), ``never``, ``scheduled`` (fill at ``schedule``), ``reject`` and ``partial``
(half now, the rest a second later). Fills go through ``Ledger.trade``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import Any

from simulator import calendar, wire
from simulator.ledger import LedgerError, compute_fees
from simulator.state import AccountState, Environment, User

log = logging.getLogger(__name__)

ORDER_TYPES = {"Limit", "Market", "Marketable Limit", "Stop", "Stop Limit", "Notional Market"}
TIME_IN_FORCE = {"Day", "GTC", "GTD", "Ext", "Ext Overnight", "GTC Ext", "GTC Ext Overnight", "IOC"}
ACTIONS = {"Buy to Open", "Buy to Close", "Sell to Open", "Sell to Close", "Buy", "Sell"}
SUPPORTED_INSTRUMENTS = {"Equity", "Equity Option"}
TERMINAL = {"Filled", "Cancelled", "Expired", "Rejected", "Removed", "Partially Removed"}
WORKING = {"Received", "Routed", "In Flight", "Live", "Contingent"}
BEHAVIORS = {"immediate", "delayed", "never", "scheduled", "reject", "partial"}
INDEX_UNDERLYINGS = {"SPX", "NDX", "RUT", "VIX", "XSP", "DJX"}
OCC_RE = re.compile(r"^([A-Z][A-Z0-9 ]{5})(\d{6})([CP])(\d{8})$")
DURATION_RE = re.compile(
    r"^P(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
LEGACY_MARKET_PRICE = Decimal("1")
LEGACY_LIMIT_MAX = Decimal("3")
VENUE = "MARKET_SIMULATOR_A"
CENT = Decimal("0.01")


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


MAX_ORDER_NUMBER = Decimal(1_000_000_000)  # no price or quantity is larger; bigger is hostile


def _dec(value: Any, name: str) -> Decimal:
    try:
        out = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise OrderRejected("invalid_" + name.replace("-", "_"), f"{name} is not a number") from exc
    if not out.is_finite():
        raise OrderRejected("invalid_" + name.replace("-", "_"), f"{name} is not a number")
    if abs(out) > MAX_ORDER_NUMBER:
        raise OrderRejected("invalid_" + name.replace("-", "_"), f"{name} is out of range")
    return out


def parse_delay(value: Any) -> float:
    """Seconds from an int/float or an ISO-8601 duration such as ``PT5S``."""
    if value is None:
        return 0.0
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    try:
        return float(text)
    except ValueError:
        pass
    match = DURATION_RE.match(text)
    if not match:
        raise OrderRejected("invalid_delay", f"cannot parse delay {text!r}")
    parts = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
    return parts["d"] * 86400 + parts["h"] * 3600 + parts["m"] * 60 + parts["s"]


def signed_price(order: dict[str, Any], key: str = "price") -> Decimal | None:
    """``price`` with the sign from ``price-effect`` (Debit negative, as the SDK reads it)."""
    raw = order.get(key)
    if raw is None:
        return None
    amount = Decimal(str(raw))
    return -abs(amount) if order.get(f"{key}-effect") == "Debit" else amount


def _qstr(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def is_buy(action: str) -> bool:
    return action.startswith("Buy")


class OrderEngine:
    """All order state of one environment; handlers call it, background tasks drive it."""

    def __init__(
        self,
        env: Environment,
        now: Callable[[], datetime],
        *,
        step_delay: float = 0.005,
        partial_delay: float = 1.0,
    ) -> None:
        self.env = env
        self.now = now
        self.step_delay = step_delay
        self.partial_delay = partial_delay
        self.tasks: dict[int, asyncio.Task[None]] = {}
        self.background: set[asyncio.Task[None]] = set()
        self.complex_index: dict[int, tuple[str, int]] = {}  # child id -> (account, complex id)
        self.closed = False

    # helpers -------------------------------------------------------------------------------
    def _market(self) -> Any:
        return self.env.market

    def _instrument(self, leg: dict[str, Any]) -> tuple[str, Decimal, str]:
        """(underlying, multiplier, symbol) of a leg, or ``OrderRejected`` if it is not listed."""
        itype = leg.get("instrument-type")
        symbol = str(leg.get("symbol") or "")
        if itype not in SUPPORTED_INSTRUMENTS:
            raise OrderRejected(
                "invalid_instrument_type", f"instrument type {itype!r} is not supported"
            )
        market = self._market()
        if itype == "Equity":
            if not market.is_underlying(symbol):
                raise OrderRejected("invalid_symbol", f"Symbol {symbol} not found")
            return symbol, Decimal(1), symbol
        if not OCC_RE.match(symbol):
            raise OrderRejected("invalid_symbol", f"Invalid option symbol {symbol!r}")
        contract = market.option(symbol)
        if contract is None:
            root = symbol[:6].strip()
            if not market.is_underlying(root) and not _root_known(market, root):
                raise OrderRejected("invalid_symbol", f"Symbol {symbol} not found")
            raise OrderRejected(
                "invalid_symbol",
                f"Option {symbol} is not listed (unlisted expiration or strike)",
            )
        return str(contract.underlying), Decimal(100), symbol

    def quote_prices(self, symbol: str) -> tuple[Decimal, Decimal, Decimal]:
        q = self._market().quote(symbol)
        return Decimal(str(q.bid)), Decimal(str(q.ask)), Decimal(str(q.mark))

    # validation ------------------------------------------------------------------------------
    def validate(
        self,
        user: User,
        acct: AccountState,
        body: Any,
        *,
        legs_from: list[dict[str, Any]] | None = None,
    ) -> tuple[dict[str, Any], list[dict[str, str]], dict[str, Any]]:
        """Check a request body; returns (wire order without id/status, warnings, costs)."""
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
        if len(raw_legs) > 4:
            raise OrderRejected("too_many_legs", "an order can have at most 4 legs")
        notional = order_type == "Notional Market"
        price: Decimal | None = None
        if order_type in ("Limit", "Stop Limit", "Marketable Limit"):
            if body.get("price") is None:
                raise OrderRejected("invalid_price", f"{order_type} orders need a price")
            price = _dec(body["price"], "price")
            if price <= 0 and order_type != "Limit":
                raise OrderRejected("invalid_price", "price must be positive")
            if price < 0:
                raise OrderRejected("invalid_price", "price must not be negative")
            if body.get("price-effect", "Debit") not in ("Debit", "Credit", "None"):
                raise OrderRejected("invalid_price_effect", "price-effect must be Debit or Credit")
        if order_type in ("Stop", "Stop Limit"):
            if body.get("stop-trigger") is None:
                raise OrderRejected("invalid_stop_trigger", f"{order_type} orders need a trigger")
            if _dec(body["stop-trigger"], "stop-trigger") <= 0:
                raise OrderRejected("invalid_stop_trigger", "stop-trigger must be positive")
        if notional:
            if body.get("value") is None or _dec(body["value"], "value") <= 0:
                raise OrderRejected("invalid_value", "Notional Market orders need a value > 0")
            if len(raw_legs) != 1:
                raise OrderRejected("invalid_legs", "notional orders have exactly one leg")
        strict = bool(
            (body.get("advanced-instructions") or {}).get(
                "strict-position-effect-validation", False
            )
        )
        legs: list[dict[str, Any]] = []
        warnings: list[dict[str, str]] = []
        underlyings: set[str] = set()
        seen: set[str] = set()
        for raw in raw_legs:
            if not isinstance(raw, dict):
                raise OrderRejected("invalid_legs", "legs must be objects")
            action = raw.get("action")
            if action not in ACTIONS or action in ("Buy", "Sell"):
                raise OrderRejected("invalid_action", f"action {action!r} is invalid for equities")
            underlying, multiplier, symbol = self._instrument(raw)
            if symbol in seen:
                raise OrderRejected("duplicate_legs", f"symbol {symbol} appears in two legs")
            seen.add(symbol)
            underlyings.add(underlying)
            if notional:
                qty = Decimal(0)
            else:
                if raw.get("quantity") is None:
                    raise OrderRejected("invalid_quantity", "every leg needs a quantity")
                qty = _dec(raw["quantity"], "quantity")
                if qty <= 0:
                    raise OrderRejected("invalid_quantity", "quantity must be positive")
                if raw["instrument-type"] == "Equity Option" and qty != qty.to_integral_value():
                    raise OrderRejected("invalid_quantity", "option quantities must be whole")
            if action.endswith("to Close") and not notional:
                pos = acct.positions.get(symbol)
                need = "Short" if is_buy(action) else "Long"
                held = Decimal(str(pos["quantity"])) if pos else Decimal(0)
                if pos is None or pos.get("quantity-direction") != need or held < qty:
                    if strict:
                        raise OrderRejected(
                            "closing_with_no_position",
                            f"No {need.lower()} position of {qty} {symbol} to close",
                        )
                    warnings.append(
                        {
                            "code": "closing_with_no_position",
                            "message": f"No position in {symbol} to close; the order will open "
                            "a new position.",
                        }
                    )
                    action = action.replace("to Close", "to Open")
            if action.endswith("to Open"):
                pos = acct.positions.get(symbol)
                against = "Short" if is_buy(action) else "Long"
                if pos is not None and pos.get("quantity-direction") == against:
                    raise OrderRejected(
                        "invalid_position_effect",
                        f"{action} {symbol} conflicts with the {against.lower()} position; "
                        "use a closing action",
                    )
            legs.append(
                {
                    "instrument-type": raw["instrument-type"],
                    "symbol": symbol,
                    "quantity": _qstr(qty) if not notional else None,
                    "remaining-quantity": _qstr(qty) if not notional else None,
                    "action": action,
                    "fills": [],
                    "_multiplier": str(multiplier),
                    "_underlying": underlying,
                }
            )
        if len(underlyings) > 1:
            raise OrderRejected("invalid_legs", "all legs must share one underlying")
        underlying = underlyings.pop()
        order: dict[str, Any] = {
            "account-number": acct.number,
            "time-in-force": tif,
            "order-type": order_type,
            "size": _qstr(max((Decimal(leg["quantity"] or 0) for leg in legs), default=Decimal(0))),
            "underlying-symbol": underlying,
            "underlying-instrument-type": "Index" if underlying in INDEX_UNDERLYINGS else "Equity",
            "cancellable": True,
            "editable": True,
            "edited": False,
            "user-id": str(user.customer.get("user-id") or user.customer.get("id") or "1"),
            "username": user.username,
            "source": str(body.get("source", "simulator")),
            "legs": legs,
        }
        if price is not None:
            order["price"] = str(price)
            order["price-effect"] = body.get("price-effect", "Debit")
        if body.get("stop-trigger") is not None:
            order["stop-trigger"] = str(_dec(body["stop-trigger"], "stop-trigger"))
        if notional:
            order["value"] = str(_dec(body["value"], "value"))
            order["value-effect"] = body.get("value-effect", "Debit")
        for key in ("gtc-date", "external-identifier", "preflight-id", "partition-key"):
            if body.get(key) is not None:
                order[key] = body[key]
        order["_behavior"] = behavior
        order["_delay"] = parse_delay(body.get("delay")) if body.get("delay") is not None else 1.0
        if body.get("schedule"):
            try:
                order["_schedule"] = wire.parse_datetime(str(body["schedule"])).isoformat()
            except ValueError as exc:
                raise OrderRejected("invalid_schedule", "schedule is not a datetime") from exc
        costs = self._costs(acct, order)
        return order, warnings, costs

    # money -----------------------------------------------------------------------------------
    def _estimate_leg_price(self, order: dict[str, Any], leg: dict[str, Any]) -> Decimal:
        with contextlib.suppress(KeyError, AttributeError, TypeError):
            bid, ask, _ = self.quote_prices(leg["symbol"])
            return ask if is_buy(leg["action"]) else bid
        return Decimal(0)

    def _costs(self, acct: AccountState, order: dict[str, Any]) -> dict[str, Any]:
        """Estimated cash effect, margin requirement and fees of an order."""
        cash_effect = Decimal(0)  # signed, negative = debit
        requirement = Decimal(0)
        fees = {
            "commission": Decimal(0),
            "clearing": Decimal(0),
            "regulatory": Decimal(0),
            "proprietary": Decimal(0),
        }
        net_price = signed_price(order)
        notional = order.get("order-type") == "Notional Market"
        legs = order["legs"]
        for leg in legs:
            mult = Decimal(leg["_multiplier"])
            qty = Decimal(leg["quantity"] or 0)
            px = self._estimate_leg_price(order, leg)
            if notional:
                qty = (
                    (Decimal(order["value"]) / px).quantize(Decimal("0.00001"))
                    if px
                    else Decimal(0)
                )
            signed = (-1 if is_buy(leg["action"]) else 1) * px * qty * mult
            cash_effect += signed
            if qty:
                leg_fees = compute_fees(
                    leg["instrument-type"], leg["symbol"], leg["action"], qty, px, mult
                )
                fees["commission"] += leg_fees.commission
                fees["clearing"] += leg_fees.clearing
                fees["regulatory"] += leg_fees.regulatory
                fees["proprietary"] += leg_fees.proprietary
            if leg["action"] == "Sell to Open":
                if leg["instrument-type"] == "Equity Option":
                    under = self._spot(leg["_underlying"])
                    requirement += max(under * Decimal("0.2"), px) * qty * mult
                else:
                    requirement += px * qty * Decimal("1.5")
        if net_price is not None and order["order-type"] in ("Limit", "Stop Limit"):
            size = Decimal(order["size"] or 1)
            mult = Decimal(legs[0]["_multiplier"])
            cash_effect = net_price * size * mult
        elif notional:
            cash_effect = (
                -Decimal(order["value"])
                if order.get("value-effect") == "Debit"
                else (Decimal(order["value"]))
            )
        total_fees = sum(fees.values(), Decimal(0))
        impact = max(Decimal(0), -cash_effect) + requirement
        if len(legs) > 1 and requirement:
            # a defined-risk spread: requirement is the width, not naked margin
            requirement = min(requirement, self._spread_width(order))
            impact = max(Decimal(0), -cash_effect) + max(Decimal(0), requirement + cash_effect)
        return {
            "cash_effect": cash_effect.quantize(CENT),
            "requirement": requirement.quantize(CENT),
            "impact": (impact + total_fees).quantize(CENT),
            "fees": {k: v.quantize(CENT) for k, v in fees.items()},
            "total_fees": total_fees.quantize(CENT),
        }

    def _spot(self, underlying: str) -> Decimal:
        with contextlib.suppress(KeyError, AttributeError):
            return Decimal(str(self._market().spot(underlying)))
        return Decimal(0)

    def _spread_width(self, order: dict[str, Any]) -> Decimal:
        strikes = []
        for leg in order["legs"]:
            m = OCC_RE.match(leg["symbol"])
            if m:
                strikes.append(Decimal(m.group(4)) / 1000)
        if len(strikes) < 2:
            return Decimal(10**9)
        return (max(strikes) - min(strikes)) * 100 * Decimal(order["size"] or 1)

    def buying_power(self, acct: AccountState) -> Decimal:
        balance = self.balance(acct)
        if acct.account.get("margin-or-cash") == "Cash":
            return Decimal(str(balance.get("cash-balance", acct.cash)))
        return Decimal(str(balance.get("derivative-buying-power", acct.cash)))

    def balance(self, acct: AccountState) -> dict[str, Any]:
        ledger = self.env.ledger
        if ledger is not None:
            result: dict[str, Any] = ledger.balance(acct, self.env.market)
            return result
        return {"cash-balance": str(acct.cash), "derivative-buying-power": str(acct.cash)}

    def bp_effect(self, acct: AccountState, costs: dict[str, Any]) -> dict[str, Any]:
        current = self.buying_power(acct)
        impact = Decimal(costs["impact"])
        out: dict[str, Any] = {}
        wire.put_money(out, "change-in-margin-requirement", -Decimal(costs["requirement"]))
        wire.put_money(out, "change-in-buying-power", -impact)
        wire.put_money(out, "current-buying-power", current)
        wire.put_money(out, "new-buying-power", current - impact)
        wire.put_money(out, "isolated-order-margin-requirement", -Decimal(costs["requirement"]))
        out["is-spread"] = False
        out["impact"] = str(impact)
        out["effect"] = "Debit" if impact > 0 else ("Credit" if impact < 0 else "None")
        return out

    @staticmethod
    def fee_calculation(costs: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        fees = costs["fees"]
        wire.put_money(out, "regulatory-fees", -fees["regulatory"])
        wire.put_money(out, "clearing-fees", -fees["clearing"])
        wire.put_money(out, "commission", -fees["commission"])
        wire.put_money(out, "proprietary-index-option-fees", -fees["proprietary"])
        wire.put_money(out, "total-fees", -costs["total_fees"])
        return out

    def check_buying_power(self, acct: AccountState, costs: dict[str, Any]) -> None:
        impact = Decimal(costs["impact"])
        if impact > 0 and impact > self.buying_power(acct):
            raise OrderRejected(
                "insufficient_buying_power",
                f"This order requires {impact} of buying power; "
                f"{self.buying_power(acct).quantize(CENT)} is available",
            )

    # public wire views ---------------------------------------------------------------------
    @staticmethod
    def public(order: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in order.items() if not k.startswith("_")}
        out["legs"] = [
            {k: v for k, v in leg.items() if not k.startswith("_") and v is not None}
            for leg in order["legs"]
        ]
        return out

    def public_complex(self, acct: AccountState, complex_order: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in complex_order.items() if not k.startswith("_")}
        out["orders"] = [self.public(acct.orders[i]) for i in complex_order["_orders"]]
        if complex_order.get("_trigger") is not None:
            out["trigger-order"] = self.public(acct.orders[complex_order["_trigger"]])
        return out

    # dry run / place ---------------------------------------------------------------------------
    def dry_run(self, user: User, acct: AccountState, body: Any) -> dict[str, Any]:
        order, warnings, costs = self.validate(user, acct, body)
        errors: list[dict[str, str]] = []
        try:
            self.check_buying_power(acct, costs)
        except OrderRejected as exc:
            errors.append({"code": exc.code, "message": exc.message})
        now = self.now()
        order.update(
            {"status": "Received", "received-at": wire.iso(now), "updated-at": wire.epoch_ms(now)}
        )
        out: dict[str, Any] = {
            "order": self.public(order),
            "buying-power-effect": self.bp_effect(acct, costs),
            "fee-calculation": self.fee_calculation(costs),
            "warnings": warnings,
        }
        if errors:
            out["errors"] = errors
        return out

    def _new_order(self, order: dict[str, Any], status: str = "Routed") -> dict[str, Any]:
        now = self.now()
        order["id"] = self.env.next_id()
        order["status"] = status
        order["received-at"] = wire.iso(now)
        order["updated-at"] = wire.epoch_ms(now)
        return order

    async def place(self, user: User, acct: AccountState, body: Any) -> dict[str, Any]:
        order, warnings, costs = self.validate(user, acct, body)
        self.check_buying_power(acct, costs)
        self._new_order(order)
        acct.orders[order["id"]] = order
        await self._push_order(acct, order)
        self._start(acct, order)
        return {
            "order": self.public(order),
            "buying-power-effect": self.bp_effect(acct, costs),
            "fee-calculation": self.fee_calculation(costs),
            "warnings": warnings,
        }

    def get_order(self, acct: AccountState, order_id: int) -> dict[str, Any]:
        order = acct.orders.get(order_id)
        if order is None:
            raise OrderRejected("record_not_found", f"Order {order_id} not found", 404)
        return order

    async def cancel(self, acct: AccountState, order_id: int) -> dict[str, Any]:
        order = self.get_order(acct, order_id)
        if order["status"] in TERMINAL or not order.get("cancellable", True):
            raise OrderRejected(
                "order_not_cancellable", f"Order {order_id} is {order['status']}; cannot cancel"
            )
        if order.get("complex-order-id") and order.get("_contingent"):
            raise OrderRejected(
                "order_not_cancellable", "cancel the complex order instead of a contingent child"
            )
        await self._set_status(acct, order, "Cancel Requested")
        await self._finish(acct, order, "Cancelled")
        return order

    async def replace(
        self, user: User, acct: AccountState, order_id: int, body: Any
    ) -> dict[str, Any]:
        old = self.get_order(acct, order_id)
        if old["status"] in TERMINAL or not old.get("editable", True):
            raise OrderRejected(
                "order_not_editable", f"Order {order_id} is {old['status']}; cannot replace"
            )
        if old.get("complex-order-id"):
            raise OrderRejected(
                "order_not_editable", "orders of a complex order cannot be replaced"
            )
        if isinstance(body, dict) and body.get("legs"):
            raise OrderRejected("invalid_request", "a replacement must not contain legs", 400)
        legs_from = [
            {
                "instrument-type": leg["instrument-type"],
                "symbol": leg["symbol"],
                "action": leg["action"],
                "quantity": leg.get("remaining-quantity") or leg.get("quantity"),
            }
            for leg in old["legs"]
        ]
        order, _warnings, costs = self.validate(user, acct, body, legs_from=legs_from)
        self.check_buying_power(acct, costs)
        self._cancel_task(old["id"])
        await self._set_status(acct, old, "Replace Requested")
        self._new_order(order)
        order["replaces-order-id"] = old["id"]
        old["replacing-order-id"] = order["id"]
        acct.orders[order["id"]] = order
        await self._finish(acct, old, "Cancelled")
        await self._push_order(acct, order)
        self._start(acct, order)
        return order

    # complex orders ----------------------------------------------------------------------------
    def _validate_complex(
        self, user: User, acct: AccountState, body: Any
    ) -> tuple[
        str, dict[str, Any] | None, list[dict[str, Any]], list[dict[str, str]], dict[str, Any]
    ]:
        if not isinstance(body, dict):
            raise OrderRejected("invalid_request", "complex order body must be an object", 400)
        ctype = body.get("type")
        if ctype not in ("OCO", "OTO", "OTOCO"):
            raise OrderRejected("invalid_complex_order_type", f"type {ctype!r} is not supported")
        raw_orders = body.get("orders")
        if not isinstance(raw_orders, list) or not raw_orders:
            raise OrderRejected("invalid_orders", "a complex order needs orders")
        raw_trigger = body.get("trigger-order")
        if ctype == "OCO" and (len(raw_orders) != 2 or raw_trigger):
            raise OrderRejected("invalid_orders", "OCO needs exactly two orders and no trigger")
        if ctype == "OTOCO" and (len(raw_orders) != 2 or not raw_trigger):
            raise OrderRejected("invalid_orders", "OTOCO needs a trigger-order and two orders")
        if ctype == "OTO" and (not 1 <= len(raw_orders) <= 3 or not raw_trigger):
            raise OrderRejected("invalid_orders", "OTO needs a trigger-order and 1-3 orders")
        warnings: list[dict[str, str]] = []
        trigger = None
        costs: dict[str, Any] = {"impact": "0", "requirement": "0", "total_fees": Decimal(0)}
        if raw_trigger:
            trigger, w, costs = self.validate(user, acct, raw_trigger)
            warnings.extend(w)
        children = []
        for raw in raw_orders:
            # children of a trigger close what the trigger opens: don't demand the position yet
            child, w, child_costs = self.validate(user, acct, _lenient(raw) if raw_trigger else raw)
            if raw_trigger:
                for leg, raw_leg in zip(child["legs"], raw["legs"], strict=False):
                    leg["action"] = raw_leg["action"]
            else:
                warnings.extend(w)
            children.append(child)
            if trigger is None and Decimal(child_costs["impact"]) > Decimal(costs["impact"]):
                costs = child_costs
        if ctype in ("OCO", "OTOCO"):
            types = [c["order-type"] for c in children]
            if "Limit" not in types or not any(t in ("Stop", "Stop Limit") for t in types):
                raise OrderRejected(
                    "invalid_orders", f"{ctype} needs a Limit and a Stop/Stop Limit order"
                )
        return str(ctype), trigger, children, warnings, costs

    def dry_run_complex(self, user: User, acct: AccountState, body: Any) -> dict[str, Any]:
        ctype, trigger, children, warnings, costs = self._validate_complex(user, acct, body)
        now = self.now()
        for o in [*children, *([trigger] if trigger else [])]:
            o.update(
                {
                    "status": "Received",
                    "received-at": wire.iso(now),
                    "updated-at": wire.epoch_ms(now),
                }
            )
        complex_order: dict[str, Any] = {
            "account-number": acct.number,
            "type": ctype,
            "orders": [self.public(c) for c in children],
        }
        if trigger is not None:
            complex_order["trigger-order"] = self.public(trigger)
        return {
            "complex-order": complex_order,
            "buying-power-effect": self.bp_effect(acct, costs),
            "fee-calculation": self.fee_calculation(costs),
            "warnings": warnings,
        }

    async def place_complex(self, user: User, acct: AccountState, body: Any) -> dict[str, Any]:
        ctype, trigger, children, warnings, costs = self._validate_complex(user, acct, body)
        self.check_buying_power(acct, costs)
        cid = self.env.next_id()
        complex_order: dict[str, Any] = {
            "id": cid,
            "account-number": acct.number,
            "type": ctype,
            "_orders": [],
            "_trigger": None,
        }
        if trigger is not None:
            self._new_order(trigger)
            trigger["complex-order-id"] = cid
            trigger["complex-order-tag"] = f"{ctype}::trigger-order"
            acct.orders[trigger["id"]] = trigger
            complex_order["_trigger"] = trigger["id"]
            self.complex_index[trigger["id"]] = (acct.number, cid)
        for n, child in enumerate(children, start=1):
            contingent = trigger is not None
            self._new_order(child, "Contingent" if contingent else "Routed")
            child["complex-order-id"] = cid
            child["complex-order-tag"] = (
                f"{ctype}::order" if ctype == "OTO" else f"{ctype}::oco-{n}-order"
            )
            if contingent:
                child["contingent-status"] = "Pending Condition"
                child["_contingent"] = True
            acct.orders[child["id"]] = child
            complex_order["_orders"].append(child["id"])
            self.complex_index[child["id"]] = (acct.number, cid)
        acct.complex_orders[cid] = complex_order
        await self._push_complex(acct, complex_order)
        if trigger is not None:
            self._start(acct, trigger)
        else:
            for oid in complex_order["_orders"]:
                self._start(acct, acct.orders[oid])
        return {
            "complex-order": self.public_complex(acct, complex_order),
            "buying-power-effect": self.bp_effect(acct, costs),
            "fee-calculation": self.fee_calculation(costs),
            "warnings": warnings,
        }

    def get_complex(self, acct: AccountState, cid: int) -> dict[str, Any]:
        complex_order = acct.complex_orders.get(cid)
        if complex_order is None:
            raise OrderRejected("record_not_found", f"Complex order {cid} not found", 404)
        return complex_order

    def complex_is_live(self, acct: AccountState, complex_order: dict[str, Any]) -> bool:
        ids = list(complex_order["_orders"])
        if complex_order.get("_trigger") is not None:
            ids.append(complex_order["_trigger"])
        return any(acct.orders[i]["status"] not in TERMINAL for i in ids)

    async def cancel_complex(self, acct: AccountState, cid: int) -> dict[str, Any]:
        complex_order = self.get_complex(acct, cid)
        if not self.complex_is_live(acct, complex_order):
            raise OrderRejected("order_not_cancellable", f"Complex order {cid} is finished")
        ids = list(complex_order["_orders"])
        if complex_order.get("_trigger") is not None:
            ids.insert(0, complex_order["_trigger"])
        for oid in ids:
            order = acct.orders[oid]
            if order["status"] not in TERMINAL:
                self._cancel_task(oid)
                await self._finish(acct, order, "Cancelled", cascade=False)
        await self._complex_changed(acct, cid)
        return complex_order

    # state machine -----------------------------------------------------------------------------
    def _spawn(self, coro: Any, order_id: int | None = None) -> None:
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(coro)
        if order_id is not None:
            self.tasks[order_id] = task
            task.add_done_callback(functools.partial(self._task_done, order_id))
        else:
            self.background.add(task)
            task.add_done_callback(self.background.discard)

    def _task_done(self, order_id: int, task: asyncio.Task[None]) -> None:
        if self.tasks.get(order_id) is task:
            del self.tasks[order_id]
        if not task.cancelled() and task.exception() is not None:
            log.error("order %s task failed", order_id, exc_info=task.exception())

    def _cancel_task(self, order_id: int) -> None:
        task = self.tasks.pop(order_id, None)
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    def _start(self, acct: AccountState, order: dict[str, Any]) -> None:
        if self.closed:
            return
        self._spawn(self._run(acct, order), order["id"])

    async def _run(self, acct: AccountState, order: dict[str, Any]) -> None:
        behavior = order.get("_behavior", "immediate")
        await asyncio.sleep(self.step_delay)
        if behavior == "reject":
            await self._finish(
                acct, order, "Rejected", reason="Rejected by the simulator (behavior=reject)"
            )
            return
        await self._set_status(acct, order, "In Flight")
        await asyncio.sleep(self.step_delay)
        await self._set_status(acct, order, "Live", stamp="live-at")
        if behavior == "never":
            return
        if behavior == "delayed":
            await asyncio.sleep(max(0.0, float(order.get("_delay", 1.0))))
            await self._fill(acct, order, self._forced_prices(order))
            return
        if behavior == "scheduled":
            when = order.get("_schedule")
            if when:
                wait = (datetime.fromisoformat(when) - datetime.now(UTC)).total_seconds()
                await asyncio.sleep(max(0.0, min(wait, 3600.0)))
            await self._fill(acct, order, self._forced_prices(order))
            return
        if behavior == "partial":
            prices = self._forced_prices(order)
            await self._fill(acct, order, prices, fraction=Decimal("0.5"))
            await asyncio.sleep(self.partial_delay)
            if order["status"] not in TERMINAL:
                await self._fill(acct, order, prices)
            return
        await self.try_fill(acct, order)

    async def try_fill(self, acct: AccountState, order: dict[str, Any]) -> bool:
        """Fill ``order`` if the environment's fill model says it executes now."""
        if order["status"] != "Live":
            return False
        prices = self.model_prices(order)
        if prices is None:
            return False
        await self._fill(acct, order, prices)
        return True

    def model_prices(self, order: dict[str, Any]) -> list[Decimal] | None:
        """Per-leg fill prices under the environment's fill model, or None if not now."""
        if self.env.fill_model == "legacy":
            return self._legacy_prices(order)
        return self._quote_prices(order)

    def _legacy_prices(self, order: dict[str, Any]) -> list[Decimal] | None:
        otype = order["order-type"]
        n = len(order["legs"])
        if otype in ("Market", "Notional Market"):
            return [LEGACY_MARKET_PRICE] * n
        if otype in ("Limit", "Marketable Limit"):
            price = Decimal(order["price"])
            if price <= LEGACY_LIMIT_MAX:
                return _net_on_first_leg(order, price)
        return None

    def _leg_quotes(self, order: dict[str, Any]) -> list[tuple[Decimal, Decimal, Decimal]] | None:
        try:
            return [self.quote_prices(leg["symbol"]) for leg in order["legs"]]
        except (KeyError, AttributeError):
            return None

    def _quote_prices(self, order: dict[str, Any]) -> list[Decimal] | None:
        quotes = self._leg_quotes(order)
        if quotes is None:
            return None
        legs = order["legs"]
        prices = [
            ask if is_buy(leg["action"]) else bid
            for leg, (bid, ask, _) in zip(legs, quotes, strict=True)
        ]
        otype = order["order-type"]
        size = Decimal(order.get("size") or 1) or Decimal(1)
        net = Decimal(0)  # signed credit per unit of size
        for leg, px in zip(legs, prices, strict=True):
            ratio = Decimal(leg["quantity"] or 1) / size
            net += (-px if is_buy(leg["action"]) else px) * ratio
        if otype in ("Stop", "Stop Limit"):
            trigger = Decimal(order["stop-trigger"])
            mark = quotes[0][2]
            buying = is_buy(legs[0]["action"])
            if (buying and mark < trigger) or (not buying and mark > trigger):
                return None
            if otype == "Stop":
                return prices
        if otype in ("Market", "Notional Market"):
            return prices
        limit = signed_price(order)
        if limit is None:
            return prices
        # marketable when the net credit is at least the limit (a debit is a negative credit)
        return prices if net >= limit else None

    def _forced_prices(self, order: dict[str, Any]) -> list[Decimal]:
        """Prices for a behaviour-forced fill: the model price, else the limit, else the quote."""
        prices = self.model_prices(order)
        if prices is not None:
            return prices
        if order.get("price") is not None:
            return _net_on_first_leg(order, Decimal(order["price"]))
        if order.get("stop-trigger") is not None:
            return [Decimal(order["stop-trigger"])] * len(order["legs"])
        quotes = self._leg_quotes(order)
        if quotes is not None:
            return [q[2] for q in quotes]
        return [LEGACY_MARKET_PRICE] * len(order["legs"])

    async def _set_status(
        self, acct: AccountState, order: dict[str, Any], status: str, stamp: str | None = None
    ) -> None:
        now = self.now()
        order["status"] = status
        order["updated-at"] = wire.epoch_ms(now)
        if status == "In Flight":
            order["in-flight-at"] = wire.iso(now)
        if stamp:
            order[stamp] = wire.iso(now)
        if status in ("Cancel Requested", "Replace Requested"):
            order["editable"] = False
        await self._push_order(acct, order)

    async def _finish(
        self,
        acct: AccountState,
        order: dict[str, Any],
        status: str,
        *,
        reason: str | None = None,
        cascade: bool = True,
    ) -> None:
        now = self.now()
        self._cancel_task(order["id"])
        order["status"] = status
        order["cancellable"] = False
        order["editable"] = False
        order["terminal-at"] = wire.iso(now)
        order["updated-at"] = wire.epoch_ms(now)
        order.pop("_contingent", None)
        if status == "Cancelled":
            order["cancelled-at"] = wire.iso(now)
        if reason:
            order["reject-reason"] = reason
        await self._push_order(acct, order)
        if cascade:
            await self._after_terminal(acct, order)

    async def _fill(
        self,
        acct: AccountState,
        order: dict[str, Any],
        prices: list[Decimal],
        fraction: Decimal = Decimal(1),
    ) -> None:
        if order["status"] in TERMINAL:
            return
        now = self.now()
        notional = order["order-type"] == "Notional Market"
        ledger = self.env.ledger
        touched: list[str] = []
        for leg, price in zip(order["legs"], prices, strict=True):
            price = price.quantize(Decimal("0.0001")).normalize()
            if notional:
                qty = (
                    (Decimal(order["value"]) / price).quantize(Decimal("0.00001"))
                    if price
                    else (Decimal(0))
                )
                leg["quantity"] = _qstr(qty)
                remaining = qty
                order["size"] = _qstr(qty)
            else:
                remaining = Decimal(leg["remaining-quantity"])
            qty = (
                remaining
                if fraction >= 1
                else (Decimal(leg["quantity"]) * fraction).quantize(Decimal(1), rounding=ROUND_DOWN)
            )
            qty = min(qty, remaining)
            if qty <= 0:
                continue
            txn: dict[str, Any] | None = None
            if ledger is not None:
                try:
                    txn = self._trade(ledger, acct, leg, qty, price, now, order["id"])
                except LedgerError as exc:
                    await self._finish(acct, order, "Rejected", reason=str(exc))
                    return
            fill_id = str(txn["id"]) if txn and "id" in txn else str(self.env.next_id())
            leg["fills"].append(
                {
                    "fill-id": fill_id,
                    "quantity": _qstr(qty),
                    "fill-price": _qstr(price),
                    "filled-at": wire.iso(now),
                    "destination-venue": VENUE,
                    "ext-group-fill-id": f"G{order['id']}",
                    "ext-exec-id": f"E{fill_id}",
                }
            )
            leg["remaining-quantity"] = _qstr(remaining - qty)
            touched.append(leg["symbol"])
        order["updated-at"] = wire.epoch_ms(now)
        done = all(Decimal(leg["remaining-quantity"] or 0) <= 0 for leg in order["legs"])
        if done:
            await self._finish(acct, order, "Filled", cascade=False)
        else:
            await self._push_order(acct, order)
        await self._push_positions(acct, touched)
        if done:
            await self._after_terminal(acct, order)

    @staticmethod
    def _trade(
        ledger: Any,
        acct: AccountState,
        leg: dict[str, Any],
        qty: Decimal,
        price: Decimal,
        now: datetime,
        order_id: int,
    ) -> dict[str, Any]:
        result: dict[str, Any] = ledger.trade(
            acct,
            symbol=leg["symbol"],
            instrument_type=leg["instrument-type"],
            underlying=leg["_underlying"],
            action=leg["action"],
            quantity=qty,
            price=price,
            executed_at=now,
            order_id=order_id,
            multiplier=Decimal(leg["_multiplier"]),
        )
        return result

    async def _after_terminal(self, acct: AccountState, order: dict[str, Any]) -> None:
        ref = self.complex_index.get(order["id"])
        if ref is None:
            return
        _, cid = ref
        complex_order = acct.complex_orders.get(cid)
        if complex_order is None:
            return
        ctype = complex_order["type"]
        trigger_id = complex_order.get("_trigger")
        children = [acct.orders[i] for i in complex_order["_orders"]]
        if order["id"] == trigger_id:
            if order["status"] == "Filled":
                for child in children:
                    if child["status"] == "Contingent":
                        child.pop("_contingent", None)
                        child["contingent-status"] = "Triggered"
                        await self._set_status(acct, child, "Routed")
                        self._start(acct, child)
            else:
                for child in children:
                    if child["status"] not in TERMINAL:
                        await self._finish(acct, child, "Cancelled", cascade=False)
        elif ctype in ("OCO", "OTOCO") and order["status"] == "Filled":
            for child in children:
                if child["id"] != order["id"] and child["status"] not in TERMINAL:
                    await self._finish(acct, child, "Cancelled", cascade=False)
        await self._complex_changed(acct, cid)

    async def _complex_changed(self, acct: AccountState, cid: int) -> None:
        complex_order = acct.complex_orders[cid]
        if not self.complex_is_live(acct, complex_order) and "terminal-at" not in complex_order:
            complex_order["terminal-at"] = wire.iso(self.now())
        await self._push_complex(acct, complex_order)

    async def expire_orders(self) -> int:
        """Day orders expire at the close of their session, GTD orders at the close of their
        date (as at Tastytrade: Live -> Expired, pushed on the streamer); returns how many."""
        now = self.now()
        expired = 0
        for _user, acct in list(self.env.all_accounts()):
            for order in list(acct.orders.values()):
                if order["status"] not in WORKING_STATUSES:
                    continue
                deadline = order_deadline(order)
                if deadline is not None and now >= deadline:
                    await self._finish(acct, order, "Expired")
                    expired += 1
        return expired

    async def on_market_step(self) -> int:
        """Expire what is past its session, then re-check every Live order of the default
        behaviour; returns how many filled."""
        await self.expire_orders()
        filled = 0
        for _user, acct in list(self.env.all_accounts()):
            for order in list(acct.orders.values()):
                if (
                    order["status"] == "Live"
                    and order.get("_behavior", "immediate") == "immediate"
                    and order["id"] not in self.tasks
                    and await self.try_fill(acct, order)
                ):
                    filled += 1
        return filled

    # pushes --------------------------------------------------------------------------------
    async def _push_order(self, acct: AccountState, order: dict[str, Any]) -> None:
        hub = self.env.alerts
        if hub is not None:
            await hub.publish(acct.number, "Order", self.public(order))

    async def _push_complex(self, acct: AccountState, complex_order: dict[str, Any]) -> None:
        hub = self.env.alerts
        if hub is not None:
            await hub.publish(acct.number, "ComplexOrder", self.public_complex(acct, complex_order))

    async def _push_positions(self, acct: AccountState, symbols: list[str]) -> None:
        hub = self.env.alerts
        if hub is None:
            return
        for symbol in dict.fromkeys(symbols):
            pos = acct.positions.get(symbol)
            if pos is None:
                continue
            await hub.publish(acct.number, "CurrentPosition", pos)
        with contextlib.suppress(Exception):
            await hub.publish(acct.number, "AccountBalance", self.balance(acct))

    # lifecycle -------------------------------------------------------------------------------
    def reset(self) -> None:
        for task in list(self.tasks.values()):
            task.cancel()
        self.tasks.clear()
        self.complex_index.clear()

    async def close(self) -> None:
        self.closed = True
        tasks = [*self.tasks.values(), *self.background]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self.tasks.clear()


def _root_known(market: Any, root: str) -> bool:
    with contextlib.suppress(Exception):
        return any(market.is_underlying(u) and u.startswith(root[:3]) for u in market.underlyings())
    return False


def _lenient(raw: dict[str, Any]) -> dict[str, Any]:
    """A copy of a child order whose closing legs are validated as opening legs."""
    out = dict(raw)
    out["legs"] = [
        {**leg, "action": str(leg.get("action", "")).replace("to Close", "to Open")}
        for leg in raw.get("legs") or []
        if isinstance(leg, dict)
    ]
    out.pop("advanced-instructions", None)
    return out


def _net_on_first_leg(order: dict[str, Any], price: Decimal) -> list[Decimal]:
    """Per-leg prices whose net equals ``price``: the whole net on the first leg."""
    legs = order["legs"]
    return [price] + [Decimal(0)] * (len(legs) - 1)


def order_history_filter(
    orders: list[dict[str, Any]], query: Any, status_list: list[str], underlyings: list[str]
) -> list[dict[str, Any]]:
    """Filter/sort orders for ``GET /accounts/{n}/orders``."""
    rows = orders
    if status_list:
        rows = [o for o in rows if o["status"] in status_list]
    if underlyings:
        rows = [o for o in rows if o["underlying-symbol"] in underlyings]
    if query.get("underlying-instrument-type"):
        rows = [
            o
            for o in rows
            if o["underlying-instrument-type"] == query["underlying-instrument-type"]
        ]

    def received(o: dict[str, Any]) -> datetime:
        return wire.parse_datetime(o.get("received-at") or "1970-01-01T00:00:00+00:00")

    if query.get("start-date"):
        start = datetime.fromisoformat(query["start-date"]).date()
        rows = [o for o in rows if received(o).date() >= start]
    if query.get("end-date"):
        end = datetime.fromisoformat(query["end-date"]).date()
        rows = [o for o in rows if received(o).date() <= end]
    if query.get("start-at"):
        start_at = wire.parse_datetime(query["start-at"])
        rows = [o for o in rows if received(o) >= start_at]
    if query.get("end-at"):
        end_at = wire.parse_datetime(query["end-at"])
        rows = [o for o in rows if received(o) <= end_at]
    rows = sorted(rows, key=lambda o: o["id"], reverse=query.get("sort", "Desc") != "Asc")
    return rows


WORKING_STATUSES = frozenset({"Received", "Routed", "In Flight", "Live"})


def order_deadline(order: dict[str, Any]) -> datetime | None:
    """When a working order stops working: the close of the session it was received for (Day)
    or of its ``gtc-date`` (GTD); ``None`` for GTC and extended-hours variants."""
    tif = order.get("time-in-force", "Day")
    if tif == "Day":
        received = wire.parse_datetime(order.get("received-at") or "1970-01-01T00:00:00+00:00")
        day = received.astimezone(calendar.NYSE_TZ).date()
        if not calendar.is_trading_day(day) or received >= calendar.session_bounds(day)[1]:
            day = calendar.next_trading_day(day)
        return calendar.session_bounds(day)[1]
    if tif == "GTD" and order.get("gtc-date"):
        day = date.fromisoformat(str(order["gtc-date"]))
        while not calendar.is_trading_day(day):
            day -= timedelta(days=1)
        return calendar.session_bounds(day)[1]
    return None


def now_factory(today: Any | None) -> Callable[[], datetime]:
    """``datetime.now`` shifted to ``today`` (keeping the wall-clock time of day)."""
    if today is None:
        return lambda: datetime.now(UTC)
    shift = datetime.combine(today, datetime.now(UTC).time(), UTC) - datetime.now(UTC)
    shift = timedelta(days=shift.days) if abs(shift) >= timedelta(days=1) else timedelta(0)
    return lambda: datetime.now(UTC) + shift
