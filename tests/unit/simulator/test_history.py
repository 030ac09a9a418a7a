"""Seeded histories: SDK-valid wire objects and consistency of positions, cash and rules."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

import pytest
from tastytrade.account import (
    Account,
    AccountBalanceSnapshot,
    CurrentPosition,
    TradingStatus,
    Transaction,
)
from tastytrade.session import Customer

from simulator import calendar
from simulator.history import (
    CASH,
    IRA,
    KINDS,
    MARGIN,
    HistoryReport,
    audit,
    populate_environment,
    trading_status,
)
from simulator.ledger import parse_occ, transaction_net
from simulator.market import Market
from simulator.state import AccountState, Environment, User

TODAY = date(2025, 6, 2)
DEFAULT_SEED = 7


def build(seed: int, today: date = TODAY, **kwargs: int) -> tuple[Environment, dict]:
    env = Environment(name="production", market=Market(seed, today))
    reports = populate_environment(env, seed=seed, **kwargs)
    return env, reports


@pytest.fixture(scope="module")
def default() -> tuple[Environment, dict[str, HistoryReport]]:
    return build(DEFAULT_SEED)


def accounts(env: Environment) -> list[AccountState]:
    return [acct for _, acct in env.all_accounts()]


def test_accounts_customer_and_status_validate(default: tuple[Environment, dict]) -> None:
    env, reports = default
    (user,) = env.users.values()
    Customer(**user.customer)
    styles = sorted(reports[a.number].style for a in accounts(env))
    assert styles == sorted([MARGIN, CASH, IRA])
    for acct in accounts(env):
        model = Account(**acct.account)
        TradingStatus(**trading_status(acct.account))
        assert model.account_number == acct.number
        if reports[acct.number].style == IRA:
            assert model.account_type_name == "Roth IRA" and model.margin_or_cash == "Cash"


def test_every_record_parses_with_the_sdk(default: tuple[Environment, dict]) -> None:
    env, _ = default
    for acct in accounts(env):
        for tx in acct.transactions:
            Transaction(**tx)
        for position in acct.positions.values():
            CurrentPosition(**position)
        for snap in acct.balance_snapshots:
            AccountBalanceSnapshot(**snap)


@pytest.mark.parametrize("seed", [DEFAULT_SEED, 1, 2, 3])
def test_histories_are_consistent(seed: int, default: tuple[Environment, dict]) -> None:
    env = default[0] if seed == DEFAULT_SEED else build(seed)[0]
    ids: list[int] = []
    for acct in accounts(env):
        assert audit(acct, env.market.today) == []
        ids.extend(tx["id"] for tx in acct.transactions)
        # cash is the sum of the signed net values
        assert acct.cash == sum((transaction_net(tx) for tx in acct.transactions), Decimal(0))
        # positions are the per-symbol net of the transactions
        net: dict[str, Decimal] = defaultdict(Decimal)
        for tx in acct.transactions:
            if tx.get("action"):
                qty = Decimal(tx["quantity"])
                net[tx["symbol"]] += qty if tx["action"].startswith("Buy") else -qty
        held = {
            s: Decimal(p["quantity"]) * (-1 if p["quantity-direction"] == "Short" else 1)
            for s, p in acct.positions.items()
        }
        assert held == {s: q for s, q in net.items() if q}
        # no option held past its expiration; every expired option was settled or closed
        for symbol in acct.positions:
            parsed = parse_occ(symbol)
            assert parsed is None or parsed.expiration >= env.market.today
        # one EOD snapshot per trading day, ascending
        days = [s["snapshot-date"] for s in acct.balance_snapshots]
        assert days == sorted(days) and len(days) == len(set(days)) > 240
        assert all(calendar.is_trading_day(date.fromisoformat(d)) for d in days)
    assert len(ids) == len(set(ids))


def test_restricted_accounts_follow_the_rules(default: tuple[Environment, dict]) -> None:
    env, reports = default
    for acct in accounts(env):
        if reports[acct.number].style == MARGIN:
            continue
        assert acct.account["margin-or-cash"] == "Cash"
        assert all(
            p["quantity-direction"] == "Long"
            for p in acct.positions.values()
            if p["instrument-type"] == "Equity"
        )
        assert audit(acct, env.market.today) == []  # includes the naked-call check per moment
        kinds = set(reports[acct.number].kinds)
        assert "short_strangle" not in kinds and "short_put" not in kinds


def test_every_strategy_kind_and_event_appears(default: tuple[Environment, dict]) -> None:
    env, reports = default
    by_style = {r.style: r for r in reports.values()}
    for style, kinds in KINDS.items():
        expected = {k for k in kinds if not k.startswith("index_")}
        assert expected <= set(by_style[style].kinds), style
    txs = [tx for acct in accounts(env) for tx in acct.transactions]
    pairs = Counter((tx["transaction-type"], tx["transaction-sub-type"]) for tx in txs)
    for pair in [
        ("Money Movement", "Deposit"),
        ("Money Movement", "Withdrawal"),
        ("Money Movement", "Dividend"),
        ("Money Movement", "Credit Interest"),
        ("Money Movement", "Fee"),
        ("Trade", "Buy to Open"),
        ("Trade", "Sell to Open"),
        ("Trade", "Buy to Close"),
        ("Trade", "Sell to Close"),
        ("Receive Deliver", "Expiration"),
        ("Receive Deliver", "Assignment"),
        ("Receive Deliver", "Exercise"),
    ]:
        assert pairs[pair], pair
    assert (
        pairs[("Receive Deliver", "Cash Settled Assignment")]
        + pairs[("Receive Deliver", "Cash Settled Exercise")]
    )
    # stock delivered by assignments/exercises
    assert any(
        tx["transaction-type"] == "Receive Deliver" and tx["instrument-type"] == "Equity"
        for tx in txs
    )
    # rolls: one order id holding both a close and an open of options
    orders: dict[int, set[str]] = defaultdict(set)
    for tx in txs:
        if tx.get("order-id") and tx["instrument-type"] == "Equity Option":
            orders[tx["order-id"]].add(tx["action"].split()[-1])
    assert any(actions == {"Open", "Close"} for actions in orders.values())
    events: Counter[str] = Counter()
    for report in reports.values():
        events.update(report.events)
    for event in ("roll", "profit_take", "early_close", "expiration", "assignment", "exercise"):
        assert events[event], event


def test_option_trades_use_listed_expirations(default: tuple[Environment, dict]) -> None:
    env, _ = default
    for acct in accounts(env):
        for tx in acct.transactions:
            parsed = parse_occ(tx.get("symbol") or "")
            if parsed is None:
                continue
            assert calendar.is_trading_day(parsed.expiration)
            if parsed.expiration >= env.market.today and tx["transaction-type"] == "Trade":
                assert env.market.option(tx["symbol"]) is not None, tx["symbol"]


def test_deterministic_for_a_seed(default: tuple[Environment, dict]) -> None:
    env, _ = default
    again, _ = build(DEFAULT_SEED)
    assert [a.transactions for a in accounts(env)] == [a.transactions for a in accounts(again)]
    assert [a.positions for a in accounts(env)] == [a.positions for a in accounts(again)]


def test_existing_accounts_are_kept_and_sandbox_only_deposits() -> None:
    market = Market(3, TODAY)
    for name in ("production", "sandbox"):
        env = Environment(name=name, market=market)
        acct = AccountState(
            account={
                "account-number": "5WT00009",
                "margin-or-cash": "Cash",
                "account-type-name": "Traditional IRA",
            },
            initial_deposit=Decimal(30_000),
        )
        env.users["u"] = User("u", {}, {"5WT00009": acct}, "cid", "secret")
        reports = populate_environment(env, seed=3)
        assert list(env.users["u"].accounts) == ["5WT00009"]
        assert reports["5WT00009"].style == IRA
        Customer(**env.users["u"].customer)
        first = acct.transactions[0]
        assert first["transaction-sub-type"] == "Deposit" and first["value"] == "30000.00"
        if name == "sandbox":
            assert len(acct.transactions) == 1 and acct.cash == 30_000
        else:
            assert len(acct.transactions) > 50 and audit(acct, TODAY) == []


def test_transactions_knob_sets_the_history_size() -> None:
    # how long generation takes is measured by bench/simulator_speed.py, not asserted here
    env, reports = build(5, transactions=3000)
    margin = next(a for a in accounts(env) if reports[a.number].style == MARGIN)
    assert 2700 <= len(margin.transactions) <= 3300
    assert audit(margin, TODAY) == []
