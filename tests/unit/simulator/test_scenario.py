"""Scenarios in Tastytrade wire format: pinned transactions, derived or given positions, quotes."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from tastytrade.account import AccountBalance, CurrentPosition, Transaction

from simulator.history import audit
from simulator.ledger import position_quantity
from simulator.market import Market
from simulator.scenario import SCENARIO_DIR, ScenarioError, load_scenario, read_scenario
from simulator.state import Environment

TODAY = date(2025, 6, 2)
SMALL = SCENARIO_DIR / "small.json"


def fresh_env() -> Environment:
    return Environment(name="production", market=Market(7, TODAY))


@pytest.fixture
def small() -> dict[str, Any]:
    return json.loads(SMALL.read_text())


def test_small_scenario_pins_the_history(small: dict[str, Any]) -> None:
    env = fresh_env()
    load_scenario(SMALL, env)
    user = env.users["demo"]
    margin, ira = user.accounts["5WT00001"], user.accounts["5WT00002"]
    given = small["users"][0]["accounts"][0]["transactions"]
    assert [tx["id"] for tx in margin.transactions] == [tx["id"] for tx in given]
    assert all(tx["account-number"] == "5WT00001" for tx in margin.transactions)
    for acct in (margin, ira):
        for tx in acct.transactions:
            Transaction(**tx)
        for position in acct.positions.values():
            CurrentPosition(**position)
        assert audit(acct, TODAY) == []
    # positions derived by replay: the expired call and the settled SPX spread are gone
    assert {s: position_quantity(p) for s, p in margin.positions.items()} == {
        "AAPL": 100,
        "AAPL  300118C00210000": -1,
        "SPY   300118P00500000": -1,
    }
    assert margin.cash == Decimal(small["users"][0]["accounts"][0]["balances"]["cash-balance"])
    subs = {tx["transaction-sub-type"] for tx in margin.transactions}
    assert {"Expiration", "Cash Settled Assignment", "Dividend", "Credit Interest"} <= subs
    # the IRA's positions are used as given
    assert list(ira.positions) == ["QQQ   300118P00400000"]
    assert ira.account["account-type-name"] == "Roth IRA" and ira.initial_deposit == 60_000


def test_quotes_are_pinned_and_balances_use_them() -> None:
    env = fresh_env()
    load_scenario(SMALL, env)
    assert env.market.quote("AAPL").mark == Decimal("200.00")
    assert env.market.quote("AAPL  300118C00210000").mark == Decimal("30.30")
    assert env.market.quote("SPY").mark > 0  # others still come from the model
    margin = env.users["demo"].accounts["5WT00001"]
    assert margin.positions["AAPL"]["mark"] == "200.0"
    balance = AccountBalance(**env.ledger.balance(margin, env.market))
    expected = (
        margin.cash + 100 * Decimal("200.00") - 100 * Decimal("30.30") - 100 * Decimal("28.30")
    )
    assert balance.net_liquidating_value == expected


def test_arguments_in_either_order_and_dict_source(small: dict[str, Any]) -> None:
    env = fresh_env()
    load_scenario(env, SMALL)
    other = fresh_env()
    load_scenario(copy.deepcopy(small), other)
    assert (
        env.users["demo"].accounts["5WT00001"].transactions
        == other.users["demo"].accounts["5WT00001"].transactions
    )
    assert read_scenario("small.json") == small


def test_existing_user_keeps_credentials(small: dict[str, Any]) -> None:
    from simulator.state import AccountState, User

    env = fresh_env()
    env.users["demo"] = User(
        "demo", {"id": "me"}, {"5WT09999": AccountState(account={})}, "cid", "secret"
    )
    load_scenario(small, env)
    user = env.users["demo"]
    assert user.client_id == "cid" and set(user.accounts) == {"5WT00001", "5WT00002"}


def test_terse_transactions_get_defaults() -> None:
    env = fresh_env()
    scenario = {
        "users": [
            {
                "username": "t",
                "accounts": [
                    {
                        "account": {"account-number": "5WT00042"},
                        "transactions": [
                            {"executed-at": "2025-05-01T14:00:00Z", "value": 1000},
                            {
                                "executed-at": "2025-05-02T14:00:00Z",
                                "action": "Buy to Open",
                                "symbol": "AAPL",
                                "instrument-type": "Equity",
                                "underlying-symbol": "AAPL",
                                "quantity": "2",
                                "price": "200",
                                "value": "400",
                                "value-effect": "Debit",
                            },
                        ],
                    }
                ],
            }
        ]
    }
    load_scenario(scenario, env)
    acct = env.users["t"].accounts["5WT00042"]
    assert acct.cash == 600 and position_quantity(acct.positions["AAPL"]) == 2
    for tx in acct.transactions:
        Transaction(**tx)
    assert acct.transactions[0]["transaction-sub-type"] == "Deposit"
    assert acct.account["margin-or-cash"] == "Margin"


def test_inconsistent_scenarios_are_rejected(small: dict[str, Any]) -> None:
    bad_cash = copy.deepcopy(small)
    bad_cash["users"][0]["accounts"][0]["balances"]["cash-balance"] = "1.00"
    with pytest.raises(ScenarioError):
        load_scenario(bad_cash, fresh_env())
    orphan_close = copy.deepcopy(small)
    txs = orphan_close["users"][0]["accounts"][0]["transactions"]
    orphan_close["users"][0]["accounts"][0]["transactions"] = [
        tx
        for tx in txs
        if tx.get("symbol") != "SPY   250418P00540000" or tx["action"] != "Sell to Open"
    ]
    orphan_close["users"][0]["accounts"][0].pop("balances")
    with pytest.raises(ScenarioError):
        load_scenario(orphan_close, fresh_env())
    with pytest.raises(ScenarioError):
        load_scenario({"users": [{"accounts": []}]}, fresh_env())


def test_balances_alone_create_a_deposit() -> None:
    env = fresh_env()
    load_scenario(
        {
            "users": [
                {
                    "username": "cashonly",
                    "accounts": [
                        {
                            "account": {"account-number": "5WT07777"},
                            "balances": {"cash-balance": "5000"},
                        }
                    ],
                }
            ]
        },
        env,
    )
    acct = env.users["cashonly"].accounts["5WT07777"]
    assert acct.cash == 5000 and acct.transactions[0]["transaction-sub-type"] == "Deposit"
