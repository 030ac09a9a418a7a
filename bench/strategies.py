"""Classifier benchmark: ``classify`` time on leg sets of 2, 4, 8 and 12 distinct legs.

For each leg count it times three kinds of leg set:

- ``typical``: what a trader holds (a vertical; an iron condor; two iron condors in two
  expirations; three iron condors in three expirations, the last two custom);
- ``random``: ``--sets`` deterministic (``--seed``) random sets of that many distinct legs,
  calls and puts, long and short, over a grid of 7 strikes and 2 expirations, 1 to 4
  contracts, sometimes with stock (most are custom, so they exercise the decomposition);
- ``adversarial``: half long and half short calls at distinct strikes in one expiration, the
  shape with the most candidate assignments (condors, butterflies, verticals and ratios all fit
  many ways).

Prints one JSON object: per leg count, ``typical_ms`` and ``adversarial_ms`` (median of
``--repeat`` calls) and ``random_median_ms`` / ``random_max_ms`` (median and max over the
random sets, each the best of 3 calls). Run with ``python bench/strategies.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.strategies import Leg, LegSide, LegType  # noqa: E402
from services.strategies.classifier import classify  # noqa: E402

LEG_COUNTS = (2, 4, 8, 12)
EXPIRIES = (date(2025, 6, 20), date(2025, 7, 18), date(2025, 9, 19))
STRIKES = tuple(Decimal(strike) for strike in range(85, 120, 5))


def _option(kind: LegType, side: LegSide, quantity: int, strike: int, expiry: date) -> Leg:
    return Leg(kind, side, Decimal(quantity), Decimal(strike), expiry)


def _iron_condor(expiry: date, center: int) -> list[Leg]:
    return [
        _option(LegType.PUT, LegSide.LONG, 1, center - 10, expiry),
        _option(LegType.PUT, LegSide.SHORT, 1, center - 5, expiry),
        _option(LegType.CALL, LegSide.SHORT, 1, center + 5, expiry),
        _option(LegType.CALL, LegSide.LONG, 1, center + 10, expiry),
    ]


def typical(count: int) -> list[Leg]:
    """A vertical, then one, two or three iron condors."""
    if count == 2:
        return [
            _option(LegType.CALL, LegSide.LONG, 1, 100, EXPIRIES[0]),
            _option(LegType.CALL, LegSide.SHORT, 1, 105, EXPIRIES[0]),
        ]
    return [
        leg for index in range(count // 4) for leg in _iron_condor(EXPIRIES[index], 100 + 5 * index)
    ]


def adversarial(count: int) -> list[Leg]:
    """Alternating long and short calls at ``count`` distinct strikes, one expiration."""
    return [
        _option(
            LegType.CALL,
            LegSide.LONG if index % 2 == 0 else LegSide.SHORT,
            1 + index % 3,
            90 + 5 * index,
            EXPIRIES[0],
        )
        for index in range(count)
    ]


def random_set(count: int, rng: random.Random) -> list[Leg]:
    """``count`` distinct legs (one of them stock a third of the time)."""
    legs: dict[tuple[object, ...], Leg] = {}
    if rng.random() < 1 / 3:
        stock = Leg(LegType.EQUITY, rng.choice(list(LegSide)), Decimal(100 * rng.randint(1, 4)))
        legs[("stock",)] = stock
    while len(legs) < count:
        kind = rng.choice((LegType.CALL, LegType.PUT))
        side = rng.choice(list(LegSide))
        strike = rng.choice(STRIKES)
        expiry = rng.choice(EXPIRIES[:2])
        leg = Leg(kind, side, Decimal(rng.randint(1, 4)), strike, expiry)
        legs.setdefault((kind, side, strike, expiry), leg)
    return list(legs.values())


def _time_ms(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _median_ms(legs: list[Leg], repeat: int) -> float:
    return statistics.median(_time_ms(partial(classify, legs)) for _ in range(repeat))


def main() -> None:
    """Run the benchmark and print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    classify(typical(4))  # warm up imports and caches
    report: dict[str, dict[str, float | str]] = {}
    for count in LEG_COUNTS:
        samples = []
        for _ in range(args.sets):
            legs = random_set(count, rng)
            samples.append(min(_time_ms(partial(classify, legs)) for _ in range(3)))
        report[str(count)] = {
            "typical_key": classify(typical(count)).key,
            "typical_ms": round(_median_ms(typical(count), args.repeat), 4),
            "random_median_ms": round(statistics.median(samples), 4),
            "random_max_ms": round(max(samples), 4),
            "adversarial_ms": round(_median_ms(adversarial(count), args.repeat), 4),
        }
    print(json.dumps({"classify": report}))


if __name__ == "__main__":
    main()
