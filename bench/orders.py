"""Order pipeline benchmarks against the simulator (real SDK over HTTP, a real database).

Speed (``--concurrency 100 --latency-ms 100``): N chat orders sent at once by one linked
trader, each through the whole pipeline: parse -> resolve -> validate -> risk -> sandbox
rehearsal + production dry-run -> preview -> confirm -> production placement, every request to
the simulator delayed by the latency. Prints ``{"requests", "placed", "duplicates", "lost",
"p50_s", "p95_s", "preview_p95_s"}``: p50/p95 from the message to production acceptance, and
to the preview; ``duplicates`` and ``lost`` are counted against the simulator's own order
book (an external identifier placed twice; a request reported placed that the book lacks, one
in the book but reported stopped, or one left neither placed nor in an end state). Requests that
stop before their preview with a reason (the sandbox refusing the rehearsal when its buying
power runs out, say) are counted under ``stopped_before_preview``.

Faults (``--fault-runs 200``): R confirmed orders, each with its own seeded fault on the
production placement, drawn by the simulator per request (the answer dropped after the order
was accepted, a hang after acceptance, a 5xx or a 429 before it): half recover on the next
attempt, half fault on every attempt. Prints ``{"fault_runs", "placed", "rejected",
"escalated", "duplicates", "unresolved"}`` checked against the simulator's log of accepted
orders (``unresolved``: a request that ended neither placed, rejected nor escalated, or whose
state disagrees with that log).

``--warm`` places one order before the timed ones, as for a trader who used the bot in the last
minutes (their Tastytrade sessions open, the chain kept); without it the first orders pay for
opening them. Uses SQLite in a temporary directory, or ``--database-url``.
The simulator runs in a process of its own, as Tastytrade is another machine, so the
pipeline's figures do not include the simulator's CPU; ``--simulator-in-process`` runs it on
this process's event loop instead (the bot's loop then also serves Tastytrade's side: the
figures are slower by the simulator's CPU, printed as ``simulator_cpu_ms_per_order`` otherwise).
``--profile PATH`` writes cProfile statistics of the timed orders
(this process's main thread only: the database driver's thread and other processes are not in
them) for ``python -m pstats PATH``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import json
import logging
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import aiohttp  # noqa: E402
from support.sync_world import link_grant  # noqa: E402
from tastytrade import Account  # noqa: E402
from tastytrade.market_data import get_market_data_by_type  # noqa: E402

from services import event_loop  # noqa: E402
from services.broker import broker_route  # noqa: E402
from services.broker.client import RetryPolicy  # noqa: E402
from services.broker.transport import close_sdk_session, sdk_session  # noqa: E402
from services.db import close_db, init_db  # noqa: E402
from services.db.models import BrokerAccount, OrderRequest  # noqa: E402
from services.environment import Environment  # noqa: E402
from services.orders import OrderContext  # noqa: E402
from services.orders._model import TERMINAL_STATES, OrderState  # noqa: E402
from services.orders.broker_orders import PlacementPolicy, RehearsalPolicy  # noqa: E402
from services.orders.confirmation import confirm_order  # noqa: E402
from services.orders.limits import set_default_account, set_production_trading  # noqa: E402
from services.orders.pipeline import (  # noqa: E402
    Previewed,
    new_external_identifier,
    submit_order,
)
from services.orders.qualify import SINGLE_OPTION_LIMIT, qualify  # noqa: E402
from services.orders.workers import (  # noqa: E402
    LocalOrders,
    OrderSteps,
    OrderWorkers,
    WorkerSettings,
)
from services.parsing import warm_up_parser  # noqa: E402
from services.traders import trader_for  # noqa: E402
from services.vault import Vault, generate_key  # noqa: E402
from simulator.server import RunningSimulator, free_port, run_simulator  # noqa: E402

TRADER = 5151
ENDED = {OrderState.PLACED, OrderState.PARTIALLY_FILLED, OrderState.FILLED}
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


async def set_faults(
    sim: RunningSimulator,
    rules: list[dict[str, Any]],
    seed: int = 1,
    placement: dict[str, Any] | None = None,
) -> None:
    spec: dict[str, Any] = {"seed": seed, "rules": rules}
    if placement is not None:
        spec["placement"] = placement
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{sim.url}/_sim/faults", json=spec) as response,
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


@dataclass(frozen=True)
class SimulatorProcess:
    """The simulator running in a process of its own: what the bench needs of it."""

    url: str
    creds: dict[str, dict[str, str]]
    pid: int

    def credentials(self) -> dict[str, dict[str, str]]:
        return self.creds

    def cpu_s(self) -> float | None:
        """CPU seconds the simulator's process has used so far (Linux; None elsewhere)."""
        return process_cpu_s(self.pid)


