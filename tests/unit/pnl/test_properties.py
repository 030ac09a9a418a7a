"""Properties of ``compute_pnl`` on generated histories: the books balance (realized +
unrealized = the net cash of every trade + the marked value of what is open), FIFO never
matches more than was opened, and the input order does not matter."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st
from tastytrade.account import Transaction

from services.pnl import compute_pnl

from .builders import occ, tx

START = date(2025, 1, 6)
#: (symbol, multiplier, underlying)
SYMBOLS = (
    ("XYZ", 1, "XYZ"),
    ("ABC", 1, "ABC"),
    (occ("XYZ", date(2025, 12, 19), "C", 50), 100, "XYZ"),
    (occ("SPXW", date(2025, 12, 19), "P", 5000), 100, "SPX"),
)
ACCOUNTS = ("5WT00001", "5WT00002")

operations = st.lists(
    st.tuples(
        st.sampled_from(("open", "open", "close", "close", "expire", "split", "cash")),
        st.integers(0, len(SYMBOLS) - 1),
        st.sampled_from(ACCOUNTS),
        st.booleans(),  # long when opening a new position
        st.integers(1, 7),  # quantity
        st.integers(1, 50_000),  # price in cents
        st.integers(0, 250),  # fees in cents
        st.integers(0, 2),  # days after the previous row (0: the same day)
    ),
    max_size=60,
)
marks_cents = st.lists(st.integers(0, 60_000), min_size=len(SYMBOLS), max_size=len(SYMBOLS))


@dataclass
class History:
    """The generated rows and what the generator knows is held (signed) per account/symbol."""

    rows: list[Transaction] = field(default_factory=list)
    held: dict[tuple[str, str], D] = field(default_factory=lambda: defaultdict(D))
    net_trade_cash: D = D(0)


def build(ops: list[tuple[str, int, str, bool, int, int, int, int]]) -> History:
    history = History()
    day = START
    for index, (kind, which, account, long, quantity, cents, fee_cents, gap) in enumerate(ops):
        day += timedelta(days=gap)
        symbol, multiplier, underlying = SYMBOLS[which]
        price, fees = D(cents) / 100, D(fee_cents) / 100
        held = history.held[(account, symbol)]
        common = {
            "symbol": symbol,
            "underlying": underlying,
            "account": account,
            "minute": index % 60,
        }
        row_id = index + 1
        if kind == "cash":
            history.rows.append(
                tx(
                    row_id,
                    day,
                    value=price,
                    kind="Money Movement",
                    sub_type="Dividend",
                    account=account,
                )
            )
            continue
        if kind == "split" and held and multiplier == 1:
            # a 3-for-2 split on its own day: the old quantity out, 1.5 x in, equal values
            # (a long position's removal is a credit), no action and no P&L
            day += timedelta(days=1)
            value = price * abs(held) if held > 0 else -price * abs(held)
            common["minute"] = 0
            history.rows.append(
                tx(
                    row_id,
                    day,
                    value=value,
                    quantity=abs(held),
                    kind="Receive Deliver",
                    sub_type="Forward Split",
                    **common,
                )
            )
            history.rows.append(
                tx(
                    1000 + row_id,
                    day,
                    value=-value,
                    quantity=abs(held) * 3 / 2,
                    kind="Receive Deliver",
                    sub_type="Forward Split",
                    **common,
                )
            )
            history.held[(account, symbol)] = held * 3 / 2
            day += timedelta(days=1)
            continue
        if kind == "expire" and held and multiplier == 100:
            # settlement cash for the index option, nothing for the equity option
            value = (price * abs(held) * multiplier) if "SPXW" in symbol else D(0)
            value = value if held > 0 else -value
            sub_type = (
                "Expiration"
                if not value
                else ("Cash Settled Exercise" if held > 0 else "Cash Settled Assignment")
            )
            history.rows.append(
                tx(
                    row_id,
                    day,
                    value=value,
                    quantity=abs(held),
                    kind="Receive Deliver",
                    sub_type=sub_type,
                    **common,
                )
            )
            history.net_trade_cash += value
            history.held[(account, symbol)] = D(0)
            continue
        if kind == "close" and abs(held) >= 1:
            # a whole contract or share at least: after a 3-for-2 split, half a share is left
            # that no trade row closes (a broker sends no fill of zero quantity)
            quantity = min(quantity, int(abs(held)))
            action, sign = ("Sell to Close", -1) if held > 0 else ("Buy to Close", 1)
        else:
            opening_long = held > 0 if held else long
            action, sign = ("Buy to Open", 1) if opening_long else ("Sell to Open", -1)
        value = -sign * price * quantity * multiplier
        history.rows.append(
            tx(
                row_id,
                day,
                value=value,
                quantity=quantity,
                action=action,
                price=price,
                clearing=fees,
                **common,
            )
        )
        history.net_trade_cash += value - fees
        history.held[(account, symbol)] = held + sign * quantity
    return history


def marked_value(history: History, marks: dict[str, D]) -> D:
    multipliers = {symbol: multiplier for symbol, multiplier, _ in SYMBOLS}
    return sum(
        (
            quantity * marks[symbol] * multipliers[symbol]
            for (_, symbol), quantity in history.held.items()
        ),
        start=D(0),
    )


def mark_table(cents: list[int]) -> dict[str, D]:
    return {symbol: D(mark) / 100 for (symbol, _, _), mark in zip(SYMBOLS, cents, strict=True)}


@settings(max_examples=150, deadline=None)
@given(operations, marks_cents)
def test_realized_plus_unrealized_is_the_trade_cash_plus_the_marked_open_value(
    ops: list[tuple[str, int, str, bool, int, int, int, int]], cents: list[int]
) -> None:
    history = build(ops)
    marks = mark_table(cents)
    report = compute_pnl(history.rows, marks)

    assert report.anomalies == ()
    assert report.unmarked_symbols == ()  # every price is at least a cent: multipliers known
    assert report.realized + report.unrealized == (
        history.net_trade_cash + marked_value(history, marks)
    )


@settings(max_examples=150, deadline=None)
@given(operations)
def test_fifo_never_matches_more_than_was_opened(
    ops: list[tuple[str, int, str, bool, int, int, int, int]],
) -> None:
    # splits rescale lot quantities, so this property is checked on histories without them
    history = build([op for op in ops if op[0] != "split"])
    report = compute_pnl(history.rows)
    opened = {
        row.id: row.quantity
        for row in history.rows
        if row.action is not None and row.action.value.endswith("Open")
    }
    used: dict[int, D] = defaultdict(D)
    for lot in report.closed_lots:
        used[lot.open_transaction_id] += lot.quantity
        assert lot.opened_at <= lot.closed_at
    for remaining in report.open_lots:
        used[remaining.open_transaction_id] += remaining.quantity
    assert dict(used) == {key: value for key, value in opened.items() if value}
    closed_by_row: dict[int, D] = defaultdict(D)
    for lot in report.closed_lots:
        closed_by_row[lot.close_transaction_id] += lot.quantity
    quantities = {row.id: row.quantity for row in history.rows}
    assert all(closed_by_row[row_id] == quantities[row_id] for row_id in closed_by_row)
    signed: dict[tuple[str, str], D] = defaultdict(D)
    for remaining in report.open_lots:
        signed[(remaining.account, remaining.symbol)] += remaining.signed_quantity
    assert dict(signed) == {key: value for key, value in history.held.items() if value}


@settings(max_examples=100, deadline=None)
@given(operations, marks_cents, st.randoms(use_true_random=False))
def test_the_report_does_not_depend_on_the_input_order(
    ops: list[tuple[str, int, str, bool, int, int, int, int]], cents: list[int], rng: random.Random
) -> None:
    history = build(ops)
    marks = mark_table(cents)
    shuffled = list(history.rows)
    rng.shuffle(shuffled)

    assert compute_pnl(shuffled, marks) == compute_pnl(history.rows, marks)
