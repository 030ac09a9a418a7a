"""Exact trading histories for the grouping tests, in Tastytrade's wire format, loaded into
the simulator as a scenario and synced like any other account.

``scenario()`` holds, in the margin account 5WT00001 of the simulator's primary user:

* a wheel on AAPL (``WHEEL``: the unit tests' ``wheel_rows``): two puts assigned, covered
  calls rolled once, a partial call-away, a new put while 100 shares are held;
* MSFT shares bought in one order and a call sold on them in another (``COVERED_*``);
* a SPY short put rolled twice, then bought back (``ROLL_*``): three groups in one chain;
* a QQQ iron condor opened in one order and closed in another for a gain (``CONDOR``);
* an NVDA long call bought and sold at a loss (``LOSER_*``).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from unit.strategies.grouping_world import ACCOUNT, Wire, at, occ, row
from unit.strategies.test_grouping_wheel import wheel_rows

TODAY = date(2026, 4, 24)
DEPOSIT = Decimal(250_000)

COVERED_STOCK, COVERED_CALL = 101, 102
MSFT_CALL = occ("MSFT", date(2026, 5, 15), "C", 420)

ROLL_OPEN, ROLL_FIRST, ROLL_SECOND, ROLL_CLOSE = 201, 203, 205, 206
SPY_JAN, SPY_FEB = occ("SPY", date(2026, 1, 30), "P", 550), occ("SPY", date(2026, 2, 27), "P", 545)
SPY_MAR = occ("SPY", date(2026, 3, 20), "P", 540)

CONDOR = (301, 302, 303, 304)
QQQ_LEGS = (
    (occ("QQQ", date(2026, 3, 20), "P", 400), "Buy to Open", "Sell to Close", "0.80"),
    (occ("QQQ", date(2026, 3, 20), "P", 410), "Sell to Open", "Buy to Close", "1.60"),
    (occ("QQQ", date(2026, 3, 20), "C", 470), "Sell to Open", "Buy to Close", "1.50"),
    (occ("QQQ", date(2026, 3, 20), "C", 480), "Buy to Open", "Sell to Close", "0.70"),
)

LOSER_OPEN, LOSER_CLOSE = 401, 402
NVDA_CALL = occ("NVDA", date(2026, 3, 20), "C", 150)


def deposit(id: int, day: date, amount: Decimal) -> Wire:
    return {
        "id": id,
        "account-number": ACCOUNT,
        "transaction-type": "Money Movement",
        "transaction-sub-type": "Deposit",
        "description": "ACH DEPOSIT",
        "executed-at": at(day, 14).isoformat(),
        "transaction-date": day.isoformat(),
        "is-estimated-fee": False,
        "value": str(amount),
        "value-effect": "Credit",
        "net-value": str(amount),
        "net-value-effect": "Credit",
    }


def covered_call_rows() -> list[Wire]:
    return [
        row(COVERED_STOCK, at(date(2026, 3, 2)), "MSFT", "Buy to Open", 100, 400, order=701),
        row(COVERED_CALL, at(date(2026, 3, 3)), MSFT_CALL, "Sell to Open", 1, 5, order=702),
    ]


def roll_rows() -> list[Wire]:
    return [
        row(ROLL_OPEN, at(date(2026, 1, 6)), SPY_JAN, "Sell to Open", 1, 3, order=801),
        row(202, at(date(2026, 1, 27)), SPY_JAN, "Buy to Close", 1, 1, order=802),
        row(ROLL_FIRST, at(date(2026, 1, 27)), SPY_FEB, "Sell to Open", 1, "3.5", order=802),
        row(204, at(date(2026, 2, 24)), SPY_FEB, "Buy to Close", 1, 2, order=803),
        row(ROLL_SECOND, at(date(2026, 2, 24)), SPY_MAR, "Sell to Open", 1, "3.2", order=803),
        row(ROLL_CLOSE, at(date(2026, 3, 16)), SPY_MAR, "Buy to Close", 1, "0.5", order=804),
    ]


def condor_rows() -> list[Wire]:
    opened = [
        row(id, at(date(2026, 2, 2)), symbol, action, 1, price, order=901)
        for id, (symbol, action, _, price) in zip(CONDOR, QQQ_LEGS, strict=True)
    ]
    closed = [
        row(id + 10, at(date(2026, 2, 20)), symbol, action, 1, "0.30", order=902)
        for id, (symbol, _, action, _) in zip(CONDOR, QQQ_LEGS, strict=True)
    ]
    return opened + closed


def loser_rows() -> list[Wire]:
    return [
        row(LOSER_OPEN, at(date(2026, 2, 2)), NVDA_CALL, "Buy to Open", 1, 5, order=1001),
        row(LOSER_CLOSE, at(date(2026, 3, 2)), NVDA_CALL, "Sell to Close", 1, 2, order=1002),
    ]


def history() -> list[Wire]:
    return [
        deposit(1000, date(2026, 1, 2), DEPOSIT),
        *wheel_rows(),
        *covered_call_rows(),
        *roll_rows(),
        *condor_rows(),
        *loser_rows(),
    ]


def scenario(rows: list[Wire] | None = None) -> dict[str, Any]:
    """The primary user's production accounts: 5WT00001 with ``rows`` (``history()``)."""
    return {
        "users": [
            {
                "username": "demo",
                "accounts": [
                    {
                        "account": {"account-number": ACCOUNT, "margin-or-cash": "Margin"},
                        "transactions": history() if rows is None else rows,
                    }
                ],
            }
        ]
    }


def write_scenario(folder: Path, rows: list[Wire] | None = None) -> Path:
    path = folder / "grouping-scenario.json"
    path.write_text(json.dumps(scenario(rows)))
    return path