def process_cpu_s(pid: int) -> float | None:
    """CPU seconds process ``pid`` has used so far (Linux; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime and stime, the 14th and 15th fields of the whole line, in clock ticks
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def workers_cpu_s(workers: OrderWorkers | None) -> float | None:
    """CPU seconds the order workers have used so far (None without workers)."""
    if workers is None:
        return None
    return sum(process_cpu_s(pid) or 0.0 for pid in workers.pids())


@contextlib.asynccontextmanager
async def simulator(separate: bool) -> AsyncIterator[Any]:
    """The simulator for a speed run: in this process, or (``separate``) in its own."""
    config = {"seed": 7, "market_tick": 0, "transactions": 20, "market_hours": "open"}
    if not separate:
        async with run_simulator(**config) as sim:
            yield sim
        return
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "simulator",
        "--port",
        str(port),
        "--seed",
        str(config["seed"]),
        "--market-tick",
        "0",
        "--transactions",
        str(config["transactions"]),
        "--market-hours",
        "open",
        "--json",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        started = json.loads(await asyncio.wait_for(process.stdout.readline(), timeout=60))
        yield SimulatorProcess(started["url"], started["credentials"], process.pid)
    finally:
        if process.returncode is None:
            process.terminate()
        await process.wait()


async def spot_strike(sim: RunningSimulator) -> int:
    """A listed strike near SPY's price (a multiple of 5 within the monthly's grid)."""
    creds = sim.credentials()["production"]
    session = sdk_session(creds["base_url"], creds["client_secret"], creds["refresh_token"])
    try:
        [quote] = await get_market_data_by_type(session, equities=["SPY"])
    finally:
        await close_sdk_session(session)
    return int(Decimal(str(quote.mark)) / 5) * 5


STOPS: Counter[str] = Counter()  # why orders of a speed run stopped before their preview


async def one_order(steps: OrderSteps, text: str) -> tuple[float, float, OrderState | None]:
    """Seconds to the preview, to the end of placement, and the request's state then (the
    state it stopped in when it never reached a preview; ``None`` for a question)."""
    started = time.perf_counter()
    outcome = await steps.submit(TRADER, text)
    previewed = time.perf_counter() - started
    if not isinstance(outcome, Previewed):
        reason = getattr(outcome, "reason", None) or ""
        state = getattr(outcome, "state", None)
        STOPS[f"{state or type(outcome).__name__}: {reason[:80]}"] += 1
        return previewed, float("nan"), state
    preview = outcome.preview
    placement = await steps.confirm(TRADER, preview.order_id, preview.confirm_hash)
    return previewed, time.perf_counter() - started, placement.state


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 3)


async def speed(args: argparse.Namespace, db_url: str) -> dict[str, Any]:
    async with simulator(args.simulator_process) as sim:
        await init_db(db_url)
        try:
            key = generate_key()
            vault = Vault([key])
            account = await trader_ready(sim, vault)
            rehearsal = RehearsalPolicy(settle_timeout_s=5, poll_s=0.1)
            context = OrderContext(
                vault=vault,
                route=broker_route(sim.url, demo_mode=True),
                retry=SPEED_POLICY,
                rehearsal=rehearsal,
            )
            workers = None
            steps: OrderSteps = LocalOrders(context)
            if args.workers:  # the steps in worker processes, as with ORDER_WORKERS
                workers = OrderWorkers(
                    WorkerSettings(
                        database_url=db_url,
                        vault_keys=(key,),
                        route=broker_route(sim.url, demo_mode=True),
                        retry=SPEED_POLICY,
                        rehearsal=rehearsal,
                    ),
                    args.workers,
                )
                await workers.start()
                steps = workers
            await set_faults(sim, [{"kind": "latency", "ms": args.latency_ms}])
            text = ORDER.format(strike=await spot_strike(sim))
            warm_up_parser()  # as the bot does when it starts
            if args.warm:  # a trader who used the bot lately: sessions open, the chain kept
                await asyncio.gather(*(one_order(steps, text) for _ in range(args.workers or 1)))
                STOPS.clear()
            simulator_cpu = getattr(sim, "cpu_s", lambda: None)
            cpu_before = (time.process_time(), simulator_cpu(), workers_cpu_s(workers))
            profiler = cProfile.Profile() if args.profile else None
            if profiler is not None:
                profiler.enable()
            results = await asyncio.gather(
                *(one_order(steps, text) for _ in range(args.concurrency))
            )
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(args.profile)
            bot_cpu = time.process_time() - cpu_before[0]
            sim_after = simulator_cpu()
            sim_cpu = None if sim_after is None else sim_after - (cpu_before[1] or 0.0)
            workers_after = workers_cpu_s(workers)
            workers_cpu = None if workers_after is None else workers_after - (cpu_before[2] or 0)
            if workers is not None:
                await workers.close()
            await context.close()
            await set_faults(sim, [])
            placed_book = await book(sim, account)
            requests = await OrderRequest.all()
        finally:
            await close_db()
    accepted = [total for _, total, state in results if state in ENDED]
    previews = [preview for preview, _, _ in results]
    reported = {r.external_identifier for r in requests if r.state in ENDED}
    stopped = {r.external_identifier for r in requests if r.state not in ENDED}
    return {
        "requests": args.concurrency,
        "placed": len(accepted),
        "duplicates": sum(count - 1 for count in placed_book.values() if count > 1),
        # lost: reported placed but not in the book, in the book but reported stopped, or
        # left in a state that is neither placed nor an end (an order nobody follows)
        "lost": sum(1 for ext in reported if placed_book[ext] == 0)
        + sum(1 for ext in stopped if placed_book[ext] > 0)
        + sum(1 for _, _, state in results if state not in ENDED | TERMINAL_STATES),
        "p50_s": percentile(accepted, 0.5) if accepted else None,
        "p95_s": percentile(accepted, 0.95) if accepted else None,
        "preview_p95_s": percentile(previews, 0.95),
        "latency_ms": args.latency_ms,
        "simulator": "own process" if args.simulator_process else "same process",
        "warm": args.warm,
        # CPU used while the orders ran: this process (the pipeline, with the simulator too
        # when it shares the process) and the simulator's own process
        "bot_cpu_ms_per_order": round(bot_cpu * 1000 / args.concurrency, 1),
        "workers": args.workers,
        "workers_cpu_ms_per_order": (
            None if workers_cpu is None else round(workers_cpu * 1000 / args.concurrency, 1)
        ),
        "simulator_cpu_ms_per_order": (
            None if sim_cpu is None else round(sim_cpu * 1000 / args.concurrency, 1)
        ),
        "stopped_before_preview": dict(STOPS),  # each an end that says why; nothing placed
    }


PLACEMENT_FAULTS = {
    "drop_after_accept": 0.25,
    "error_before_accept": 0.25,
    "hang_after_accept": 0.25,
    "rate_limit": 0.25,
}


async def previewed_copies(context: OrderContext, text: str, count: int) -> list[OrderRequest]:
    """One order through the whole pipeline to its preview, then ``count`` previewed copies
    of it, each with its own external identifier."""
    outcome = await submit_order(context, TRADER, text)
    assert isinstance(outcome, Previewed), outcome
    template = await OrderRequest.get(id=outcome.preview.order_id)
    expires = context.clock() + timedelta(minutes=30)
    fields = ("source", "raw_text", "parsed", "underlying", "legs", "order_type", "price")
    copies = []
    for _ in range(count):
        copies.append(
            await OrderRequest.create(
                trader_id=template.trader_id,  # type: ignore[attr-defined]
                **{name: getattr(template, name) for name in fields},
                price_effect=template.price_effect,
                state=OrderState.PREVIEWED,
                environment=template.environment,
                account_number=template.account_number,
                external_identifier=new_external_identifier(),
                confirm_hash=template.confirm_hash,
                preview_expires_at=expires,
            )
        )
    return copies


async def accepted_log(sim: RunningSimulator) -> Counter[str]:
    """The simulator's log of accepted production orders, per external identifier."""
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{sim.url}/_sim/orders", params={"env": "production"}) as response,
    ):
        rows = (await response.json())["orders"]
    return Counter(row["external-identifier"] for row in rows if row.get("external-identifier"))


