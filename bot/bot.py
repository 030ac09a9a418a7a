"""The typed Bot subclass: database, cogs and web page start in `setup_hook`, stop in `close`."""

from __future__ import annotations

import asyncio
import logging
import pkgutil
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import discord
from aiohttp import web
from discord.ext import commands

import cogs
from bot import __version__
from bot.settings import RunMode, Settings
from services.broker import broker_route
from services.db import close_db, connect_db, database_kind, db_is_reachable
from services.errors import ConfigurationError
from services.notify.events import Notifier
from services.notify.mailer import Mailer
from services.status import StatusBoard
from services.sync.launch import sync_on_launch
from services.vault import Vault, check_vault_key
from web_status import WebServer, create_app, start_web

if TYPE_CHECKING:
    from services.market.levels import MarketData
    from services.orders import OrderContext
    from services.orders.workers import OrderSteps, OrderWorkers
    from services.reports.chart_data import BrokerQuotes

log = logging.getLogger(__name__)

BACKGROUND_STOP_SECONDS = 10.0


def discover_cog_extensions() -> list[str]:
    """Every feature package under `cogs/` (each `__init__.py` holds only `setup()`)."""
    return sorted(
        f"{cogs.__name__}.{module.name}"
        for module in pkgutil.iter_modules(cogs.__path__)
        if module.ispkg and not module.name.startswith("_")
    )


@dataclass
class BotOptions:
    """What the composition root decides beyond settings (the demo and tests change these)."""

    start_web: bool = True
    warm_ups: list[Callable[[], object]] = field(default_factory=list)
    # dpytest's simulated guilds keep members only with the members intent; real Discord
    # does not need this privileged intent for anything Tastybot does today.
    simulated_discord: bool = False


