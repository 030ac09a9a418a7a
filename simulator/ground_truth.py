"""Ground truth for tests: what the simulator holds and every order it ever accepted.

``AcceptedOrder`` records are appended by the order engine the moment an order gets an id (a
placement, a replacement, each order of a complex order), before any response is written, so an
order whose response was dropped or never sent is listed too. The log is append-only: the
sandbox's daily reset deletes orders from the accounts but not from this log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from simulator import wire
from simulator.state import Environment


@dataclass(frozen=True, slots=True)
class AcceptedLeg:
    symbol: str
    action: str
    quantity: str | None  # None for a notional order


@dataclass(frozen=True, slots=True)
class AcceptedOrder:
    """One order the simulator accepted (gave an id) in an environment."""

    environment: str
    account_number: str
    order_id: int
    external_identifier: str | None
    received_at: datetime
    order_type: str
    underlying_symbol: str
    legs: tuple[AcceptedLeg, ...]
    replaces_order_id: int | None = None
    complex_order_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "environment": self.environment,
            "account-number": self.account_number,
            "id": self.order_id,
            "external-identifier": self.external_identifier,
            "received-at": wire.iso(self.received_at),
            "order-type": self.order_type,
            "underlying-symbol": self.underlying_symbol,
            "legs": [
                {"symbol": leg.symbol, "action": leg.action, "quantity": leg.quantity}
                for leg in self.legs
            ],
            "replaces-order-id": self.replaces_order_id,
            "complex-order-id": self.complex_order_id,
        }


def accepted_orders(
    environments: Iterable[Environment],
    *,
    environment: str | None = None,
    account: str | None = None,
    external_identifier: str | None = None,
) -> list[AcceptedOrder]:
    """Every accepted order, oldest first, optionally of one environment, account or
    external identifier."""
    rows: list[AcceptedOrder] = []
    for env in environments:
        if environment is not None and env.name != environment:
            continue
        if env.engine is None:
            continue
        rows.extend(
            order
            for order in env.engine.accepted
            if (account is None or order.account_number == account)
            and (external_identifier is None or order.external_identifier == external_identifier)
        )
    return sorted(rows, key=lambda order: (order.received_at, order.order_id))


def environment_state(env: Environment) -> dict[str, Any]:
    """One environment's accounts, orders, positions and counts (``GET /_sim/state``)."""
    accounts: dict[str, Any] = {}
    totals = {"orders": 0, "transactions": 0, "positions": 0, "complex-orders": 0}
    for user, acct in env.all_accounts():
        accounts[acct.number] = {
            "username": user.username,
            "margin-or-cash": acct.account.get("margin-or-cash"),
            "cash": str(acct.cash),
            "counts": {
                "orders": len(acct.orders),
                "complex-orders": len(acct.complex_orders),
                "transactions": len(acct.transactions),
                "positions": len(acct.positions),
                "balance-snapshots": len(acct.balance_snapshots),
            },
            "orders": [_order_summary(o) for o in sorted(acct.orders.values(), key=_by_id)],
            "complex-orders": sorted(acct.complex_orders),
            "positions": {
                s: {"quantity": p["quantity"], "direction": p["quantity-direction"]}
                for s, p in acct.positions.items()
            },
        }
        totals["orders"] += len(acct.orders)
        totals["complex-orders"] += len(acct.complex_orders)
        totals["transactions"] += len(acct.transactions)
        totals["positions"] += len(acct.positions)
    return {
        "fill-model": env.fill_model,
        "users": sorted(env.users),
        "accounts": accounts,
        "counts": totals,
        "alert-sockets": len(env.alerts.clients) if env.alerts else 0,
        "live-access-tokens": len(env.access_tokens),
        "accepted-orders": len(env.engine.accepted) if env.engine is not None else 0,
    }


def _by_id(order: dict[str, Any]) -> int:
    return int(order["id"])


def _order_summary(order: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": order["id"],
        "status": order["status"],
        "order-type": order["order-type"],
        "underlying-symbol": order["underlying-symbol"],
        "external-identifier": order.get("external-identifier"),
        "replaces-order-id": order.get("replaces-order-id"),
        "replacing-order-id": order.get("replacing-order-id"),
        "complex-order-id": order.get("complex-order-id"),
        "legs": [
            {
                "symbol": leg["symbol"],
                "action": leg["action"],
                "quantity": leg.get("quantity"),
                "remaining-quantity": leg.get("remaining-quantity"),
                "fills": len(leg.get("fills", [])),
            }
            for leg in order["legs"]
        ],
    }
