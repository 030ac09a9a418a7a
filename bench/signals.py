"""Signals benchmark: one ``SignalEvaluator.tick()`` over 1,000 rules.

Stores ``--rules`` rules (default 1,000) for 20 traders on a fresh SQLite database (or
``--database-url``): crossings of the gamma flip, the call and put walls, price levels and
total GEX turning negative, over ten underlyings. A fake levels source answers at once with
fixed GEX levels and a spot per underlying, so the figures are the evaluator's own work: one
read of the active rules, levels once per underlying, the pure evaluation of every rule, and
the writes of what changed.

Prints ``{"rules", "underlyings", "steady_median_ms", "steady_p95_ms", "steady_cpu_median_ms",
"moving_median_ms", "moving_p95_ms", "moving_cpu_median_ms", "moving_changes"}`` (wall-clock
median and p95 of ``--repeat`` ticks, and the median CPU time, which a shared machine's waiting
does not inflate): ``steady`` ticks see the same spots (nothing changes, the
common case); ``moving`` ticks see every spot take a seeded random step of up to 0.6% (rules
arm, fire and cool down; firings end quickly because the traders are not linked, and they are
drained between ticks, outside the timing). Target: a tick over 1,000 rules <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.broker import broker_route  # noqa: E402
from services.db import close_db  # noqa: E402
from services.db.setup import init_db  # noqa: E402
from services.market.gex import GexLevels  # noqa: E402
from services.market.levels import LevelsSnapshot  # noqa: E402
from services.orders._context import OrderContext  # noqa: E402
from services.signals import SignalEvaluator, add_rule  # noqa: E402
from services.vault import Vault, generate_key  # noqa: E402

TODAY = date(2026, 12, 1)
TRADERS = 20
UNDERLYINGS = {
    "SPY": Decimal("600"),
    "QQQ": Decimal("520"),
    "IWM": Decimal("230"),
    "DIA": Decimal("440"),
    "AAPL": Decimal("230"),
    "MSFT": Decimal("430"),
    "NVDA": Decimal("140"),
    "TSLA": Decimal("250"),
    "AMZN": Decimal("200"),
    "META": Decimal("580"),
}
STEP = 0.006  # a moving tick moves each spot by up to 0.6%


class FixedLevels:
    """Fixed levels per underlying (flip 1% below the first spot, walls 3% out) and a spot the
    benchmark moves."""

    def __init__(self) -> None:
        self.spots = dict(UNDERLYINGS)

    async def levels(self, underlying: str) -> LevelsSnapshot:
        first = UNDERLYINGS[underlying]
        spot = self.spots[underlying]
        now = datetime.now(UTC)
        levels = GexLevels(
            spot=float(spot),
            total_gex=float(spot - first) * 1e8,
            by_strike={first * Decimal("0.97"): -3e9, first * Decimal("1.03"): 4e9},
            zero_gamma=float(first * Decimal("0.99")),
            call_wall=(first * Decimal("1.03")).quantize(Decimal(1)),
            put_wall=(first * Decimal("0.97")).quantize(Decimal(1)),
            contracts=2,
            as_of=now,
        )
        return LevelsSnapshot(underlying, spot, levels, now)


def rule_texts(count: int, rng: random.Random) -> list[str]:
    names = list(UNDERLYINGS)
    texts = []
    for index in range(count):
        name = names[index % len(names)]
        first = UNDERLYINGS[name]
        level = (first * Decimal(str(1 + rng.uniform(-0.02, 0.02)))).quantize(Decimal("0.5"))
        order = f"buy 1 {name} 0dte atm put"
        texts.append(
            [
                f"when {name} crosses below the gamma flip then {order}",
                f"when {name} rises above the call wall then buy 1 {name} 0dte atm call",
                f"when {name} drops below the put wall then {order}",
                f"when {name} crosses below {level} then {order}",
                f"when {name} above {level} then buy 1 {name} 0dte atm call",
                f"when {name} total gex turns negative then {order}",
            ][index % 6]
        )
    return texts


@dataclass(frozen=True)
class Timing:
    wall_ms: float
    cpu_ms: float  # this process's CPU time: on a shared machine, wall time also holds waiting
    changes: int


async def timed_tick(evaluator: SignalEvaluator) -> Timing:
    started, cpu = time.perf_counter(), time.process_time()
    report = await evaluator.tick()
    wall, used = time.perf_counter() - started, time.process_time() - cpu
    await evaluator.drain()
    changes = len(report.fired) + len(report.armed) + len(report.cooled)
    return Timing(wall * 1000, used * 1000, changes)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def run(args: argparse.Namespace, url: str) -> dict[str, object]:
    await init_db(url)
    context = OrderContext(
        vault=Vault([generate_key()]), route=broker_route("http://127.0.0.1:9", demo_mode=True)
    )
    try:
        rng = random.Random(args.seed)
        for index, text in enumerate(rule_texts(args.rules, rng)):
            await add_rule(1_000 + index % TRADERS, text, today=TODAY)
        source = FixedLevels()
        evaluator = SignalEvaluator(context, source)
        await timed_tick(evaluator)  # the first tick arms the rules whose condition is clear
        steady = [await timed_tick(evaluator) for _ in range(args.repeat)]
        moving: list[Timing] = []
        for _ in range(args.repeat):
            for name, spot in source.spots.items():
                step = Decimal(str(1 + rng.uniform(-STEP, STEP)))
                source.spots[name] = (spot * step).quantize(Decimal("0.01"))
            moving.append(await timed_tick(evaluator))
        figures: dict[str, object] = {"rules": args.rules, "underlyings": len(UNDERLYINGS)}
        for name, timings in (("steady", steady), ("moving", moving)):
            wall = [timing.wall_ms for timing in timings]
            figures[f"{name}_median_ms"] = round(statistics.median(wall), 2)
            figures[f"{name}_p95_ms"] = round(percentile(wall, 0.95), 2)
            cpu = [timing.cpu_ms for timing in timings]
            figures[f"{name}_cpu_median_ms"] = round(statistics.median(cpu), 2)
        figures["moving_changes"] = sum(timing.changes for timing in moving)
        return figures
    finally:
        await context.close()
        await close_db()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = args.database_url or f"sqlite://{Path(directory) / 'signals.sqlite3'}"
        print(json.dumps(asyncio.run(run(args, url))))


if __name__ == "__main__":
    main()
