"""SDK ``Transaction`` models built from Tastytrade's wire JSON (absolute amounts with their
``*-effect``), so every test goes through the SDK's own sign handling."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from tastytrade.account import Transaction

ACCOUNT = "5WT00001"
FEE_KEYS = {
    "commission": "commission",
    "clearing": "clearing-fees",
    "regulatory": "regulatory-fees",
    "proprietary": "proprietary-index-option-fees",
    "other": "other-charge",
}


def _money(row: dict[str, Any], key: str, amount: Decimal) -> None:
    row[key] = str(abs(amount))
    row[f"{key}-effect"] = "Debit" if amount < 0 else "Credit" if amount > 0 else "None"


def occ(root: str, expiry: date, right: str, strike: Decimal | int) -> str:
    """An OCC option symbol, e.g. ``SPY   250620P00450000``."""
    return f"{root:<6}{expiry:%y%m%d}{right}{int(Decimal(strike) * 1000):08d}"


def tx(
    id: int,
    day: date,
    *,
    value: Decimal | str | int,
    symbol: str | None = None,
    quantity: Decimal | str | int | None = None,
    action: str | None = None,
    price: Decimal | str | int | None = None,
    kind: str = "Trade",
    sub_type: str | None = None,
    underlying: str | None = None,
    instrument_type: str | None = None,
    account: str = ACCOUNT,
    minute: int = 0,
    reverses_id: int | None = None,
    description: str = "",
    **fees: Decimal | str | int,
) -> Transaction:
    """One transaction. ``value`` is signed (a debit negative); ``fees`` are what was charged
    (positive), by name: commission, clearing, regulatory, proprietary, other."""
    value = Decimal(value)
    charged = {name: Decimal(amount) for name, amount in fees.items()}
    row: dict[str, Any] = {
        "id": id,
        "account-number": account,
        "transaction-type": kind,
        "transaction-sub-type": sub_type or action or kind,
        "description": description or f"row {id}",
        "executed-at": datetime.combine(day, time(15, minute), tzinfo=UTC).isoformat(),
        "transaction-date": day.isoformat(),
        "is-estimated-fee": False,
    }
    _money(row, "value", value)
    _money(row, "net-value", value - sum(charged.values(), start=Decimal(0)))
    for name, amount in charged.items():
        _money(row, FEE_KEYS[name], -amount)
    if symbol is not None:
        row["symbol"] = symbol
        row["underlying-symbol"] = underlying or symbol.split()[0]
        row["instrument-type"] = instrument_type or (
            "Equity Option" if len(symbol) > 12 else "Equity"
        )
    if quantity is not None:
        row["quantity"] = str(quantity)
    if action is not None:
        row["action"] = action
    if price is not None:
        row["price"] = str(price)
    if reverses_id is not None:
        row["reverses-id"] = reverses_id
    return Transaction.model_validate(row)


def cash(id: int, day: date, sub_type: str, amount: Decimal | str, **extra: Any) -> Transaction:
    """A ``Money Movement`` row of the signed ``amount``."""
    return tx(id, day, value=amount, kind="Money Movement", sub_type=sub_type, **extra)
