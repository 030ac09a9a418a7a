"""``OrderEngine``: what the order routes call, for one environment.

It validates (``validation``), prices (``costs``), records accepted orders (in the account's
wire orders, the engine's ``OrderBook`` and the append-only ``accepted`` log) and hands them to
the ``OrderLifecycle`` that routes, fills, cancels and expires them.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal
from typing import Any

from simulator import wire
from simulator.clock import Clock
from simulator.ground_truth import AcceptedLeg, AcceptedOrder
from simulator.orders.complex import ComplexOrderDesk
from simulator.orders.costs import (
    OrderCosts,
    available_buying_power,
    buying_power_effect,
    check_buying_power,
    estimate_costs,
    fee_calculation,
)
from simulator.orders.lifecycle import OrderLifecycle
from simulator.orders.pushes import OrderPushes
from simulator.orders.terms import TERMINAL, OrderRejected, OrderTerms, qstr
from simulator.orders.validation import ValidatedOrder, validate_order
from simulator.orders.working import (
    OrderBook,
    WorkingOrder,
    public_order,
    render_order,
)
from simulator.state import AccountState, Environment, User


class OrderEngine:
    """All order state of one environment; handlers call it, its lifecycle drives it."""

    def __init__(
        self,
        env: Environment,
        clock: Clock,
        *,
        step_delay: float = 0.005,
        partial_delay: float = 1.0,
    ) -> None:
        self.env = env
        self.clock = clock
        self.book = OrderBook()
        self.pushes = OrderPushes(env, clock.now, self.balance)
        self.lifecycle = OrderLifecycle(
            env, clock, self.book, self.pushes, step_delay=step_delay, partial_delay=partial_delay
        )
        self.accepted: list[AcceptedOrder] = []  # ground truth, append-only
        self.complex = ComplexOrderDesk(self)

    def now(self) -> datetime:
        return self.clock.now()

    @property
    def tasks(self) -> dict[int, asyncio.Task[None]]:
        """Order id -> the task routing it (while it has one)."""
        return self.lifecycle.tasks

    # checks and money ------------------------------------------------------------------------
    def validate(
        self, acct: AccountState, body: Any, *, legs_from: list[dict[str, Any]] | None = None
    ) -> ValidatedOrder:
        return validate_order(
            body, positions=acct.positions, listings=self.env.market, legs_from=legs_from
        )

    def costs(self, terms: OrderTerms) -> OrderCosts:
        return estimate_costs(terms, self.env.market)

    def balance(self, acct: AccountState) -> dict[str, Any]:
        ledger = self.env.ledger
        if ledger is not None:
            result: dict[str, Any] = ledger.balance(acct, self.env.market)
            return result
        return {"cash-balance": str(acct.cash), "derivative-buying-power": str(acct.cash)}

    def buying_power(self, acct: AccountState) -> Decimal:
        return available_buying_power(acct.account, self.balance(acct))

    def model_prices(self, order: WorkingOrder) -> list[Decimal] | None:
        return self.lifecycle.model_prices(order)

    def effects(self, acct: AccountState, costs: OrderCosts) -> dict[str, Any]:
        return {
            "buying-power-effect": buying_power_effect(costs, self.buying_power(acct)),
            "fee-calculation": fee_calculation(costs),
        }

    # single orders ---------------------------------------------------------------------------
    def dry_run(self, user: User, acct: AccountState, body: Any) -> dict[str, Any]:
        """What placing ``body`` would do; a buying-power shortfall is listed in ``errors``."""
        checked = self.validate(acct, body)
        costs = self.costs(checked.terms)
        errors: list[dict[str, str]] = []
        try:
            check_buying_power(costs, self.buying_power(acct))
        except OrderRejected as exc:
            errors.append({"code": exc.code, "message": exc.message})
        order = self.unplaced(user, acct, checked.terms)
        out = {"order": public_order(order), **self.effects(acct, costs)}
        out["warnings"] = checked.warnings
        if errors:
            out["errors"] = errors
        return out

    async def place(self, user: User, acct: AccountState, body: Any) -> dict[str, Any]:
        """Accept ``body`` as a new order (``Routed``) and start routing it."""
        checked = self.validate(acct, body)
        costs = self.costs(checked.terms)
        check_buying_power(costs, self.buying_power(acct))
        order = self.accept(user, acct, checked.terms)
        await self.pushes.order(acct.number, order.wire)
        self.lifecycle.start(acct, order)
        out = {"order": public_order(order.wire), **self.effects(acct, costs)}
        out["warnings"] = checked.warnings
        return out

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
        working = self.book.get(order_id)
        if order.get("complex-order-id") and working is not None and working.contingent:
            raise OrderRejected(
                "order_not_cancellable", "cancel the complex order instead of a contingent child"
            )
        await self.lifecycle.set_status(acct, order, "Cancel Requested")
        await self.lifecycle.finish(acct, order, "Cancelled")
        return order

    async def replace(
        self, user: User, acct: AccountState, order_id: int, body: Any
    ) -> dict[str, Any]:
        """Cancel ``order_id`` and accept a new order with its remaining legs and ``body``'s
        price and type; returns the new order."""
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
        checked = self.validate(acct, body, legs_from=legs_from)
        check_buying_power(self.costs(checked.terms), self.buying_power(acct))
        self.lifecycle.cancel_task(order_id)
        await self.lifecycle.set_status(acct, old, "Replace Requested")
        new = self.accept(user, acct, checked.terms, replaces=order_id)
        old["replacing-order-id"] = new.id
        await self.lifecycle.finish(acct, old, "Cancelled")
        await self.pushes.order(acct.number, new.wire)
        self.lifecycle.start(acct, new)
        return new.wire

    # time, market and shutdown ---------------------------------------------------------------
    async def expire_orders(self) -> int:
        return await self.lifecycle.expire_orders()

    async def on_market_step(self) -> int:
        return await self.lifecycle.on_market_step()

    def reset(self) -> None:
        """Forget every working order (the sandbox reset clears the accounts' orders)."""
        self.lifecycle.reset()
        self.book.reset()

    async def close(self) -> None:
        await self.lifecycle.close()

    @staticmethod
    def public(order: dict[str, Any]) -> dict[str, Any]:
        return public_order(order)

    # recording -------------------------------------------------------------------------------
    def unplaced(self, user: User, acct: AccountState, terms: OrderTerms) -> dict[str, Any]:
        order = render_order(
            terms,
            account_number=acct.number,
            user_id=str(user.customer.get("user-id") or user.customer.get("id") or "1"),
            username=user.username,
        )
        now = self.clock.now()
        order.update(
            {"status": "Received", "received-at": wire.iso(now), "updated-at": wire.epoch_ms(now)}
        )
        return order

    def accept(
        self,
        user: User,
        acct: AccountState,
        terms: OrderTerms,
        *,
        status: str = "Routed",
        replaces: int | None = None,
        complex_order_id: int | None = None,
    ) -> WorkingOrder:
        """Give ``terms`` an id and record the order everywhere (the account, the book and
        the accepted log) before anything is pushed or answered."""
        order = self.unplaced(user, acct, terms)
        order["id"] = self.env.next_id()
        order["status"] = status
        if replaces is not None:
            order["replaces-order-id"] = replaces
        if complex_order_id is not None:
            order["complex-order-id"] = complex_order_id
        working = WorkingOrder(terms, order)
        acct.orders[working.id] = order
        self.book.add(working)
        self.accepted.append(
            AcceptedOrder(
                environment=self.env.name,
                account_number=acct.number,
                order_id=working.id,
                external_identifier=terms.external_identifier,
                received_at=wire.parse_datetime(order["received-at"]),
                order_type=terms.order_type,
                underlying_symbol=terms.underlying,
                legs=tuple(
                    AcceptedLeg(
                        leg.symbol, leg.action, None if leg.quantity is None else qstr(leg.quantity)
                    )
                    for leg in terms.legs
                ),
                replaces_order_id=replaces,
                complex_order_id=complex_order_id,
            )
        )
        return working
