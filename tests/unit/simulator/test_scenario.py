"""Scenarios in Tastytrade wire format: pinned transactions, positions, quotes, balances, chains."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from tastytrade.account import AccountBalance, CurrentPosition, Transaction
from tastytrade.instruments import NestedOptionChain, Option

from simulator.history import audit
from simulator.ledger import position_quantity
from simulator.market import ChainError, Expiration, Market
from simulator.routes_market import add_market_routes
from simulator.scenario import SCENARIO_DIR, ScenarioError, load_scenario, read_scenario
from simulator.state import ENV_KEY, Environment
from simulator.symbols import occ_symbol, streamer_symbol

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


# -- balances ------------------------------------------------------------------------------------


def _with_balances(small: dict[str, Any], balances: Any) -> dict[str, Any]:
    scenario = copy.deepcopy(small)
    scenario["users"][0]["accounts"][0]["balances"] = balances
    return scenario


def test_derived_balance_fields_are_checked_against_what_is_served(
    small: dict[str, Any],
) -> None:
    env = fresh_env()
    load_scenario(small, env)
    served = env.ledger.balance(env.users["demo"].accounts["5WT00001"], env.market)
    pinned = {
        "cash-balance": "33558.34",
        "net-liquidating-value": served["net-liquidating-value"],
        "derivative-buying-power": str(Decimal(served["derivative-buying-power"]) + 0),
        "currency": "USD",
        "updated-at": "2020-01-01T00:00:00Z",  # always "now": ignored
    }
    other = fresh_env()
    load_scenario(_with_balances(small, pinned), other)
    acct = other.users["demo"].accounts["5WT00001"]
    nlv = other.ledger.balance(acct, other.market)["net-liquidating-value"]
    assert nlv == served["net-liquidating-value"]
    wrong = dict(pinned, **{"net-liquidating-value": "1.00"})
    with pytest.raises(ScenarioError, match=r"net-liquidating-value .* derived"):
        load_scenario(_with_balances(small, wrong), fresh_env())
    with pytest.raises(ScenarioError, match="unknown field 'bogus'"):
        load_scenario(_with_balances(small, {"bogus": "1"}), fresh_env())
    with pytest.raises(ScenarioError, match="AccountBalance object"):
        load_scenario(_with_balances(small, ["33558.34"]), fresh_env())


# -- chains --------------------------------------------------------------------------------------

PINNED_DATES = [date(2029, 12, 21), date(2030, 1, 18)]
PINNED_STRIKES = [Decimal(500), Decimal(550), Decimal(600)]


def strike_row(root: str, day: date, strike: str) -> dict[str, str]:
    k = Decimal(strike)
    return {
        "strike-price": strike,
        "call": occ_symbol(root, day, "C", k),
        "call-streamer-symbol": streamer_symbol(root, day, "C", k),
        "put": occ_symbol(root, day, "P", k),
        "put-streamer-symbol": streamer_symbol(root, day, "P", k),
    }


def spy_chain() -> list[dict[str, Any]]:
    return [
        {
            "underlying-symbol": "SPY",
            "root-symbol": "SPY",
            "expirations": [
                {
                    "expiration-type": "Regular",
                    "expiration-date": day.isoformat(),
                    "settlement-type": "PM",
                    "strikes": [strike_row("SPY", day, s) for s in ("500.0", "550.0", "600.0")],
                }
                for day in PINNED_DATES
            ],
        }
    ]


def test_small_scenario_pins_the_spy_chain(small: dict[str, Any]) -> None:
    env = fresh_env()
    load_scenario(small, env)
    market, model = env.market, Market(7, TODAY)
    assert small["chains"]["SPY"][0]["root-symbol"] == "SPY"
    assert market.pinned_chains() == ["SPY"]
    assert market.expirations("SPY") == [
        Expiration(d, "Regular", "PM", "SPY") for d in PINNED_DATES
    ]
    assert market.roots("SPY") == ("SPY",)
    for day in PINNED_DATES:
        assert market.strikes("SPY", day) == PINNED_STRIKES
        contracts = market.chain("SPY", market.expiration_for("SPY", day))  # type: ignore[arg-type]
        assert [(c.strike, c.option_type) for c in contracts] == [
            (k, t) for k in PINNED_STRIKES for t in ("C", "P")
        ]
    listed = market.option("SPY   300118C00550000")
    assert listed is not None and listed.streamer_symbol == ".SPY300118C550"
    assert listed.expiration_type == "Regular" and listed.exercise_style == "American"
    # anything else on SPY is unlisted: another strike, a model expiration, a past one
    model_exp = model.expirations("SPY")[0]
    model_occ = occ_symbol("SPY", model_exp.date, "C", model.strikes("SPY", model_exp.date)[0])
    assert model.option(model_occ) is not None
    for occ in ("SPY   300118C00650000", "SPY   300118P00550500", model_occ):
        assert market.option(occ) is None
    assert market.strikes("SPY", model_exp.date) == []
    assert market.expiration_for("SPY", model_exp.date) is None
    # other underlyings keep the model's chains
    assert market.expirations("QQQ") == model.expirations("QQQ")
    # quotes and greeks still come from the model (or from the scenario's quotes)
    pinned_q, model_q = market.quote("SPY   300118C00550000"), model.quote("SPY   300118C00550000")
    assert (pinned_q.bid, pinned_q.ask, pinned_q.mark) == (model_q.bid, model_q.ask, model_q.mark)
    assert market.greeks("SPY   300118C00550000") == model.greeks("SPY   300118C00550000")
    assert market.quote("SPY   300118P00500000").mark == Decimal("28.30")


def test_clear_chain_overrides_restores_the_model() -> None:
    market, model = Market(7, TODAY), Market(7, TODAY)
    market.override_chain("SPY", spy_chain())
    assert market.option(occ_symbol("SPY", PINNED_DATES[1], "C", Decimal(550))) is not None
    market.clear_chain_overrides("QQQ")  # not pinned: nothing happens
    assert market.pinned_chains() == ["SPY"]
    market.clear_chain_overrides()
    assert market.pinned_chains() == []
    assert market.expirations("SPY") == model.expirations("SPY")
    exp = model.expirations("SPY")[3]
    assert market.strikes("SPY", exp.date) == model.strikes("SPY", exp.date)
    assert market.option("SPY   300118C00650000") == model.option("SPY   300118C00650000")


def test_spx_chain_with_both_roots() -> None:
    market = Market(7, TODAY)
    am, pm = date(2029, 12, 21), date(2029, 12, 20)
    market.override_chain(
        "SPX",
        [
            {
                "root-symbol": "SPXW",
                "expirations": [
                    {
                        "expiration-date": d.isoformat(),
                        "expiration-type": "Weekly",
                        "settlement-type": "PM",
                        "strikes": [strike_row("SPXW", d, "6000"), strike_row("SPXW", d, "6025")],
                    }
                    for d in (pm, am)
                ],
            },
            {
                "root-symbol": "SPX",
                "expirations": [
                    {
                        "expiration-date": am.isoformat(),
                        "expiration-type": "Regular",
                        "settlement-type": "AM",
                        "strikes": [strike_row("SPX", am, "5900")],
                    }
                ],
            },
        ],
    )
    assert [(e.date, e.root) for e in market.expirations("SPX")] == [
        (pm, "SPXW"),
        (am, "SPX"),
        (am, "SPXW"),
    ]
    assert market.roots("SPX") == ("SPXW", "SPX")
    assert market.strikes("SPX", am) == [Decimal(5900), Decimal(6000), Decimal(6025)]
    contract = market.option(occ_symbol("SPX", am, "P", Decimal(5900)))
    assert contract is not None and contract.settlement_type == "AM"
    assert contract.exercise_style == "European"
    assert market.option(occ_symbol("SPX", am, "P", Decimal(6000))) is None


async def test_routes_serve_the_pinned_chain_and_drop_their_cache() -> None:
    market = Market(7, TODAY)
    app = web.Application()
    app[ENV_KEY] = Environment(name="production", market=market)
    add_market_routes(app)
    async with TestClient(TestServer(app)) as client:

        async def items(path: str) -> list[dict[str, Any]]:
            resp = await client.get(path)
            assert resp.status == 200
            rows: list[dict[str, Any]] = (await resp.json())["data"]["items"]
            return rows

        before = await items("/option-chains/SPY")
        assert len(before) > 100
        await items("/option-chains/SPY/nested")  # fill the caches
        market.override_chain("SPY", spy_chain())
        full = [Option(**row) for row in await items("/option-chains/SPY")]
        assert sorted(o.symbol for o in full) == sorted(
            occ_symbol("SPY", d, t, k)
            for d in PINNED_DATES
            for k in PINNED_STRIKES
            for t in ("C", "P")
        )
        nested = [NestedOptionChain(**row) for row in await items("/option-chains/SPY/nested")]
        assert len(nested) == 1 and nested[0].root_symbol == "SPY"
        assert [e.expiration_date for e in nested[0].expirations] == PINNED_DATES
        assert [e.days_to_expiration for e in nested[0].expirations] == [
            (d - TODAY).days for d in PINNED_DATES
        ]
        got = [
            {
                "strike-price": f"{s.strike_price:.1f}",
                "call": s.call,
                "call-streamer-symbol": s.call_streamer_symbol,
                "put": s.put,
                "put-streamer-symbol": s.put_streamer_symbol,
            }
            for e in nested[0].expirations
            for s in e.strikes
        ]
        assert got == [row for e in spy_chain()[0]["expirations"] for row in e["strikes"]]
        compact = await items("/option-chains/SPY/compact")
        assert len(compact[0]["symbols"]) == 12
        resp = await client.get("/instruments/equity-options/SPY   300118C00550000")
        assert resp.status == 200
        option = Option(**(await resp.json())["data"])
        assert option.streamer_symbol == ".SPY300118C550"
        resp = await client.get("/instruments/equity-options/SPY   300118C00650000")
        assert resp.status == 404
        market.clear_chain_overrides()
        assert len(await items("/option-chains/SPY")) == len(before)


def _bad(mutate: Callable[[list[dict[str, Any]]], Any]) -> list[dict[str, Any]]:
    chain = spy_chain()
    mutate(chain)
    return chain


def _first_exp(chain: list[dict[str, Any]]) -> dict[str, Any]:
    exp: dict[str, Any] = chain[0]["expirations"][0]
    return exp


def _first_strike(chain: list[dict[str, Any]]) -> dict[str, Any]:
    row: dict[str, Any] = _first_exp(chain)["strikes"][0]
    return row


BAD_CHAINS: list[tuple[str, Any, str]] = [
    ("not a list", {"root-symbol": "SPY"}, "list of NestedOptionChain"),
    ("item not an object", ["SPY"], "expected a JSON object"),
    ("missing root", _bad(lambda c: c[0].pop("root-symbol")), "missing 'root-symbol'"),
    ("missing expirations", _bad(lambda c: c[0].pop("expirations")), "missing 'expirations'"),
    ("foreign root", _bad(lambda c: c[0].update({"root-symbol": "QQQ"})), "not a root of SPY"),
    (
        "wrong underlying-symbol",
        _bad(lambda c: c[0].update({"underlying-symbol": "QQQ"})),
        "underlying-symbol 'QQQ'",
    ),
    ("root twice", _bad(lambda c: c.append(copy.deepcopy(c[0]))), "listed twice"),
    (
        "missing expiration-date",
        _bad(lambda c: _first_exp(c).pop("expiration-date")),
        "missing 'expiration-date'",
    ),
    (
        "bad date",
        _bad(lambda c: _first_exp(c).update({"expiration-date": "2029-13-01"})),
        "not a YYYY-MM-DD date",
    ),
    (
        "compact date",
        _bad(lambda c: _first_exp(c).update({"expiration-date": "20291221"})),
        "not a YYYY-MM-DD date",
    ),
    (
        "weekend",
        _bad(lambda c: _first_exp(c).update({"expiration-date": "2029-12-22"})),
        "not an NYSE trading day",
    ),
    (
        "past expiration",
        _bad(lambda c: _first_exp(c).update({"expiration-date": "2025-05-30"})),
        "before the market's today",
    ),
    (
        "expiration twice",
        _bad(lambda c: c[0]["expirations"].append(copy.deepcopy(_first_exp(c)))),
        "expiration listed twice",
    ),
    (
        "missing expiration-type",
        _bad(lambda c: _first_exp(c).pop("expiration-type")),
        "missing 'expiration-type'",
    ),
    (
        "bad settlement",
        _bad(lambda c: _first_exp(c).update({"settlement-type": "XX"})),
        "settlement-type 'XX'",
    ),
    ("missing strikes", _bad(lambda c: _first_exp(c).pop("strikes")), "missing 'strikes'"),
    ("no strikes", _bad(lambda c: _first_exp(c).update({"strikes": []})), "strikes is empty"),
    (
        "missing strike-price",
        _bad(lambda c: _first_strike(c).pop("strike-price")),
        "missing 'strike-price'",
    ),
    (
        "bad strike",
        _bad(lambda c: _first_strike(c).update({"strike-price": "abc"})),
        "not a number",
    ),
    (
        "negative strike",
        _bad(lambda c: _first_strike(c).update({"strike-price": "-5"})),
        "must be in",
    ),
    (
        "sub-mill strike",
        _bad(lambda c: _first_strike(c).update({"strike-price": "500.0001"})),
        "more than 3 decimal places",
    ),
    ("missing put", _bad(lambda c: _first_strike(c).pop("put")), "missing 'put'"),
    (
        "duplicate strike",
        _bad(lambda c: _first_exp(c)["strikes"].append(dict(_first_strike(c)))),
        "duplicate strike",
    ),
    (
        "occ of another strike",
        _bad(lambda c: _first_strike(c).update({"call": "SPY   291221C00505000"})),
        "does not match the root, expiration, type and strike",
    ),
    (
        "occ of another type",
        _bad(lambda c: _first_strike(c).update({"call": "SPY   291221P00500000"})),
        "does not match",
    ),
    (
        "occ of another expiration",
        _bad(lambda c: _first_strike(c).update({"put": "SPY   300118P00500000"})),
        "does not match",
    ),
    (
        "occ of another root",
        _bad(lambda c: _first_strike(c).update({"call": "QQQ   291221C00500000"})),
        "does not match",
    ),
    (
        "unpadded occ",
        _bad(lambda c: _first_strike(c).update({"call": "SPY291221C00500000"})),
        "does not match",
    ),
    (
        "wrong streamer symbol",
        _bad(lambda c: _first_strike(c).update({"put-streamer-symbol": ".SPY291221P505"})),
        "put-streamer-symbol",
    ),
    (
        "mini options",
        _bad(lambda c: c[0].update({"shares-per-contract": 10})),
        "shares-per-contract 10",
    ),
    (
        "non-standard chain",
        _bad(lambda c: c[0].update({"option-chain-type": "Non-standard"})),
        "option-chain-type",
    ),
]


@pytest.mark.parametrize(("chain", "message"), [pytest.param(c, m, id=i) for i, c, m in BAD_CHAINS])
def test_malformed_chains_are_scenario_errors(chain: Any, message: str) -> None:
    env = fresh_env()
    good = spy_chain()
    good[0]["underlying-symbol"] = "QQQ"
    good[0]["root-symbol"] = "QQQ"
    for exp in good[0]["expirations"]:
        day = date.fromisoformat(exp["expiration-date"])
        exp["strikes"] = [strike_row("QQQ", day, "400")]
    with pytest.raises(ScenarioError, match=re.escape(message)):
        load_scenario({"chains": {"QQQ": good, "SPY": chain}}, env)
    # validated before anything is applied: the QQQ chain was not pinned either
    assert env.market.pinned_chains() == []


def test_chains_of_unknown_underlyings_and_bad_shapes() -> None:
    with pytest.raises(ScenarioError, match="'ZZZ' is not an underlying"):
        load_scenario({"chains": {"ZZZ": []}}, fresh_env())
    with pytest.raises(ScenarioError, match="'chains' must be an object"):
        load_scenario({"chains": [spy_chain()]}, fresh_env())
    with pytest.raises(ChainError):
        Market(7, TODAY).override_chain("SPY", [{"root-symbol": 5, "expirations": []}])


def test_open_positions_must_be_in_the_pinned_chain(small: dict[str, Any]) -> None:
    scenario = copy.deepcopy(small)
    strikes = scenario["chains"]["SPY"][0]["expirations"][1]["strikes"]
    scenario["chains"]["SPY"][0]["expirations"][1]["strikes"] = [
        s for s in strikes if s["strike-price"] != "500.0"
    ]
    with pytest.raises(ScenarioError, match=r"SPY   300118P00500000.*not in the pinned SPY"):
        load_scenario(scenario, fresh_env())
