"""``chain_levels`` against the simulator over the real SDK DXLink: SPY's levels agree with
``gex_levels`` computed from the simulator's own Greeks and open interest; the refusals."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from integration.market.conftest import TRADER
from support.sync_world import link_grant

from services.environment import Environment
from services.errors import NotFoundError, NotLinkedError
from services.market.gex import NEW_YORK, GexLevels, gex_levels
from services.market.levels import LevelsSource, MarketData, chain_levels
from services.vault import Vault
from simulator.server import RunningSimulator

SANDBOX_ONLY = 6006


@dataclass(frozen=True)
class SimOption:
    strike: Decimal
    type: str
    expiration: date
    gamma: float
    open_interest: int
    iv: float


def simulator_levels(sim: RunningSimulator, underlying: str, now: datetime) -> GexLevels:
    """``gex_levels`` from the simulator's own chain, Greeks, open interest and quote."""
    market = sim.market
    last_day = now.astimezone(NEW_YORK).date() + timedelta(days=45)
    options = []
    for expiration in market.expirations(underlying):
        if expiration.date > last_day:
            continue
        for contract in market.chain(underlying, expiration):
            greeks = market.greeks(contract.occ)
            options.append(
                SimOption(
                    contract.strike,
                    "call" if contract.option_type == "C" else "put",
                    contract.expiration,
                    float(greeks.gamma),
                    market.open_interest(contract.occ),
                    float(greeks.volatility),
                )
            )
    quote = market.quote(underlying)
    return gex_levels((quote.bid + quote.ask) / 2, options, now=now)


async def test_spy_levels_agree_with_the_simulators_own_greeks_and_open_interest(
    sim: RunningSimulator, market: MarketData
) -> None:
    source: LevelsSource = market.for_trader(TRADER)

    snapshot = await source.levels("spy")

    expected = simulator_levels(sim, "SPY", snapshot.as_of)
    quote = sim.market.quote("SPY")
    assert snapshot.underlying == "SPY" and snapshot.spot == (quote.bid + quote.ask) / 2
    got = snapshot.levels
    assert got is not None
    assert got.contracts == expected.contracts > 1_000
    assert got.by_strike.keys() == expected.by_strike.keys()
    for strike, exposure in expected.by_strike.items():
        assert math.isclose(got.by_strike[strike], exposure, rel_tol=1e-9, abs_tol=1e-6)
    assert math.isclose(got.total_gex, expected.total_gex, rel_tol=1e-9)
    assert got.call_wall == expected.call_wall and got.put_wall == expected.put_wall
    assert got.zero_gamma is not None and expected.zero_gamma is not None
    assert math.isclose(got.zero_gamma, expected.zero_gamma, rel_tol=1e-9)
    assert snapshot.as_of.tzinfo is not None and got.as_of == snapshot.as_of


async def test_a_trader_without_a_production_grant_is_told_to_link_one(
    sim: RunningSimulator, market: MarketData, vault: Vault
) -> None:
    await link_grant(vault, SANDBOX_ONLY, sim, Environment.SANDBOX)

    with pytest.raises(NotLinkedError, match="link production"):
        await chain_levels(market, SANDBOX_ONLY, "SPY")


async def test_an_unknown_symbol_is_not_found_without_waiting_for_the_stream(
    sim: RunningSimulator, market: MarketData
) -> None:
    with pytest.raises(NotFoundError, match="ZZZZ"):
        await chain_levels(market, TRADER, "ZZZZ", wait_s=60)
