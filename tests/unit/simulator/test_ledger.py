"""Ledger: wire transactions and positions the SDK accepts, signs, fees, settlement, balances."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tastytrade.account import (
    AccountBalance,
    AccountBalanceSnapshot,
    CurrentPosition,
    Transaction,
)

from simulator.ledger import (
    Ledger,
    LedgerError,
    compute_fees,
    fmt_qty,
    position_quantity,
    transaction_net,
)
from simulator.market import Market
from simulator.state import AccountState
from simulator.symbols import occ_symbol, parse_occ

D = Decimal
TODAY = date(2025, 6, 2)
T0 = datetime(2025, 6, 2, 15, 0, tzinfo=UTC)
SPY_P = "SPY   250620P00500000"
SPY_C = "SPY   250620C00600000"
SPX_P = "SPXW  250620P05000000"
SPX_C = "SPXW  250620C06000000"


def new_acct(margin: bool = True, number: str = "5WT00001") -> AccountState:
    return AccountState(
        account={"account-number": number, "margin-or-cash": "Margin" if margin else "Cash"}
    )


@pytest.fixture
def ledger() -> Ledger:
    return Ledger(itertools.count(1000))


@pytest.fixture(scope="module")
def market() -> Market:
    return Market(7, TODAY)


def opt(
    acct: AccountState,
    ledger: Ledger,
    symbol: str,
    action: str,
    qty: int,
    price: str,
    underlying: str = "SPY",
) -> dict:
    return ledger.trade(
        acct,
        symbol=symbol,
        instrument_type="Equity Option",
        underlying=underlying,
        action=action,
        quantity=D(qty),
        price=D(price),
        executed_at=T0,
        order_id=77,
    )


def stock(
    acct: AccountState, ledger: Ledger, symbol: str, action: str, qty: int, price: str
) -> dict:
    return ledger.trade(
        acct,
        symbol=symbol,
        instrument_type="Equity",
        underlying=symbol,
        action=action,
        quantity=D(qty),
        price=D(price),
        executed_at=T0,
        order_id=78,
    )


def check(acct: AccountState) -> None:
    """Every record validates through the SDK; cash is the sum of signed net values."""
    for tx in acct.transactions:
        model = Transaction(**tx)
        assert model.net_value == transaction_net(tx)
    for position in acct.positions.values():
        CurrentPosition(**position)
    assert acct.cash == sum((transaction_net(tx) for tx in acct.transactions), D(0))


def test_deposit_and_withdrawal_are_money_movements(ledger: Ledger) -> None:
    acct = new_acct()
    tx = ledger.cash(
        acct, sub_type="Deposit", amount=D(10_000), executed_at=T0, description="ACH DEPOSIT"
    )
    out = ledger.cash(
        acct, sub_type="Withdrawal", amount=D(-250), executed_at=T0, description="ACH WITHDRAWAL"
    )
    model = Transaction(**out)
    assert tx["transaction-type"] == "Money Movement" and tx["value-effect"] == "Credit"
    assert model.transaction_sub_type == "Withdrawal" and model.net_value == D(-250)
    assert tx["transaction-date"] == "2025-06-02" and tx["executed-at"].endswith("+00:00")
    assert acct.cash == D("9750.00")
    check(acct)


def test_dividend_carries_the_symbol(ledger: Ledger) -> None:
    acct = new_acct()
    tx = ledger.cash(
        acct,
        sub_type="Dividend",
        amount=D("25.00"),
        executed_at=T0,
        description="AAPL CASH DIVIDEND",
        symbol="AAPL",
    )
    model = Transaction(**tx)
    assert model.symbol == "AAPL" and model.underlying_symbol == "AAPL"
    assert model.net_value == D("25.00")


def test_equity_buy_matches_the_spec_example(ledger: Ledger) -> None:
    acct = new_acct()
    tx = stock(acct, ledger, "AAPL", "Buy to Open", 100, "190")
    model = Transaction(**tx)
    assert (tx["value"], tx["value-effect"]) == ("19000.00", "Debit")
    assert model.clearing_fees == D("-0.08") and model.commission == 0
    assert model.net_value == D("-19000.08")
    assert tx["transaction-type"] == "Trade" and tx["transaction-sub-type"] == "Buy to Open"
    assert tx["quantity"] == "100.0" and tx["order-id"] == 78
    assert tx["is-estimated-fee"] is True
    position = CurrentPosition(**acct.positions["AAPL"])
    assert position.quantity == 100 and position.quantity_direction == "Long"
    assert position.multiplier == 1 and position.average_open_price == 190
    assert position.cost_effect == "Debit" and position.expires_at is None


def test_equity_sell_pays_sec_and_taf(ledger: Ledger) -> None:
    acct = new_acct()
    stock(acct, ledger, "AAPL", "Buy to Open", 100, "190")
    tx = stock(acct, ledger, "AAPL", "Sell to Close", 100, "200")
    # SEC 20000 * 0.0000278 = 0.556 -> 0.56; TAF 100 * 0.000166 -> 0.02
    assert tx["regulatory-fees"] == "0.58" and tx["regulatory-fees-effect"] == "Debit"
    assert Transaction(**tx).net_value == D("20000") - D("0.58") - D("0.08")
    assert "AAPL" not in acct.positions
    check(acct)


def test_option_fees_open_close_cap_and_index() -> None:
    opening = compute_fees("Equity Option", SPY_P, "Sell to Open", D(2), D("1.25"))
    assert (opening.commission, opening.clearing, opening.proprietary) == (D(2), D("0.20"), 0)
    assert opening.regulatory == D("0.04") + D("0.01")  # ORF + SEC on $250
    capped = compute_fees("Equity Option", SPY_P, "Buy to Open", D(15), D("1.00"))
    assert capped.commission == D(10) and capped.regulatory == 0
    closing = compute_fees("Equity Option", SPY_P, "Buy to Close", D(3), D("1.00"))
    assert closing.commission == 0 and closing.clearing == D("0.30")
    index = compute_fees("Equity Option", SPX_P, "Buy to Open", D(2), D("10"))
    assert index.proprietary == D("1.30") and index.commission == D(2)
    assert compute_fees("Equity Option", SPX_P, "Buy to Close", D(2), D("10")).proprietary == D(
        "1.30"
    )
    wire = index.wire()
    assert wire["total-fees"] == str(index.total) and wire["total-fees-effect"] == "Debit"


def test_option_positions_average_and_realize(ledger: Ledger) -> None:
    acct = new_acct()
    sold = opt(acct, ledger, SPY_P, "Sell to Open", 2, "1.25")
    assert sold["value-effect"] == "Credit" and sold["net-value-effect"] == "Credit"
    assert sold["description"] == "Sold 2 SPY 06/20/25 Put 500.00 @ 1.25"
    opt(acct, ledger, SPY_P, "Sell to Open", 2, "1.75")
    position = acct.positions[SPY_P]
    assert position["quantity"] == "4" and position["quantity-direction"] == "Short"
    assert D(position["average-open-price"]) == D("1.5")
    assert position["cost-effect"] == "Credit" and position["multiplier"] == "100"
    assert position["expires-at"] == "2025-06-20T20:15:00.000+00:00"
    opt(acct, ledger, SPY_P, "Buy to Close", 1, "0.50")
    model = CurrentPosition(**acct.positions[SPY_P])
    assert model.quantity == 3 and model.realized_today == D(100)  # (1.5 - 0.5) * 100
    opt(acct, ledger, SPY_P, "Buy to Close", 3, "2.50")
    assert SPY_P not in acct.positions
    check(acct)


def test_losing_partial_close_is_a_debit_gain(ledger: Ledger) -> None:
    acct = new_acct()
    opt(acct, ledger, SPY_C, "Buy to Open", 2, "4.00")
    opt(acct, ledger, SPY_C, "Sell to Close", 1, "3.00")
    position = acct.positions[SPY_C]
    assert position["realized-today-effect"] == "Debit"
    assert CurrentPosition(**position).realized_today == D(-100)


def test_invalid_changes_raise(ledger: Ledger) -> None:
    acct = new_acct()
    with pytest.raises(LedgerError):
        opt(acct, ledger, SPY_P, "Buy to Close", 1, "1")
    opt(acct, ledger, SPY_P, "Sell to Open", 1, "1")
    with pytest.raises(LedgerError):
        opt(acct, ledger, SPY_P, "Buy to Open", 1, "1")
    with pytest.raises(LedgerError):
        opt(acct, ledger, SPY_P, "Buy to Close", 2, "1")
    with pytest.raises(LedgerError):
        opt(acct, ledger, SPY_P, "Buy", 1, "1")
    with pytest.raises(LedgerError):
        ledger.exercise(acct, SPY_P, T0)  # exercise needs a long
    assert len(acct.transactions) == 1


def test_expiration_removes_the_option(ledger: Ledger) -> None:
    acct = new_acct()
    opt(acct, ledger, SPY_C, "Buy to Open", 1, "2.00")
    tx = ledger.expire(acct, SPY_C, T0 + timedelta(days=18))
    model = Transaction(**tx)
    assert (model.transaction_type, model.transaction_sub_type) == ("Receive Deliver", "Expiration")
    assert model.action == "Sell to Close" and model.value == 0 and model.net_value == 0
    assert model.quantity == 1 and SPY_C not in acct.positions
    check(acct)


def test_put_assignment_delivers_stock_at_the_strike(ledger: Ledger) -> None:
    acct = new_acct()
    opt(acct, ledger, SPY_P, "Sell to Open", 2, "1.25")
    out = ledger.assign(acct, SPY_P, T0)
    assert [tx["transaction-sub-type"] for tx in out] == ["Assignment", "Buy to Open"]
    assert out[0]["action"] == "Buy to Close" and out[0]["value"] == "0.00"
    delivery = Transaction(**out[1])
    assert delivery.transaction_type == "Receive Deliver" and delivery.symbol == "SPY"
    assert delivery.quantity == 200 and delivery.price == 500
    assert delivery.value == D(-100_000)
    assert position_quantity(acct.positions["SPY"]) == 200
    assert SPY_P not in acct.positions
    check(acct)


def test_covered_call_assignment_sells_the_shares(ledger: Ledger) -> None:
    acct = new_acct()
    stock(acct, ledger, "SPY", "Buy to Open", 150, "590")
    opt(acct, ledger, SPY_C, "Sell to Open", 2, "3.00")
    out = ledger.assign(acct, SPY_C, T0)
    subs = [(tx["transaction-sub-type"], tx.get("quantity")) for tx in out]
    assert subs == [("Assignment", "2.0"), ("Sell to Close", "150.0"), ("Sell to Open", "50.0")]
    assert position_quantity(acct.positions["SPY"]) == -50
    check(acct)


def test_exercise_of_calls_and_puts(ledger: Ledger) -> None:
    acct = new_acct()
    opt(acct, ledger, SPY_C, "Buy to Open", 1, "5.00")
    out = ledger.exercise(acct, SPY_C, T0)
    assert [tx["transaction-sub-type"] for tx in out] == ["Exercise", "Buy to Open"]
    assert out[0]["action"] == "Sell to Close"
    assert position_quantity(acct.positions["SPY"]) == 100
    opt(acct, ledger, SPY_P, "Buy to Open", 1, "5.00")
    out = ledger.exercise(acct, SPY_P, T0)
    assert [tx["transaction-sub-type"] for tx in out] == ["Exercise", "Sell to Close"]
    assert "SPY" not in acct.positions
    check(acct)


def test_spx_is_cash_settled(ledger: Ledger) -> None:
    acct = new_acct()
    opt(acct, ledger, SPX_P, "Sell to Open", 1, "10.50", underlying="SPX")
    opt(acct, ledger, SPX_C, "Buy to Open", 2, "8.00", underlying="SPX")
    with pytest.raises(LedgerError):
        ledger.assign(acct, SPX_P, T0)
    (assigned,) = ledger.assign(acct, SPX_P, T0, settlement_price=D("4990.37"))
    assert assigned["transaction-sub-type"] == "Cash Settled Assignment"
    assert Transaction(**assigned).net_value == D("-963.00")
    (exercised,) = ledger.exercise(acct, SPX_C, T0, settlement_price=D("6010.25"))
    assert exercised["transaction-sub-type"] == "Cash Settled Exercise"
    assert Transaction(**exercised).value == D("2050.00")
    assert not acct.positions and "SPX" not in acct.positions
    check(acct)


def test_settle_expiring_by_moneyness_buys_before_it_sells(ledger: Ledger) -> None:
    acct = new_acct(margin=False)
    ledger.cash(acct, sub_type="Deposit", amount=D(100_000), executed_at=T0, description="d")
    # bull put spread finishing fully in the money, plus an OTM call and an ITM SPX put
    opt(acct, ledger, "SPY   250620P00495000", "Buy to Open", 1, "1.00")
    opt(acct, ledger, SPY_P, "Sell to Open", 1, "2.00")
    opt(acct, ledger, SPY_C, "Buy to Open", 1, "1.00")
    opt(acct, ledger, SPX_P, "Buy to Open", 1, "9.00", underlying="SPX")
    out = ledger.settle_expiring(
        acct, date(2025, 6, 20), {"SPY": D("480"), "SPX": D("4800")}, T0 + timedelta(days=18)
    )
    subs = [tx["transaction-sub-type"] for tx in out]
    assert subs == [
        "Expiration",
        "Assignment",
        "Buy to Open",
        "Exercise",
        "Sell to Close",
        "Cash Settled Exercise",
    ]
    assert not acct.positions
    check(acct)


def test_balance_and_snapshot_validate(ledger: Ledger, market: Market) -> None:
    acct = new_acct()
    ledger.cash(acct, sub_type="Deposit", amount=D(50_000), executed_at=T0, description="d")
    exp = next(e for e in market.expirations("SPY") if e.date > TODAY + timedelta(days=20))
    strikes = market.strikes("SPY", exp.date)
    spot = market.spot("SPY")
    k = min(strikes, key=lambda s: abs(s - spot))
    put = occ_symbol("SPY", exp.date, "P", k)
    stock(acct, ledger, "SPY", "Buy to Open", 100, str(spot))
    opt(acct, ledger, put, "Sell to Open", 1, "5.00")
    balance = ledger.balance(acct, market)
    model = AccountBalance(**balance)
    marks = {s: market.quote(s).mark for s in ("SPY", put)}
    expected = acct.cash + 100 * marks["SPY"] - 100 * marks[put]
    assert abs(model.net_liquidating_value - expected) <= D("0.02")
    assert model.cash_balance == acct.cash
    assert 0 < model.derivative_buying_power < model.net_liquidating_value
    snap = AccountBalanceSnapshot(**ledger.snapshot(acct, market, TODAY - timedelta(days=3)))
    assert snap.snapshot_date == TODAY - timedelta(days=3) and snap.time_of_day == "EOD"
    ledger.mark(acct, market)
    assert D(acct.positions[put]["mark"]) == marks[put]


def test_cash_account_buying_power_reserves_puts(ledger: Ledger, market: Market) -> None:
    acct = new_acct(margin=False)
    ledger.cash(acct, sub_type="Deposit", amount=D(60_000), executed_at=T0, description="d")
    exp = next(e for e in market.expirations("SPY") if e.date > TODAY + timedelta(days=20))
    k = market.strikes("SPY", exp.date)[0]
    put = occ_symbol("SPY", exp.date, "P", k)
    opt(acct, ledger, put, "Sell to Open", 1, "1.00")
    balance = AccountBalance(**ledger.balance(acct, market))
    assert balance.derivative_buying_power == acct.cash - k * 100


def test_parse_occ_and_format() -> None:
    parsed = parse_occ("SPXW  250620C05925500")
    assert parsed is not None and parsed.root == "SPXW" and parsed.strike == D("5925.5")
    assert parsed.cash_settled and parse_occ("AAPL") is None
    assert occ_symbol("SPY", date(2025, 6, 20), "P", D("197.5")) == "SPY   250620P00197500"
    assert fmt_qty(D("100.0")) == "100" and fmt_qty(D("0.50")) == "0.5"


# -- property: random trade sequences keep the invariants ------------------------------------

SYMBOLS = [
    ("AAPL", "Equity", "AAPL"),
    (SPY_P, "Equity Option", "SPY"),
    (SPY_C, "Equity Option", "SPY"),
    (SPX_P, "Equity Option", "SPX"),
]
step = st.tuples(
    st.integers(0, len(SYMBOLS) - 1),
    st.sampled_from(["Buy to Open", "Sell to Open", "Buy to Close", "Sell to Close"]),
    st.integers(1, 20),
    st.decimals(min_value=D("0.01"), max_value=D("500"), places=2),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=25))
def test_random_trades_keep_invariants(steps: list[tuple[int, str, int, Decimal]]) -> None:
    ledger = Ledger(itertools.count(1))
    acct = new_acct()
    expected: dict[str, Decimal] = {}
    for index, action, qty, price in steps:
        symbol, itype, underlying = SYMBOLS[index]
        before = expected.get(symbol, D(0))
        delta = D(qty) if action.startswith("Buy") else -D(qty)
        after = before + delta
        valid = (
            (before >= 0 and action == "Buy to Open")
            or (before <= 0 and action == "Sell to Open")
            or (before > 0 and action == "Sell to Close" and after >= 0)
            or (before < 0 and action == "Buy to Close" and after <= 0)
        )
        try:
            ledger.trade(
                acct,
                symbol=symbol,
                instrument_type=itype,
                underlying=underlying,
                action=action,
                quantity=D(qty),
                price=price,
                executed_at=T0,
            )
        except LedgerError:
            assert not valid
            continue
        assert valid
        expected[symbol] = after
    held = {s: position_quantity(p) for s, p in acct.positions.items()}
    assert held == {s: q for s, q in expected.items() if q}
    check(acct)
    ids = [tx["id"] for tx in acct.transactions]
    assert len(ids) == len(set(ids))
