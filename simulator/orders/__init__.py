"""Orders: validation, costs, fill models, the status machine and complex orders.

Module map (each has one reason to change):

* ``terms``: the vocabulary (order types, actions, statuses), ``OrderRejected`` and the typed
  ``OrderTerms`` of a validated order.
* ``validation``: pure checks of a request body against positions and listings.
* ``costs``: cash effect, margin requirement, fees and buying power of an order.
* ``fill_models``: ``legacy``, ``quote`` and behaviour-forced fill prices.
* ``working``: ``WorkingOrder`` / ``ComplexOrderState`` (typed state beside each wire order),
  the ``OrderBook``, wire rendering, deadlines and the history filter.
* ``booking``: a fill through the ledger onto the wire order's legs.
* ``lifecycle``: ``OrderLifecycle``, the status machine on the engine's clock.
* ``pushes``: account-streamer pushes.
* ``complex``: ``ComplexOrderDesk`` (``engine.complex``), OCO / OTO / OTOCO orders.
* ``engine``: ``OrderEngine``, what the routes call.
"""

from __future__ import annotations

from simulator.clock import now_factory
from simulator.orders.engine import OrderEngine
from simulator.orders.terms import (
    TERMINAL,
    WORKING,
    WORKING_STATUSES,
    OrderRejected,
    parse_delay,
    signed_price,
)
from simulator.orders.working import order_deadline, order_history_filter

__all__ = [
    "TERMINAL",
    "WORKING",
    "WORKING_STATUSES",
    "OrderEngine",
    "OrderRejected",
    "now_factory",
    "order_deadline",
    "order_history_filter",
    "parse_delay",
    "signed_price",
]
