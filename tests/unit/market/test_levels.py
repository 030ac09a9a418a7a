"""What ``chain_levels`` decides before any I/O: the symbol a trader typed, the options within
the horizon of a listed chain, and the refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from services.broker import broker_route
from services.broker.pool import ClientPool
from services.errors import ValidationError
from services.market.levels import MarketData, chain_levels, clean_underlying, options_within
from services.orders.market import (
    ChainCache,
    ListedChain,
    ListedExpiration,
    ListedRoot,
    ListedStrike,
)
from services.vault import Vault, generate_key

# 10:00 in New York on Monday 2026-11-30
NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


def expiration(day: date, strikes: tuple[int, ...] = (600, 605)) -> ListedExpiration:
    return ListedExpiration(
        root="SPY",
        expiration=day,
        expiration_type="Weekly",
        settlement_type="PM",
        strikes=tuple(
            ListedStrike(
                Decimal(k),
                f"SPY   {day:%y%m%d}C{k * 1000:08d}",
                f"SPY   {day:%y%m%d}P{k * 1000:08d}",
                f".SPY{day:%y%m%d}C{k}",
                f".SPY{day:%y%m%d}P{k}",
            )
            for k in strikes
        ),
    )


def chain(*days: date) -> ListedChain:
    root = ListedRoot("SPY", 100, False, (), tuple(expiration(day) for day in days))
    return ListedChain("SPY", (root,))


@pytest.mark.parametrize(
    ("typed", "clean"), [("SPY", "SPY"), ("spy", "SPY"), ("  qqq ", "QQQ"), ("$SPX", "SPX")]
)
def test_a_typed_ticker_is_cleaned_up(typed: str, clean: str) -> None:
    assert clean_underlying(typed) == clean


@pytest.mark.parametrize(
    "text",
    ["", "   ", "SPY; DROP TABLE", "../../etc", "S" * 5_000, "<@123>", "$$", "ÄPFEL", "SP Y"],
)
def test_malformed_hostile_and_oversized_symbols_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        clean_underlying(text)


def test_options_from_today_to_the_horizon_are_kept_calls_and_puts() -> None:
    listed = chain(date(2026, 11, 27), date(2026, 11, 30), date(2027, 1, 14), date(2027, 1, 15))

    kept = options_within(listed, NOW, 45)

    assert {option.expiration for option in kept} == {date(2026, 11, 30), date(2027, 1, 14)}
    assert len(kept) == 2 * 2 * 2  # two expirations, two strikes, call and put
    assert {option.type for option in kept} == {"call", "put"}
    call = next(o for o in kept if o.type == "call" and o.strike == 600)
    assert call.streamer_symbol == ".SPY261130C600"


async def test_refusals_come_before_any_broker_or_database_call() -> None:
    # a pool without a database or a reachable broker: a refusal must not need either
    pool = ClientPool(Vault([generate_key()]), broker_route("http://127.0.0.1:9", demo_mode=True))
    market = MarketData(pool, ChainCache())
    try:
        with pytest.raises(ValidationError):
            await chain_levels(market, 1, "not a ticker")
        with pytest.raises(ValidationError, match="horizon"):
            await chain_levels(market, 1, "SPY", horizon_days=-1)
    finally:
        await market.close()
        await pool.close()