async def faults(args: argparse.Namespace, db_url: str) -> dict[str, Any]:
    """Half the runs get one faulted attempt then a clean one; half get faults on every
    attempt (so faults that leave no order must end escalated)."""
    tally: Counter[str] = Counter()
    async with run_simulator(seed=7, market_tick=0, transactions=20, market_hours="open") as sim:
        await init_db(db_url)
        try:
            vault = Vault([generate_key()])
            await trader_ready(sim, vault)
            context = OrderContext(
                vault=vault,
                route=broker_route(sim.url, demo_mode=True),
                retry=FAULT_POLICY,
                placement=FAULT_PLACEMENT,
            )
            text = ORDER.format(strike=await spot_strike(sim))
            requests: list[OrderRequest] = []
            for batch, attempts in enumerate((1, None)):
                runs = args.fault_runs // 2 + (args.fault_runs % 2 if batch else 0)
                copies = await previewed_copies(context, text, runs)
                plan = {
                    "env": "production",
                    "rates": PLACEMENT_FAULTS,
                    "faulted_attempts": attempts,
                    "hang_seconds": 5,
                }
                await set_faults(sim, [], seed=args.seed + batch, placement=plan)
                placements = await asyncio.gather(
                    *(confirm_order(context, TRADER, r.id, r.confirm_hash or "") for r in copies)
                )
                tally.update(_outcome(placement.state) for placement in placements)
                requests += copies
            await set_faults(sim, [])
            await context.close()
            accepted = await accepted_log(sim)
            for request in requests:
                await request.refresh_from_db()
        finally:
            await close_db()
    placed_but_absent = sum(
        1 for r in requests if r.state in ENDED and accepted[r.external_identifier] == 0
    )
    ended_but_present = sum(
        1 for r in requests if r.state not in ENDED and accepted[r.external_identifier] > 0
    )
    return {
        "fault_runs": args.fault_runs,
        "placed": tally["placed"],
        "rejected": tally["rejected"],
        "escalated": tally["escalated"],
        "duplicates": sum(count - 1 for count in accepted.values() if count > 1),
        "unresolved": tally["unresolved"] + placed_but_absent + ended_but_present,
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
    parser.add_argument(
        "--warm",
        action="store_true",
        help="place one order before the timed ones (the trader's sessions open, the chain kept)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="run the order steps in this many worker processes (as ORDER_WORKERS does)",
    )
    parser.add_argument(
        "--simulator-in-process",
        dest="simulator_process",
        action="store_false",
        help="run the simulator on this process's event loop (default: its own process)",
    )
    parser.add_argument(
        "--profile",
        metavar="PATH",
        help="write cProfile statistics of the timed orders (this process only) to PATH",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("tastytrade").setLevel(logging.ERROR)
    logging.getLogger("simulator").setLevel(logging.CRITICAL)
    logging.getLogger("aiohttp").setLevel(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as scratch:
        db_url = args.database_url or f"sqlite://{Path(scratch) / 'bench.sqlite3'}"
        run = faults if args.fault_runs else speed
        print(json.dumps({**event_loop.run(run(args, db_url)), "loop": event_loop.loop_name()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
