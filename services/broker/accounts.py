"""Reading a trader's Tastytrade accounts through the SDK, behind plain values."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal

import httpx2
from tastytrade import Account, Session
from tastytrade.utils import TastytradeError

from services.broker.transport import close_sdk_session, sdk_session
from services.errors import BrokerError, BrokerUnavailableError

log = logging.getLogger(__name__)

SANDBOX = "sandbox"
PRODUCTION = "production"


@dataclass(frozen=True)
class BrokerConnection:
    """How to reach Tastytrade for one grant. ``base_url`` routes the SDK to a local server
    (the simulator); ``None`` means the real Tastytrade for the environment."""

    environment: str
    client_secret: str
    refresh_token: str
    base_url: str | None = None

    def __repr__(self) -> str:  # never show the secrets
        return f"BrokerConnection(environment={self.environment!r}, base_url={self.base_url!r})"


@dataclass(frozen=True)
class AccountSummary:
    account_number: str
    nickname: str
    account_type: str
    margin_or_cash: str
    net_liquidating_value: Decimal
    cash_balance: Decimal


@asynccontextmanager
async def open_session(connection: BrokerConnection) -> AsyncIterator[Session]:
    """An SDK session for the connection; errors become our BrokerError types."""
    is_test = connection.environment == SANDBOX
    if connection.base_url:
        session = sdk_session(
            connection.base_url,
            connection.client_secret,
            connection.refresh_token,
            is_test=is_test,
        )
    else:
        session = Session(connection.client_secret, connection.refresh_token, is_test=is_test)
    try:
        yield session
    except TastytradeError as exc:
        log.warning("tastytrade refused a request: %s", exc)
        raise BrokerError(f"Tastytrade said: {str(exc).strip()[:300]}") from None
    except (httpx2.TimeoutException, httpx2.TransportError) as exc:
        log.warning("tastytrade unreachable: %s", type(exc).__name__)
        raise BrokerUnavailableError() from None
    finally:
        await close_sdk_session(session)


async def list_accounts(connection: BrokerConnection) -> list[AccountSummary]:
    """The grant's open accounts with their current net liquidating value and cash."""
    async with open_session(connection) as session:
        accounts = await Account.get(session)
        summaries = []
        for account in accounts:
            balances = await account.get_balances(session)
            summaries.append(
                AccountSummary(
                    account_number=account.account_number,
                    nickname=account.nickname,
                    account_type=account.account_type_name,
                    margin_or_cash=account.margin_or_cash,
                    net_liquidating_value=balances.net_liquidating_value,
                    cash_balance=balances.cash_balance,
                )
            )
    return summaries
