"""Broker routing cannot go wrong by accident: enum environments, loopback-only overrides in
demo mode, and empty secrets refused before the SDK falls back to the operator's variables."""

from __future__ import annotations

import pytest
from pydantic import SecretStr
from tastytrade.session import API_URL, CERT_URL

from services.broker import BrokerConnection, BrokerRoute, Environment, broker_route, build_session
from services.broker.transport import (
    LoopbackTransport,
    close_sdk_session,
    is_loopback_url,
    session_transport,
)
from services.environment import parse_environment
from services.errors import ConfigurationError, ValidationError


def connection(environment: object, **overrides: object) -> BrokerConnection:
    values: dict[str, object] = {
        "environment": environment,
        "client_secret": "cs-trader",
        "refresh_token": "rt-trader",
    }
    values.update(overrides)
    return BrokerConnection(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["Sandbox", "sandbx", "SANDBOX ", "prod", "", "production\x00"])
def test_a_connection_refuses_any_environment_string_but_the_exact_values(text: str) -> None:
    with pytest.raises(ValidationError):
        connection(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sandbox", Environment.SANDBOX),
        (" Sandbox ", Environment.SANDBOX),
        ("PRODUCTION", Environment.PRODUCTION),
    ],
)
def test_people_may_type_an_environment_in_any_case(text: str, expected: Environment) -> None:
    assert parse_environment(text) is expected


@pytest.mark.parametrize("text", ["sandbx", "prod", "live", "", "s" * 10_000])
def test_a_mistyped_environment_is_refused_not_guessed(text: str) -> None:
    with pytest.raises(ValidationError, match="Unknown environment"):
        parse_environment(text)


@pytest.mark.parametrize(
    ("environment", "host_url"),
    [(Environment.SANDBOX, CERT_URL), (Environment.PRODUCTION, API_URL)],
)
async def test_without_an_override_sessions_go_to_tastytrades_own_hosts(
    environment: Environment, host_url: str
) -> None:
    session = build_session(connection(environment))
    try:
        assert str(session._client.base_url).rstrip("/") == host_url
        assert session.is_test is (environment is Environment.SANDBOX)
        transport = session_transport(session)
        assert transport is not None and not isinstance(transport, LoopbackTransport)
    finally:
        await close_sdk_session(session)


async def test_the_demo_override_routes_the_sandbox_to_the_local_sandbox() -> None:
    route = broker_route("http://127.0.0.1:8700", demo_mode=True)
    session = build_session(connection(Environment.SANDBOX, route=route))
    try:
        transport = session_transport(session)
        assert transport is not None
        assert transport.cert_url == "http://127.0.0.1:8700/sandbox"
        assert session.is_test
    finally:
        await close_sdk_session(session)


def test_an_override_is_refused_outside_demo_mode() -> None:
    with pytest.raises(ConfigurationError, match="only in demo mode"):
        broker_route("http://127.0.0.1:8700", demo_mode=False)


@pytest.mark.parametrize(
    "url",
    [
        "http://api.example.com",
        "http://10.0.0.5:8700",
        "http://127.0.0.1.evil.example:80",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://127.0.0.1:notaport",
        "http://[::1]:99999",
        "",
    ],
)
def test_an_override_must_be_a_loopback_http_url(url: str) -> None:
    with pytest.raises(ConfigurationError, match="loopback"):
        broker_route(url, demo_mode=True)
    with pytest.raises(ConfigurationError):
        BrokerRoute(url)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8700", "http://localhost:1", "https://[::1]:443", "http://127.9.9.9"]
)
def test_loopback_urls_are_recognised(url: str) -> None:
    assert is_loopback_url(url)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("client_secret", ""),
        ("client_secret", "   "),
        ("refresh_token", ""),
        ("refresh_token", SecretStr("\t\n")),
    ],
)
def test_empty_secrets_are_refused_before_the_sdk_reads_the_operators_variables(
    monkeypatch: pytest.MonkeyPatch, field: str, value: object
) -> None:
    monkeypatch.setenv("TT_SECRET", "operator-secret")
    monkeypatch.setenv("TT_REFRESH", "operator-refresh")

    with pytest.raises(ValidationError, match="is empty"):
        connection(Environment.PRODUCTION, **{field: value})


def test_a_connection_never_shows_its_secrets() -> None:
    shown = repr(connection(Environment.PRODUCTION)) + str(connection(Environment.SANDBOX))

    assert "cs-trader" not in shown
    assert "rt-trader" not in shown
    assert "production" in shown
