"""Account/customer/transaction REST calls through the unmodified SDK."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import aiohttp
import pytest
from tastytrade import Account, Session
from tastytrade.account import (
    AccountBalance,
    AccountBalanceSnapshot,
    CurrentPosition,
    MarginReport,
    NetLiqOhlc,
    TradingStatus,
    Transaction,
)
from tastytrade.order import InstrumentType
from tastytrade.utils import TastytradeError

from simulator.server import RunningSimulator


async def test_validate_and_customer(sim: RunningSimulator, prod_session: Session) -> None:
    assert await prod_session.validate() is False  # no token yet: validate() skips refresh()
    customer = await prod_session.get_customer()
    assert customer.email
    assert await prod_session.validate() is True


async def test_accounts(prod_session: Session, sim: RunningSimulator) -> None:
    accounts = await Account.get(prod_session)
    user = next(iter(sim.production.users.values()))
    assert {a.account_number for a in accounts} == set(user.accounts)
    assert {a.margin_or_cash for a in accounts} >= {"Margin", "Cash"}
    one = await Account.get(prod_session, accounts[0].account_number)
    assert one.account_number == accounts[0].account_number


async def test_environments_are_separate(
    sim: RunningSimulator,
    prod_session: Session,
    sandbox_session: Session,
    session_factory: Callable[..., Session],
) -> None:
    prod = {a.account_number for a in await Account.get(prod_session)}
    sandbox = {a.account_number for a in await Account.get(sandbox_session)}
    assert prod and sandbox and not prod & sandbox
    # the production credentials do not work against the sandbox
    creds = sim.credentials()
    wrong = session_factory("sandbox")
    wrong.refresh_token = creds["production"]["refresh_token"]
    with pytest.raises(TastytradeError):
        await wrong.get_customer()


async def test_other_users_account_is_forbidden(
    sim: RunningSimulator, prod_session: Session
) -> None:
    users = list(sim.production.users.values())
    foreign = next(iter(users[1].accounts))
    with pytest.raises(TastytradeError, match="not_permitted"):
        await Account.get(prod_session, foreign)
    with pytest.raises(TastytradeError, match="record_not_found"):
        await Account.get(prod_session, "5WX99999")


async def test_trading_status_and_balances(prod_session: Session, prod_account: Account) -> None:
    status = await prod_account.get_trading_status(prod_session)
    assert isinstance(status, TradingStatus)
    assert status.account_number == prod_account.account_number
    balance = await prod_account.get_balances(prod_session)
    assert isinstance(balance, AccountBalance)
    assert balance.net_liquidating_value > 0


async def test_balance_snapshots(prod_session: Session, prod_account: Account) -> None:
    snaps = await prod_account.get_balance_snapshots(prod_session, page_offset=None, per_page=50)
    assert all(isinstance(s, AccountBalanceSnapshot) for s in snaps)
    assert len(snaps) > 50  # a year of trading days over several pages
    assert snaps[0].snapshot_date >= snaps[-1].snapshot_date
    start = snaps[10].snapshot_date
    some = await prod_account.get_balance_snapshots(
        prod_session, page_offset=None, start_date=start, time_of_day="EOD"
    )
    assert all(s.snapshot_date >= start for s in some)


async def test_positions(
    sim: RunningSimulator, prod_session: Session, prod_account: Account
) -> None:
    positions = await prod_account.get_positions(prod_session)
    assert positions and all(isinstance(p, CurrentPosition) for p in positions)
    assert all(p.mark is None for p in positions)
    marked = await prod_account.get_positions(prod_session, include_marks=True)
    assert all(p.mark is not None for p in marked)
    underlying = positions[0].underlying_symbol
    some = await prod_account.get_positions(prod_session, underlying_symbols=[underlying])
    assert some and {p.underlying_symbol for p in some} == {underlying}
    sym = positions[0].symbol
    assert [p.symbol for p in await prod_account.get_positions(prod_session, symbol=sym)] == [sym]


async def test_transactions_pagination_and_filters(
    prod_session: Session, prod_account: Account
) -> None:
    everything = await prod_account.get_history(prod_session, page_offset=None, per_page=100)
    assert len(everything) > 100
    assert all(isinstance(t, Transaction) for t in everything)
    assert len({t.id for t in everything}) == len(everything)
    first_page = await prod_account.get_history(prod_session, per_page=10)
    assert [t.id for t in first_page] == [t.id for t in everything[:10]]
    assert everything[0].executed_at >= everything[-1].executed_at  # Desc by default
    asc = await prod_account.get_history(prod_session, per_page=5, sort="Asc")
    assert asc[0].executed_at <= asc[-1].executed_at
    trades = await prod_account.get_history(prod_session, page_offset=None, type="Trade")
    assert trades and {t.transaction_type for t in trades} == {"Trade"}
    multi = await prod_account.get_history(
        prod_session, page_offset=None, types=["Trade", "Money Movement"]
    )
    assert {t.transaction_type for t in multi} <= {"Trade", "Money Movement"}
    sub = await prod_account.get_history(prod_session, page_offset=None, sub_types=["Deposit"])
    assert sub and {t.transaction_sub_type for t in sub} == {"Deposit"}
    underlying = next(t.underlying_symbol for t in trades if t.underlying_symbol)
    by_under = await prod_account.get_history(
        prod_session, page_offset=None, underlying_symbol=underlying
    )
    assert by_under and {t.underlying_symbol for t in by_under} == {underlying}
    sym = trades[0].symbol
    assert sym
    by_sym = await prod_account.get_history(prod_session, page_offset=None, symbol=sym)
    assert {t.symbol for t in by_sym} == {sym}
    opts = await prod_account.get_history(
        prod_session, page_offset=None, instrument_type=InstrumentType.EQUITY_OPTION
    )
    assert opts and {t.instrument_type for t in opts} == {"Equity Option"}
    action = await prod_account.get_history(prod_session, page_offset=None, action="Sell to Open")
    assert action and {t.action for t in action} == {"Sell to Open"}
    mid = everything[len(everything) // 2].transaction_date
    dated = await prod_account.get_history(
        prod_session, page_offset=None, start_date=mid, end_date=mid + timedelta(days=30)
    )
    assert dated and all(mid <= t.transaction_date <= mid + timedelta(days=30) for t in dated)
    moment = everything[len(everything) // 2].executed_at
    after = await prod_account.get_history(prod_session, page_offset=None, start_at=moment)
    assert after and all(t.executed_at >= moment for t in after)
    before = await prod_account.get_history(prod_session, page_offset=None, end_at=moment)
    assert before and all(t.executed_at <= moment for t in before)


async def test_per_page_is_capped(sim: RunningSimulator, prod_session: Session) -> None:
    account = (await Account.get(prod_session))[0]
    await prod_session.refresh()
    resp = await prod_session._client.get(
        f"/accounts/{account.account_number}/transactions", params={"per-page": 1000}
    )
    assert resp.json()["pagination"]["per-page"] == 250


async def test_transaction_total_fees_net_liq_margin(
    prod_session: Session, prod_account: Account
) -> None:
    trades = await prod_account.get_history(prod_session, per_page=250, type="Trade")
    txn = await prod_account.get_transaction(prod_session, trades[0].id)
    assert txn.id == trades[0].id
    with pytest.raises(TastytradeError, match="record_not_found"):
        await prod_account.get_transaction(prod_session, 999_999_999)
    fees = await prod_account.get_total_fees(prod_session, day=trades[0].transaction_date)
    assert fees.total_fees <= 0
    history = await prod_account.get_net_liquidating_value_history(prod_session, time_back="1m")
    assert history and all(isinstance(h, NetLiqOhlc) for h in history)
    since = datetime.now(UTC) - timedelta(days=90)
    longer = await prod_account.get_net_liquidating_value_history(prod_session, start_time=since)
    assert len(longer) > len(history)
    report = await prod_account.get_margin_requirements(prod_session)
    assert isinstance(report, MarginReport)
    assert report.groups


async def test_unknown_route_and_missing_token(sim: RunningSimulator) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{sim.url}/customers/me") as resp:
            assert resp.status == 401
            body = await resp.json()
            assert body["error"]["code"] == "token_invalid"
        async with http.get(f"{sim.url}/margin-requirements-public-configuration") as resp:
            assert resp.status != 401
        async with http.get(f"{sim.url}/_sim/credentials") as resp:
            creds = await resp.json()
            assert set(creds) == {"production", "sandbox"}
            assert creds["sandbox"]["base_url"] == f"{sim.url}/sandbox"
            assert {"base_url", "client_secret", "refresh_token", "oauth_client_id"} <= set(
                creds["production"]
            )


async def test_sandbox_reset(
    sim: RunningSimulator, sandbox_session: Session, sandbox_account: Account
) -> None:
    before = await sandbox_account.get_balances(sandbox_session)
    acct = sim.sandbox.account(sandbox_account.account_number)
    assert acct is not None
    from simulator.ledger import Ledger

    ledger: Ledger = sim.sandbox.ledger
    ledger.trade(
        acct[1],
        symbol="AAPL",
        instrument_type="Equity",
        underlying="AAPL",
        action="Buy to Open",
        quantity=Decimal(10),
        price=Decimal(1),
        executed_at=datetime.now(UTC),
    )
    assert await sandbox_account.get_positions(sandbox_session)
    async with aiohttp.ClientSession() as http, http.post(f"{sim.url}/_sim/reset") as resp:
        assert resp.status == 200
    assert await sandbox_account.get_positions(sandbox_session) == []
    after = await sandbox_account.get_balances(sandbox_session)
    assert after.cash_balance == before.cash_balance
    assert {a.account_number for a in await Account.get(sandbox_session)}  # accounts remain
    history = await sandbox_account.get_history(sandbox_session, page_offset=None)
    assert [t.transaction_sub_type for t in history] == ["Deposit"]
