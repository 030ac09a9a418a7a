"""GEX levels of an underlying from live market data: what ``/gex`` shows and signals read.

:class:`LevelsSource` is the port the signal rules consume: ``await source.levels("SPY")``
gives a :class:`LevelsSnapshot` (spot, the GEX levels of the listed chain within the horizon,
and when they were computed). :class:`TraderLevels` is the real one, bound to one trader's
production access.

:func:`chain_levels` does the work: the listed chain from the shared :class:`ChainCache` (one
REST read per underlying per five minutes), the options expiring within ``horizon_days``
subscribed for Greeks and Summary on the trader's shared DXLink feed, the underlying for
Quote and Trade, then :func:`~services.market.gex.gex_levels` in a worker thread (a full SPX
chain is thousands of contracts). Options whose Greeks or open interest did not arrive within
the wait are left out (``contracts`` counts what was used).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Protocol

from services.broker.pool import ClientPool
from services.broker.routing import BrokerRoute, OAuthClient
from services.environment import Environment
from services.errors import NotFoundError, NotLinkedError, ValidationError
from services.market.gex import DEFAULT_HORIZON_DAYS, NEW_YORK, GexLevels, gex_levels
from services.market.stream import MarketSnapshot, MarketStreams, StreamPolicy
from services.orders.market import TICKER_RE, ChainCache, ListedChain, check_ticker, quotes
from services.vault import Vault

MAX_SYMBOL_CHARS = 20  # longer input is refused before it is cleaned up or echoed
MAX_HORIZON_DAYS = 366
MARKET_DATA_ENVIRONMENT = Environment.PRODUCTION  # the sandbox streams a 15-minute delayed feed
NOT_LINKED = (
    "GEX uses market data from your own Tastytrade access: link your production account "
    "first with `/link production`."
)


@dataclass(frozen=True)
class LevelsSnapshot:
    """One underlying's levels at one moment. ``levels`` is ``None`` when no listed option
    within the horizon had Greeks and open interest (nothing to compute from); ``as_of`` is
    aware UTC."""

    underlying: str
    spot: Decimal
    levels: GexLevels | None
    as_of: datetime


class LevelsSource(Protocol):
    """Where the GEX levels of an underlying come from (one trader's market data access)."""

    async def levels(self, underlying: str) -> LevelsSnapshot: ...


@dataclass(frozen=True, slots=True)
class ChainOption:
    """One listed option with its market, as :func:`gex_levels` reads it."""

    strike: Decimal
    type: str  # "call" | "put"
    expiration: date
    gamma: float
    open_interest: int
    iv: float


@dataclass(frozen=True, slots=True)
class _Listed:
    streamer_symbol: str
    strike: Decimal
    type: str
    expiration: date


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class MarketData:
    """The market data service: the shared DXLink feeds, the sessions and the listed chains.
    Built once by the composition root; ``await close()`` closes the feeds, and the pool too
    when ``owns_pool`` (else the pool belongs to whoever passed it in, who must close it after
    this: a feed reconnecting meanwhile would open a session in a closed pool)."""

    pool: ClientPool
    chains: ChainCache
    policy: StreamPolicy = field(default_factory=StreamPolicy)
    clock: Callable[[], datetime] = utc_now
    owns_pool: bool = False
    streams: MarketStreams = field(init=False)

    def __post_init__(self) -> None:
        self.streams = MarketStreams(self.pool, self.policy, wall=self.clock)

    @classmethod
    def with_own_pool(
        cls,
        vault: Vault,
        route: BrokerRoute,
        oauth_clients: dict[Environment, OAuthClient] | None = None,
        *,
        chains: ChainCache | None = None,
        policy: StreamPolicy | None = None,
    ) -> MarketData:
        """A service with sessions of its own (closed by :meth:`close`)."""
        return cls(
            ClientPool(vault, route, oauth_clients),
            chains or ChainCache(),
            policy or StreamPolicy(),
            owns_pool=True,
        )

    def for_trader(
        self,
        discord_id: int,
        *,
        horizon_days: int = DEFAULT_HORIZON_DAYS,
        wait_s: float | None = None,
    ) -> TraderLevels:
        """A :class:`LevelsSource` reading with ``discord_id``'s production access; ``wait_s``
        bounds each call's wait for fresh data (an evaluator on a tick wants it short: older
        data is used past it)."""
        return TraderLevels(self, discord_id, horizon_days, wait_s)

    async def close(self) -> None:
        await self.streams.close()
        if self.owns_pool:
            await self.pool.close()


@dataclass(frozen=True)
class TraderLevels:
    """:class:`LevelsSource` on one trader's production market data."""

    market: MarketData
    discord_id: int
    horizon_days: int = DEFAULT_HORIZON_DAYS
    wait_s: float | None = None  # the longest wait for fresh data (None: the policy's)

    async def levels(self, underlying: str) -> LevelsSnapshot:
        return await chain_levels(
            self.market,
            self.discord_id,
            underlying,
            horizon_days=self.horizon_days,
            wait_s=self.wait_s,
        )


def clean_underlying(text: str) -> str:
    """The ticker a trader typed (``spy``, `` $SPY ``) as ``SPY``; ``ValidationError`` for
    anything that is not a ticker."""
    cleaned = text.strip().lstrip("$").upper() if isinstance(text, str) else ""
    if (
        not isinstance(text, str)
        or len(text) > MAX_SYMBOL_CHARS
        or not TICKER_RE.fullmatch(cleaned)
    ):
        raise ValidationError("That is not a ticker symbol (letters and digits, e.g. SPY).")
    return check_ticker(cleaned)


def _spot(snapshot: MarketSnapshot, symbol: str) -> Decimal:
    quote = snapshot.underlyings.get(symbol)
    spot = quote.price if quote is not None else None
    if spot is None or spot <= 0:
        raise NotFoundError(f"No price for {symbol} arrived from Tastytrade's market data.")
    return spot


def options_within(chain: ListedChain, now: datetime, horizon_days: int) -> list[_Listed]:
    """Every listed option expiring from today (New York) to ``horizon_days`` after it."""
    today = now.astimezone(NEW_YORK).date()
    last_day = today + timedelta(days=horizon_days)
    listed: list[_Listed] = []
    for root in chain.roots:
        for expiration in root.expirations:
            if not today <= expiration.expiration <= last_day:
                continue
            for strike in expiration.strikes:
                listed.append(
                    _Listed(
                        strike.call_streamer_symbol, strike.strike, "call", expiration.expiration
                    )
                )
                listed.append(
                    _Listed(strike.put_streamer_symbol, strike.strike, "put", expiration.expiration)
                )
    return listed


async def chain_levels(
    market: MarketData,
    discord_id: int,
    underlying: str,
    *,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    wait_s: float | None = None,
) -> LevelsSnapshot:
    """GEX levels of ``underlying``'s options expiring within ``horizon_days``, from the
    trader's production market data (see the module docstring).

    Raises ``ValidationError`` for a malformed symbol, ``NotLinkedError`` without a production
    grant, ``NotFoundError`` for a symbol Tastytrade does not quote, ``BrokerUnavailableError``
    when the stream does not answer.
    """
    symbol = clean_underlying(underlying)
    if not 0 <= horizon_days <= MAX_HORIZON_DAYS:
        raise ValidationError(f"The horizon is 0 to {MAX_HORIZON_DAYS} days.")
    environment = MARKET_DATA_ENVIRONMENT
    try:
        # the spot's subscription starts while the chain is read
        await market.streams.watch(discord_id, [symbol], environment=environment)
        async with market.pool.client(discord_id, environment) as client:
            chain = await market.chains.get(client, symbol)
            if chain.is_empty and symbol not in await quotes(client, [symbol]):
                raise NotFoundError(f"Tastytrade has no market data for {symbol}.")
    except NotLinkedError:
        raise NotLinkedError(NOT_LINKED) from None
    first = await market.streams.snapshot(
        discord_id, [symbol], environment=environment, wait_s=wait_s
    )
    near = _spot(first, symbol)
    # the nearest strikes first: they carry most of the gamma, and their data comes first
    listed = sorted(
        options_within(chain, market.clock(), horizon_days),
        key=lambda option: (abs(option.strike - near), option.expiration, option.type),
    )
    snapshot = await market.streams.snapshot(
        discord_id,
        [symbol, *(option.streamer_symbol for option in listed)],
        environment=environment,
        wait_s=wait_s,
    )
    spot = _spot(snapshot, symbol)
    inputs = [
        ChainOption(
            option.strike, option.type, option.expiration, data.gamma, data.open_interest, data.iv
        )
        for option in listed
        if (data := snapshot.options.get(option.streamer_symbol)) is not None
    ]
    as_of = snapshot.as_of
    levels = (
        await asyncio.to_thread(gex_levels, spot, inputs, now=as_of, horizon_days=horizon_days)
        if inputs
        else None
    )
    if levels is not None and levels.contracts == 0:
        levels = None  # everything listed had expired at 16:00 today
    return LevelsSnapshot(symbol, spot, levels, as_of)
