"""state.py: the shared dataclasses and lookups."""

from __future__ import annotations

from datetime import date
from typing import Any

from aiohttp import web

from simulator.state import ENV_KEY, SANDBOX, AccountState, Environment, User


def make_env(name: str = "production") -> Environment:
    market: Any = object()
    env = Environment(name=name, market=market, today=date(2025, 6, 2))
    acct = AccountState(account={"account-number": "5WT00001"})
    env.users["demo"] = User("demo", {}, {"5WT00001": acct}, "cid", "secret", {"rt-1"})
    return env


def test_lookups() -> None:
    env = make_env()
    found = env.account("5WT00001")
    assert found is not None and found[0].username == "demo" and found[1].number == "5WT00001"
    assert env.account("nope") is None
    assert env.user_for_refresh_token("rt-1") is env.users["demo"]
    assert env.user_for_refresh_token("rt-2") is None
    assert env.user_for_client("cid") is env.users["demo"]
    assert [a.number for _, a in env.all_accounts()] == ["5WT00001"]


def test_ids_are_shared_and_increasing() -> None:
    env = make_env()
    first, second = env.next_id(), next(env.ids)
    assert second == first + 1


def test_defaults() -> None:
    env = make_env(SANDBOX)
    assert env.is_sandbox and env.access_tokens == {} and env.fill_model == "quote"
    acct = env.users["demo"].accounts["5WT00001"]
    assert acct.cash == 0 and acct.orders == {} and acct.positions == {}
    assert isinstance(ENV_KEY, web.AppKey)
