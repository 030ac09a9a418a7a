"""Working orders: the typed state the engine keeps beside each wire order, and wire views.

``AccountState.orders`` holds each order's wire ``PlacedOrder`` JSON and nothing else (no
private keys); the engine's :class:`OrderBook` holds, per order id, a :class:`WorkingOrder` with
the validated terms and routing state, and per complex order a :class:`ComplexOrderState`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from simulator import calendar, wire
from simulator.orders.terms import OrderTerms, qstr

EPOCH = "1970-01-01T00:00:00+00:00"


@dataclass
class WorkingOrder:
    """An order the engine accepted: its terms and routing state. ``wire`` is the JSON the API
    serves for it (the same dict ``AccountState.orders`` holds)."""

    terms: OrderTerms
    wire: dict[str, Any]
    contingent: bool = False  # an OTO/OTOCO child waiting for its trigger

    @property
    def id(self) -> int:
        return int(self.wire["id"])

    @property
    def status(self) -> str:
        return str(self.wire["status"])


@dataclass
class ComplexOrderState:
    """An OCO / OTO / OTOCO: its wire fields and the ids of the orders in it."""

    wire: dict[str, Any]  # id, account-number, type (and terminal-at once finished)
    order_ids: list[int] = field(default_factory=list)
    trigger_id: int | None = None

    @property
    def id(self) -> int:
        return int(self.wire["id"])

    @property
    def type(self) -> str:
        return str(self.wire["type"])

    def all_ids(self) -> list[int]:
        """The trigger (if any) first, then the other orders."""
        return ([self.trigger_id] if self.trigger_id is not None else []) + self.order_ids


class OrderBook:
    """The working state of one environment's orders, by id."""

    def __init__(self) -> None:
        self.orders: dict[int, WorkingOrder] = {}
        self.complexes: dict[int, ComplexOrderState] = {}
        self._complex_of: dict[int, int] = {}  # order id -> complex order id

    def add(self, order: WorkingOrder) -> None:
        self.orders[order.id] = order

    def get(self, order_id: int) -> WorkingOrder | None:
        return self.orders.get(order_id)

    def add_complex(self, state: ComplexOrderState) -> None:
        self.complexes[state.id] = state
        for order_id in state.all_ids():
            self._complex_of[order_id] = state.id

    def complex_of(self, order_id: int) -> ComplexOrderState | None:
        cid = self._complex_of.get(order_id)
        return None if cid is None else self.complexes.get(cid)

    def reset(self) -> None:
        self.orders.clear()
        self.complexes.clear()
        self._complex_of.clear()


def render_order(
    terms: OrderTerms, *, account_number: str, user_id: str, username: str
) -> dict[str, Any]:
    """The wire order for ``terms`` as a dry run shows it (no id, status or timestamps yet)."""
    legs: list[dict[str, Any]] = []
    for leg in terms.legs:
        row: dict[str, Any] = {"instrument-type": leg.instrument_type, "symbol": leg.symbol}
        if leg.quantity is not None:  # a notional order learns its quantity when it fills
            row["quantity"] = qstr(leg.quantity)
            row["remaining-quantity"] = qstr(leg.quantity)
        row["action"] = leg.action
        row["fills"] = []
        legs.append(row)
    order: dict[str, Any] = {
        "account-number": account_number,
        "time-in-force": terms.time_in_force,
        "order-type": terms.order_type,
        "size": qstr(terms.size),
        "underlying-symbol": terms.underlying,
        "underlying-instrument-type": terms.underlying_instrument_type,
        "cancellable": True,
        "editable": True,
        "edited": False,
        "user-id": user_id,
        "username": username,
        "source": terms.source,
        "legs": legs,
    }
    if terms.price is not None:
        order["price"] = str(terms.price)
        order["price-effect"] = terms.price_effect
    if terms.stop_trigger is not None:
        order["stop-trigger"] = str(terms.stop_trigger)
    if terms.value is not None:
        order["value"] = str(terms.value)
        order["value-effect"] = terms.value_effect
    order.update(terms.passthrough)
    return order


def public_order(order: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a wire order safe to serialise while the engine keeps changing the original."""
    out = dict(order)
    out["legs"] = [
        {k: v for k, v in leg.items() if v is not None} for leg in order.get("legs") or []
    ]
    return out


def public_complex(
    state: ComplexOrderState, orders: Mapping[int, Mapping[str, Any]]
) -> dict[str, Any]:
    """The wire ``PlacedComplexOrder``: its fields plus the current view of each order."""
    out = dict(state.wire)
    out["orders"] = [public_order(orders[i]) for i in state.order_ids]
    if state.trigger_id is not None:
        out["trigger-order"] = public_order(orders[state.trigger_id])
    return out


def received_at(order: Mapping[str, Any]) -> datetime:
    return wire.parse_datetime(str(order.get("received-at") or EPOCH))


def order_deadline(order: Mapping[str, Any]) -> datetime | None:
    """When a working order stops working: the close of the session it was received for (Day)
    or of its ``gtc-date`` (GTD); ``None`` for GTC and extended-hours variants."""
    tif = order.get("time-in-force", "Day")
    if tif == "Day":
        received = received_at(order)
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


def order_history_filter(
    orders: Iterable[dict[str, Any]],
    query: Mapping[str, str],
    status_list: list[str],
    underlyings: list[str],
) -> list[dict[str, Any]]:
    """Filter and sort orders for ``GET /accounts/{n}/orders``."""
    rows = list(orders)
    if status_list:
        rows = [o for o in rows if o["status"] in status_list]
    if underlyings:
        rows = [o for o in rows if o["underlying-symbol"] in underlyings]
    if query.get("underlying-instrument-type"):
        wanted = query["underlying-instrument-type"]
        rows = [o for o in rows if o["underlying-instrument-type"] == wanted]
    if query.get("start-date"):
        start = datetime.fromisoformat(query["start-date"]).date()
        rows = [o for o in rows if received_at(o).date() >= start]
    if query.get("end-date"):
        end = datetime.fromisoformat(query["end-date"]).date()
        rows = [o for o in rows if received_at(o).date() <= end]
    if query.get("start-at"):
        start_at = wire.parse_datetime(query["start-at"])
        rows = [o for o in rows if received_at(o) >= start_at]
    if query.get("end-at"):
        end_at = wire.parse_datetime(query["end-at"])
        rows = [o for o in rows if received_at(o) <= end_at]
    return sorted(rows, key=lambda o: o["id"], reverse=query.get("sort", "Desc") != "Asc")
