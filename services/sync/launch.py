"""Sync on launch: when the bot starts, sync every trader who said yes, a few at a time."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import cast

from services.broker.client import RetryPolicy
from services.broker.routing import BrokerRoute, OAuthClient
from services.db.models import SyncOnLaunch, SyncStatus, Trader
from services.environment import Environment
from services.errors import SyncInProgressError, TastybotError
from services.notify.events import Event, Notice, Notifier
from services.sync._engine import sync_trader
from services.sync._model import SyncTrigger
from services.sync._notices import RETRY_HINT, deliver
from services.vault import Vault

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LaunchReport:
    """How each trader's sync on launch ended (``skipped``: one was already running)."""

    outcomes: dict[int, str]


async def traders_syncing_on_launch() -> list[int]:
    """Discord ids of traders who chose sync on launch and still have a grant linked."""
    ids = await (
        Trader.filter(sync_on_launch=SyncOnLaunch.YES, credentials__revoked_at__isnull=True)
        .distinct()
        .order_by("discord_id")
        .values_list("discord_id", flat=True)
    )
    return [cast(int, discord_id) for discord_id in ids]


async def sync_on_launch(
    *,
    vault: Vault,
    route: BrokerRoute,
    oauth_clients: dict[Environment, OAuthClient] | None,
    notifier: Notifier | None,
    concurrency: int,
    policy: RetryPolicy | None = None,
) -> LaunchReport:
    """Sync each trader who said yes, at most ``concurrency`` at once. A sync's own failures
    are recorded and told by the sync; anything that stops a sync from starting is logged
    and told here. Never raises for one trader's failure."""
    gate = asyncio.Semaphore(max(1, concurrency))
    outcomes: dict[int, str] = {}

    async def one(discord_id: int) -> None:
        async with gate:
            try:
                result = await sync_trader(
                    discord_id,
                    trigger=SyncTrigger.LAUNCH,
                    vault=vault,
                    route=route,
                    oauth_clients=oauth_clients,
                    notifier=notifier,
                    policy=policy,
                )
            except SyncInProgressError:
                outcomes[discord_id] = "skipped"
                return
            except Exception as error:
                if not isinstance(error, TastybotError):
                    log.exception("sync on launch failed for a trader")
                reason = (
                    error.user_message
                    if isinstance(error, TastybotError)
                    else ("An unexpected error stopped the sync.")
                )
                outcomes[discord_id] = SyncStatus.FAILED.value
                await deliver(
                    notifier,
                    [
                        Notice(
                            discord_id=discord_id,
                            event=Event.SYNC_FAILED,
                            title="Your sync on launch could not start",
                            body=f"{reason}\n\n{RETRY_HINT}",
                        )
                    ],
                )
                return
            outcomes[discord_id] = result.status.value

    traders = await traders_syncing_on_launch()
    if traders:
        log.info("sync on launch: %d trader(s), %d at a time", len(traders), concurrency)
    await asyncio.gather(*(one(discord_id) for discord_id in traders))
    return LaunchReport(outcomes)
