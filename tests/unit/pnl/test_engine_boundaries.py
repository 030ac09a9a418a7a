"""The engine's boundaries: Tastytrade's own wire rows, period and account views of a report,
and purity (the engine never touches the database)."""

from __future__ import annotations

import ast
from datetime import date
from decimal import Decimal as D
from pathlib import Path

from tastytrade.account import Transaction

from services.pnl import CashCategory, compute_pnl

from .builders import tx

ROOT = Path(__file__).resolve().parents[3]
#: two rows of GET /accounts/{n}/transactions as Tastytrade sends them (shared reference)
REAL_ROWS = [
    {"id": 1001, "account-number": "5WT00001", "symbol": "AAPL", "instrument-type": "Equity",
     "underlying-symbol": "AAPL", "transaction-type": "Trade", "transaction-sub-type":
     "Buy to Open", "description": "Bought 100 AAPL @ 190.00", "action": "Buy to Open",
     "quantity": "100.0", "price": "190.0", "executed-at": "2025-06-02T14:30:00.000+00:00",
     "transaction-date": "2025-06-02", "value": "19000.0", "value-effect": "Debit",
     "regulatory-fees": "0.0", "regulatory-fees-effect": "None", "clearing-fees": "0.08",
     "clearing-fees-effect": "Debit", "commission": "0.0", "commission-effect": "None",
     "proprietary-index-option-fees": "0.0", "proprietary-index-option-fees-effect": "None",
     "net-value": "19000.08", "net-value-effect": "Debit", "is-estimated-fee": True,
     "order-id": 5001, "exchange": "Q", "ext-exec-id": "E1", "ext-group-fill-id": "F1"},
    {"id": 1000, "account-number": "5WT00001", "transaction-type": "Money Movement",
     "transaction-sub-type": "Deposit", "description": "ACH DEPOSIT",
     "executed-at": "2025-06-01T14:00:00.000+00:00", "transaction-date": "2025-06-01",
     "value": "100000.0", "value-effect": "Credit", "net-value": "100000.0",
     "net-value-effect": "Credit", "is-estimated-fee": False},
]  # fmt: skip


def test_tastytrades_own_rows_open_a_lot_net_of_fees_and_a_deposit_apart() -> None:
    """Buy 100 AAPL @ 190: value 19000 Debit, clearing 0.08 Debit -> a lot with cash -19000
    and fees 0.08 (net -19000.08, the row's net-value). At 191: 19100 - 19000.08 = 99.92."""
    report = compute_pnl([Transaction.model_validate(row) for row in REAL_ROWS], {"AAPL": D(191)})

    (lot,) = report.open_lots
    assert (lot.quantity, lot.open_cash_flow, lot.open_fees, lot.multiplier) == (
        D(100),
        D(-19000),
        D("0.08"),
        D(1),
    )
    assert lot.unrealized == D("99.92")
    assert report.fees == D("0.08")
    (deposit,) = report.cash_items
    assert (deposit.category, deposit.amount) == (CashCategory.MONEY_MOVEMENT, D(100000))


def test_a_period_keeps_the_closes_cash_and_fees_dated_inside_it() -> None:
    """Bought 10 @ 10 on May 30 (fees 1.00), sold 10 @ 12 on Jun 2 (fees 0.50), dividend 5
    on May 30. June: realized 120 - 100 - 1.50 = 18.50, fees 0.50 (only the June fee), no
    dividend. May: nothing realized, fees 1.00, dividend 5."""
    may, june = date(2025, 5, 30), date(2025, 6, 2)
    report = compute_pnl(
        [
            tx(1, may, symbol="XYZ", quantity=10, action="Buy to Open", price=10, value=-100,
               commission=1),
            tx(2, june, symbol="XYZ", quantity=10, action="Sell to Close", price=12, value=120,
               regulatory="0.50"),
            tx(3, may, value=5, kind="Money Movement", sub_type="Dividend"),
        ]
    )  # fmt: skip

    in_june = report.for_period(date(2025, 6, 1), date(2025, 6, 30))
    in_may = report.for_period(date(2025, 5, 1), date(2025, 5, 31))

    assert (in_june.realized, in_june.fees, in_june.dividends) == (D("18.50"), D("0.50"), D(0))
    assert (in_may.realized, in_may.fees, in_may.dividends) == (D(0), D(1), D(5))
    assert in_may.closed_lots == () and len(in_june.closed_lots) == 1


def test_an_account_view_keeps_only_that_accounts_lots() -> None:
    """The same symbol in two accounts never matches across them: each sells what it bought."""
    report = compute_pnl(
        [
            tx(1, date(2025, 6, 2), symbol="XYZ", quantity=5, action="Buy to Open", price=10,
               value=-50, account="A1"),
            tx(2, date(2025, 6, 2), symbol="XYZ", quantity=5, action="Buy to Open", price=20,
               value=-100, account="A2", minute=1),
            tx(3, date(2025, 6, 3), symbol="XYZ", quantity=5, action="Sell to Close", price=15,
               value=75, account="A2"),
        ]
    )  # fmt: skip

    assert report.by_account == {"A2": D(-25)}
    assert report.for_account("A2").realized == D(-25)
    assert [lot.account for lot in report.for_account("A1").open_lots] == ["A1"]
    assert report.for_account("A1").closed_lots == ()


def imported_modules(path: Path) -> list[str]:
    modules: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.append(node.module)
    return modules


def test_the_engine_is_pure() -> None:
    """Only ``_service.py`` may read the database; the engine and its model import no ORM."""
    for name in ("_engine.py", "_model.py"):
        modules = imported_modules(ROOT / "services" / "pnl" / name)
        assert "tastytrade.account" in modules or name == "_model.py"
        assert [m for m in modules if m.split(".")[0] in ("tortoise", "aiohttp")] == [], name
        assert [m for m in modules if m.startswith(("services.db", "services.pnl._service"))] == []
