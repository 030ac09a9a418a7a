"""Which Tastytrade an SDK session talks to, decided in one place.

A session goes to Tastytrade's real hosts for its :class:`~services.environment.Environment`
(``api.tastyworks.com`` for production, ``api.cert.tastyworks.com`` for the sandbox). Only the
demo may point the SDK elsewhere, and only at a loopback address (the local simulator):
:func:`broker_route` refuses an override in real mode and any non-loopback URL.

Empty secrets are refused here, before the SDK sees them: given an empty client secret or
refresh token, the SDK silently falls back to the operator's ``TT_SECRET``/``TT_REFRESH``
environment variables, which would act for the wrong person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import SecretStr
from tastytrade import Session

from services.broker.transport import LoopbackTransport, SessionTransport, is_loopback_url
from services.environment import Environment
from services.errors import ConfigurationError, ValidationError


@dataclass(frozen=True)
class BrokerRoute:
    """Where SDK traffic goes. ``BrokerRoute()`` is Tastytrade itself; ``local_url`` is the root
    of a loopback server that answers for both environments (production at ``/``, the sandbox at
    ``/sandbox``), as the simulator does. Build one with :func:`broker_route`."""

    local_url: str | None = None

    def __post_init__(self) -> None:
        if self.local_url is not None and not is_loopback_url(self.local_url):
            raise ConfigurationError("The broker base URL must be a loopback http(s) address.")

    @property
    def is_tastytrade(self) -> bool:
        return self.local_url is None


def broker_route(base_url: str | None, *, demo_mode: bool) -> BrokerRoute:
    """The route for the composition root: Tastytrade, or (demo mode only) a loopback server."""
    if base_url is None:
        return BrokerRoute()
    if not demo_mode:
        raise ConfigurationError(
            "A broker base URL override is allowed only in demo mode (TASTYBOT_MODE=demo)."
        )
    return BrokerRoute(base_url.rstrip("/"))


@dataclass(frozen=True)
class OAuthClient:
    """The operator's Tastytrade OAuth client for one environment (partner approval needed)."""

    client_id: str
    client_secret: SecretStr

    def __repr__(self) -> str:
        return f"OAuthClient(client_id={self.client_id!r})"


def _required_secret(value: SecretStr | str, what: str) -> SecretStr:
    secret = value if isinstance(value, SecretStr) else SecretStr(value)
    if not secret.get_secret_value().strip():
        raise ValidationError(f"The {what} is empty.")
    return secret


@dataclass(frozen=True)
class BrokerConnection:
    """One Tastytrade grant (client secret + refresh token) for one environment, and the
    route to reach it. The secrets are ``SecretStr``: they never show in a repr or a log."""

    environment: Environment
    client_secret: SecretStr
    refresh_token: SecretStr
    route: BrokerRoute = field(default_factory=BrokerRoute)

    def __post_init__(self) -> None:
        if not isinstance(self.environment, Environment):
            # Only exact values convert: "Sandbox" or "sandbx" is a bug in the caller.
            try:
                object.__setattr__(self, "environment", Environment(self.environment))
            except ValueError:
                raise ValidationError("Unknown Tastytrade environment.") from None
        object.__setattr__(
            self, "client_secret", _required_secret(self.client_secret, "client secret")
        )
        object.__setattr__(
            self, "refresh_token", _required_secret(self.refresh_token, "refresh token")
        )

    def __repr__(self) -> str:
        return f"BrokerConnection(environment={self.environment.value!r}, route={self.route!r})"


def build_session(connection: BrokerConnection, **client_kwargs: Any) -> Session:
    """An unmodified SDK session for the connection, routed as its ``route`` says. Extra
    keyword arguments go to the SDK's ``httpx2.AsyncClient`` (timeouts, event hooks)."""
    is_test = connection.environment is Environment.SANDBOX
    if connection.route.local_url is not None:
        client_kwargs["transport"] = LoopbackTransport(connection.route.local_url)
    else:  # aiohttp underneath, as for the local server (see services.broker.http)
        client_kwargs["transport"] = SessionTransport()
    return Session(
        connection.client_secret.get_secret_value(),
        connection.refresh_token.get_secret_value(),
        is_test=is_test,
        **client_kwargs,
    )
