"""Tastytrade broker access: routing, sessions and account reads behind plain values."""

from services.broker.accounts import AccountSummary, list_accounts
from services.broker.client import BrokerClient, RetryPolicy, broker_client
from services.broker.routing import BrokerConnection, BrokerRoute, broker_route, build_session
from services.environment import Environment

__all__ = [
    "AccountSummary",
    "BrokerClient",
    "BrokerConnection",
    "BrokerRoute",
    "Environment",
    "RetryPolicy",
    "broker_client",
    "broker_route",
    "build_session",
    "list_accounts",
]
