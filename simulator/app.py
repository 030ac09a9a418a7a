"""The simulator's aiohttp application: production at ``/``, the sandbox mounted at ``/sandbox``.

``build_simulation(SimConfig(...))`` builds both environments (users, accounts, history, order
engines, account streamers, faults) and the root ``web.Application``; ``server.run_simulator``
serves it. Middleware (installed once, on the root app, so it runs exactly once per request)
resolves the environment from the path, applies faults, checks bearer tokens and renders
``ApiError``/``OrderRejected`` as the Tastytrade error envelope.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import logging
import random
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from aiohttp import web

from simulator import dxlink, ground_truth, history, routes_market, scenario, wire
from simulator.alerts import AlertHub, add_alert_routes
from simulator.clock import Clock, WallClock
from simulator.faults import (
    FaultConfigError,
    Faults,
    apply_request_faults,
    drop_connection,
    env_relative_path,
    should_drop,
)
from simulator.hours import MARKET_HOURS, WALL, MarketHours
from simulator.ledger import Ledger
from simulator.market import Market
from simulator.oauth import (
    add_oauth_routes,
    expire_access_tokens,
    grant_refresh_token,
    is_public,
    unauthorized,
    user_for_access_token,
)
from simulator.orders import OrderEngine, OrderRejected
from simulator.routes_accounts import ApiError, add_account_routes
from simulator.routes_orders import add_order_routes
from simulator.state import (
    ENV_KEY,
    PRODUCTION,
    SANDBOX,
    USER_KEY,
    AccountState,
    Environment,
    User,
)

log = logging.getLogger(__name__)

SANDBOX_PREFIX = "/sandbox"
DEFAULT_REDIRECT_URIS = (
    "http://127.0.0.1:8080/oauth/callback",
    "http://localhost:8080/oauth/callback",
)
FILL_MODELS = ("legacy", "quote")


@dataclass
class SimConfig:
    seed: int = 7
    host: str = "127.0.0.1"
    port: int = 0
    scenario: str | Path | None = None
    fill_model: str | None = None  # overrides both environments' defaults when set
    production_fill_model: str = "quote"
    sandbox_fill_model: str = "legacy"
    transactions: int | None = None
    today: date | None = None
    redirect_uris: list[str] = field(default_factory=lambda: list(DEFAULT_REDIRECT_URIS))
    access_token_ttl: float = 900.0
    faults: Any = None
    market_tick: float = 1.0  # seconds between market steps; 0 disables the ticker
    order_step_delay: float = 0.005
    history: bool = True
    clock: Clock | None = None  # the order engines' clock (default: WallClock(today))
    # "wall": the NYSE session at the clock's time of day; "open": the regular session is open
    # whatever the time and nothing expires at a close (see simulator.hours)
    market_hours: str = WALL

    def __post_init__(self) -> None:
        for model in (self.fill_model, self.production_fill_model, self.sandbox_fill_model):
            if model is not None and model not in FILL_MODELS:
                raise ValueError(f"fill model must be one of {FILL_MODELS}, not {model!r}")
        if self.market_hours not in MARKET_HOURS:
            raise ValueError(
                f"market hours must be one of {MARKET_HOURS}, not {self.market_hours!r}"
            )
        if isinstance(self.faults, str):
            self.faults = json.loads(self.faults)


# seeding ------------------------------------------------------------------------------------
ACCOUNT_PLANS: dict[str, list[tuple[str, str, str, Decimal]]] = {
    # nickname, account-type-name, margin-or-cash, initial deposit
    "primary": [
        ("Individual", "Individual", "Margin", Decimal(100_000)),
        ("Cash", "Individual", "Cash", Decimal(25_000)),
        ("Roth IRA", "Roth IRA", "Cash", Decimal(50_000)),
    ],
    "other": [
        ("Individual", "Individual", "Margin", Decimal(60_000)),
        ("Traditional IRA", "Traditional IRA", "Cash", Decimal(30_000)),
    ],
}


def _style(type_name: str, margin_or_cash: str) -> str:
    if "IRA" in type_name:
        return history.IRA
    return history.MARGIN if margin_or_cash == "Margin" else history.CASH


def create_users(env: Environment, seed: int, today: date) -> None:
    """Two users per environment (a primary one with three accounts and another with two)."""
    rng = random.Random(f"{seed}:{env.name}:users")
    prefix = "5WT" if env.name == PRODUCTION else "5WZ"
    opened = datetime.combine(today - timedelta(days=400), time(14, 30), UTC)
    serial = 1
    for role, accounts in ACCOUNT_PLANS.items():
        username = ("demo" if role == "primary" else "other") + (
            "" if env.name == PRODUCTION else "-sandbox"
        )
        customer = history.make_customer(username, rng, opened)
        user = User(
            username=username,
            customer=customer,
            accounts={},
            client_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            client_secret=f"{rng.getrandbits(160):040x}",
            password=f"{username}-password",
            external_id=customer["external-id"],
        )
        for nickname, type_name, moc, deposit in accounts:
            number = f"{prefix}{serial:05d}"
            serial += 1
            acct = AccountState(
                account=history.make_account(
                    number, _style(type_name, moc), opened, type_name=type_name, nickname=nickname
                ),
                initial_deposit=deposit,
            )
            user.accounts[number] = acct
        env.users[username] = user
        personal = f"sim-rt-{rng.getrandbits(192):048x}"
        user.refresh_tokens.add(personal)
        env.refresh_clients[personal] = user.client_id


def deposit_initial(env: Environment, acct: AccountState, when: datetime) -> None:
    if acct.initial_deposit and env.ledger is not None:
        env.ledger.cash(
            acct,
            sub_type="Deposit",
            amount=acct.initial_deposit,
            executed_at=when,
            description="ACH DEPOSIT",
        )


# Generated histories by what determines them, kept for this process: a year of history
# takes about a second to generate and the tests start a simulator hundreds of times, while a
# copy takes milliseconds. Each entry holds the environment's users (their accounts,
# transactions, positions, snapshots) and the next id it hands out.
_HISTORIES: dict[tuple[Any, ...], tuple[dict[str, User], int]] = {}


def populate(env: Environment, config: SimConfig, today: date) -> None:
    """History from ``simulator.history`` (production gets a year of trading, the sandbox only
    the opening deposits); with ``history`` off, just the opening deposits."""
    if config.history:
        key = _history_key(env, config, today)
        cached = _HISTORIES.get(key) if key is not None else None
        if cached is None:
            history.populate_environment(env, seed=config.seed, transactions=config.transactions)
            if key is None:
                return
            cached = (copy.deepcopy(env.users), next(env.ids))
            _HISTORIES[key] = cached
        users, next_id = cached
        env.users = copy.deepcopy(users)
        env.ids = itertools.count(next_id)
        env.ledger = Ledger(env.ids)
        return
    when = datetime.combine(today - timedelta(days=1), time(14, 0), UTC)
    for _user, acct in env.all_accounts():
        if not acct.transactions:
            deposit_initial(env, acct, when)


def _history_key(env: Environment, config: SimConfig, today: date) -> tuple[Any, ...] | None:
    """What a generated history depends on (the users are made from the same seed and day);
    ``None`` when it may depend on something else (a clock of the caller's)."""
    if config.clock is not None:
        return None
    return (env.name, config.seed, today, config.transactions, config.market_hours)


def reset_sandbox(env: Environment) -> dict[str, int]:
    """Tastytrade's daily sandbox reset: trades, transactions and positions go; balances are
    cleared back to the initial deposit; users and accounts stay."""
    counts = {"orders": 0, "transactions": 0, "positions": 0}
    if env.engine is not None:
        env.engine.reset()
    when = datetime.now(UTC) - timedelta(seconds=1)
    for _user, acct in env.all_accounts():
        counts["orders"] += len(acct.orders)
        counts["transactions"] += len(acct.transactions)
        counts["positions"] += len(acct.positions)
        acct.orders.clear()
        acct.complex_orders.clear()
        acct.transactions.clear()
        acct.positions.clear()
        acct.balance_snapshots.clear()
        acct.cash = Decimal(0)
        deposit_initial(env, acct, when)
    return counts


# the simulation ------------------------------------------------------------------------------
class Simulation:
    """Both environments, their apps, and the background tasks (market ticker)."""

    def __init__(self, config: SimConfig) -> None:
        self.config = config
        self.today = config.today or datetime.now(UTC).date()
        self.clock: Clock = config.clock or WallClock(config.today)
        self.hours = MarketHours(config.market_hours, self.clock.now)
        self.market = Market(config.seed, self.today, hours=self.hours)
        self.faults = Faults(config.seed)
        self.engines: list[OrderEngine] = []  # production's, then the sandbox's
        self.hubs: list[AlertHub] = []
        self.production = self._env(PRODUCTION, "")
        self.sandbox = self._env(SANDBOX, SANDBOX_PREFIX)
        if config.faults:
            self.faults.configure(config.faults)
        self.base_url = ""
        self._ticker: asyncio.Task[None] | None = None
        self.app = self._build_app()

    @property
    def environments(self) -> tuple[Environment, Environment]:
        return self.production, self.sandbox

    def _env(self, name: str, base_path: str) -> Environment:
        cfg = self.config
        default_model = cfg.production_fill_model if name == PRODUCTION else cfg.sandbox_fill_model
        env = Environment(
            name=name,
            market=self.market,
            fill_model=cfg.fill_model or default_model,
            market_data_enabled=name == PRODUCTION,
            today=self.today,
            faults=self.faults,
            redirect_uris=list(cfg.redirect_uris),
            access_token_ttl=cfg.access_token_ttl,
            base_path=base_path,
        )
        env.ledger = Ledger(env.ids)
        env.alerts = AlertHub()
        env.engine = OrderEngine(env, self.clock, step_delay=cfg.order_step_delay)
        self.engines.append(env.engine)
        self.hubs.append(env.alerts)
        create_users(env, cfg.seed, self.today)
        if cfg.scenario and name == PRODUCTION:
            self._load_scenario(env, cfg.scenario)
        else:
            populate(env, cfg, self.today)
        return env

    def _load_scenario(self, env: Environment, path: str | Path) -> None:
        scenario.load_scenario(Path(path), env)

    def _build_app(self) -> web.Application:
        root = web.Application(middlewares=[self._middleware], client_max_size=4 * 1024**2)
        sandbox = web.Application(client_max_size=4 * 1024**2)
        for app, env in ((root, self.production), (sandbox, self.sandbox)):
            app[ENV_KEY] = env
            add_oauth_routes(app)
            add_account_routes(app)
            add_order_routes(app)
            add_alert_routes(app)
            self._add_control_routes(app)
            routes_market.add_market_routes(app)
            dxlink.add_dxlink_route(app)
        root.router.add_get("/", self._index)
        root.add_subapp(SANDBOX_PREFIX, sandbox)
        root.on_startup.append(self._on_startup)
        root.on_shutdown.append(self._on_shutdown)
        root.on_cleanup.append(self._on_cleanup)
        return root

    # middleware ------------------------------------------------------------------------
    def env_for_path(self, path: str) -> Environment:
        if path == SANDBOX_PREFIX or path.startswith(SANDBOX_PREFIX + "/"):
            return self.sandbox
        return self.production

    @web.middleware
    async def _middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        env = self.env_for_path(request.path)
        rel = env_relative_path(request.path, env.base_path)
        fault_response = await apply_request_faults(self.faults, request, env.name, rel)
        if fault_response is not None:
            return fault_response
        if env.is_sandbox and "Accept-Version" in request.headers:
            # the real sandbox refuses API versioning (the SDK leaves the header out there)
            return wire.api_error(
                406, "unsupported_accept_version", "Accept-Version is not supported here"
            )
        if not is_public(rel):
            user = user_for_access_token(env, request.headers.get("Authorization"))
            if user is None:
                return unauthorized()
            request[USER_KEY] = user
        try:
            response = await handler(request)
        except ApiError as exc:
            response = wire.api_error(exc.status, exc.code, exc.message)
        except OrderRejected as exc:
            response = wire.api_error(exc.status, exc.code, exc.message, exc.errors)
        except web.HTTPNotFound:
            response = wire.api_error(404, "not_found", f"No route for {request.path}")
        except web.HTTPMethodNotAllowed:
            response = wire.api_error(405, "method_not_allowed", f"{request.method} not allowed")
        except web.HTTPException:
            raise  # aiohttp's own answers (413 body too large, ...)
        except Exception:
            log.exception("simulator error on %s %s", request.method, request.path)
            response = wire.api_error(500, "internal_error", "The simulator failed on this request")
        if response.status < 400 and should_drop(self.faults, request, env.name, rel):
            drop_connection(request)
        return response

    # control routes ------------------------------------------------------------------------
    def _add_control_routes(self, app: web.Application) -> None:
        app.router.add_get("/_sim/credentials", self._credentials)
        app.router.add_get("/_sim/state", self._state)
        app.router.add_get("/_sim/orders", self._accepted_orders)
        app.router.add_post("/_sim/reset", self._reset)
        app.router.add_get("/_sim/faults", self._faults_get)
        app.router.add_post("/_sim/faults", self._faults_post)
        app.router.add_delete("/_sim/faults", self._faults_clear)
        app.router.add_post("/_sim/market/step", self._market_step)
        app.router.add_post("/_sim/tokens/expire", self._expire_tokens)

    def credentials(self, base_url: str | None = None) -> dict[str, dict[str, str]]:
        root = (base_url or self.base_url).rstrip("/")
        out: dict[str, dict[str, str]] = {}
        for env in self.environments:
            user = primary_user(env)
            refresh = sorted(user.refresh_tokens)[0] if user.refresh_tokens else ""
            out[env.name] = {
                "base_url": root + env.base_path,
                "client_secret": user.client_secret,
                "refresh_token": refresh,
                "oauth_client_id": user.client_id,
                "username": user.username,
                "password": user.password,
            }
        return out

    def _request_root(self, request: web.Request) -> str:
        return self.base_url or f"{request.scheme}://{request.host}"

    async def _credentials(self, request: web.Request) -> web.Response:
        return wire.json_response(self.credentials(self._request_root(request)))

    def state(self) -> dict[str, Any]:
        """Ground truth of both environments (``GET /_sim/state``)."""
        return {
            "today": self.today.isoformat(),
            "market-hours": self.hours.mode,
            "environments": {
                env.name: ground_truth.environment_state(env) for env in self.environments
            },
            "faults": self.faults.to_json(),
        }

    def accepted_orders(
        self,
        environment: str | None = None,
        account: str | None = None,
        external_identifier: str | None = None,
    ) -> list[ground_truth.AcceptedOrder]:
        """Every order either environment accepted, oldest first (see ``ground_truth``)."""
        return ground_truth.accepted_orders(
            self.environments,
            environment=environment,
            account=account,
            external_identifier=external_identifier,
        )

    async def _state(self, request: web.Request) -> web.Response:
        return wire.json_response(self.state())

    async def _accepted_orders(self, request: web.Request) -> web.Response:
        """``GET /_sim/orders[?env=&account=&external-identifier=]``: the accepted-order log."""
        env = request.query.get("env") or None
        if env is not None and env not in (PRODUCTION, SANDBOX):
            return wire.api_error(400, "invalid_parameter", "env is production or sandbox")
        rows = self.accepted_orders(
            env, request.query.get("account") or None, request.query.get("external-identifier")
        )
        return wire.json_response({"orders": [row.to_json() for row in rows]})

    async def _reset(self, request: web.Request) -> web.Response:
        counts = reset_sandbox(self.sandbox)
        return wire.json_response({"reset": SANDBOX, "deleted": counts})

    async def _faults_get(self, request: web.Request) -> web.Response:
        return wire.json_response(self.faults.to_json())

    async def _faults_post(self, request: web.Request) -> web.Response:
        try:
            spec = json.loads(await request.text() or "[]")
            immediate = self.faults.configure(spec)
        except (ValueError, FaultConfigError) as exc:
            return wire.api_error(400, "invalid_faults", str(exc))
        actions = await self.apply_immediate(immediate)
        return wire.json_response({**self.faults.to_json(), "actions": actions})

    async def _faults_clear(self, request: web.Request) -> web.Response:
        self.faults.configure([])
        return wire.json_response(self.faults.to_json())

    async def apply_immediate(self, rules: list[Any]) -> dict[str, int]:
        actions: dict[str, int] = {}
        for rule in rules:
            if rule.kind == "dxlink_disconnect":
                actions["dxlink_disconnect"] = actions.get(
                    "dxlink_disconnect", 0
                ) + await self.disconnect_dxlink(rule.env)
        for rule in self.faults.rules:
            if rule.kind == "token_expiry":
                for env in self.environments:
                    if rule.env in ("*", env.name):
                        actions["token_expiry"] = actions.get(
                            "token_expiry", 0
                        ) + expire_access_tokens(env, rule.seconds)
        return actions

    async def disconnect_dxlink(self, env_name: str = "*") -> int:
        name = None if env_name in ("", "*") else env_name
        return await dxlink.drop_dxlink_by_name(name)

    async def _market_step(self, request: web.Request) -> web.Response:
        steps = int(request.query.get("steps", "1"))
        filled = await self.step_market(max(1, min(steps, 10_000)))
        return wire.json_response(
            {"steps": steps, "filled": filled, "version": self.market.version}
        )

    async def step_market(self, steps: int = 1) -> int:
        for _ in range(steps):
            self.market.step()
        filled = 0
        for engine in self.engines:
            filled += await engine.on_market_step()
        return filled

    async def _expire_tokens(self, request: web.Request) -> web.Response:
        counts = {env.name: expire_access_tokens(env) for env in self.environments}
        return wire.json_response({"expired": counts})

    async def _index(self, request: web.Request) -> web.Response:
        root = self._request_root(request)
        return wire.json_response(
            {
                "name": "tastytrade API simulator",
                "production": root,
                "sandbox": root + SANDBOX_PREFIX,
                "credentials": root + "/_sim/credentials",
                "state": root + "/_sim/state",
            }
        )

    # lifecycle ---------------------------------------------------------------------------
    async def _on_startup(self, app: web.Application) -> None:
        if self.config.market_tick > 0:
            self._ticker = asyncio.get_running_loop().create_task(self._tick())

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(self.config.market_tick)
            try:
                await self.step_market()
            except Exception:  # pragma: no cover - keep ticking
                log.exception("market step failed")

    async def _on_shutdown(self, app: web.Application) -> None:
        # before aiohttp waits for open requests: a hung request or an account-streamer
        # socket still open would hold it for a minute (Tastytrade drops them when it stops)
        self.faults.release_holds()
        for hub in self.hubs:
            await hub.close_all()

    async def _on_cleanup(self, app: web.Application) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        for engine in self.engines:
            await engine.close()
        for hub in self.hubs:
            await hub.close_all()


def primary_user(env: Environment) -> User:
    return next(iter(env.users.values()))


def grant_personal_token(env: Environment, username: str) -> str:
    """A new personal-grant refresh token for ``username`` (like *Manage -> Create Grant*)."""
    return grant_refresh_token(env, env.users[username])
