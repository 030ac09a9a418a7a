"""The order pipeline's context as the order tests build it: the simulator's route and
policies with short waits, so that a fault costs milliseconds, not the production seconds.

Shared by the order fixtures and by :mod:`support.confirm_process`, the second process that
confirms an order at the same moment as another one.
"""

from __future__ import annotations

from typing import Any

from services.broker import broker_route
from services.broker.client import RetryPolicy
from services.notify.events import Notifier
from services.orders._context import OrderContext
from services.orders.broker_orders import PlacementPolicy, RehearsalPolicy
from services.vault import Vault

FAST = RetryPolicy(
    attempts=4, max_seconds=10, initial_wait=0.01, max_wait=0.05, jitter=0.01, request_timeout=1.5
)
FAST_PLACEMENT = PlacementPolicy(
    max_attempts=3,
    absence_checks=2,
    absence_pause_s=0.01,
    lookup_deadline_s=3,
    lookup_pause_s=0.05,
    resend_pause_s=0.01,
)
FAST_REHEARSAL = RehearsalPolicy(settle_timeout_s=3, poll_s=0.02)


def fast_order_context(
    vault: Vault, simulator_url: str, notifier: Notifier | None = None, **fields: Any
) -> OrderContext:
    """An order context on the simulator at ``simulator_url`` with the fast policies (and any
    other of the context's ``fields``, a clock say)."""
    return OrderContext(
        vault=vault,
        route=broker_route(simulator_url, demo_mode=True),
        notifier=notifier,
        retry=FAST,
        placement=FAST_PLACEMENT,
        rehearsal=FAST_REHEARSAL,
        **fields,
    )
