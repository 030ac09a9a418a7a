"""gex_levels: hand-computed small chains, the horizon, walls, and the zero-gamma search checked
against a brute-force reference written here with plain floats (no numpy)."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from services.market import black_scholes_gamma, gex_levels
from services.market.gex import NEW_YORK, years_to_expiry
from simulator.market import Market

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # 10:00 in New York, a Tuesday


@dataclass(frozen=True)
class Opt:
    strike: Decimal
    type: str
    expiration: date
    gamma: float
    open_interest: int
    iv: float = 0.2


def opt(strike: str, kind: str, gamma: float, oi: int, *, days: int = 10, iv: float = 0.2) -> Opt:
    return Opt(Decimal(strike), kind, date(2026, 12, 1) + timedelta(days=days), gamma, oi, iv)


def test_exposure_is_gamma_times_open_interest_times_100_spot_squared_one_percent() -> None:
    levels = gex_levels(Decimal("100"), [opt("100", "call", 0.05, 1000)], now=NOW)
    # 0.05 x 1000 x 100 x 100^2 x 0.01
    assert levels.total_gex == pytest.approx(500_000.0)
    assert levels.by_strike == {Decimal("100"): pytest.approx(500_000.0)}


def test_puts_count_negative_and_a_strike_nets_its_calls_and_puts() -> None:
    chain = [
        opt("95", "put", 0.04, 2000),  # -0.04 x 2000 x 100 x 10000 x 0.01 = -800,000
        opt("100", "call", 0.05, 1000),  # +500,000
        opt("100", "put", 0.05, 400),  # -200,000
        opt("105", "call", 0.03, 3000),  # +900,000
    ]
    levels = gex_levels(100.0, chain, now=NOW)
    assert levels.by_strike == {
        Decimal("95"): pytest.approx(-800_000.0),
        Decimal("100"): pytest.approx(300_000.0),
        Decimal("105"): pytest.approx(900_000.0),
    }
    assert levels.total_gex == pytest.approx(400_000.0)
    assert levels.call_wall == Decimal("105")
    assert levels.put_wall == Decimal("95")
    assert levels.contracts == 4


def test_walls_take_the_largest_exposure_of_their_side_and_ties_the_lower_strike() -> None:
    chain = [
        opt("90", "put", 0.01, 1000),
        opt("95", "put", 0.02, 500),  # equal to 90's exposure: the lower strike wins
        opt("110", "call", 0.01, 100),
        opt("120", "call", 0.01, 900),
    ]
    levels = gex_levels(100, chain, now=NOW)
    assert levels.put_wall == Decimal("90")
    assert levels.call_wall == Decimal("120")


def test_a_chain_of_calls_only_has_no_put_wall_and_no_flip() -> None:
    levels = gex_levels(100, [opt("100", "call", 0.05, 10), opt("110", "call", 0.02, 10)], now=NOW)
    assert levels.put_wall is None
    assert levels.call_wall == Decimal("100")
    assert levels.zero_gamma is None  # calls alone are positive at every spot


def test_contracts_beyond_the_horizon_or_already_expired_are_left_out() -> None:
    chain = [
        opt("100", "call", 0.05, 1000, days=45),  # 2027-01-15: exactly 45 days, kept
        opt("100", "call", 0.05, 1000, days=46),  # beyond the horizon
        opt("100", "put", 0.05, 1000, days=-1),  # expired yesterday
    ]
    levels = gex_levels(100, chain, now=NOW)
    assert levels.contracts == 1
    assert levels.total_gex == pytest.approx(500_000.0)
    assert gex_levels(100, chain, now=NOW, horizon_days=60).contracts == 2


def test_a_contract_expiring_today_counts_until_the_four_pm_new_york_close() -> None:
    today = [opt("100", "call", 0.05, 1000, days=0)]
    before_close = datetime(2026, 12, 1, 15, 59, tzinfo=NEW_YORK)
    after_close = datetime(2026, 12, 1, 16, 0, tzinfo=NEW_YORK)
    assert gex_levels(100, today, now=before_close).contracts == 1
    assert gex_levels(100, today, now=after_close).contracts == 0


def test_time_to_expiration_counts_to_four_pm_new_york() -> None:
    # 2026-12-01 10:00 New York to 2026-12-02 16:00 New York = 30 hours
    assert years_to_expiry(date(2026, 12, 2), NOW) == pytest.approx(30 / (365 * 24))


def test_black_scholes_gamma_matches_a_textbook_value() -> None:
    # S=100, K=100, T=1, sigma=0.2, r=0.05: d1 = 0.35, gamma = phi(0.35)/(100 x 0.2) = 0.018762
    assert black_scholes_gamma(100.0, 100.0, 1.0, 0.2, 0.05) == pytest.approx(0.0187620, abs=1e-6)


def _brute_force_profile(spot: float, chain: list[Opt], rate: float) -> list[tuple[float, float]]:
    """Total exposure at each grid spot, one contract at a time with math (the reference)."""
    points = []
    for step in range(-80, 81):
        s = spot * (1 + 0.0025 * step)
        total = 0.0
        for o in chain:
            t = years_to_expiry(o.expiration, NOW)
            d1 = (math.log(s / float(o.strike)) + (rate + o.iv**2 / 2) * t) / (o.iv * math.sqrt(t))
            gamma = math.exp(-d1 * d1 / 2) / (math.sqrt(2 * math.pi) * s * o.iv * math.sqrt(t))
            sign = 1 if o.type == "call" else -1
            total += sign * gamma * o.open_interest * 100 * s * s * 0.01
        points.append((s, total))
    return points


def _brute_force_flip(spot: float, chain: list[Opt], rate: float = 0.0) -> float | None:
    points = _brute_force_profile(spot, chain, rate)
    crossings = [s for s, total in points if total == 0]
    for (s0, g0), (s1, g1) in itertools.pairwise(points):
        if g0 * g1 < 0:
            crossings.append(s0 + (s1 - s0) * g0 / (g0 - g1))
    return min(crossings, key=lambda c: abs(c - spot)) if crossings else None


@pytest.mark.parametrize(
    "chain",
    [
        [opt("95", "put", 0.04, 3000), opt("105", "call", 0.04, 3000)],
        [
            opt("90", "put", 0.02, 5000),
            opt("100", "call", 0.05, 800),
            opt("110", "call", 0.02, 400),
        ],
        [
            opt("92", "put", 0.03, 2500, days=3, iv=0.35),
            opt("97", "put", 0.05, 1500, days=10, iv=0.25),
            opt("100", "call", 0.06, 1000, days=3, iv=0.18),
            opt("103", "call", 0.05, 2200, days=24, iv=0.16),
            opt("108", "call", 0.02, 900, days=38, iv=0.15),
            opt("100", "put", 0.06, 700, days=24, iv=0.22),
        ],
    ],
    ids=["two", "three", "six"],
)
def test_zero_gamma_matches_a_brute_force_search(chain: list[Opt]) -> None:
    expected = _brute_force_flip(100.0, chain)
    assert expected is not None  # the chains are built to flip inside +/-20%
    levels = gex_levels(100, chain, now=NOW)
    assert levels.zero_gamma == pytest.approx(expected, rel=1e-9)


def test_zero_gamma_lies_between_the_put_and_call_walls_of_a_symmetric_chain() -> None:
    chain = [opt("95", "put", 0.04, 3000), opt("105", "call", 0.04, 3000)]
    flip = gex_levels(100, chain, now=NOW).zero_gamma
    assert flip is not None and 95 < flip < 105


def test_a_contract_without_implied_volatility_is_left_out_of_the_flip_search_only() -> None:
    chain = [
        opt("95", "put", 0.04, 3000),
        opt("105", "call", 0.04, 3000),
        opt("100", "put", 0.05, 9000, iv=0.0),
    ]
    levels = gex_levels(100, chain, now=NOW)
    assert levels.contracts == 3
    assert levels.zero_gamma == pytest.approx(_brute_force_flip(100.0, chain[:2]), rel=1e-9)


@pytest.mark.parametrize("spot", [0, -5, float("nan"), float("inf")])
def test_a_spot_that_is_not_a_positive_number_is_refused(spot: float) -> None:
    with pytest.raises(ValueError, match="spot"):
        gex_levels(spot, [opt("100", "call", 0.05, 10)], now=NOW)


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        gex_levels(100, [], now=datetime(2026, 12, 1, 10, 0))


def test_an_unknown_option_type_is_refused() -> None:
    with pytest.raises(ValueError, match="call' or 'put"):
        gex_levels(100, [opt("100", "straddle", 0.05, 10)], now=NOW)


def test_an_empty_chain_has_no_levels() -> None:
    levels = gex_levels(100, [], now=NOW)
    assert (levels.total_gex, levels.zero_gamma, levels.call_wall, levels.put_wall) == (
        0.0,
        None,
        None,
        None,
    )


def test_levels_of_a_simulator_chain_agree_with_the_brute_force_reference() -> None:
    """A chain with the simulator's own greeks and open interest (what DXLink would stream)."""
    market = Market(7, date(2026, 12, 1))
    spot = float(market.spot("SPY"))
    chain: list[Opt] = []
    for expiration in market.expirations("SPY")[:4]:
        for contract in market.chain("SPY", expiration):
            if abs(float(contract.strike) - spot) > spot * 0.08:
                continue
            greeks = market.greeks(contract.occ)
            chain.append(
                Opt(
                    contract.strike,
                    "call" if contract.option_type == "C" else "put",
                    contract.expiration,
                    float(greeks.gamma),
                    market.open_interest(contract.occ),
                    market.implied_volatility(contract.occ),
                )
            )
    assert len(chain) > 20
    levels = gex_levels(Decimal(str(spot)), chain, now=NOW)
    kept = [o for o in chain if years_to_expiry(o.expiration, NOW) > 0]
    assert levels.contracts == len(kept)
    assert levels.total_gex == pytest.approx(
        sum((1 if o.type == "call" else -1) * o.gamma * o.open_interest * spot * spot for o in kept)
    )
    assert levels.zero_gamma == pytest.approx(_brute_force_flip(spot, kept), rel=1e-9, abs=1e-9)
    assert levels.call_wall in {o.strike for o in kept if o.type == "call"}
