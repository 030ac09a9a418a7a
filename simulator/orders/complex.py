"""Complex orders (OCO, OTO, OTOCO): validation, placement, views and cancellation.

An OTO/OTOCO places its trigger (routed) and its other orders as ``Contingent`` children that
the lifecycle routes once the trigger fills (or cancels when it does not); an OCO routes both
orders and the first to fill cancels the other. Costs are the trigger's, or without one the
dearer side's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.orders.costs import NO_COSTS, OrderCosts, check_buying_power
from simulator.orders.terms import OrderRejected, OrderTerms
from simulator.orders.validation import validate_complex
from simulator.orders.working import ComplexOrderState, WorkingOrder, public_complex, public_order
from simulator.state import AccountState, User

if TYPE_CHECKING:
    from simulator.orders.engine import OrderEngine


class ComplexOrderDesk:
    """The complex orders of one environment (``engine.complex``)."""

    def __init__(self, engine: OrderEngine) -> None:
        self.engine = engine

    def costs(self, trigger: OrderTerms | None, orders: list[OrderTerms]) -> OrderCosts:
        """The trigger's costs; without one, the dearest order's (an OCO fills one side)."""
        if trigger is not None:
            return self.engine.costs(trigger)
        costs = NO_COSTS
        for terms in orders:
            candidate = self.engine.costs(terms)
            if candidate.impact > costs.impact:
                costs = candidate
        return costs

    def dry_run(self, user: User, acct: AccountState, body: Any) -> dict[str, Any]:
        engine = self.engine
        checked = validate_complex(body, positions=acct.positions, listings=engine.env.market)
        complex_order: dict[str, Any] = {
            "account-number": acct.number,
            "type": checked.type,
            "orders": [public_order(engine.unplaced(user, acct, t)) for t in checked.orders],
        }
        if checked.trigger is not None:
            trigger = engine.unplaced(user, acct, checked.trigger)
            complex_order["trigger-order"] = public_order(trigger)
        costs = self.costs(checked.trigger, checked.orders)
        out = {"complex-order": complex_order, **engine.effects(acct, costs)}
        out["warnings"] = checked.warnings
        return out

    async def place(self, user: User, acct: AccountState, body: Any) -> dict[str, Any]:
        engine = self.engine
        checked = validate_complex(body, positions=acct.positions, listings=engine.env.market)
        costs = self.costs(checked.trigger, checked.orders)
        check_buying_power(costs, engine.buying_power(acct))
        cid = engine.env.next_id()
        ctype = checked.type
        state = ComplexOrderState({"id": cid, "account-number": acct.number, "type": ctype})
        to_start: list[WorkingOrder] = []
        if checked.trigger is not None:
            trigger = engine.accept(user, acct, checked.trigger, complex_order_id=cid)
            trigger.wire["complex-order-tag"] = f"{ctype}::trigger-order"
            state.trigger_id = trigger.id
            to_start.append(trigger)
        for n, terms in enumerate(checked.orders, start=1):
            contingent = checked.trigger is not None
            child = engine.accept(
                user,
                acct,
                terms,
                status="Contingent" if contingent else "Routed",
                complex_order_id=cid,
            )
            child.wire["complex-order-tag"] = (
                f"{ctype}::order" if ctype == "OTO" else f"{ctype}::oco-{n}-order"
            )
            if contingent:
                child.wire["contingent-status"] = "Pending Condition"
                child.contingent = True
            else:
                to_start.append(child)
            state.order_ids.append(child.id)
        acct.complex_orders[cid] = state.wire
        engine.book.add_complex(state)
        await engine.pushes.complex_order(acct.number, self.public(acct, state))
        for order in to_start:
            engine.lifecycle.start(acct, order)
        out = {"complex-order": self.public(acct, state), **engine.effects(acct, costs)}
        out["warnings"] = checked.warnings
        return out

    def of_account(self, acct: AccountState) -> list[ComplexOrderState]:
        """The account's complex orders, newest first."""
        book = self.engine.book.complexes
        states = [book[cid] for cid in acct.complex_orders if cid in book]
        return sorted(states, key=lambda state: state.id, reverse=True)

    def get(self, acct: AccountState, cid: int) -> ComplexOrderState:
        state = self.engine.book.complexes.get(cid)
        if state is None or cid not in acct.complex_orders:
            raise OrderRejected("record_not_found", f"Complex order {cid} not found", 404)
        return state

    def is_live(self, acct: AccountState, state: ComplexOrderState) -> bool:
        return self.engine.lifecycle.complex_is_live(acct, state)

    @staticmethod
    def public(acct: AccountState, state: ComplexOrderState) -> dict[str, Any]:
        return public_complex(state, acct.orders)

    async def cancel(self, acct: AccountState, cid: int) -> ComplexOrderState:
        state = self.get(acct, cid)
        if not self.is_live(acct, state):
            raise OrderRejected("order_not_cancellable", f"Complex order {cid} is finished")
        await self.engine.lifecycle.cancel_complex(acct, state)
        return state
