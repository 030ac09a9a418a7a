"""The order status machine: routing, behaviours, fills, cancels, expiry and complex cascades.

Placement records an order as ``Routed``; a task per order then moves it ``In Flight`` ->
``Live`` and on to ``Filled`` as its behaviour and the fill model say (or it stays ``Live``
until the market moves, it is replaced, cancelled or expires). Every change is pushed to the
account streamer. All waiting and every timestamp go through the engine's clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from decimal import Decimal
from typing import Any

from simulator import wire
from simulator.clock import Clock
from simulator.orders.booking import book_fill
from simulator.orders.fill_models import fill_model, forced_prices
from simulator.orders.pushes import OrderPushes
from simulator.orders.terms import EDIT_REQUESTED, TERMINAL, WORKING_STATUSES
from simulator.orders.working import (
    ComplexOrderState,
    OrderBook,
    WorkingOrder,
    order_deadline,
    public_complex,
)
from simulator.state import AccountState, Environment

log = logging.getLogger(__name__)

HALF = Decimal("0.5")  # what a ``partial`` order fills first
MAX_SCHEDULE_WAIT = 3600.0  # seconds a ``scheduled`` order waits at most


class OrderLifecycle:
    """Moves one environment's orders through their statuses."""

    def __init__(
        self,
        env: Environment,
        clock: Clock,
        book: OrderBook,
        pushes: OrderPushes,
        *,
        step_delay: float,
        partial_delay: float,
    ) -> None:
        self.env = env
        self.clock = clock
        self.book = book
        self.pushes = pushes
        self.step_delay = step_delay
        self.partial_delay = partial_delay
        self.tasks: dict[int, asyncio.Task[None]] = {}  # order id -> its routing task
        self.closed = False

    # pricing ---------------------------------------------------------------------------------
    def model_prices(self, order: WorkingOrder) -> list[Decimal] | None:
        """Per-leg fill prices under the environment's fill model, or None if not now."""
        return fill_model(self.env.fill_model, self.env.market).prices(order.terms)

    def _forced_prices(self, order: WorkingOrder) -> list[Decimal]:
        model = fill_model(self.env.fill_model, self.env.market)
        return forced_prices(model, order.terms, self.env.market)

    # tasks -----------------------------------------------------------------------------------
    def start(self, acct: AccountState, order: WorkingOrder) -> None:
        """Route ``order`` in the background (nothing once the engine is closed)."""
        if self.closed:
            return
        task = asyncio.get_running_loop().create_task(self._run(acct, order))
        self.tasks[order.id] = task
        task.add_done_callback(functools.partial(self._task_done, order.id))

    def _task_done(self, order_id: int, task: asyncio.Task[None]) -> None:
        if self.tasks.get(order_id) is task:
            del self.tasks[order_id]
        if not task.cancelled() and task.exception() is not None:
            log.error("order %s task failed", order_id, exc_info=task.exception())

    def cancel_task(self, order_id: int) -> None:
        task = self.tasks.pop(order_id, None)
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    async def _run(self, acct: AccountState, order: WorkingOrder) -> None:
        terms = order.terms
        await self.clock.sleep(self.step_delay)
        if terms.behavior == "reject":
            reason = "Rejected by the simulator (behavior=reject)"
            await self.finish(acct, order.wire, "Rejected", reason=reason)
            return
        await self.set_status(acct, order.wire, "In Flight")
        await self.clock.sleep(self.step_delay)
        await self.set_status(acct, order.wire, "Live", stamp="live-at")
        if terms.behavior == "never":
            return
        if terms.behavior == "delayed":
            await self.clock.sleep(max(0.0, terms.delay))
            await self.fill(acct, order, self._forced_prices(order))
        elif terms.behavior == "scheduled":
            if terms.schedule is not None:
                wait = (terms.schedule - self.clock.now()).total_seconds()
                await self.clock.sleep(max(0.0, min(wait, MAX_SCHEDULE_WAIT)))
            await self.fill(acct, order, self._forced_prices(order))
        elif terms.behavior == "partial":
            prices = self._forced_prices(order)
            await self.fill(acct, order, prices, fraction=HALF)
            await self.clock.sleep(self.partial_delay)
            if order.status not in TERMINAL:
                await self.fill(acct, order, prices)
        else:
            await self.try_fill(acct, order)

    # transitions -----------------------------------------------------------------------------
    async def try_fill(self, acct: AccountState, order: WorkingOrder) -> bool:
        """Fill ``order`` if it is Live and the environment's fill model says it executes now."""
        if order.status != "Live":
            return False
        prices = self.model_prices(order)
        if prices is None:
            return False
        await self.fill(acct, order, prices)
        return True

    async def set_status(
        self, acct: AccountState, order: dict[str, Any], status: str, stamp: str | None = None
    ) -> None:
        now = self.clock.now()
        order["status"] = status
        order["updated-at"] = wire.epoch_ms(now)
        if status == "In Flight":
            order["in-flight-at"] = wire.iso(now)
        if stamp:
            order[stamp] = wire.iso(now)
        if status in EDIT_REQUESTED:
            order["editable"] = False
        await self.pushes.order(acct.number, order)

    async def finish(
        self,
        acct: AccountState,
        order: dict[str, Any],
        status: str,
        *,
        reason: str | None = None,
        cascade: bool = True,
    ) -> None:
        """Move ``order`` to a terminal status; with ``cascade``, settle its complex order."""
        now = self.clock.now()
        self.cancel_task(order["id"])
        order["status"] = status
        order["cancellable"] = False
        order["editable"] = False
        order["terminal-at"] = wire.iso(now)
        order["updated-at"] = wire.epoch_ms(now)
        working = self.book.get(order["id"])
        if working is not None:
            working.contingent = False
        if status == "Cancelled":
            order["cancelled-at"] = wire.iso(now)
        if reason:
            order["reject-reason"] = reason
        await self.pushes.order(acct.number, order)
        if cascade:
            await self.after_terminal(acct, order)

    async def fill(
        self,
        acct: AccountState,
        order: WorkingOrder,
        prices: list[Decimal],
        fraction: Decimal = Decimal(1),
    ) -> None:
        if order.status in TERMINAL:
            return
        booked = book_fill(
            order,
            prices,
            fraction=fraction,
            acct=acct,
            ledger=self.env.ledger,
            now=self.clock.now(),
            next_id=self.env.next_id,
        )
        if booked.rejection is not None:
            await self.finish(acct, order.wire, "Rejected", reason=booked.rejection)
            return
        if booked.done:
            await self.finish(acct, order.wire, "Filled", cascade=False)
        else:
            await self.pushes.order(acct.number, order.wire)
        await self.pushes.positions(acct, booked.touched)
        if booked.done:
            await self.after_terminal(acct, order.wire)

    # complex orders --------------------------------------------------------------------------
    async def after_terminal(self, acct: AccountState, order: dict[str, Any]) -> None:
        """A trigger that filled routes its children (one that did not cancels them); a filled
        OCO/OTOCO leg cancels its sibling."""
        state = self.book.complex_of(order["id"])
        if state is None or state.id not in acct.complex_orders:
            return
        children = [acct.orders[i] for i in state.order_ids if i in acct.orders]
        if order["id"] == state.trigger_id:
            if order["status"] == "Filled":
                await self._trigger_children(acct, children)
            else:
                await self._cancel_all(acct, children)
        elif state.type in ("OCO", "OTOCO") and order["status"] == "Filled":
            await self._cancel_all(acct, [c for c in children if c["id"] != order["id"]])
        await self.complex_changed(acct, state)

    async def _trigger_children(self, acct: AccountState, children: list[dict[str, Any]]) -> None:
        for child in children:
            working = self.book.get(child["id"])
            if child["status"] != "Contingent" or working is None:
                continue
            working.contingent = False
            child["contingent-status"] = "Triggered"
            await self.set_status(acct, child, "Routed")
            self.start(acct, working)

    async def _cancel_all(self, acct: AccountState, orders: list[dict[str, Any]]) -> None:
        for order in orders:
            if order["status"] not in TERMINAL:
                await self.finish(acct, order, "Cancelled", cascade=False)

    def complex_is_live(self, acct: AccountState, state: ComplexOrderState) -> bool:
        return any(
            acct.orders[i]["status"] not in TERMINAL for i in state.all_ids() if i in acct.orders
        )

    async def complex_changed(self, acct: AccountState, state: ComplexOrderState) -> None:
        if not self.complex_is_live(acct, state) and "terminal-at" not in state.wire:
            state.wire["terminal-at"] = wire.iso(self.clock.now())
        await self.pushes.complex_order(acct.number, public_complex(state, acct.orders))

    async def cancel_complex(self, acct: AccountState, state: ComplexOrderState) -> None:
        await self._cancel_all(acct, [acct.orders[i] for i in state.all_ids() if i in acct.orders])
        await self.complex_changed(acct, state)

    # the clock and the market ----------------------------------------------------------------
    async def expire_orders(self) -> int:
        """Day orders expire at the close of their session, GTD orders at the close of their
        date (as at Tastytrade: Live -> Expired, pushed on the streamer); returns how many.
        In ``"open"`` market hours the close never comes, so nothing expires."""
        if not self.env.market.hours.orders_expire_at_close:
            return 0
        now = self.clock.now()
        expired = 0
        for _user, acct in list(self.env.all_accounts()):
            for order in list(acct.orders.values()):
                if order["status"] not in WORKING_STATUSES:
                    continue
                deadline = order_deadline(order)
                if deadline is not None and now >= deadline:
                    await self.finish(acct, order, "Expired")
                    expired += 1
        return expired

    async def on_market_step(self) -> int:
        """Expire what is past its session, then re-check every Live order of the default
        behaviour that no task is routing; returns how many filled."""
        await self.expire_orders()
        filled = 0
        for _user, acct in list(self.env.all_accounts()):
            for order_id in list(acct.orders):
                working = self.book.get(order_id)
                if (
                    working is not None
                    and working.terms.behavior == "immediate"
                    and order_id not in self.tasks
                    and await self.try_fill(acct, working)
                ):
                    filled += 1
        return filled

    # shutdown --------------------------------------------------------------------------------
    def reset(self) -> None:
        for task in list(self.tasks.values()):
            task.cancel()
        self.tasks.clear()

    async def close(self) -> None:
        self.closed = True
        tasks = list(self.tasks.values())
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self.tasks.clear()
