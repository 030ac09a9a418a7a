"""What the order pipeline needs from the composition root, and the broker sessions it opens."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from services.broker.client import BrokerClient, RetryPolicy, broker_client
from services.broker.credentials import load_connection
from services.broker.routing import BrokerRoute, OAuthClient
from services.environment import Environment
from services.notify.events import Notifier
from services.orders.broker_orders import PlacementPolicy, RehearsalPolicy
from services.orders.market import ChainCache
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
    clock: Callable[[], datetime] = utc_now
    chains: ChainCache = field(default_factory=ChainCache)


@asynccontextmanager
async def trader_client(
    context: OrderContext, discord_id: int, environment: Environment
) -> AsyncIterator[BrokerClient]:
    """An SDK session on the trader's grant for ``environment`` (NotLinkedError without one)."""
    connection = await load_connection(
        context.vault, discord_id, environment, context.route, context.oauth_clients
    )
    async with broker_client(connection, context.retry) as client:
        yield client
