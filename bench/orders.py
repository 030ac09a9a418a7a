"""Order pipeline benchmarks against the simulator (real SDK over HTTP, a real database).

Speed (``--concurrency 100 --latency-ms 100``): N chat orders sent at once by one linked
trader, each through the whole pipeline: parse -> resolve -> validate -> risk -> sandbox
rehearsal + production dry-run -> preview -> confirm -> production placement, every request to
the simulator delayed by the latency. Prints ``{"requests", "placed", "duplicates", "lost",
"p50_s", "p95_s", "preview_p95_s"}``: p50/p95 from the message to production acceptance, and
to the preview; ``duplicates`` and ``lost`` are counted against the simulator's own order
book (an external identifier placed twice; a request reported placed that the book lacks, or
a request that ended neither placed, rejected nor escalated).

Faults (``--fault-runs 200``): R confirmed orders, each with its own seeded fault on the
production placement (the answer dropped after the order was accepted, a 5xx or 429 before
it, a hang; sometimes the fault persists). Prints ``{"fault_runs", "placed", "rejected",
"escalated", "duplicates", "unresolved"}`` checked against the simulator's order book.

Uses SQLite in a temporary directory, or ``--database-url``.
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
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import aiohttp  # noqa: E402
from support.sync_world import link_grant  # noqa: E402
from tastytrade import Account  # noqa: E402

from services.broker import broker_route  # noqa: E402
from services.broker.client import RetryPolicy  # noqa: E402
from services.broker.transport import close_sdk_session, sdk_session  # noqa: E402
from services.db import close_db, init_db  # noqa: E402
from services.db.models import BrokerAccount, OrderRequest  # noqa: E402
from services.environment import Environment  # noqa: E402
from services.orders import OrderContext  # noqa: E402
from services.orders._model import OrderState  # noqa: E402
from services.orders.broker_orders import PlacementPolicy, RehearsalPolicy  # noqa: E402
from services.orders.confirmation import confirm_order  # noqa: E402
from services.orders.limits import set_default_account, set_production_trading  # noqa: E402
from services.orders.pipeline import Previewed, submit_order  # noqa: E402
from services.orders.qualify import SINGLE_OPTION_LIMIT, qualify  # noqa: E402
from services.traders import trader_for  # noqa: E402
from services.vault import Vault, generate_key  # noqa: E402
from simulator.server import RunningSimulator, run_simulator  # noqa: E402

TRADER = 5151
ENDED = {OrderState.PLACED, OrderState.PARTIALLY_FILLED, OrderState.FILLED}
FINAL = ENDED | {OrderState.REJECTED, OrderState.ESCALATED}
ORDER = "buy 1 SPY {strike} call expiring next month @ 1.00"
SPEED_POLICY = RetryPolicy(attempts=5, initial_wait=0.1, max_wait=1.0, jitter=0.1)
FAULT_POLICY = RetryPolicy(
    attempts=4, max_seconds=5, initial_wait=0.01, max_wait=0.05, jitter=0.01, request_timeout=0.5
)
FAULT_PLACEMENT = PlacementPolicy(
    max_attempts=3,
    absence_checks=2,
    absence_pause_s=0.02,
    lookup_deadline_s=2.0,
    lookup_pause_s=0.05,
    resend_pause_s=0.02,
)
PLACE = {"path": "/accounts/*/orders", "method": "POST", "env": "production"}


async def set_faults(sim: RunningSimulator, rules: list[dict[str, Any]], seed: int = 1) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{sim.url}/_sim/faults", json={"seed": seed, "rules": rules}) as response,
    ):
        response.raise_for_status()


async def account_numbers(sim: RunningSimulator, environment: Environment) -> list[str]:
    creds = sim.credentials()[environment.value]
    session = sdk_session(creds["base_url"], creds["client_secret"], creds["refresh_token"])
    try:
        accounts = await Account.get(session)
    finally:
        await close_sdk_session(session)
    accounts.sort(key=lambda account: account.margin_or_cash != "Margin")
    return [account.account_number for account in accounts]


async def book(sim: RunningSimulator, account: str) -> Counter[str]:
    """How many production orders the simulator holds per external identifier."""
    creds = sim.credentials()["production"]
    session = sdk_session(creds["base_url"], creds["client_secret"], creds["refresh_token"])
    try:
        orders = await Account.model_construct(account_number=account).get_order_history(
            session, page_offset=None, per_page=200
        )
    finally:
        await close_sdk_session(session)
    return Counter(order.external_identifier for order in orders if order.external_identifier)


async def trader_ready(sim: RunningSimulator, vault: Vault) -> str:
    """Link both environments, store the accounts (as a sync would), trading on, single
    options qualified in the sandbox."""
    owner = await trader_for(TRADER)
    for environment in Environment:
        await link_grant(vault, TRADER, sim, environment)
        for number in await account_numbers(sim, environment):
            await BrokerAccount.create(trader=owner, environment=environment, account_number=number)
    account = (await account_numbers(sim, Environment.PRODUCTION))[0]
    await set_production_trading(TRADER, True)
    await set_default_account(TRADER, account)
    context = OrderContext(vault=vault, route=broker_route(sim.url, demo_mode=True))
    try:
        results = await qualify(context, TRADER, types=(SINGLE_OPTION_LIMIT,), today=date.today())
    finally:
        await context.close()
    assert all(result.passed for result in results), results
    return account


def spot_strike(sim: RunningSimulator) -> int:
    """A listed strike near SPY's price (a multiple of 5 within the monthly's grid)."""
    return int(Decimal(str(sim.production.market.spot("SPY"))) / 5) * 5


async def one_order(context: OrderContext, text: str) -> tuple[float, float, OrderState | None]:
    started = time.perf_counter()
    outcome = await submit_order(context, TRADER, text)
    previewed = time.perf_counter() - started
    if not isinstance(outcome, Previewed):
        return previewed, float("nan"), None
    preview = outcome.preview
    placement = await confirm_order(context, TRADER, preview.order_id, preview.confirm_hash)
    return previewed, time.perf_counter() - started, placement.state


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 3)


async def speed(args: argparse.Namespace, db_url: str) -> dict[str, Any]:
    async with run_simulator(seed=7, market_tick=0, transactions=20) as sim:
        await init_db(db_url)
        try:
            vault = Vault([generate_key()])
            account = await trader_ready(sim, vault)
            context = OrderContext(
                vault=vault,
                route=broker_route(sim.url, demo_mode=True),
                retry=SPEED_POLICY,
                rehearsal=RehearsalPolicy(settle_timeout_s=5, poll_s=0.1),
            )
            await set_faults(sim, [{"kind": "latency", "ms": args.latency_ms}])
            text = ORDER.format(strike=spot_strike(sim))
            results = await asyncio.gather(
                *(one_order(context, text) for _ in range(args.concurrency))
            )
            await context.close()
            await set_faults(sim, [])
            placed_book = await book(sim, account)
            requests = await OrderRequest.all()
        finally:
            await close_db()
    accepted = [total for _, total, state in results if state in ENDED]
    previews = [preview for preview, _, _ in results]
    reported = {r.external_identifier for r in requests if r.state in ENDED}
    return {
        "requests": args.concurrency,
        "placed": len(accepted),
        "duplicates": sum(count - 1 for count in placed_book.values() if count > 1),
        "lost": sum(1 for ext in reported if placed_book[ext] == 0)
        + sum(1 for _, _, state in results if state not in FINAL),
        "p50_s": percentile(accepted, 0.5) if accepted else None,
        "p95_s": percentile(accepted, 0.95) if accepted else None,
        "preview_p95_s": percentile(previews, 0.95),
        "latency_ms": args.latency_ms,
    }


def fault_plan(rng: random.Random) -> tuple[str, list[dict[str, Any]]]:
    """One seeded fault on the production placement (and whether it persists)."""
    kind = rng.choice(("drop", "5xx", "hang", "429"))
    times = None if rng.random() < 0.15 else rng.randint(1, 2)
    if kind == "drop":
        rule: dict[str, Any] = {"kind": "drop"}
    elif kind == "5xx":
        rule = {"kind": "error", "status": rng.choice((500, 502, 503))}
    elif kind == "429":
        rule = {"kind": "error", "status": 429}
    else:
        rule = {"kind": "hang", "seconds": 2}
    return kind, [{**rule, **PLACE, "times": times}]


async def faults(args: argparse.Namespace, db_url: str) -> dict[str, Any]:
    rng = random.Random(args.seed)
    tally: Counter[str] = Counter()
    async with run_simulator(seed=7, market_tick=0, transactions=20) as sim:
        await init_db(db_url)
        try:
            vault = Vault([generate_key()])
            account = await trader_ready(sim, vault)
            context = OrderContext(
                vault=vault,
                route=broker_route(sim.url, demo_mode=True),
                retry=FAULT_POLICY,
                placement=FAULT_PLACEMENT,
                rehearsal=RehearsalPolicy(settle_timeout_s=2, poll_s=0.02),
            )
            text = ORDER.format(strike=spot_strike(sim))
            for run in range(args.fault_runs):
                outcome = await submit_order(context, TRADER, text)
                if not isinstance(outcome, Previewed):
                    tally["not_previewed"] += 1
                    continue
                kind, rules = fault_plan(rng)
                tally[f"fault_{kind}"] += 1
                await set_faults(sim, rules, seed=run)
                preview = outcome.preview
                placement = await confirm_order(
                    context, TRADER, preview.order_id, preview.confirm_hash
                )
                await set_faults(sim, [])
                tally[_outcome(placement.state)] += 1
            await context.close()
            placed_book = await book(sim, account)
            requests = await OrderRequest.filter(confirmed_at__isnull=False)
        finally:
            await close_db()
    duplicates = sum(count - 1 for count in placed_book.values() if count > 1)
    # placed but missing from the book, or escalated/rejected yet present more than... none
    missing = sum(
        1 for r in requests if r.state in ENDED and placed_book[r.external_identifier] == 0
    )
    return {
        "fault_runs": args.fault_runs,
        "placed": tally["placed"],
        "rejected": tally["rejected"],
        "escalated": tally["escalated"],
        "duplicates": duplicates,
        "unresolved": tally["unresolved"] + missing,
        "escalated_but_placed": sum(
            1
            for r in requests
            if r.state == OrderState.ESCALATED and placed_book[r.external_identifier] > 0
        ),
        "faults": {key[6:]: value for key, value in tally.items() if key.startswith("fault_")},
        "not_previewed": tally["not_previewed"],
    }


def _outcome(state: OrderState) -> str:
    if state in ENDED:
        return "placed"
    if state is OrderState.REJECTED:
        return "rejected"
    if state is OrderState.ESCALATED:
        return "escalated"
    return "unresolved"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--latency-ms", type=float, default=100)
    parser.add_argument("--fault-runs", type=int, default=0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--database-url", help="default: SQLite in a temporary directory")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("tastytrade").setLevel(logging.ERROR)
    logging.getLogger("simulator").setLevel(logging.CRITICAL)
    logging.getLogger("aiohttp").setLevel(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as scratch:
        db_url = args.database_url or f"sqlite://{Path(scratch) / 'bench.sqlite3'}"
        run = faults if args.fault_runs else speed
        print(json.dumps(asyncio.run(run(args, db_url))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