class Tastybot(commands.Bot):
    """Tastybot's Discord client. Everything it needs is built here or handed in, once."""

    def __init__(
        self,
        settings: Settings,
        options: BotOptions | None = None,
        *,
        vault: Vault | None = None,
        vault_keys: Sequence[str] = (),
    ) -> None:
        intents = discord.Intents.default()
        intents.message_content = True  # typed orders are read from message text
        intents.members = bool(options and options.simulated_discord)
        super().__init__(
            command_prefix=commands.when_mentioned_or(settings.command_prefix),
            intents=intents,
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        self.settings = settings
        self.options = options or BotOptions()
        self.database_url = settings.effective_database_url
        self.status_board = StatusBoard(
            version=__version__,
            environment=settings.mode.value,
            database_kind=database_kind(self.database_url).value,
        )
        self.vault = vault  # later features (linking) need it; None in tests that do not
        # Tastytrade's real hosts; in demo mode only, the simulator on loopback.
        self.broker_route = broker_route(settings.tastytrade_base_url, demo_mode=self.is_demo)
        self.oauth_clients = settings.oauth_clients()
        # Delivers notices (inbox, DM, email); set by the composition root once built.
        self.notifier: Notifier | None = None
        # Sends email (verification links, notices); None when SMTP_URL is not set.
        self.mailer: Mailer | None = None
        self.web: WebServer | None = None
        # Features add their web routes here before `prepare` builds the app (see create_app).
        self.web_features: list[Callable[[web.Application], None]] = []
        self._background: set[asyncio.Task[None]] = set()
        self._prepared = False
        self._order_context: OrderContext | None = None
        # the vault's keys, kept only when order workers need them (they build their own vault)
        self._worker_keys = tuple(vault_keys) if settings.order_workers else ()
        self._orders: OrderSteps | None = None
        self._order_workers: OrderWorkers | None = None
        self._market_data: MarketData | None = None

    def order_context(self) -> OrderContext:
        """What the order pipeline needs, from what the composition root built; made once,
        on first use (after start-up wired the notifier), so its caches are shared."""
        from services.orders import OrderContext

        if self.vault is None:
            raise ConfigurationError("Orders need the vault, which this bot was built without.")
        if self._order_context is None:
            self._order_context = OrderContext(
                vault=self.vault,
                route=self.broker_route,
                oauth_clients=self.oauth_clients,
                notifier=self.notifier,
            )
        return self._order_context

    def orders(self) -> OrderSteps:
        """Where a trader's order steps run: the order workers when ORDER_WORKERS is set
        (started with the bot), else this process on :meth:`order_context`."""
        if self._order_workers is not None:
            return self._order_workers
        if self._orders is None:
            from services.orders.workers import LocalOrders

            self._orders = LocalOrders(self.order_context())
        return self._orders

    async def start_order_workers(
        self, count: int | None = None, vault_keys: Sequence[str] | None = None
    ) -> None:
        """Start ``count`` (ORDER_WORKERS, none by default) worker processes on the vault's
        keys (those the bot was built with); after :meth:`prepare`, so that the database is
        there and the vault's key is the right one."""
        count = self.settings.order_workers if count is None else count
        keys = tuple(vault_keys) if vault_keys is not None else self._worker_keys
        if not count or self._order_workers is not None:
            return
        if self.vault is None or not keys:
            raise ConfigurationError("Order workers need the vault's keys.")
        from bot.logging_setup import configure_logging
        from services.orders.workers import OrderWorkers, WorkerSettings

        workers = OrderWorkers(
            WorkerSettings(
                database_url=self.database_url,
                vault_keys=keys,
                route=self.broker_route,
                oauth_clients=self.oauth_clients,
                configure_logging=configure_logging,
                log_level=self.settings.log_level,
            ),
            count,
            self.notifier,
        )
        await workers.start()
        self._order_workers = workers
        log.info("%d order workers started", count)

    def market_data(self) -> MarketData:
        """The DXLink feeds (one per trader's production grant) that /gex and signal rules
        share, on the order pipeline's sessions and listed chains; made once, on first use."""
        from services.market.levels import MarketData

        if self._market_data is None:
            context = self.order_context()
            self._market_data = MarketData(context.pool, context.chains)
        return self._market_data

    def broker_quotes(self) -> BrokerQuotes | None:
        """Where a payoff's spot, IV and rate come from (the asking trader's grant); ``None``
        without the vault."""
        from services.reports.chart_data import BrokerQuotes

        if self.vault is None:
            return None
        return BrokerQuotes(self.vault, self.broker_route, self.oauth_clients)

    @property
    def is_demo(self) -> bool:
        return self.settings.mode is RunMode.DEMO

    def public_url(self) -> str:
        """The web page's root as traders reach it: PUBLIC_BASE_URL, else the address bound
        (known once the page runs; the demo binds any free port)."""
        if self.settings.public_base_url:
            return self.settings.public_base_url
        if self.web is not None:
            return str(self.web.url).rstrip("/")
        return self.settings.web_base_url

    async def prepare(self) -> None:
        """What must hold before the bot talks to Discord, in this order: the web page (so
        ``/healthz`` answers 503 while the database is not there yet), the database (retried
        for ``DATABASE_WAIT_SECONDS``), and the vault key (the stored canary must decrypt).
        Raises ``DatabaseUnavailableError`` or ``StartupError``; safe to call twice."""
        if self._prepared:
            return
        if self.options.start_web and self.web is None:
            app = create_app(
                self.status_board,
                db_check=db_is_reachable,
                hsts=self.settings.sends_hsts,
                features=self.web_features,
            )
            self.web = await start_web(app, self.settings.web_host, self.settings.web_port)
            log.info("web page on %s", self.web.url)
        await connect_db(self.database_url, wait_s=self.settings.database_wait_seconds)
        if self.vault is not None:
            await check_vault_key(self.vault)
        self._prepared = True

    async def setup_hook(self) -> None:
        await self.prepare()
        await self.start_order_workers()
        for extension in discover_cog_extensions():
            await self.load_extension(extension)
        for warm_up in self.options.warm_ups:
            self.run_in_background(warm_up)
        self.start_sync_on_launch()
        await self.sync_slash_commands()

    async def sync_slash_commands(self) -> None:
        """Publish the slash commands: to one server at once (DISCORD_GUILD_ID, development)
        or globally (Discord may take a while to show them). Skipped until logged in."""
        if not self.application_id:
            return
        if self.settings.discord_guild_id:
            guild = discord.Object(id=self.settings.discord_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
        else:
            synced = await self.tree.sync()
        log.info("synced %d slash commands", len(synced))

    def run_in_background(self, work: Callable[[], object]) -> None:
        """Run slow blocking start-up work in a thread without delaying the bot.

        Failures are logged and shown on the status page, not lost.
        """
        name = getattr(work, "__qualname__", repr(work))

        async def runner() -> None:
            try:
                await asyncio.to_thread(work)
            except Exception:
                log.exception("background task %s failed", name)
                self.status_board.record_error()

        task = asyncio.get_running_loop().create_task(runner(), name=name)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def run_task_in_background(self, work: Callable[[], Awaitable[object]], name: str) -> None:
        """Run async start-up work as a task without delaying the bot (cancelled on close).

        Failures are logged and shown on the status page, not lost.
        """

        async def runner() -> None:
            try:
                await work()
            except Exception:
                log.exception("background task %s failed", name)
                self.status_board.record_error()

        task = asyncio.get_running_loop().create_task(runner(), name=name)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def start_sync_on_launch(self) -> None:
        """Sync the traders who chose sync on launch, in the background (never blocks start-up;
        each sync records and tells its own failures)."""
        vault = self.vault
        if vault is None:
            return

        async def work() -> None:
            await sync_on_launch(
                vault=vault,
                route=self.broker_route,
                oauth_clients=self.oauth_clients,
                notifier=self.notifier,
                concurrency=self.settings.sync_on_launch_concurrency,
            )

        self.run_task_in_background(work, "sync-on-launch")

    async def on_ready(self) -> None:
        self.status_board.mark_connected(True)
        log.info("connected as %s", self.user)

    async def on_resumed(self) -> None:
        self.status_board.mark_connected(True)

    async def on_disconnect(self) -> None:
        self.status_board.mark_connected(False)

    async def close(self) -> None:
        for task in list(self._background):
            task.cancel()
        if self._background:  # a cancelled sync finishes its database write first
            await asyncio.wait(list(self._background), timeout=BACKGROUND_STOP_SECONDS)
        if self.web is not None:
            await self.web.stop()
            self.web = None
        self.status_board.mark_connected(False)
        self._prepared = False
        try:
            await super().close()  # unloads the cogs: their loops stop, firings drain
        finally:
            # then the feeds, then the sessions they (and the order pipeline) use
            if self._market_data is not None:
                await self._market_data.close()
                self._market_data = None
            if self._order_workers is not None:
                await self._order_workers.close()
                self._order_workers = None
            if self._order_context is not None:
                await self._order_context.close()
                self._order_context = None
            await close_db()
