"""Account-streamer pushes for order changes: full objects, as Tastytrade sends them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from simulator.orders.working import public_order
from simulator.state import AccountState, Environment

log = logging.getLogger(__name__)


class OrderPushes:
    """Publishes ``Order``, ``ComplexOrder``, ``CurrentPosition`` and ``AccountBalance`` to the
    environment's account streamer (nothing when it has none)."""

    def __init__(
        self,
        env: Environment,
        now: Callable[[], datetime],
        balance: Callable[[AccountState], dict[str, Any]],
    ) -> None:
        self.env = env
        self.now = now
        self.balance = balance

    async def order(self, account_number: str, order: dict[str, Any]) -> None:
        hub = self.env.alerts
        if hub is not None:
            await hub.publish(account_number, "Order", public_order(order), at=self.now())

    async def complex_order(self, account_number: str, complex_order: dict[str, Any]) -> None:
        hub = self.env.alerts
        if hub is not None:
            await hub.publish(account_number, "ComplexOrder", complex_order, at=self.now())

    async def positions(self, acct: AccountState, symbols: list[str]) -> None:
        """Each touched position (once), then the account's balance."""
        hub = self.env.alerts
        if hub is None:
            return
        at = self.now()
        for symbol in dict.fromkeys(symbols):
            position = acct.positions.get(symbol)
            if position is not None:
                await hub.publish(acct.number, "CurrentPosition", position, at=at)
        try:
            balance = self.balance(acct)
        except Exception:  # a balance the ledger cannot compute must not undo a booked fill
            log.exception("no AccountBalance push for %s: the balance failed", acct.number)
            return
        await hub.publish(acct.number, "AccountBalance", balance, at=at)
