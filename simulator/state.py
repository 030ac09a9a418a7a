"""In-memory simulator state: environments, users and accounts.

The fields listed in ``INTERFACES.md`` are the contract shared with the market and history
modules; everything after them has a default so other modules can build these objects with the
contract fields only.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from simulator.faults import Faults
    from simulator.market import Market
    from simulator.orders import OrderEngine

PRODUCTION = "production"
SANDBOX = "sandbox"


@dataclass
class AccountState:
    account: dict[str, Any]
    transactions: list[dict[str, Any]] = field(default_factory=list)
    positions: dict[str, dict[str, Any]] = field(default_factory=dict)
    cash: Decimal = Decimal(0)
    orders: dict[int, dict[str, Any]] = field(default_factory=dict)
    complex_orders: dict[int, dict[str, Any]] = field(default_factory=dict)
    balance_snapshots: list[dict[str, Any]] = field(default_factory=list)
    # not in the contract: the sandbox reset restores the cash to this deposit
    initial_deposit: Decimal = Decimal(0)

    @property
    def number(self) -> str:
        return str(self.account["account-number"])


@dataclass
class User:
    username: str
    customer: dict[str, Any]
    accounts: dict[str, AccountState]
    client_id: str
    client_secret: str
    refresh_tokens: set[str] = field(default_factory=set)
    # not in the contract
    password: str = "password"
    external_id: str = ""


@dataclass
class Environment:
    name: str
    market: Market
    users: dict[str, User] = field(default_factory=dict)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    access_tokens: dict[str, tuple[str, float]] = field(default_factory=dict)
    fill_model: str = "quote"
    market_data_enabled: bool = True
    # not in the contract (core-owned runtime state; defaults keep other constructors working)
    today: date | None = None
    faults: Faults | None = None
    redirect_uris: list[str] = field(default_factory=list)
    access_token_ttl: float = 900.0
    auth_codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    refresh_clients: dict[str, str] = field(default_factory=dict)  # refresh token -> client id
    # Any, not Optional: tests, benches and the sync helpers call env.ledger.* on environments
    # the app built, where both are always set (simulator.ledger.Ledger, simulator.alerts.AlertHub)
    ledger: Any = None
    alerts: Any = None
    engine: OrderEngine | None = None
    base_path: str = ""  # "" for production, "/sandbox" for the sandbox
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_sandbox(self) -> bool:
        return self.name == SANDBOX

    def next_id(self) -> int:
        return next(self.ids)

    def account(self, number: str) -> tuple[User, AccountState] | None:
        """The owner and state of an account number in this environment."""
        for user in self.users.values():
            acct = user.accounts.get(number)
            if acct is not None:
                return user, acct
        return None

    def all_accounts(self) -> Iterator[tuple[User, AccountState]]:
        for user in self.users.values():
            for acct in user.accounts.values():
                yield user, acct

    def user_for_refresh_token(self, token: str) -> User | None:
        for user in self.users.values():
            if token in user.refresh_tokens:
                return user
        return None

    def user_for_client(self, client_id: str) -> User | None:
        for user in self.users.values():
            if user.client_id == client_id:
                return user
        return None


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(24)


ENV_KEY: web.AppKey[Environment] = web.AppKey("simulator_environment", Environment)
USER_KEY: web.RequestKey[User] = web.RequestKey("simulator_user", User)
