"""GEX benchmark: ``gex_levels`` over a full SPX-sized chain.

Builds a deterministic (``--seed``) chain like SPX's: daily expirations for the next twelve
weekdays, then Fridays, strikes every 5 points within +/-10% of spot (241 strikes, call and
put), gamma from Black-Scholes at a smile volatility, open interest peaked near the money and
at round strikes: about 8,000 contracts within the 45-day horizon (and a few weeks beyond it,
which ``gex_levels`` must leave out).

Prints ``{"contracts", "gex_median_ms", "gex_p95_ms", "zero_gamma", "total_gex"}``: the time of
one ``gex_levels`` call (median and p95 of ``--repeat`` runs; target <= 200 ms).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.market import black_scholes_gamma, gex_levels  # noqa: E402
from services.market.gex import years_to_expiry  # noqa: E402

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
SPOT = 6000.0
STRIKE_STEP = 5
DAILY_EXPIRATIONS = 12
FRIDAY = 4


@dataclass(frozen=True)
class Contract:
    strike: Decimal
    type: str
    expiration: date
    gamma: float
    open_interest: int
    iv: float


def expirations(weeks: int) -> list[date]:
    """Every weekday for the first twelve, then Fridays, for ``weeks`` weeks."""
    days = [NOW.date() + timedelta(days=offset) for offset in range(weeks * 7)]
    weekdays = [day for day in days if day.weekday() < 5 and years_to_expiry(day, NOW) > 0]
    return weekdays[:DAILY_EXPIRATIONS] + [
        day for day in weekdays[DAILY_EXPIRATIONS:] if day.weekday() == FRIDAY
    ]


def spx_like_chain(seed: int, weeks: int = 9) -> list[Contract]:
    rng = random.Random(seed)
    chain: list[Contract] = []
    for expiration in expirations(weeks):
        years = years_to_expiry(expiration, NOW)
        for strike in range(int(SPOT * 0.9), int(SPOT * 1.1) + 1, STRIKE_STEP):
            moneyness = math.log(strike / SPOT)
            iv = 0.14 + 0.5 * moneyness * moneyness - 0.1 * moneyness
            for kind in ("call", "put"):
                gamma = float(black_scholes_gamma(SPOT, strike, years, iv))
                round_bonus = 3 if strike % 100 == 0 else 1
                near = math.exp(-((moneyness / 0.05) ** 2))
                oi = int(rng.randint(50, 400) * round_bonus * (0.2 + near))
                chain.append(Contract(Decimal(strike), kind, expiration, gamma, oi, iv))
    return chain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    chain = spx_like_chain(args.seed)
    timings = []
    levels = gex_levels(SPOT, chain, now=NOW)
    for _ in range(args.repeat):
        started = time.perf_counter()
        levels = gex_levels(SPOT, chain, now=NOW)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(
        json.dumps(
            {
                "contracts": levels.contracts,
                "chain": len(chain),
                "gex_median_ms": round(statistics.median(timings), 1),
                "gex_p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
                "zero_gamma": None if levels.zero_gamma is None else round(levels.zero_gamma, 2),
                "total_gex": round(levels.total_gex),
            }
        )
    )


if __name__ == "__main__":
    main()
