"""What the order pipeline needs from the composition root, and the broker sessions it opens."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from services.broker.alerts import Accept
from services.broker.client import BrokerClient, RetryPolicy
from services.broker.pool import ClientPool
from services.broker.routing import BrokerRoute, OAuthClient
from services.environment import Environment
from services.notify.events import Notifier
from services.orders.broker_orders import PlacementPolicy, RehearsalPolicy
from services.orders.market import ChainCache, LiveReads, SessionCache
from services.orders.market_moves import MarketMovePolicy
from services.orders.own_orders import OwnOrders
from services.orders.status_feed import StatusFeeds
from services.orders.streams import OrderStreams
from services.vault import Vault

PREVIEW_TTL = timedelta(seconds=60)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class OrderContext:
    """The pipeline's dependencies, built once by the bot (or a test, or a benchmark)."""

    vault: Vault
    route: BrokerRoute
    oauth_clients: dict[Environment, OAuthClient] | None = None
    notifier: Notifier | None = None
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    placement: PlacementPolicy = field(default_factory=PlacementPolicy)
    rehearsal: RehearsalPolicy = field(default_factory=RehearsalPolicy)
    preview_ttl: timedelta = PREVIEW_TTL
    # how far the market may move between a preview and its confirmation
    market_move: MarketMovePolicy = field(default_factory=MarketMovePolicy)
    clock: Callable[[], datetime] = utc_now
    chains: ChainCache = field(default_factory=ChainCache)
    sessions: SessionCache = field(default_factory=SessionCache)
    live: LiveReads = field(default_factory=LiveReads)
    # set in a process that shares traders' accounts with others (the order workers): its
    # account streamers then read only the pushes of orders it sent (None: every push)
    own_orders: OwnOrders | None = None
    # open sessions reused across the steps and orders of a trader (built from the fields above)
    pool: ClientPool = field(init=False, repr=False, compare=False)
    # account-streamer connections following working orders
    streams: OrderStreams = field(init=False, repr=False, compare=False)
    # account-streamer connections following sandbox rehearsals
    feeds: StatusFeeds = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pool = ClientPool(self.vault, self.route, self.oauth_clients, self.retry)
        object.__setattr__(self, "pool", pool)
        object.__setattr__(self, "streams", OrderStreams(self))
        object.__setattr__(self, "feeds", StatusFeeds(accept=self.accept_push))

    @property
    def accept_push(self) -> Accept | None:
        """Which pushed orders this process's account streamers read (None: all)."""
        return None if self.own_orders is None else self.own_orders.accepts

    def sending(self, external_identifier: str) -> None:
        """An order is about to be sent under ``external_identifier`` (see ``own_orders``)."""
        if self.own_orders is not None:
            self.own_orders.add(external_identifier)

    async def close(self) -> None:
        """Stop following orders and close the pooled sessions (the bot calls this when it
        stops)."""
        await self.streams.close()
        await self.feeds.close()
        await self.pool.close()


@asynccontextmanager
async def trader_client(
    context: OrderContext, discord_id: int, environment: Environment
) -> AsyncIterator[BrokerClient]:
    """An SDK session on the trader's grant for ``environment`` (NotLinkedError without one),
    from the context's pool."""
    async with context.pool.client(discord_id, environment) as client:
        yield client


@asynccontextmanager
async def trader_clients(
    context: OrderContext, discord_id: int, *environments: Environment
) -> AsyncIterator[tuple[BrokerClient, ...]]:
    """The trader's sessions for several ``environments`` at once (one grant read)."""
    async with context.pool.clients(discord_id, *environments) as clients:
        yield clients
