"""Load benchmark for the local Tastytrade simulator (loopback only, bounded, self-terminating).

Starts the simulator in-process on a free 127.0.0.1 port, obtains an access token, then fires
``--requests`` (default 1,000) authenticated GETs with ``--concurrency`` in flight (default: all
at once) over a mix of account routes, and prints one JSON line::

    {"requests": 1000, "concurrency": 1000, "requests_per_s": ..., "p50_ms": ..., "p95_ms": ...,
     "p99_ms": ..., "errors": 0, "elapsed_s": ...}

Run: ``python bench/simulator_load.py [--requests N] [--concurrency C] [--seed S]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.server import run_simulator

HARD_TIMEOUT_S = 120.0


def _paths(account: str) -> list[str]:
    return [
        "/customers/me",
        "/customers/me/accounts",
        f"/accounts/{account}/balances/USD",
        f"/accounts/{account}/positions",
        f"/accounts/{account}/transactions?per-page=25",
        f"/accounts/{account}/orders/live",
        f"/accounts/{account}/trading-status",
        "/market-data/by-type?equity=AAPL&equity=SPY",
    ]


def _percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


async def run(requests: int, concurrency: int, seed: int) -> dict[str, Any]:
    async with run_simulator(seed=seed, market_tick=0) as sim:
        creds = sim.credentials()["production"]
        connector = aiohttp.TCPConnector(limit=concurrency, force_close=False)
        timeout = aiohttp.ClientTimeout(total=30)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
            async with http.post(
                f"{sim.url}/oauth/token",
                json={
                    "grant_type": "refresh_token",
                    "refresh_token": creds["refresh_token"],
                    "client_secret": creds["client_secret"],
                },
            ) as resp:
                token = (await resp.json())["access_token"]
            headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
            async with http.get(f"{sim.url}/customers/me/accounts", headers=headers) as resp:
                account = (await resp.json())["data"]["items"][0]["account"]["account-number"]
            paths = _paths(account)
            gate = asyncio.Semaphore(concurrency)
            latencies: list[float] = []
            errors = 0
            statuses: dict[str, int] = {}

            async def one(i: int) -> None:
                nonlocal errors
                url = sim.url + paths[i % len(paths)]
                async with gate:
                    start = time.perf_counter()
                    try:
                        async with http.get(url, headers=headers) as r:
                            await r.read()
                            status = r.status
                    except (aiohttp.ClientError, TimeoutError):
                        status = 0
                    latencies.append((time.perf_counter() - start) * 1000)
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                if status != 200:
                    errors += 1

            began = time.perf_counter()
            await asyncio.gather(*(one(i) for i in range(requests)))
            elapsed = time.perf_counter() - began
    return {
        "requests": requests,
        "concurrency": concurrency,
        "requests_per_s": round(requests / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(_percentile(latencies, 50), 2),
        "p95_ms": round(_percentile(latencies, 95), 2),
        "p99_ms": round(_percentile(latencies, 99), 2),
        "mean_ms": round(statistics.fmean(latencies), 2) if latencies else 0.0,
        "errors": errors,
        "statuses": statuses,
        "elapsed_s": round(elapsed, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=0, help="0 = all at once")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    requests = max(1, min(args.requests, 100_000))
    concurrency = args.concurrency or requests

    async def bounded() -> dict[str, Any]:
        return await asyncio.wait_for(run(requests, concurrency, args.seed), HARD_TIMEOUT_S)

    result = asyncio.run(bounded())
    print(json.dumps(result))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
