"""Sync benchmarks against the simulator (real SDK over HTTP, a real database).

Speed (``--accounts 3 --transactions 10000 --latency-ms 50``): a trader with N production
accounts of about T transactions each, every request delayed by the latency. Prints
``{"initial_s", "incremental_s", "rows", "duplicates", ...}``: the first (full) sync, a second
(incremental) sync, the transaction rows stored, and duplicated or lost rows against the
simulator's ground truth. ``initial_grouping_s`` and ``incremental_grouping_s`` are the part of
each spent in the after-sync strategy grouping (between the last "store" and the "refresh"
progress reports).

Faults (``--fault-runs 200``): R syncs of a small seeded trader, each under its own seeded fault
plan (429s, 5xx, hangs, a page failing mid-pagination, access tokens expiring, the sync task
cancelled at a random point and run again). Even runs start from an empty database (a full
sync), odd runs after a new transaction at the broker (an incremental sync). After each run the
database is compared with the ground truth. Prints ``{"fault_runs", "lost", "duplicated",
"mismatched", ...}``.

Uses SQLite in a temporary directory, or ``--database-url`` (e.g. a scratch Postgres database).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.sync_world import compare, link_grant  # noqa: E402

from services.broker import broker_route  # noqa: E402
from services.broker.client import RetryPolicy  # noqa: E402
from services.db import close_db, init_db  # noqa: E402
from services.db.models import BrokerAccount, SyncRun  # noqa: E402
from services.environment import Environment  # noqa: E402
from services.sync import (  # noqa: E402
    ProgressCallback,
    SyncProgress,
    SyncResult,
    SyncStage,
    SyncStatus,
    SyncTrigger,
    sync_trader,
)
from services.vault import Vault, generate_key  # noqa: E402
from simulator import calendar, history  # noqa: E402
from simulator.server import RunningSimulator, run_simulator  # noqa: E402

TRADER = 4242
PRODUCTION = (Environment.PRODUCTION,)
SPEED_POLICY = RetryPolicy(attempts=5, initial_wait=0.1, max_wait=1.0, jitter=0.1)
FAULT_POLICY = RetryPolicy(
    attempts=8,
    max_seconds=10,
    initial_wait=0.005,
    max_wait=0.02,
    jitter=0.005,
    request_timeout=0.4,
    connect_timeout=0.4,
)
HEALING_ATTEMPTS = 3  # syncs under the same fault plan before the faults are lifted


def seed_accounts(sim: RunningSimulator, accounts: int, transactions: int) -> None:
    """Give the first ``accounts`` production accounts ``transactions`` transactions each."""
    env = sim.production
    user = next(iter(env.users.values()))
    today = env.market.today
    start = calendar.next_trading_day(today - timedelta(days=365), inclusive=True)
    end = calendar.previous_trading_day(today)
    for number, acct in list(user.accounts.items())[:accounts]:
        acct.transactions.clear()
        acct.positions.clear()
        acct.balance_snapshots.clear()
        acct.cash = Decimal(0)
        history.generate_account_history(
            acct,
            env.market,
            env.ledger,
            random.Random(number),
            start,
            end,
            history.MARGIN,
            transactions=transactions,
        )
    for number in list(user.accounts)[accounts:]:
        del user.accounts[number]


async def set_faults(sim: RunningSimulator, rules: list[dict[str, Any]], seed: int = 0) -> None:
    await sim.set_faults({"seed": seed, "rules": rules})


async def sync_once(
    vault: Vault,
    sim: RunningSimulator,
    policy: RetryPolicy,
    progress: ProgressCallback | None = None,
) -> SyncResult:
    return await sync_trader(
        TRADER,
        trigger=SyncTrigger.MANUAL,
        vault=vault,
        route=broker_route(sim.url, demo_mode=True),
        policy=policy,
        progress=progress,
    )


class StageClock:
    """When the sync last reported storing and when it reported its after-sync refresh (the
    strategy grouping): the refresh's seconds are the time between."""

    def __init__(self) -> None:
        self.stored_at: float | None = None
        self.refreshed_at: float | None = None

    async def __call__(self, update: SyncProgress) -> None:
        if update.stage is SyncStage.STORE:
            self.stored_at = time.perf_counter()
        elif update.stage is SyncStage.REFRESH:
            self.refreshed_at = time.perf_counter()

    @property
    def refresh_s(self) -> float | None:
        if self.stored_at is None or self.refreshed_at is None:
            return None
        return round(self.refreshed_at - self.stored_at, 3)


async def speed(args: argparse.Namespace, db_url: str) -> dict[str, Any]:
    async with run_simulator(seed=7, market_tick=0) as sim:
        seed_accounts(sim, args.accounts, args.transactions)
        await init_db(db_url)
        try:
            vault = Vault([generate_key()])
            await link_grant(vault, TRADER, sim, Environment.PRODUCTION)
            await set_faults(sim, [{"kind": "latency", "ms": args.latency_ms}])
            clocks = StageClock(), StageClock()
            started = time.perf_counter()
            first = await sync_once(vault, sim, SPEED_POLICY, clocks[0])
            initial_s = time.perf_counter() - started
            started = time.perf_counter()
            second = await sync_once(vault, sim, SPEED_POLICY, clocks[1])
            incremental_s = time.perf_counter() - started
            await set_faults(sim, [])
            truth = await compare(sim, TRADER, PRODUCTION)
        finally:
            await close_db()
    return {
        "initial_s": round(initial_s, 3),
        "incremental_s": round(incremental_s, 3),
        # of which the after-sync strategy grouping (None: it did not run)
        "initial_grouping_s": clocks[0].refresh_s,
        "incremental_grouping_s": clocks[1].refresh_s,
        "rows": truth.transactions,
        "duplicates": truth.duplicated,
        "lost": truth.lost,
        "mismatched": truth.mismatched,
        "pages": first.pages,
        "incremental_pages": second.pages,
        "incremental_new": second.new,
        "statuses": [first.status.value, second.status.value],
        "accounts": args.accounts,
        "latency_ms": args.latency_ms,
    }


