"""A linked trader on the simulator, and the simulator's ground truth next to what a sync
stored: shared by the sync tests and ``bench/sync.py``.

``link_grant`` stores the simulator's personal grant exactly as linking does (vault purposes
by natural key), without depending on the linking service. ``compare`` checks every account,
transaction (all stored fields), current position and balance against the simulator and counts
what was lost, duplicated or differs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import aiohttp

from services.broker import broker_route
from services.broker.client import RetryPolicy
from services.broker.credentials import client_secret_purpose, refresh_token_purpose
from services.db.models import (
    BalanceSnapshot,
    BrokerAccount,
    BrokerCredential,
    CredentialKind,
    Position,
    Transaction,
)
from services.environment import Environment
from services.sync import SyncStatus, SyncTrigger, sync_trader
from services.traders import trader_for
from services.vault import Vault
from simulator.server import RunningSimulator

FEE_KEYS = ("commission", "clearing-fees", "regulatory-fees", "proprietary-index-option-fees")


async def link_grant(
    vault: Vault, discord_id: int, sim: RunningSimulator, environment: Environment
) -> None:
    """Store the simulator's personal grant for ``environment`` as the trader's credential."""
    creds = sim.credentials()[environment.value]
    trader = await trader_for(discord_id)
    await BrokerCredential.create(
        trader=trader,
        environment=environment,
        kind=CredentialKind.PERSONAL,
        refresh_token_encrypted=vault.encrypt(
            creds["refresh_token"], purpose=refresh_token_purpose(discord_id, environment)
        ),
        client_secret_encrypted=vault.encrypt(
            creds["client_secret"], purpose=client_secret_purpose(discord_id, environment)
        ),
    )


async def link_and_sync(
    vault: Vault, sim: RunningSimulator, discord_id: int, policy: RetryPolicy
) -> None:
    """Link the trader to both simulated environments and sync once; the sync must succeed."""
    for environment in Environment:
        await link_grant(vault, discord_id, sim, environment)
    result = await sync_trader(
        discord_id,
        trigger=SyncTrigger.MANUAL,
        vault=vault,
        route=broker_route(sim.url, demo_mode=True),
        policy=policy,
    )
    assert result.status is SyncStatus.SUCCEEDED, result.errors


def signed(row: dict[str, Any], key: str) -> Decimal | None:
    """A wire amount with its ``-effect`` applied (Tastytrade's sign convention)."""
    raw = row.get(key)
    if raw is None:
        return None
    amount = Decimal(str(raw))
    return -abs(amount) if row.get(f"{key}-effect") == "Debit" else amount


def _optional(row: dict[str, Any], key: str) -> Decimal | None:
    raw = row.get(key)
    return None if raw is None else Decimal(str(raw))


def truth_transaction(row: dict[str, Any]) -> tuple[Any, ...]:
    fees = sum(
        (signed(row, key) or Decimal(0) for key in (*FEE_KEYS, "other-charge")),
        start=Decimal(0),
    )
    return (
        row["transaction-type"],
        row["transaction-sub-type"],
        row.get("action"),
        row.get("symbol"),
        row.get("underlying-symbol"),
        row.get("instrument-type"),
        _optional(row, "quantity"),
        _optional(row, "price"),
        signed(row, "value"),
        signed(row, "net-value"),
        fees,
        row.get("order-id"),
        datetime.fromisoformat(row["executed-at"]),
        row["transaction-date"],
        row.get("description", ""),
    )


def stored_transaction(row: Transaction) -> tuple[Any, ...]:
    return (
        row.transaction_type,
        row.transaction_sub_type,
        row.action,
        row.symbol,
        row.underlying_symbol,
        row.instrument_type,
        row.quantity,
        row.price,
        row.value,
        row.net_value,
        row.fees,
        row.order_id,
        row.executed_at,
        row.transaction_date.isoformat(),
        row.description,
    )


def _decimal_equal(left: tuple[Any, ...], right: tuple[Any, ...]) -> bool:
    if len(left) != len(right):
        return False
    for a, b in zip(left, right, strict=True):
        if isinstance(a, Decimal) and isinstance(b, Decimal):
            if a.compare(b) != 0:
                return False
        elif a != b:
            return False
    return True


@dataclass
class Comparison:
    """What a sync stored against the simulator: zero everywhere means equal."""

    lost: int = 0
    duplicated: int = 0
    mismatched: int = 0
    transactions: int = 0
    details: list[str] = field(default_factory=list)

    def note(self, kind: str, text: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.details) < 20:
            self.details.append(f"{kind}: {text}")

    @property
    def equal(self) -> bool:
        return self.lost == self.duplicated == self.mismatched == 0


async def sim_state(sim: RunningSimulator) -> dict[str, Any]:
    """``GET /_sim/state`` (the simulator's own ground truth)."""
    async with aiohttp.ClientSession() as http, http.get(f"{sim.url}/_sim/state") as response:
        response.raise_for_status()
        state: dict[str, Any] = await response.json()
        return state


async def compare(
    sim: RunningSimulator,
    discord_id: int,
    environments: tuple[Environment, ...] = (Environment.PRODUCTION, Environment.SANDBOX),
) -> Comparison:
    """Compare the trader's stored rows with the simulator's primary user, value by value."""
    result = Comparison()
    state = await sim_state(sim)
    for environment in environments:
        env = sim.production if environment is Environment.PRODUCTION else sim.sandbox
        user = next(iter(env.users.values()))
        reported = state["environments"][environment.value]["accounts"]
        rows = {
            row.account_number: row
            for row in await BrokerAccount.filter(
                trader__discord_id=discord_id, environment=environment
            )
        }
        for number, acct in user.accounts.items():
            row = rows.get(number)
            if row is None:
                result.note("lost", f"account {number}")
                result.lost += len(acct.transactions) + len(acct.positions)
                continue
            if row.nickname != acct.account.get(
                "nickname"
            ) or row.margin_or_cash != acct.account.get("margin-or-cash"):
                result.note("mismatched", f"account {number} details")
            await _compare_transactions(result, row, acct.transactions)
            await _compare_positions(result, row, reported[number]["positions"])
            await _compare_balance(result, row, env, acct, reported[number]["cash"])
        for number in set(rows) - set(user.accounts):
            result.note("mismatched", f"account {number} is not the trader's")
    return result


async def _compare_transactions(
    result: Comparison, row: BrokerAccount, truth_rows: list[dict[str, Any]]
) -> None:
    stored = await Transaction.filter(account=row)
    by_id: dict[int, Transaction] = {}
    for item in stored:
        if item.tastytrade_id in by_id:
            result.note("duplicated", f"transaction {item.tastytrade_id}")
        by_id[item.tastytrade_id] = item
    result.transactions += len(stored)
    truth = {int(item["id"]): item for item in truth_rows}
    for tastytrade_id, wire in truth.items():
        mine = by_id.get(tastytrade_id)
        if mine is None:
            result.note("lost", f"transaction {tastytrade_id} of {row.account_number}")
        elif not _decimal_equal(stored_transaction(mine), truth_transaction(wire)):
            result.note("mismatched", f"transaction {tastytrade_id} of {row.account_number}")
    for tastytrade_id in set(by_id) - set(truth):
        result.note("mismatched", f"transaction {tastytrade_id} not at Tastytrade")


async def _compare_positions(
    result: Comparison, row: BrokerAccount, truth: dict[str, dict[str, Any]]
) -> None:
    expected = {
        symbol: Decimal(str(item["quantity"])) * (-1 if item["direction"] == "Short" else 1)
        for symbol, item in truth.items()
        if Decimal(str(item["quantity"])) != 0
    }
    current: dict[str, Decimal] = {}
    if row.last_synced_at is not None:
        for position in await Position.filter(account=row, as_of=row.last_synced_at):
            if position.symbol in current:
                result.note("duplicated", f"position {position.symbol} of {row.account_number}")
            current[position.symbol] = position.quantity
    for symbol, quantity in expected.items():
        if symbol not in current:
            result.note("lost", f"position {symbol} of {row.account_number}")
        elif current[symbol].compare(quantity) != 0:
            result.note("mismatched", f"position {symbol} of {row.account_number}")
    for symbol in set(current) - set(expected):
        result.note("mismatched", f"position {symbol} not at Tastytrade")


async def _compare_balance(
    result: Comparison, row: BrokerAccount, env: Any, acct: Any, cash: str
) -> None:
    snapshot = (
        await BalanceSnapshot.get_or_none(account=row, as_of=row.last_synced_at)
        if row.last_synced_at is not None
        else None
    )
    if snapshot is None:
        result.note("lost", f"balance of {row.account_number}")
        return
    wire = env.ledger.balance(acct, env.market)
    expected_nlv = signed(wire, "net-liquidating-value")
    if snapshot.cash_balance.compare(Decimal(cash)) != 0:
        result.note("mismatched", f"cash of {row.account_number}")
    if expected_nlv is None or snapshot.net_liquidating_value.compare(expected_nlv) != 0:
        result.note("mismatched", f"net liquidating value of {row.account_number}")
