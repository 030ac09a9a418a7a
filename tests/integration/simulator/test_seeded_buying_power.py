"""Seeded margin accounts end their history able to trade: a trader who nears a margin call
deposits cash (recorded as a Deposit), so production orders are not all rejected for buying
power."""

from __future__ import annotations

from decimal import Decimal

import pytest

from simulator.server import run_simulator


@pytest.mark.parametrize("seed", [7, 1, 2])
async def test_every_margin_account_keeps_buying_power(seed: int) -> None:
    async with run_simulator(seed=seed, market_tick=0) as sim:
        env = sim.production
        assert env.ledger is not None
        margin_accounts = [
            acct
            for user in env.users.values()
            for acct in user.accounts.values()
            if acct.account["margin-or-cash"] == "Margin"
        ]
        assert margin_accounts
        for acct in margin_accounts:
            balance = env.ledger.balance(acct, env.market)
            net_liq = Decimal(balance["net-liquidating-value"])
            assert Decimal(balance["derivative-buying-power"]) > net_liq * Decimal("0.2")
            deposits = [t for t in acct.transactions if t["transaction-sub-type"] == "Deposit"]
            assert deposits[0]["description"] == "ACH DEPOSIT"
