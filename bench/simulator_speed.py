"""Speed benchmark for the simulator's hot paths (in-process, loopback only, self-terminating).

Measures what the tests only check for correctness:

- ``quote_us``: microseconds per option quote over a whole SPY chain (``Market.quote``);
- ``history_s``: seconds to generate a seeded history of ``--transactions`` transactions;
- ``latency_fault_ms``: what an SDK call observes through a ``latency`` fault of 150 ms with
  50 ms jitter (the fault sleeps before the handler runs, so each call takes at least 150 ms).

Prints one JSON line, for example::

    {"quote_us": 9.8, "quote_budget_us": 200.0, "history_s": 0.41, "history_budget_s": 10.0,
     "latency_fault_ms": {"fault_ms": 150, "jitter_ms": 50, "min_ms": 152.3, ...}, "ok": true}

and exits 1 when a measurement is over its budget (the budgets are generous: shared CI).

Run: ``python bench/simulator_speed.py [--rounds N] [--transactions N] [--calls N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services.broker.transport import close_sdk_session, sdk_session
from simulator.history import populate_environment
from simulator.market import Market
from simulator.server import run_simulator
from simulator.state import Environment

TODAY = date(2025, 6, 2)
QUOTE_BUDGET_US = 200.0  # ~10 us on a quiet machine
HISTORY_BUDGET_S = 10.0  # ~0.4 s on a free core
LATENCY_FAULT = {"kind": "latency", "path": "/customers/*", "ms": 150, "jitter_ms": 50}
HARD_TIMEOUT_S = 120.0


def quote_speed(rounds: int) -> float:
    """Microseconds per option quote, over every contract of one SPY expiration."""
    market = Market(7, TODAY)
    expiration = market.expirations("SPY")[1]
    occs = [c.occ for c in market.chain("SPY", expiration)]
    for occ in occs:  # warm the per-contract caches, as a running simulator would have
        market.quote(occ)
    start = time.perf_counter()
    for _ in range(rounds):
        for occ in occs:
            market.quote(occ)
    return (time.perf_counter() - start) / (rounds * len(occs)) * 1e6


def history_speed(transactions: int) -> float:
    """Seconds to build a production environment whose margin account has ``transactions``."""
    start = time.perf_counter()
    env = Environment(name="production", market=Market(5, TODAY))
    populate_environment(env, seed=5, transactions=transactions)
    return time.perf_counter() - start


async def latency_fault(calls: int) -> dict[str, Any]:
    """Milliseconds per ``get_customer`` through the unmodified SDK with a latency fault on."""
    async with run_simulator(seed=7, market_tick=0) as sim:
        creds = sim.credentials()["production"]
        session = sdk_session(creds["base_url"], creds["client_secret"], creds["refresh_token"])
        try:
            await session.get_customer()  # the token refresh is not part of the measurement
            await sim.set_faults([LATENCY_FAULT])
            observed: list[float] = []
            for _ in range(calls):
                start = time.perf_counter()
                await session.get_customer()
                observed.append((time.perf_counter() - start) * 1000)
        finally:
            await close_sdk_session(session)
    return {
        "fault_ms": LATENCY_FAULT["ms"],
        "jitter_ms": LATENCY_FAULT["jitter_ms"],
        "calls": calls,
        "min_ms": round(min(observed), 1),
        "p50_ms": round(statistics.median(observed), 1),
        "max_ms": round(max(observed), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5, help="passes over the SPY chain")
    parser.add_argument("--transactions", type=int, default=3000)
    parser.add_argument("--calls", type=int, default=10, help="SDK calls through the fault")
    args = parser.parse_args(argv)
    quote_us = quote_speed(max(1, min(args.rounds, 1000)))
    history_s = history_speed(max(1, min(args.transactions, 100_000)))

    async def bounded() -> dict[str, Any]:
        return await asyncio.wait_for(latency_fault(max(1, min(args.calls, 100))), HARD_TIMEOUT_S)

    latency = asyncio.run(bounded())
    ok = (
        quote_us < QUOTE_BUDGET_US
        and history_s < HISTORY_BUDGET_S
        and latency["min_ms"] >= LATENCY_FAULT["ms"]
    )
    result = {
        "quote_us": round(quote_us, 2),
        "quote_budget_us": QUOTE_BUDGET_US,
        "history_transactions": args.transactions,
        "history_s": round(history_s, 3),
        "history_budget_s": HISTORY_BUDGET_S,
        "latency_fault_ms": latency,
        "ok": ok,
    }
    print(json.dumps(result))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
