"""P&L engine benchmark: ``compute_pnl`` over N synthetic SDK transactions.

``--transactions 100000`` generates a deterministic (``--seed``) history across three accounts
and sixty underlyings: stock and option opens (long and short, adds to positions), full and
partial closes, option expirations as action-less ``Receive Deliver`` rows, cash-settled index
options, dividends, interest and deposits, all as wire JSON with ``*-effect`` signs, parsed
into ``tastytrade.account.Transaction`` models (like a sync's payloads), then shuffled.

Prints ``{"compute_s", "rss_mb", "parse_s", "transactions", "closed_lots", "open_lots"}``:
the engine's time (best of ``--repeat`` runs; target <= 2 s for 100,000), the process's peak
resident memory, and the time to parse the wire rows into SDK models (what the service does
before calling the engine).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tastytrade.account import Transaction  # noqa: E402

from services.pnl import compute_pnl  # noqa: E402

ACCOUNTS = ("5WT00001", "5WT00002", "5WT00003")
UNDERLYINGS = (*(f"S{index:03d}" for index in range(59)), "SPXW")
CENT = Decimal("0.01")
START = datetime(2024, 1, 2, 14, 30, tzinfo=UTC)


class History:
    """A seeded stream of wire transactions whose positions stay consistent."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.spot = {name: Decimal(self.rng.randint(20, 500)) for name in UNDERLYINGS}
        # (account, symbol) -> [side "Long"/"Short", quantity, multiplier, underlying, type]
        self.open: dict[tuple[str, str], list[Any]] = {}
        self.keys: list[tuple[str, str]] = []
        self.rows: list[dict[str, Any]] = []
        self.when = START

    def generate(self, count: int) -> list[dict[str, Any]]:
        while len(self.rows) < count:
            self.when += timedelta(minutes=self.rng.randint(1, 9))
            roll = self.rng.random()
            if roll < 0.04:
                self._cash()
            elif roll < 0.5 and self.keys:
                self._close()
            else:
                self._open()
        return self.rows[:count]

    def _base(self, account: str, kind: str, sub_type: str, value: Decimal) -> dict[str, Any]:
        return {
            "id": len(self.rows) + 1,
            "account-number": account,
            "transaction-type": kind,
            "transaction-sub-type": sub_type,
            "description": sub_type,
            "executed-at": self.when.isoformat(),
            "transaction-date": self.when.date().isoformat(),
            "value": str(abs(value)),
            "value-effect": "Debit" if value < 0 else "Credit" if value else "None",
            "net-value": str(abs(value)),
            "net-value-effect": "Debit" if value < 0 else "Credit" if value else "None",
            "is-estimated-fee": False,
        }

    def _cash(self) -> None:
        account = self.rng.choice(ACCOUNTS)
        sub_type = self.rng.choice(("Dividend", "Credit Interest", "Deposit", "Withdrawal"))
        amount = Decimal(self.rng.randint(1, 50_000)) * CENT
        self.rows.append(
            self._base(
                account, "Money Movement", sub_type, -amount if sub_type == "Withdrawal" else amount
            )
        )

    def _symbol(self, underlying: str) -> tuple[str, str, int]:
        if underlying != "SPXW" and self.rng.random() < 0.4:
            return underlying, "Equity", 1
        expiry = date(2024, 1, 5) + timedelta(weeks=self.rng.randint(0, 60))
        strike = self.spot[underlying] + self.rng.randint(-20, 20)
        right = self.rng.choice("CP")
        return (
            f"{underlying:<6}{expiry:%y%m%d}{right}{int(strike * 1000):08d}",
            "Equity Option",
            100,
        )

    def _fill(
        self,
        account: str,
        symbol: str,
        underlying: str,
        kind: str,
        action: str,
        quantity: int,
        multiplier: int,
    ) -> None:
        price = (
            (Decimal(self.rng.randint(5, 50_000)) * CENT)
            if kind == "Equity"
            else (Decimal(self.rng.randint(5, 2_000)) * CENT)
        )
        gross = (price * quantity * multiplier).quantize(CENT)
        value = -gross if action.startswith("Buy") else gross
        commission = (
            Decimal(min(quantity, 10))
            if kind != "Equity" and action.endswith("Open")
            else Decimal(0)
        )
        clearing = (
            (Decimal("0.10") * quantity).quantize(CENT) if kind != "Equity" else Decimal("0.01")
        )
        net = value - commission - clearing
        row = self._base(account, "Trade", action, value)
        row.update(
            {
                "symbol": symbol,
                "underlying-symbol": underlying,
                "instrument-type": kind,
                "action": action,
                "quantity": str(quantity),
                "price": str(price),
                "commission": str(commission),
                "commission-effect": "Debit" if commission else "None",
                "clearing-fees": str(clearing),
                "clearing-fees-effect": "Debit",
                "net-value": str(abs(net)),
                "net-value-effect": "Debit" if net < 0 else "Credit",
            }
        )
        self.rows.append(row)

    def _open(self) -> None:
        account = self.rng.choice(ACCOUNTS)
        underlying = self.rng.choice(UNDERLYINGS)
        symbol, kind, multiplier = self._symbol(underlying)
        key = (account, symbol)
        held = self.open.get(key)
        side = held[0] if held else self.rng.choice(("Long", "Short"))
        quantity = self.rng.randint(1, 10) * (100 if kind == "Equity" else 1)
        self._fill(
            account,
            symbol,
            underlying,
            kind,
            "Buy to Open" if side == "Long" else "Sell to Open",
            quantity,
            multiplier,
        )
        if held:
            held[1] += quantity
        else:
            self.open[key] = [side, quantity, multiplier, underlying, kind]
            self.keys.append(key)

    def _close(self) -> None:
        index = self.rng.randrange(len(self.keys))
        key = self.keys[index]
        side, held, multiplier, underlying, kind = self.open[key]
        account, symbol = key
        roll = self.rng.random()
        if kind == "Equity Option" and roll < 0.15:
            quantity = held
            cash_settled = underlying == "SPXW"
            value = Decimal(self.rng.randint(0, 90_000)) * CENT if cash_settled else Decimal(0)
            if side == "Short":
                value = -value
            sub_type = (
                ("Cash Settled Assignment" if side == "Short" else "Cash Settled Exercise")
                if cash_settled
                else "Expiration"
            )
            row = self._base(account, "Receive Deliver", sub_type, value)
            row.update(
                {
                    "symbol": symbol,
                    "underlying-symbol": underlying,
                    "instrument-type": kind,
                    "quantity": str(quantity),
                }
            )
            self.rows.append(row)
        else:
            quantity = held if roll < 0.7 else self.rng.randint(1, held)
            action = "Sell to Close" if side == "Long" else "Buy to Close"
            self._fill(account, symbol, underlying, kind, action, quantity, multiplier)
        if quantity == held:
            del self.open[key]
            self.keys[index] = self.keys[-1]
            self.keys.pop()
        else:
            self.open[key][1] = held - quantity


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--transactions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    history = History(args.seed)
    wire = history.generate(args.transactions)
    random.Random(args.seed).shuffle(wire)
    started = time.perf_counter()
    models = [Transaction.model_validate(row) for row in wire]
    parse_s = time.perf_counter() - started
    marks = {symbol: Decimal(history.rng.randint(1, 50_000)) * CENT for _, symbol in history.keys}
    best = float("inf")
    report = None
    for _ in range(max(1, args.repeat)):
        started = time.perf_counter()
        report = compute_pnl(models, marks)
        best = min(best, time.perf_counter() - started)
    assert report is not None
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    print(
        json.dumps(
            {
                "compute_s": round(best, 3),
                "rss_mb": round(rss_mb, 1),
                "parse_s": round(parse_s, 3),
                "transactions": len(models),
                "closed_lots": len(report.closed_lots),
                "open_lots": len(report.open_lots),
                "anomalies": len(report.anomalies),
            }
        )
    )


if __name__ == "__main__":
    main()
