"""Booking a fill: the ledger's trade transactions and the fills on the wire order's legs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_DOWN, Decimal
from typing import Any, Protocol

from simulator import wire
from simulator.ledger import LedgerError
from simulator.orders.terms import qstr
from simulator.orders.working import WorkingOrder
from simulator.state import AccountState

VENUE = "MARKET_SIMULATOR_A"  # the sandbox's fills report this destination venue
PRICE_PLACES = Decimal("0.0001")
NOTIONAL_QUANTITY = Decimal("0.00001")
WHOLE = Decimal(1)


class TradeBook(Protocol):
    """The part of ``simulator.ledger.Ledger`` a fill books through."""

    def trade(
        self,
        acct: AccountState,
        *,
        symbol: str,
        instrument_type: str,
        underlying: str,
        action: str,
        quantity: Decimal,
        price: Decimal,
        executed_at: datetime,
        order_id: int | None = None,
        multiplier: Decimal | None = None,
    ) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class BookedFill:
    """What a fill changed: the symbols traded, whether the order is now complete, or why the
    ledger refused it (the order is then rejected)."""

    touched: list[str] = field(default_factory=list)
    done: bool = False
    rejection: str | None = None


def book_fill(
    order: WorkingOrder,
    prices: list[Decimal],
    *,
    fraction: Decimal,
    acct: AccountState,
    ledger: TradeBook | None,
    now: datetime,
    next_id: Callable[[], int],
) -> BookedFill:
    """Fill ``fraction`` of each leg's original quantity (all that remains when 1) at
    ``prices``, booking each leg through the ledger; ``next_id()`` numbers fills without one."""
    body = order.wire
    touched: list[str] = []
    for leg_terms, leg, raw_price in zip(order.terms.legs, body["legs"], prices, strict=True):
        price = raw_price.quantize(PRICE_PLACES).normalize()
        if order.terms.notional:
            value = order.terms.value or Decimal(0)
            remaining = (value / price).quantize(NOTIONAL_QUANTITY) if price else Decimal(0)
            leg["quantity"] = qstr(remaining)
            body["size"] = qstr(remaining)
        else:
            remaining = Decimal(leg["remaining-quantity"])
        qty = (
            remaining
            if fraction >= 1
            else (Decimal(leg["quantity"]) * fraction).quantize(WHOLE, rounding=ROUND_DOWN)
        )
        qty = min(qty, remaining)
        if qty <= 0:
            continue
        txn: dict[str, Any] | None = None
        if ledger is not None:
            try:
                txn = ledger.trade(
                    acct,
                    symbol=leg_terms.symbol,
                    instrument_type=leg_terms.instrument_type,
                    underlying=leg_terms.underlying,
                    action=leg_terms.action,
                    quantity=qty,
                    price=price,
                    executed_at=now,
                    order_id=order.id,
                    multiplier=leg_terms.multiplier,
                )
            except LedgerError as exc:
                return BookedFill(touched, rejection=str(exc))
        fill_id = str(txn["id"]) if txn and "id" in txn else str(next_id())
        leg["fills"].append(
            {
                "fill-id": fill_id,
                "quantity": qstr(qty),
                "fill-price": qstr(price),
                "filled-at": wire.iso(now),
                "destination-venue": VENUE,
                "ext-group-fill-id": f"G{order.id}",
                "ext-exec-id": f"E{fill_id}",
            }
        )
        leg["remaining-quantity"] = qstr(remaining - qty)
        touched.append(leg_terms.symbol)
    body["updated-at"] = wire.epoch_ms(now)
    done = all(Decimal(leg.get("remaining-quantity") or 0) <= 0 for leg in body["legs"])
    return BookedFill(touched, done=done)