def fault_plan(rng: random.Random) -> list[dict[str, Any]]:
    """A seeded mix of the faults the sync must survive (one to four of them)."""
    choices: list[dict[str, Any]] = [
        {"kind": "error", "status": 429, "rate": rng.uniform(0.05, 0.4)},
        {"kind": "error", "status": rng.choice([500, 502, 503]), "rate": rng.uniform(0.05, 0.4)},
        {
            "kind": "hang",
            "seconds": 1.0,
            "path": rng.choice(
                ["/accounts/*/transactions", "/accounts/*/positions", "/accounts/*/balances/*"]
            ),
            "times": rng.randint(1, 2),
        },
        {
            "kind": "page_fail",
            "path": "/accounts/*/transactions",
            "from_page": rng.randint(1, 2),
            "times": rng.randint(1, 12),
        },
        {"kind": "token_expiry", "seconds": rng.uniform(0.2, 0.5)},
        {"kind": "latency", "ms": rng.uniform(1, 15), "jitter_ms": 10},
    ]
    return rng.sample(choices, rng.randint(1, 4))


async def fault_run(index: int, sim: RunningSimulator, vault: Vault, tally: dict[str, Any]) -> None:
    rng = random.Random(index)
    if index % 2 == 0:  # a fresh trader: the first, full sync
        await BrokerAccount.filter(trader__discord_id=TRADER).delete()
        await SyncRun.filter(trader__discord_id=TRADER).delete()
    else:  # something new at the broker: an incremental sync
        env = sim.production
        acct = next(iter(next(iter(env.users.values())).accounts.values()))
        env.ledger.cash(
            acct,
            sub_type="Deposit",
            amount=Decimal(rng.randint(1, 500)),
            executed_at=datetime.now(UTC),
            description=f"BENCH DEPOSIT {index}",
        )
    await set_faults(sim, fault_plan(rng), seed=index)
    if rng.random() < 0.5:  # cancel the sync at a random point, then run it again
        task = asyncio.create_task(sync_once(vault, sim, FAULT_POLICY))
        await asyncio.sleep(rng.uniform(0.0, 0.4))
        task.cancel()
        try:
            await task
            tally["cancel_too_late"] += 1
        except asyncio.CancelledError:
            tally["cancelled"] += 1
    status = None
    for _ in range(HEALING_ATTEMPTS):
        status = (await sync_once(vault, sim, FAULT_POLICY)).status
        if status is SyncStatus.SUCCEEDED:
            break
    if status is not SyncStatus.SUCCEEDED:
        tally["healed_after_faults_lifted"] += 1
        await set_faults(sim, [])
        await sync_once(vault, sim, FAULT_POLICY)
    await set_faults(sim, [])
    truth = await compare(sim, TRADER, PRODUCTION)
    tally["lost"] += truth.lost
    tally["duplicated"] += truth.duplicated
    tally["mismatched"] += truth.mismatched
    if not truth.equal:
        tally["unequal_runs"].append({"run": index, "details": truth.details[:5]})


async def faults(args: argparse.Namespace, db_url: str) -> dict[str, Any]:
    tally: dict[str, Any] = {
        "lost": 0,
        "duplicated": 0,
        "mismatched": 0,
        "cancelled": 0,
        "cancel_too_late": 0,
        "healed_after_faults_lifted": 0,
        "unequal_runs": [],
    }
    started = time.perf_counter()
    async with run_simulator(seed=7, market_tick=0, transactions=args.small_transactions) as sim:
        await init_db(db_url)
        try:
            vault = Vault([generate_key()])
            await link_grant(vault, TRADER, sim, Environment.PRODUCTION)
            for index in range(args.fault_runs):
                await fault_run(index, sim, vault, tally)
                if (index + 1) % 20 == 0:
                    print(
                        f"{index + 1} runs, {time.perf_counter() - started:.0f} s", file=sys.stderr
                    )
        finally:
            await close_db()
    return {
        "fault_runs": args.fault_runs,
        "lost": tally["lost"],
        "duplicated": tally["duplicated"],
        "mismatched": tally["mismatched"],
        "cancelled": tally["cancelled"],
        "cancel_too_late": tally["cancel_too_late"],
        "healed_after_faults_lifted": tally["healed_after_faults_lifted"],
        "unequal_runs": tally["unequal_runs"][:5],
        "seconds": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=3, choices=(1, 2, 3))
    parser.add_argument("--transactions", type=int, default=10_000)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--fault-runs", type=int, default=0, help="run the fault benchmark")
    parser.add_argument("--small-transactions", type=int, default=300)
    parser.add_argument("--database-url", help="default: SQLite in a temporary directory")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("tastytrade").setLevel(logging.ERROR)
    logging.getLogger("simulator").setLevel(logging.CRITICAL)  # cancelled requests are expected
    logging.getLogger("aiohttp").setLevel(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as scratch:
        db_url = args.database_url or f"sqlite://{Path(scratch) / 'bench.sqlite3'}"
        run = faults if args.fault_runs else speed
        print(json.dumps(asyncio.run(run(args, db_url))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
