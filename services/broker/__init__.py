"""Tastytrade broker access: routing, sessions and account reads behind plain values."""

from services.broker.accounts import AccountSummary, list_accounts, open_session
from services.broker.routing import BrokerConnection, BrokerRoute, broker_route, build_session
from services.environment import Environment

__all__ = [
    "AccountSummary",
    "BrokerConnection",
    "BrokerRoute",
    "Environment",
    "broker_route",
    "build_session",
    "list_accounts",
    "open_session",
]
